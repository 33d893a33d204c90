//! Great circles on a spherical Earth: distance, interpolation and densification.
//!
//! These were the `geo` crate's `Haversine` measures; they now work on unit vectors, which
//! the projection shares, and the tests below check agreement with the crate. They are written out here because, for three
//! functions, the crate and the libm argument reduction it pulls in cost the wasm 3.6 KB of
//! gzip more than these do (59,435 -> 55,805 B; README, "What each crate costs"). The
//! trigonometry is [`super::trig`]'s. geo-types stays the interchange type: [`LonLat`]
//! converts to and from `geo_types::Point`.

use super::trig::{sin, sin_cos};
use super::LonLat;

/// The mean Earth radius used for distances (IUGG), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance between two points, in km.
///
/// ```
/// use tripmap::geo::{distance_km, LonLat};
/// // Pyongyang Sunan airport to Singapore Changi, about 4,750 km.
/// let d = distance_km(LonLat::new(125.67, 39.2241), LonLat::new(103.994, 1.3502));
/// assert!((d - 4751.0).abs() < 10.0);
/// ```
pub fn distance_km(a: LonLat, b: LonLat) -> f64 {
    EARTH_RADIUS_KM * angle_between(unit_vector(a), unit_vector(b))
}

/// A point as a unit vector from the Earth's centre: x towards 0°E on the equator, y towards
/// 90°E, z towards the North Pole. Along great circles and in the azimuthal projection the
/// core works with these, which needs no trigonometry per point.
pub type Unit = [f64; 3];

/// The unit vector of `p`.
pub fn unit_vector(p: LonLat) -> Unit {
    let (sin_lat, cos_lat) = sin_cos(p.lat_deg.to_radians());
    let (sin_lon, cos_lon) = sin_cos(p.lon_deg.to_radians());
    [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
}

/// The longitude and latitude of a unit vector.
pub fn lon_lat(v: Unit) -> LonLat {
    let [x, y, z] = v;
    LonLat::new(
        y.atan2(x).to_degrees(),
        z.atan2((x * x + y * y).sqrt()).to_degrees(),
    )
}

/// The angle between two unit vectors, in radians: well conditioned at every angle.
pub fn angle_between(a: Unit, b: Unit) -> f64 {
    let [ax, ay, az] = a;
    let [bx, by, bz] = b;
    let (cx, cy, cz) = (ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
    (cx * cx + cy * cy + cz * cz)
        .sqrt()
        .atan2(ax * bx + ay * by + az * bz)
}

/// A great-circle arc from `a` to `b`, ready to give points along it.
struct Arc {
    angle: f64,
    sin_angle: f64,
    a: Unit,
    b: Unit,
}

impl Arc {
    fn new(a: Unit, b: Unit) -> Arc {
        let angle = angle_between(a, b);
        Arc {
            angle,
            // Once an arc, not once a point along it.
            sin_angle: sin(angle),
            a,
            b,
        }
    }

    /// The point `ratio` of the way along (spherical linear interpolation).
    fn at(&self, ratio: f64) -> Unit {
        let (d, sin_d) = (self.angle, self.sin_angle);
        let (wa, wb) = if sin_d.abs() < 1e-15 {
            (1.0 - ratio, ratio)
        } else {
            (sin((1.0 - ratio) * d) / sin_d, sin(ratio * d) / sin_d)
        };
        let ([ax, ay, az], [bx, by, bz]) = (self.a, self.b);
        [wa * ax + wb * bx, wa * ay + wb * by, wa * az + wb * bz]
    }
}

/// The point `ratio` of the way from `a` to `b` along the great circle (0 = a, 1 = b).
///
/// ```
/// use tripmap::geo::{interpolate, LonLat};
/// let mid = interpolate(LonLat::new(10.0, 20.0), LonLat::new(125.0, 25.0), 0.5);
/// assert!((mid.lon_deg - 65.87).abs() < 0.01 && (mid.lat_deg - 37.62).abs() < 0.01);
/// ```
pub fn interpolate(a: LonLat, b: LonLat, ratio: f64) -> LonLat {
    if ratio <= 0.0 || a == b {
        return a;
    }
    if ratio >= 1.0 {
        return b;
    }
    lon_lat(Arc::new(unit_vector(a), unit_vector(b)).at(ratio))
}

/// Inserts points along each great-circle segment so that none is longer than `max_km`.
/// The given points are kept. `max_km` must be positive; a smaller value is raised to 1 km.
pub fn densify_km(points: &[LonLat], max_km: f64) -> Vec<LonLat> {
    densify_with(
        points.iter().map(|p| (*p, unit_vector(*p))),
        max_km,
        lon_lat,
    )
}

/// [`densify_km`] for points given as unit vectors, for the azimuthal projection
/// ([`super::Projection::raw_unit`]): no point added along a flight is turned into degrees
/// and back.
pub fn densify_unit(points: &[Unit], max_km: f64) -> Vec<Unit> {
    densify_with(points.iter().map(|v| (*v, *v)), max_km, |v| v)
}

/// The walk of both densifications, over each given point's output and unit vector; `added`
/// makes the output of a point added between two.
fn densify_with<T>(
    mut given: impl Iterator<Item = (T, Unit)>,
    max_km: f64,
    added: impl Fn(Unit) -> T,
) -> Vec<T> {
    let max_km = if max_km.is_finite() && max_km >= 1.0 {
        max_km
    } else {
        1.0
    };
    let mut out = Vec::with_capacity(given.size_hint().0);
    let Some((first, mut prev)) = given.next() else {
        return out;
    };
    out.push(first);
    for (next, next_unit) in given {
        let arc = Arc::new(prev, next_unit);
        // Capped: the longest arc on Earth is 20,000 km, so at 1 km a step this never binds.
        let steps = super::clamp((EARTH_RADIUS_KM * arc.angle / max_km).ceil(), 1.0, 1e5) as u32;
        for k in 1..steps {
            out.push(added(arc.at(f64::from(k) / f64::from(steps))));
        }
        out.push(next);
        prev = next_unit;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    mod interpolate {
        use super::*;

        #[test]
        fn the_midpoint_of_10e_20n_and_125e_25n_is_65_87e_37_62n() {
            let mid = interpolate(LonLat::new(10.0, 20.0), LonLat::new(125.0, 25.0), 0.5);
            assert!(close(mid.lon_deg, 65.87, 0.01), "{mid:?}");
            assert!(close(mid.lat_deg, 37.62, 0.01), "{mid:?}");
        }

        #[test]
        fn ends_are_exact() {
            let a = LonLat::new(125.67, 39.22);
            let b = LonLat::new(116.58, 40.08);
            assert_eq!(interpolate(a, b, 0.0), a);
            assert_eq!(interpolate(a, b, 1.0), b);
        }

        #[test]
        fn a_flight_bulges_poleward_of_the_straight_lon_lat_line() {
            // Pyongyang to Beijing: in the north a great circle bows towards the pole, so
            // its midpoint lies north of the midpoint of the two latitudes.
            let a = LonLat::new(125.67, 39.2241);
            let b = LonLat::new(116.585, 40.0801);
            let mid = interpolate(a, b, 0.5);
            assert!(
                mid.lat_deg > (a.lat_deg + b.lat_deg) / 2.0 + 0.05,
                "{mid:?}"
            );
        }
    }

    mod distance {
        use super::*;

        #[test]
        fn one_degree_of_latitude_is_about_111_km() {
            let d = distance_km(LonLat::new(0.0, 0.0), LonLat::new(0.0, 1.0));
            assert!(close(d, 111.19, 0.05), "{d}");
        }

        #[test]
        fn pyongyang_to_beijing_capital_airport_is_about_783_km() {
            // The reference file's computed figure for the June 2018 flight.
            let d = distance_km(LonLat::new(125.67, 39.2241), LonLat::new(116.585, 40.0801));
            assert!(close(d, 783.0, 3.0), "{d}");
        }
    }

    /// The `geo` crate's haversine measures, which these functions replace in the wasm, are
    /// the reference: the same sphere, so agreement to a millimetre and a micro-degree.
    /// (geo is a native dev-dependency only.)
    #[cfg(not(target_arch = "wasm32"))]
    mod against_the_geo_crate {
        use super::*;
        use geo::{Densify, Distance, Haversine, InterpolatePoint};
        use geo_types::{LineString, Point};

        fn pairs() -> Vec<(LonLat, LonLat)> {
            let mut seed = 7u64;
            let mut next = |lo: f64, hi: f64| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                lo + (hi - lo) * ((seed >> 11) as f64 / (1u64 << 53) as f64)
            };
            (0..500)
                .map(|_| {
                    let a = LonLat::new(next(-180.0, 180.0), next(-85.0, 85.0));
                    let b = LonLat::new(next(-180.0, 180.0), next(-85.0, 85.0));
                    (a, b)
                })
                .chain([(LonLat::new(125.67, 39.2241), LonLat::new(103.994, 1.3502))])
                .collect()
        }

        #[test]
        fn distances_agree() {
            for (a, b) in pairs() {
                let theirs = Haversine.distance(Point::from(a), Point::from(b)) / 1000.0;
                assert!(close(distance_km(a, b), theirs, 1e-6), "{a:?} {b:?}");
            }
        }

        #[test]
        fn points_along_the_arc_agree() {
            for (a, b) in pairs() {
                for ratio in [0.1, 0.5, 0.73] {
                    let ours = interpolate(a, b, ratio);
                    let theirs =
                        Haversine.point_at_ratio_between(Point::from(a), Point::from(b), ratio);
                    assert!(close(ours.lat_deg, theirs.y(), 1e-6), "{a:?} {b:?} {ratio}");
                    let dlon = (ours.lon_deg - theirs.x()).rem_euclid(360.0);
                    assert!(dlon.min(360.0 - dlon) < 1e-6, "{a:?} {b:?} {ratio}");
                }
            }
        }

        #[test]
        fn densified_lines_agree() {
            let line = [
                LonLat::new(125.67, 39.2241),
                LonLat::new(116.585, 40.0801),
                LonLat::new(103.994, 1.3502),
            ];
            let theirs: LineString<f64> = line
                .iter()
                .map(|p| geo_types::Coord {
                    x: p.lon_deg,
                    y: p.lat_deg,
                })
                .collect();
            let theirs = Haversine.densify(&theirs, 25_000.0);
            let ours = densify_km(&line, 25.0);
            assert_eq!(ours.len(), theirs.0.len());
            for (o, t) in ours.iter().zip(theirs.coords()) {
                assert!(
                    close(o.lon_deg, t.x, 1e-9) && close(o.lat_deg, t.y, 1e-9),
                    "{o:?} {t:?}"
                );
            }
        }
    }

    mod densify {
        use super::*;

        #[test]
        fn no_segment_is_longer_than_asked_and_ends_are_kept() {
            let pts = [LonLat::new(125.67, 39.2241), LonLat::new(103.994, 1.3502)];
            let dense = densify_km(&pts, 50.0);
            assert_eq!(dense.first(), pts.first());
            assert_eq!(dense.last(), pts.last());
            assert!(dense.len() > 90, "{}", dense.len());
            for w in dense.windows(2) {
                assert!(distance_km(w[0], w[1]) <= 50.0 + 1e-6);
            }
        }

        #[test]
        fn densified_length_equals_the_great_circle_distance() {
            let pts = [LonLat::new(125.67, 39.2241), LonLat::new(103.994, 1.3502)];
            let dense = densify_km(&pts, 25.0);
            let total: f64 = dense.windows(2).map(|w| distance_km(w[0], w[1])).sum();
            assert!(close(total, distance_km(pts[0], pts[1]), 0.01), "{total}");
        }
    }
}
