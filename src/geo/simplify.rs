//! Line simplification on the screen, in pixels, after projection.
//!
//! A route's points are given for the ground; on a map 720 px wide many of them lie within a
//! fraction of a pixel of the line through their neighbours (a flight densified every 25 km
//! is a gentle curve, a long rail line is hundreds of short straight runs). Dropping those
//! makes the SVG, the layout and the canvas strokes of the browser smaller by the same
//! share, with no visible difference.
//!
//! Greedy, in one pass: a point is dropped while the line from the last kept point to the
//! next one passes within the tolerance of every point dropped since. Douglas–Peucker keeps
//! a few points fewer but scans each stretch again at every level: at 1,000 synthetic
//! trips (random walks, most points kept) it cost five times what it saved in writing the
//! SVG. Here a point is checked against at most [`RUN`] others.

use super::Px;

/// At most this many points are dropped in a row: each candidate line is checked against all
/// of them, so the work stays linear whatever the input (a straight line of a million
/// points keeps one in [`RUN`]).
const RUN: usize = 32;

/// The points of `points` to draw, in order: every point left out lies within `tolerance` px
/// of the line between the kept points around it. The first and the last are always kept.
pub fn simplify(points: &[Px], tolerance: f64) -> Vec<Px> {
    let tolerance_sq = tolerance * tolerance;
    let mut out = Vec::with_capacity(points.len());
    let Some(first) = points.first() else {
        return out;
    };
    out.push(*first);
    let mut anchor = 0;
    for (i, (p, next)) in points.iter().zip(points.iter().skip(1)).enumerate() {
        // `p` is points[i], a candidate once it is not the first; `next` ends the line tried.
        if i == 0 {
            continue;
        }
        let dropped = points.get(anchor + 1..=i).unwrap_or_default();
        let fits = dropped.len() < RUN
            && points.get(anchor).is_some_and(|a| {
                let line = Segment::new(*a, *next, tolerance_sq);
                dropped.iter().all(|r| line.excess(*r) <= 0.0)
            });
        if !fits {
            out.push(*p);
            anchor = i;
        }
    }
    if points.len() > 1 {
        if let Some(last) = points.last() {
            out.push(*last);
        }
    }
    out
}

/// A segment, ready to measure many points against the tolerance: with no division, the
/// inner loop of the simplification.
struct Segment {
    p: Px,
    d: (f64, f64),
    length_sq: f64,
    /// The squared tolerance, times the squared length (distances to the line are
    /// compared as cross products, which carry that length).
    limit: f64,
    tolerance_sq: f64,
}

impl Segment {
    fn new(p: Px, q: Px, tolerance_sq: f64) -> Segment {
        let d = (q.x - p.x, q.y - p.y);
        let length_sq = d.0 * d.0 + d.1 * d.1;
        Segment {
            p,
            d,
            length_sq,
            limit: tolerance_sq * length_sq,
            tolerance_sq,
        }
    }

    /// How far `r` lies beyond the tolerance from the segment, in a measure that orders
    /// points as their distance does; 0 or less when it lies within.
    fn excess(&self, r: Px) -> f64 {
        let (rx, ry) = (r.x - self.p.x, r.y - self.p.y);
        let along = rx * self.d.0 + ry * self.d.1;
        if along <= 0.0 || along >= self.length_sq {
            // Beyond an end (a route that turns back): the distance to that end.
            let (ex, ey) = if along <= 0.0 {
                (rx, ry)
            } else {
                (rx - self.d.0, ry - self.d.1)
            };
            return (ex * ex + ey * ey - self.tolerance_sq) * self.length_sq.max(1e-300);
        }
        let cross = rx * self.d.1 - ry * self.d.0;
        cross * cross - self.limit
    }
}

/// The squared distance from `r` to the segment from `p` to `q` (for the tests' checks).
#[cfg(test)]
fn distance_sq_to_segment(r: Px, p: Px, q: Px) -> f64 {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq > 0.0 {
        super::clamp(((r.x - p.x) * dx + (r.y - p.y) * dy) / length_sq, 0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (p.x + t * dx - r.x, p.y + t * dy - r.y);
    ex * ex + ey * ey
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(x: f64, y: f64) -> Px {
        Px { x, y }
    }

    #[test]
    fn points_on_a_straight_line_go_and_the_ends_stay() {
        let line: Vec<Px> = (0..=100)
            .map(|i| px(f64::from(i), 2.0 * f64::from(i)))
            .collect();
        // One point in RUN stays, which bounds the work of a long line.
        let every = |i: i32| px(f64::from(i), 2.0 * f64::from(i));
        assert_eq!(
            simplify(&line, 0.25),
            vec![every(0), every(32), every(64), every(96), every(100)]
        );
    }

    #[test]
    fn a_corner_stays_and_a_wobble_under_the_tolerance_goes() {
        let line = [
            px(0.0, 0.0),
            px(5.0, 0.1),   // 0.1 px off the line: gone
            px(10.0, 0.0),  // a corner: kept
            px(10.0, 10.0), // 0.2 px off the line on to the next kept point: gone
            px(10.3, 15.0), // 0.3 px off the line: kept at 0.25
            px(10.0, 20.0),
        ];
        assert_eq!(
            simplify(&line, 0.25),
            vec![line[0], line[2], line[4], line[5]]
        );
    }

    #[test]
    fn no_kept_line_strays_from_a_dropped_point_by_more_than_the_tolerance() {
        // A zigzag with a slow curve under it, as a random route walks.
        let line: Vec<Px> = (0..2000)
            .map(|i| {
                let t = f64::from(i);
                px(
                    t * 0.7,
                    (t / 90.0).sin() * 40.0 + if i % 2 == 0 { 0.1 } else { -0.1 },
                )
            })
            .collect();
        let kept = simplify(&line, 0.25);
        assert!(
            kept.len() < line.len() / 2,
            "{} of {}",
            kept.len(),
            line.len()
        );
        assert_eq!(kept.first(), line.first());
        assert_eq!(kept.last(), line.last());
        for p in &line {
            let nearest = kept
                .windows(2)
                .map(|w| distance_sq_to_segment(*p, w[0], w[1]))
                .fold(f64::MAX, f64::min);
            assert!(
                nearest <= 0.25 * 0.25 + 1e-9,
                "{p:?} is {} px away",
                nearest.sqrt()
            );
        }
    }

    #[test]
    fn short_lines_are_kept_as_they_are() {
        assert_eq!(simplify(&[], 0.25), vec![]);
        assert_eq!(simplify(&[px(1.0, 1.0)], 0.25), vec![px(1.0, 1.0)]);
        let two = [px(1.0, 1.0), px(1.0, 1.0)];
        assert_eq!(simplify(&two, 0.25), two.to_vec());
    }

    #[test]
    fn a_long_winding_line_takes_linear_time() {
        // A spiral of 100,000 points, most of them kept.
        let line: Vec<Px> = (0..100_000)
            .map(|i| {
                let t = f64::from(i) * 0.01;
                px(t.cos() * t, t.sin() * t)
            })
            .collect();
        let kept = simplify(&line, 0.25);
        assert!(kept.len() > 1000);
    }
}
