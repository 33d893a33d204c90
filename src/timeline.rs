//! The time axis: trips in date order, each given a slot in which its path grows, with gaps
//! between them that stand for the calendar time in between.
//!
//! The axis is not linear in calendar time. Every trip gets a slot of about the same length
//! (a little longer for longer routes), and a gap between trips grows with the square root
//! of the days between them, from 0.15 of a slot up to one slot at most. A month between
//! summits passes in a blink, the four years of closed borders from 2019 to 2023 in about
//! two-thirds of a slot: quick, but long enough to see the date run through the empty years.
//!
//! [`Timeline::frame`] is a pure function of time: playing, scrubbing and seeking all ask it.

use crate::date::Date;

/// Weight of the pause before the first trip.
const LEAD_IN: f64 = 0.25;

/// One trip's place on the calendar and its route length, the inputs of the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TripSpan {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Length of the route in km (longer routes get a slightly longer slot).
    pub km: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    /// When the trip's path starts and finishes growing, ms.
    t0: f64,
    t1: f64,
    /// Calendar days (since 1970) shown during the slot.
    day0: f64,
    day1: f64,
}

/// The whole axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    duration_ms: f64,
    slots: Vec<Slot>,
    first_day: f64,
}

/// What is drawn at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The moment, ms from the start of the axis (clamped to it).
    pub time_ms: f64,
    /// How many trips (in date order) are fully drawn.
    pub done: usize,
    /// The trip whose path is growing, if any: its index in date order.
    pub active: Option<usize>,
    /// How much of the active trip is drawn, 0 to 1 (eased).
    pub fraction: f64,
    /// The calendar day shown, days since 1970-01-01 (fractional between days).
    pub day: f64,
}

impl Frame {
    /// The date shown.
    pub fn date(&self) -> Date {
        Date::from_days(self.day.floor() as i64)
    }
}

impl Timeline {
    /// Lays out `spans` (in date order) over `duration_ms`.
    pub fn new(spans: &[TripSpan], duration_ms: f64) -> Timeline {
        let duration_ms = if duration_ms.is_finite() && duration_ms > 0.0 {
            duration_ms
        } else {
            1.0
        };
        let max_km = spans.iter().map(|s| s.km).fold(0.0_f64, f64::max);
        let trip_weight = |km: f64| {
            if max_km > 0.0 && km.is_finite() {
                0.7 + 0.3 * (km.max(0.0) / max_km).sqrt()
            } else {
                1.0
            }
        };
        let gap_weight = |days: f64| (0.15 + 0.25 * (days.max(0.0) / 365.25).sqrt()).min(1.0);

        let mut weights = Vec::with_capacity(spans.len() * 2);
        let mut prev_end: Option<f64> = None;
        for s in spans {
            let start = s.start.days() as f64;
            let gap = match prev_end {
                None => LEAD_IN,
                Some(end) => gap_weight(start - end),
            };
            weights.push((gap, trip_weight(s.km)));
            prev_end = Some(s.end.days() as f64);
        }
        let total: f64 = weights.iter().map(|(g, t)| g + t).sum();
        let unit = if total > 0.0 {
            duration_ms / total
        } else {
            0.0
        };

        let mut t = 0.0;
        let mut slots = Vec::with_capacity(spans.len());
        for (s, (gap, weight)) in spans.iter().zip(&weights) {
            t += gap * unit;
            let t0 = t;
            t += weight * unit;
            slots.push(Slot {
                t0,
                t1: t,
                day0: s.start.days() as f64,
                // The last day is shown until the day after it begins.
                day1: s.end.days() as f64 + 0.999,
            });
        }
        // The last trip finishes exactly at the end, whatever the rounding.
        if let Some(last) = slots.last_mut() {
            last.t1 = duration_ms;
        }
        Timeline {
            duration_ms,
            first_day: slots.first().map_or(0.0, |s| s.day0),
            slots,
        }
    }

    /// Length of the axis, ms.
    pub fn duration_ms(&self) -> f64 {
        self.duration_ms
    }

    /// Number of trips.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when there are no trips.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// When trip `order` (in date order) starts and finishes growing, ms.
    pub fn window(&self, order: usize) -> Option<(f64, f64)> {
        self.slots.get(order).map(|s| (s.t0, s.t1))
    }

    /// The moment at which calendar day `day` (days since 1970) is shown: during the trip
    /// that spans it, else in the gap before the next trip.
    pub fn time_at_day(&self, day: f64) -> f64 {
        let mut prev: Option<&Slot> = None;
        for s in &self.slots {
            if day < s.day0 {
                let (t_from, day_from) = prev.map_or((0.0, self.first_day), |p| (p.t1, p.day1));
                let span = s.day0 - day_from;
                let f = if span > 0.0 {
                    crate::geo::clamp((day - day_from) / span, 0.0, 1.0)
                } else {
                    1.0
                };
                return t_from + (s.t0 - t_from) * f;
            }
            if day <= s.day1 {
                // On a trip's own dates, show it fully drawn.
                return s.t1;
            }
            prev = Some(s);
        }
        self.duration_ms
    }

    /// What is drawn at `time_ms`.
    ///
    /// ```
    /// use tripmap::date::Date;
    /// use tripmap::timeline::{Timeline, TripSpan};
    /// let d = |s| Date::parse(s).unwrap();
    /// let spans = [
    ///     TripSpan { start: d("2018-03-25"), end: d("2018-03-28"), km: 900.0 },
    ///     TripSpan { start: d("2018-06-10"), end: d("2018-06-13"), km: 5300.0 },
    /// ];
    /// let tl = Timeline::new(&spans, 10_000.0);
    /// assert_eq!(tl.frame(0.0).done, 0);
    /// assert_eq!(tl.frame(10_000.0).done, 2);
    /// ```
    pub fn frame(&self, time_ms: f64) -> Frame {
        let t = if time_ms.is_finite() {
            crate::geo::clamp(time_ms, 0.0, self.duration_ms)
        } else {
            0.0
        };
        // Slots are in time order: the number that have finished by t.
        let done = self.slots.partition_point(|s| s.t1 <= t);
        let next = self.slots.get(done);
        match next {
            Some(s) if t >= s.t0 => {
                let raw = if s.t1 > s.t0 {
                    (t - s.t0) / (s.t1 - s.t0)
                } else {
                    1.0
                };
                let fraction = ease(raw);
                Frame {
                    time_ms: t,
                    done,
                    active: Some(done),
                    fraction,
                    day: s.day0 + (s.day1 - s.day0) * raw,
                }
            }
            Some(s) => {
                // In the gap before trip `done`: the calendar runs from the previous trip's end.
                let (t_from, day_from) = match done.checked_sub(1).and_then(|i| self.slots.get(i)) {
                    Some(p) => (p.t1, p.day1),
                    None => (0.0, s.day0),
                };
                let f = if s.t0 > t_from {
                    (t - t_from) / (s.t0 - t_from)
                } else {
                    1.0
                };
                Frame {
                    time_ms: t,
                    done,
                    active: None,
                    fraction: 0.0,
                    day: day_from + (s.day0 - day_from) * f,
                }
            }
            None => Frame {
                time_ms: t,
                done,
                active: None,
                fraction: 0.0,
                day: self.slots.last().map_or(self.first_day, |s| s.day1),
            },
        }
    }

    /// How much of trip `order` is drawn in `frame`, 0 to 1.
    pub fn progress(frame: &Frame, order: usize) -> f64 {
        if order < frame.done {
            1.0
        } else if frame.active == Some(order) {
            frame.fraction
        } else {
            0.0
        }
    }
}

/// Cubic ease-in-out: the traveller sets off and arrives gently.
fn ease(t: f64) -> f64 {
    let t = crate::geo::clamp(t, 0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn spans() -> Vec<TripSpan> {
        [
            ("2018-03-25", "2018-03-28", 900.0),
            ("2018-04-27", "2018-04-27", 150.0),
            ("2019-06-30", "2019-06-30", 150.0),
            ("2023-09-10", "2023-09-19", 5000.0),
            ("2025-09-01", "2025-09-05", 900.0),
        ]
        .iter()
        .map(|(s, e, km)| TripSpan {
            start: d(s),
            end: d(e),
            km: *km,
        })
        .collect()
    }

    #[test]
    fn the_timeline_only_ever_grows() {
        let tl = Timeline::new(&spans(), 12_000.0);
        let mut prev: Vec<f64> = vec![0.0; tl.len()];
        let mut prev_day = f64::MIN;
        for step in 0..=1200 {
            let f = tl.frame(f64::from(step) * 10.0);
            for (i, p) in prev.iter_mut().enumerate() {
                let now = Timeline::progress(&f, i);
                assert!(now >= *p, "trip {i} shrank at {}", f.time_ms);
                *p = now;
            }
            assert!(f.day >= prev_day, "date went back at {}", f.time_ms);
            prev_day = f.day;
        }
    }

    #[test]
    fn frame_at_the_end_is_the_final_state() {
        let tl = Timeline::new(&spans(), 12_000.0);
        let f = tl.frame(tl.duration_ms());
        assert_eq!(f.done, 5);
        assert_eq!(f.active, None);
        assert!((0..5).all(|i| Timeline::progress(&f, i) == 1.0));
        assert_eq!(f.date(), d("2025-09-05"));
        // Beyond the end is the end.
        assert_eq!(tl.frame(1e12), f);
    }

    #[test]
    fn at_the_start_nothing_is_drawn_and_the_first_date_shows() {
        let tl = Timeline::new(&spans(), 12_000.0);
        let f = tl.frame(0.0);
        assert_eq!((f.done, f.active), (0, None));
        assert_eq!(f.date(), d("2018-03-25"));
        assert_eq!(tl.frame(f64::NAN), f);
    }

    #[test]
    fn trips_draw_one_after_another_in_date_order() {
        let tl = Timeline::new(&spans(), 12_000.0);
        for i in 0..tl.len() {
            let (t0, t1) = tl.window(i).unwrap();
            let mid = tl.frame((t0 + t1) / 2.0);
            assert_eq!(mid.active, Some(i));
            assert_eq!(mid.done, i);
            if let Some((next0, _)) = tl.window(i + 1) {
                assert!(next0 >= t1);
            }
        }
    }

    #[test]
    fn the_four_year_gap_is_shorter_than_a_trip_but_visible() {
        let tl = Timeline::new(&spans(), 12_000.0);
        let (_, end_2019) = tl.window(2).unwrap();
        let (start_2023, end_2023) = tl.window(3).unwrap();
        let gap = start_2023 - end_2019;
        assert!(gap < end_2023 - start_2023, "gap {gap}");
        // At least a third of a second at 12 s: the years can be read as they pass.
        assert!(gap > 300.0, "gap {gap}");
        let mid = tl.frame((end_2019 + start_2023) / 2.0);
        assert!((2020..=2022).contains(&mid.date().year), "{:?}", mid.date());
    }

    #[test]
    fn seeking_to_a_day_shows_that_trip_drawn() {
        let tl = Timeline::new(&spans(), 12_000.0);
        let t = tl.time_at_day(d("2023-09-12").days() as f64);
        let f = tl.frame(t);
        assert_eq!(f.done, 4);
        let before = tl.frame(tl.time_at_day(d("2021-01-01").days() as f64));
        assert_eq!(before.done, 3);
        assert_eq!(before.date().year, 2021);
    }

    #[test]
    fn an_empty_axis_is_safe() {
        let tl = Timeline::new(&[], 0.0);
        let f = tl.frame(5.0);
        assert_eq!((f.done, f.active), (0, None));
    }
}
