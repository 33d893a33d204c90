//! Map projections: a raw projection on the unit sphere (radians in, radians out), and a
//! [`Projection`] that adds the scale and translation fitted to a viewport.

use super::great_circle::{lon_lat, Unit};
use super::trig::sin_cos;
use super::{LonLat, Px};
use std::f64::consts::FRAC_PI_2;

/// Which projection draws the map. The default suits a regional map around one origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectionKind {
    /// Azimuthal equidistant centred on the origin: distances and directions from the origin
    /// are true, so every trip's straight-line reach from Pyongyang is to scale.
    #[default]
    AzimuthalEquidistant,
    /// Spherical Mercator with the central meridian at the origin's longitude.
    Mercator,
    /// Plate carrée with the central meridian at the origin's longitude.
    Equirectangular,
}

impl ProjectionKind {
    /// Reads a name as used in options: `azimuthal-equidistant`, `mercator`, `equirectangular`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "azimuthal-equidistant" | "aeqd" => Some(Self::AzimuthalEquidistant),
            "mercator" => Some(Self::Mercator),
            "equirectangular" => Some(Self::Equirectangular),
            _ => None,
        }
    }

    /// Projects (λ, φ) in radians, with λ relative to the centre's longitude, to unit-sphere
    /// plane coordinates (x east, y north). `None` where the projection is undefined.
    fn forward(self, lambda: f64, phi: f64, centre: &Centre) -> Option<(f64, f64)> {
        match self {
            Self::AzimuthalEquidistant => {
                let (sin_phi, cos_phi) = sin_cos(phi);
                let (sin_l, cos_l) = sin_cos(lambda);
                // The point's unit vector, with the centre on the meridian λ = 0.
                let (x, y, z) = (cos_phi * cos_l, cos_phi * sin_l, sin_phi);
                azimuthal(
                    y,
                    centre.cos_phi * z - centre.sin_phi * x,
                    centre.cos_phi * x + centre.sin_phi * z,
                )
            }
            Self::Mercator => {
                if phi.abs() >= FRAC_PI_2 - 1e-9 {
                    return None;
                }
                // ln tan(π/4 + φ/2), written with the sine alone.
                let s = sin_cos(phi).0;
                Some((lambda, 0.5 * ((1.0 + s) / (1.0 - s)).ln()))
            }
            Self::Equirectangular => Some((lambda, phi)),
        }
    }

    /// The inverse of [`Self::forward`].
    fn inverse(self, x: f64, y: f64, phi0: f64) -> Option<(f64, f64)> {
        match self {
            Self::AzimuthalEquidistant => {
                let c = x.hypot(y);
                if c < 1e-12 {
                    return Some((0.0, phi0));
                }
                if c > std::f64::consts::PI {
                    return None;
                }
                let (sin_c, cos_c) = sin_cos(c);
                let (sin_phi0, cos_phi0) = sin_cos(phi0);
                let phi =
                    super::clamp(cos_c * sin_phi0 + y * sin_c * cos_phi0 / c, -1.0, 1.0).asin();
                let lambda = (x * sin_c).atan2(c * cos_phi0 * cos_c - y * sin_phi0 * sin_c);
                Some((lambda, phi))
            }
            Self::Mercator => Some((x, 2.0 * y.exp().atan() - FRAC_PI_2)),
            Self::Equirectangular => Some((x, y)),
        }
    }
}

/// The azimuthal equidistant projection of a point given by its components along the east
/// and north directions at the centre and along the centre itself (its cosine of distance).
fn azimuthal(east: f64, north: f64, cos_c: f64) -> Option<(f64, f64)> {
    let sin_c = (east * east + north * north).sqrt();
    let c = sin_c.atan2(cos_c);
    // The antipode has no single image.
    if (c - std::f64::consts::PI).abs() < 1e-12 {
        return None;
    }
    let k = if c < 1e-12 { 1.0 } else { c / sin_c };
    Some((k * east, k * north))
}

/// What every point projected at once shares: the sine and cosine of the centre's latitude.
struct Centre {
    sin_phi: f64,
    cos_phi: f64,
}

impl Centre {
    fn of(p: LonLat) -> Centre {
        let (sin_phi, cos_phi) = sin_cos(p.lat_deg.to_radians());
        Centre { sin_phi, cos_phi }
    }
}

/// The centre's unit vector and the east and north directions there: what projecting unit
/// vectors shares.
struct Frame {
    at: Unit,
    east: Unit,
    north: Unit,
}

impl Frame {
    fn of(p: LonLat) -> Frame {
        let Centre { sin_phi, cos_phi } = Centre::of(p);
        let (sin_l, cos_l) = sin_cos(p.lon_deg.to_radians());
        Frame {
            at: [cos_phi * cos_l, cos_phi * sin_l, sin_phi],
            east: [-sin_l, cos_l, 0.0],
            north: [-sin_phi * cos_l, -sin_phi * sin_l, cos_phi],
        }
    }
}

fn dot(a: Unit, b: Unit) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// A projection fitted to a viewport: degrees in, SVG pixels out (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// The raw projection.
    pub kind: ProjectionKind,
    /// The centre: its longitude is the central meridian.
    pub center: LonLat,
    /// Pixels per radian of the unit sphere (divide by the Earth's radius for px per km).
    pub scale: f64,
    /// Pixel position of the plane's origin (the centre point for azimuthal projections).
    pub translate: Px,
}

/// The viewport a projection is fitted into.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Width of the map in px.
    pub width: f64,
    /// Space kept free around the fitted points, in px.
    pub padding: f64,
    /// Extra space kept free at the bottom (for a credit line), in px.
    pub bottom_extra: f64,
    /// Extra space kept free at the top (for a title the points would run under), in px.
    pub top_extra: f64,
    /// The least height, as a fraction of the width.
    pub min_aspect: f64,
    /// The greatest height, as a fraction of the width.
    pub max_aspect: f64,
}

impl Projection {
    /// An unfitted projection (scale 1, no translation).
    pub fn new(kind: ProjectionKind, center: LonLat) -> Self {
        Projection {
            kind,
            center,
            scale: 1.0,
            translate: Px::default(),
        }
    }

    /// The unfitted plane coordinates of `p` (x east, y north, radians of the unit sphere):
    /// they depend only on the kind and the centre, so a map projects each point once and
    /// fits and re-fits with [`Self::fit_raw`] and [`Self::place`].
    pub fn raw(&self, p: LonLat) -> Option<(f64, f64)> {
        self.raw_many()(p)
    }

    /// [`Self::raw`] for many points: the centre's sine and cosine are worked out once, not
    /// once a point (a quarter of the trigonometry of projecting a route).
    pub fn raw_many(&self) -> impl Fn(LonLat) -> Option<(f64, f64)> + '_ {
        let centre = Centre::of(self.center);
        move |p| {
            let lambda = wrap_pi((p.lon_deg - self.center.lon_deg).to_radians());
            self.kind.forward(lambda, p.lat_deg.to_radians(), &centre)
        }
    }

    /// [`Self::raw_many`] for points given as unit vectors ([`super::great_circle::Unit`]):
    /// in the azimuthal projection, with no trigonometry but one arctangent a point.
    pub fn raw_unit(&self) -> impl Fn(Unit) -> Option<(f64, f64)> + '_ {
        let frame = Frame::of(self.center);
        let raw = self.raw_many();
        move |v| match self.kind {
            ProjectionKind::AzimuthalEquidistant => {
                azimuthal(dot(v, frame.east), dot(v, frame.north), dot(v, frame.at))
            }
            _ => raw(lon_lat(v)),
        }
    }

    /// Projects a point to pixels; `None` where the projection is undefined (a pole in
    /// Mercator, the antipode in the azimuthal projection).
    ///
    /// ```
    /// use tripmap::geo::{LonLat, Projection, ProjectionKind};
    /// let p = Projection::new(ProjectionKind::AzimuthalEquidistant, LonLat::new(125.75, 39.02));
    /// let c = p.project(LonLat::new(125.75, 39.02)).unwrap();
    /// assert!(c.x.abs() < 1e-9 && c.y.abs() < 1e-9);
    /// ```
    pub fn project(&self, p: LonLat) -> Option<Px> {
        self.raw(p).map(|raw| self.place(raw))
    }

    /// The pixel position of plane coordinates from [`Self::raw`].
    pub fn place(&self, (x, y): (f64, f64)) -> Px {
        Px {
            x: self.translate.x + self.scale * x,
            y: self.translate.y - self.scale * y,
        }
    }

    /// The point that projects to `px`, if any.
    pub fn invert(&self, px: Px) -> Option<LonLat> {
        if self.scale == 0.0 {
            return None;
        }
        let x = (px.x - self.translate.x) / self.scale;
        let y = (self.translate.y - px.y) / self.scale;
        let (lambda, phi) = self.kind.inverse(x, y, self.center.lat_deg.to_radians())?;
        Some(LonLat::new(
            wrap_180(lambda.to_degrees() + self.center.lon_deg),
            phi.to_degrees(),
        ))
    }

    /// Pixels per km at the centre (exact everywhere along radii for the azimuthal projection).
    pub fn px_per_km(&self) -> f64 {
        self.scale / super::EARTH_RADIUS_KM
    }

    /// Fits the projection so that every point lies inside the viewport, centred, with the
    /// padding kept free. Returns the projection and the map's height in px, which follows the
    /// points' extent within the viewport's aspect limits. Points the projection cannot show
    /// are ignored; with no points left the centre fills the map.
    pub fn fit(
        kind: ProjectionKind,
        center: LonLat,
        points: impl IntoIterator<Item = LonLat>,
        viewport: Viewport,
    ) -> (Projection, f64) {
        let unit = Projection::new(kind, center);
        let raw = points.into_iter().filter_map(unit.raw_many());
        Self::fit_raw(kind, center, raw, viewport)
    }

    /// [`Self::fit`] for points already in plane coordinates ([`Self::raw`] of the same kind
    /// and centre).
    pub fn fit_raw(
        kind: ProjectionKind,
        center: LonLat,
        raw: impl IntoIterator<Item = (f64, f64)>,
        viewport: Viewport,
    ) -> (Projection, f64) {
        Self::fit_extent(kind, center, Self::raw_extent(raw), viewport)
    }

    /// The extent of points in plane coordinates, `[x0, y0, x1, y1]` with y pointing down as
    /// on screen; inverted (x0 > x1) when there are none.
    pub fn raw_extent(raw: impl IntoIterator<Item = (f64, f64)>) -> [f64; 4] {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in raw {
            x0 = x0.min(x);
            x1 = x1.max(x);
            // y up on the sphere, y down on screen.
            y0 = y0.min(-y);
            y1 = y1.max(-y);
        }
        [x0, y0, x1, y1]
    }

    /// [`Self::fit_raw`] for an extent already measured ([`Self::raw_extent`]): cheap enough
    /// to fit the same points again into another viewport.
    #[inline(never)]
    pub fn fit_extent(
        kind: ProjectionKind,
        center: LonLat,
        [mut x0, mut y0, mut x1, mut y1]: [f64; 4],
        viewport: Viewport,
    ) -> (Projection, f64) {
        if x0 > x1 {
            (x0, y0, x1, y1) = (-0.1, -0.1, 0.1, 0.1);
        }
        // A single point (or a line) still needs an area to fit: about 200 km.
        let min_span = 200.0 / super::EARTH_RADIUS_KM;
        let grow = |lo: &mut f64, hi: &mut f64| {
            let gap = min_span - (*hi - *lo);
            if gap > 0.0 {
                *lo -= gap / 2.0;
                *hi += gap / 2.0;
            }
        };
        grow(&mut x0, &mut x1);
        grow(&mut y0, &mut y1);
        let (bw, bh) = (x1 - x0, y1 - y0);
        let inner_w = (viewport.width - 2.0 * viewport.padding).max(1.0);
        let bottom = viewport.bottom_extra.max(0.0);
        let top = viewport.top_extra.max(0.0);
        let wanted_h = inner_w * bh / bw + 2.0 * viewport.padding + bottom + top;
        let height = super::clamp(
            wanted_h,
            viewport.width * viewport.min_aspect,
            viewport.width * viewport.max_aspect,
        );
        let inner_h = (height - 2.0 * viewport.padding - bottom - top).max(1.0);
        let scale = (inner_w / bw).min(inner_h / bh);
        let translate = Px {
            x: viewport.width / 2.0 - scale * (x0 + x1) / 2.0,
            y: (height - bottom + top) / 2.0 - scale * (y0 + y1) / 2.0,
        };
        (
            Projection {
                kind,
                center,
                scale,
                translate,
            },
            height,
        )
    }
}

fn wrap_pi(a: f64) -> f64 {
    use std::f64::consts::{PI, TAU};
    if (-PI..=PI).contains(&a) {
        a
    } else {
        // With floor, not rem_euclid: that is libm's fmod, 2 KB of wasm for a rare case.
        a - TAU * ((a + PI) / TAU).floor()
    }
}

fn wrap_180(a: f64) -> f64 {
    if (-180.0..=180.0).contains(&a) {
        a
    } else {
        a - 360.0 * ((a + 180.0) / 360.0).floor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PYONGYANG: LonLat = LonLat::new(125.7525, 39.0195);

    fn viewport() -> Viewport {
        Viewport {
            width: 960.0,
            padding: 24.0,
            bottom_extra: 0.0,
            top_extra: 0.0,
            min_aspect: 0.5,
            max_aspect: 1.25,
        }
    }

    mod round_trip {
        use super::*;

        #[test]
        fn every_kind_inverts_its_own_output_across_east_asia() {
            for kind in [
                ProjectionKind::AzimuthalEquidistant,
                ProjectionKind::Mercator,
                ProjectionKind::Equirectangular,
            ] {
                let (p, _) = Projection::fit(
                    kind,
                    PYONGYANG,
                    [LonLat::new(100.0, 0.0), LonLat::new(140.0, 55.0)],
                    viewport(),
                );
                for lon in (90..=150).step_by(5) {
                    for lat in (-5..=60).step_by(5) {
                        let ll = LonLat::new(f64::from(lon), f64::from(lat));
                        let back = p.invert(p.project(ll).unwrap()).unwrap();
                        assert!(
                            (back.lon_deg - ll.lon_deg).abs() < 1e-9
                                && (back.lat_deg - ll.lat_deg).abs() < 1e-9,
                            "{kind:?} {ll:?} -> {back:?}"
                        );
                    }
                }
            }
        }

        #[test]
        fn wrapping_by_floor_agrees_with_rem_euclid() {
            for k in -3000..3000 {
                let deg = f64::from(k) * 0.373;
                let reference = (deg + 180.0).rem_euclid(360.0) - 180.0;
                assert!((wrap_180(deg) - reference).abs() < 1e-9, "{deg}");
                let rad = deg.to_radians();
                let reference = (rad + std::f64::consts::PI).rem_euclid(std::f64::consts::TAU)
                    - std::f64::consts::PI;
                assert!((wrap_pi(rad) - reference).abs() < 1e-12, "{rad}");
            }
        }

        #[test]
        fn longitudes_across_the_antimeridian_come_back_wrapped() {
            let p = Projection::new(ProjectionKind::Equirectangular, LonLat::new(170.0, 0.0));
            let back = p
                .invert(p.project(LonLat::new(-175.0, 10.0)).unwrap())
                .unwrap();
            assert!((back.lon_deg + 175.0).abs() < 1e-9, "{back:?}");
        }
    }

    mod unit_vectors {
        use super::*;
        use crate::geo::great_circle::unit_vector;

        /// A flight's added points are projected from unit vectors, the rest from degrees:
        /// the two must put a point in the same place, or a route would kink where they meet.
        #[test]
        fn a_point_projects_to_the_same_place_from_its_unit_vector() {
            for kind in [
                ProjectionKind::AzimuthalEquidistant,
                ProjectionKind::Mercator,
                ProjectionKind::Equirectangular,
            ] {
                let p = Projection::new(kind, PYONGYANG);
                let (from_degrees, from_unit) = (p.raw_many(), p.raw_unit());
                for lon in (-180..=180).step_by(15) {
                    for lat in (-80..=80).step_by(10) {
                        let ll = LonLat::new(f64::from(lon), f64::from(lat));
                        let (a, b) = (from_degrees(ll), from_unit(unit_vector(ll)));
                        let (a, b) = (a.unwrap(), b.unwrap());
                        assert!(
                            (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12,
                            "{kind:?} {ll:?}: {a:?} vs {b:?}"
                        );
                    }
                }
            }
        }

        #[test]
        fn the_antipode_has_no_image_either_way() {
            let p = Projection::new(ProjectionKind::AzimuthalEquidistant, PYONGYANG);
            let antipode = LonLat::new(125.7525 - 180.0, -39.0195);
            assert_eq!(p.raw(antipode), None);
            assert_eq!(p.raw_unit()(unit_vector(antipode)), None);
        }
    }

    mod azimuthal_equidistant {
        use super::*;

        #[test]
        fn distances_from_the_centre_are_true() {
            let p = Projection::new(ProjectionKind::AzimuthalEquidistant, PYONGYANG);
            let singapore = LonLat::new(103.994, 1.3502);
            let px = p.project(singapore).unwrap();
            let km_on_map = px.x.hypot(px.y) / p.px_per_km();
            let km_true = crate::geo::distance_km(PYONGYANG, singapore);
            assert!(
                (km_on_map - km_true).abs() < 0.5,
                "{km_on_map} vs {km_true}"
            );
        }

        #[test]
        fn north_is_up_and_east_is_right_at_the_centre() {
            let p = Projection::new(ProjectionKind::AzimuthalEquidistant, PYONGYANG);
            let north = p.project(LonLat::new(125.7525, 41.0)).unwrap();
            let east = p.project(LonLat::new(128.0, 39.0195)).unwrap();
            assert!(north.y < 0.0 && north.x.abs() < 1e-9);
            assert!(east.x > 0.0);
        }

        #[test]
        fn the_antipode_has_no_image() {
            let p = Projection::new(ProjectionKind::AzimuthalEquidistant, LonLat::new(0.0, 0.0));
            assert_eq!(p.project(LonLat::new(180.0, 0.0)), None);
        }
    }

    mod fit {
        use super::*;

        #[test]
        fn fitted_points_lie_inside_the_padded_viewport() {
            let pts = [
                LonLat::new(103.99, 1.35),
                LonLat::new(137.02, 50.55),
                LonLat::new(105.85, 21.03),
                PYONGYANG,
            ];
            let (p, h) = Projection::fit(
                ProjectionKind::AzimuthalEquidistant,
                PYONGYANG,
                pts,
                viewport(),
            );
            assert!((480.0..=1200.0).contains(&h), "{h}");
            for ll in pts {
                let px = p.project(ll).unwrap();
                assert!(px.x >= 24.0 - 1e-9 && px.x <= 936.0 + 1e-9, "{px:?}");
                assert!(px.y >= 24.0 - 1e-9 && px.y <= h - 24.0 + 1e-9, "{px:?}");
            }
        }

        #[test]
        fn room_kept_at_the_top_pushes_every_point_below_it() {
            let pts = [
                LonLat::new(103.99, 1.35),
                LonLat::new(137.02, 50.55),
                PYONGYANG,
            ];
            let fit = |top_extra| {
                Projection::fit(
                    ProjectionKind::AzimuthalEquidistant,
                    PYONGYANG,
                    pts,
                    Viewport {
                        top_extra,
                        ..viewport()
                    },
                )
            };
            let (plain, _) = fit(0.0);
            let (kept, h) = fit(40.0);
            let top = |p: &Projection| {
                pts.iter()
                    .map(|&ll| p.project(ll).unwrap().y)
                    .fold(f64::MAX, f64::min)
            };
            assert!((top(&plain) - 24.0).abs() < 1e-6, "{}", top(&plain));
            assert!(top(&kept) >= 64.0 - 1e-6, "{}", top(&kept));
            for ll in pts {
                let px = kept.project(ll).unwrap();
                assert!(px.y <= h - 24.0 + 1e-9, "{px:?}");
            }
        }

        #[test]
        fn a_wide_extent_gets_a_short_map_within_the_aspect_limit() {
            let pts = [LonLat::new(100.0, 39.0), LonLat::new(150.0, 39.0)];
            let (_, h) = Projection::fit(
                ProjectionKind::AzimuthalEquidistant,
                PYONGYANG,
                pts,
                viewport(),
            );
            assert_eq!(h, 480.0);
        }

        #[test]
        fn a_single_point_still_gives_a_usable_map() {
            let (p, h) =
                Projection::fit(ProjectionKind::Mercator, PYONGYANG, [PYONGYANG], viewport());
            assert!(p.scale.is_finite() && p.scale > 0.0 && h.is_finite());
        }
    }
}
