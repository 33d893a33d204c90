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
    // Each point but the ends is a candidate, `p` (points[i]); `next` ends the line tried.
    let candidates = points.iter().zip(points.iter().skip(1)).enumerate().skip(1);
    for (i, (p, next)) in candidates {
        let dropped = points.get(anchor + 1..=i).unwrap_or_default();
        let fits = dropped.len() < RUN
            && points.get(anchor).is_some_and(|a| {
                let line = Segment::new(*a, *next, tolerance_sq);
                dropped.iter().all(|r| line.holds(*r))
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

/// A segment, ready to check many points against the tolerance: squared distances and
/// cross products, with no division or square root in the simplification's inner loop.
struct Segment {
    p: Px,
    d: (f64, f64),
    length_sq: f64,
    tolerance_sq: f64,
}

impl Segment {
    fn new(p: Px, q: Px, tolerance_sq: f64) -> Segment {
        let d = (q.x - p.x, q.y - p.y);
        Segment {
            p,
            d,
            length_sq: d.0 * d.0 + d.1 * d.1,
            tolerance_sq,
        }
    }

    /// True when `r` lies within the tolerance of the segment ([`Px::distance_to_segment`],
    /// squared).
    fn holds(&self, r: Px) -> bool {
        let (rx, ry) = (r.x - self.p.x, r.y - self.p.y);
        let along = rx * self.d.0 + ry * self.d.1;
        let (ex, ey) = if along <= 0.0 {
            (rx, ry)
        } else if along >= self.length_sq {
            // Beyond the far end (a route that turns back): the distance to that end.
            (rx - self.d.0, ry - self.d.1)
        } else {
            // Beside the segment: the cross product is the distance times the length.
            let cross = rx * self.d.1 - ry * self.d.0;
            return cross * cross <= self.tolerance_sq * self.length_sq;
        };
        ex * ex + ey * ey <= self.tolerance_sq
    }
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
                .map(|w| p.distance_to_segment(w[0], w[1]))
                .fold(f64::MAX, f64::min);
            assert!(nearest <= 0.25 + 1e-9, "{p:?} is {} px away", nearest);
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
