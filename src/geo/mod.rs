//! Spherical geometry and map projections.

pub mod great_circle;
pub mod projection;
pub mod simplify;
pub mod trig;

pub use great_circle::{densify_km, densify_unit, distance_km, interpolate, EARTH_RADIUS_KM};
pub use projection::{Projection, ProjectionKind};

/// A longitude/latitude pair in degrees. Named fields, never a bare `[a, b]`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Latitude, degrees north.
    pub lat_deg: f64,
}

impl LonLat {
    /// A point from longitude then latitude, in degrees.
    pub const fn new(lon_deg: f64, lat_deg: f64) -> Self {
        LonLat { lon_deg, lat_deg }
    }

    /// The point, if it is on the globe: longitude within ±180° and latitude within ±90°
    /// (NaN is neither).
    pub fn checked(lon_deg: f64, lat_deg: f64) -> Option<Self> {
        ((-180.0..=180.0).contains(&lon_deg) && (-90.0..=90.0).contains(&lat_deg))
            .then_some(LonLat { lon_deg, lat_deg })
    }
}

impl From<LonLat> for geo_types::Point<f64> {
    fn from(p: LonLat) -> Self {
        geo_types::Point::new(p.lon_deg, p.lat_deg)
    }
}

impl From<geo_types::Coord<f64>> for LonLat {
    fn from(c: geo_types::Coord<f64>) -> Self {
        LonLat::new(c.x, c.y)
    }
}

/// A point on the drawn map, in SVG user units (pixels of the viewBox), y down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Px {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

impl Px {
    /// Euclidean distance to another point, in px.
    pub fn distance(self, other: Px) -> f64 {
        // Not `hypot`: pixel coordinates cannot overflow when squared, and `hypot` was the
        // single most costly call in laying out 1,000 trips.
        let (dx, dy) = (other.x - self.x, other.y - self.y);
        (dx * dx + dy * dy).sqrt()
    }

    /// Distance to the segment from `a` to `b`, in px: to its nearer end beyond either end.
    pub fn distance_to_segment(self, a: Px, b: Px) -> f64 {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            clamp(((self.x - a.x) * dx + (self.y - a.y) * dy) / len2, 0.0, 1.0)
        } else {
            0.0
        };
        self.distance(Px {
            x: a.x + dx * t,
            y: a.y + dy * t,
        })
    }
}

/// `v` limited to `lo..=hi`. Unlike `f64::clamp` it never panics (on `lo > hi` or a NaN bound,
/// where it answers `lo` or `hi`), so no float-formatting panic message reaches the wasm. NaN
/// stays NaN, as with `f64::clamp`.
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::clamp;

    #[test]
    fn clamp_limits_and_never_panics() {
        assert_eq!(clamp(5.0, 0.0, 1.0), 1.0);
        assert_eq!(clamp(-5.0, 0.0, 1.0), 0.0);
        assert_eq!(clamp(0.5, 0.0, 1.0), 0.5);
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!(clamp(2.0, 1.0, 0.0), 0.0); // lo > hi: f64::clamp would panic
    }
}
