//! Great circles on a spherical Earth, through the `geo` crate's haversine measures.

use super::LonLat;
use geo::{Densify, Distance, Haversine, InterpolatePoint};
use geo_types::{LineString, Point};

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
    Haversine.distance(Point::from(a), Point::from(b)) / 1000.0
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
    let p = Haversine.point_at_ratio_between(Point::from(a), Point::from(b), ratio);
    LonLat::new(p.x(), p.y())
}

/// Inserts points along each great-circle segment so that none is longer than `max_km`.
/// The given points are kept. `max_km` must be positive; a smaller value is raised to 1 km.
pub fn densify_km(points: &[LonLat], max_km: f64) -> Vec<LonLat> {
    if points.len() < 2 {
        return points.to_vec();
    }
    let line: LineString<f64> = points
        .iter()
        .map(|p| geo_types::Coord {
            x: p.lon_deg,
            y: p.lat_deg,
        })
        .collect();
    let max_m = if max_km.is_finite() && max_km >= 1.0 {
        max_km * 1000.0
    } else {
        1000.0
    };
    Haversine
        .densify(&line, max_m)
        .coords()
        .map(|c| LonLat::from(*c))
        .collect()
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
