//! A trip's route on the map: each leg projected to pixels (flights first densified along
//! great circles), with cumulative lengths, so the animation can ask for the point and
//! heading at any drawn length.

use crate::geo::great_circle::{angle_between, unit_vector, Unit};
use crate::geo::simplify::simplify;
use crate::geo::{densify_unit, Projection, Px, EARTH_RADIUS_KM};
use crate::model::{Mode, Trip};

/// Flights are densified to one point every this many km before projecting.
pub const FLIGHT_STEP_KM: f64 = 25.0;
/// Projected points closer than this to the previous kept point are dropped: the drawn
/// line cannot show them.
pub const MIN_STEP_PX: f64 = 0.5;
/// Points within this distance of the line kept around them are dropped too
/// ([`simplify`]): a third of a synthetic route's points, two thirds of a flight's.
pub const SIMPLIFY_PX: f64 = 0.25;

/// One leg on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct LegRoute {
    /// How the leg was travelled.
    pub mode: Mode,
    /// Projected points, at least two (they may coincide for a leg shorter than a pixel).
    pub points: Vec<Px>,
    /// Length from the leg's start to each point, in px (same length as `points`).
    pub cumulative_px: Vec<f64>,
    /// The leg's length on the ground, in km.
    pub km: f64,
    /// The box around `points`: `[min x, min y, max x, max y]`, px.
    pub bounds: [f64; 4],
}

impl LegRoute {
    /// The leg's drawn length, in px.
    pub fn length_px(&self) -> f64 {
        self.cumulative_px.last().copied().unwrap_or(0.0)
    }
}

/// A whole trip on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The legs, in order.
    pub legs: Vec<LegRoute>,
}

/// A point on a route: where the traveller is and which way they face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heading {
    /// Position.
    pub point: Px,
    /// Direction of travel, degrees clockwise from east on screen (y down).
    pub heading_deg: f64,
    /// Index of the leg.
    pub leg: usize,
}

/// A leg on the ground, projected once to unfitted plane coordinates
/// ([`Projection::raw`]): what the map's layout needs, whatever its size.
#[derive(Debug, Clone, PartialEq)]
pub struct GroundLeg {
    /// How the leg was travelled.
    pub mode: Mode,
    /// Plane coordinates of the leg's points (flights densified along great circles).
    pub raw: Vec<(f64, f64)>,
    /// The leg's length on the ground, in km.
    pub km: f64,
}

impl GroundLeg {
    /// Every leg of `trip`, projected by `unit` (a projection before fitting). Points the
    /// projection cannot show are left out.
    #[inline(never)]
    pub fn of_trip(trip: &Trip, unit: &Projection) -> Vec<GroundLeg> {
        let project = unit.raw_unit();
        trip.legs
            .iter()
            .map(|leg| {
                // Each given point's unit vector serves its projection, the leg's length and
                // a flight's great circles: two sines and cosines a point in all.
                let units: Vec<Unit> = leg.points.iter().map(|p| unit_vector(*p)).collect();
                let angle: f64 = units
                    .iter()
                    .zip(units.iter().skip(1))
                    .map(|(a, b)| angle_between(*a, *b))
                    .sum();
                // One projecting loop for both kinds of leg, not one each: less wasm.
                let units = if leg.mode == Mode::Plane {
                    densify_unit(&units, FLIGHT_STEP_KM)
                } else {
                    units
                };
                // Sized once: collected from a filter, the vector grew by doubling, to up to
                // twice the memory its points need.
                let mut raw = Vec::with_capacity(units.len());
                raw.extend(units.iter().copied().filter_map(&project));
                GroundLeg {
                    mode: leg.mode,
                    raw,
                    // Over the given points: a flight's added points lie on the same great
                    // circles, so measuring between them would add nothing.
                    km: EARTH_RADIUS_KM * angle,
                }
            })
            .collect()
    }
}

impl Route {
    /// Places legs already on the plane with a fitted projection (of the same kind and
    /// centre as the one that made them).
    #[inline(never)]
    pub fn place(ground: &[GroundLeg], projection: &Projection) -> Route {
        let legs = ground
            .iter()
            .map(|leg| {
                let mut points: Vec<Px> = Vec::with_capacity(leg.raw.len());
                for raw in &leg.raw {
                    let p = projection.place(*raw);
                    if points
                        .last()
                        .is_none_or(|prev| prev.distance(p) >= MIN_STEP_PX)
                    {
                        points.push(p);
                    }
                }
                // The end of a leg is where the traveller arrives: always keep it exactly.
                if let Some(end) = leg.raw.last().map(|raw| projection.place(*raw)) {
                    match points.len() {
                        0 | 1 => points.push(end),
                        _ => {
                            if let Some(kept) = points.last_mut() {
                                *kept = end;
                            }
                        }
                    }
                }
                let points = simplify(&points, SIMPLIFY_PX);
                let mut cumulative_px = Vec::with_capacity(points.len());
                let mut total = 0.0;
                let mut prev: Option<Px> = None;
                for p in &points {
                    if let Some(q) = prev {
                        total += q.distance(*p);
                    }
                    cumulative_px.push(total);
                    prev = Some(*p);
                }
                let bounds = points.iter().fold(
                    [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
                    |[x0, y0, x1, y1], q| [x0.min(q.x), y0.min(q.y), x1.max(q.x), y1.max(q.y)],
                );
                LegRoute {
                    mode: leg.mode,
                    points,
                    cumulative_px,
                    km: leg.km,
                    bounds,
                }
            })
            .collect();
        Route { legs }
    }

    /// The drawn length of the whole route, in px.
    pub fn length_px(&self) -> f64 {
        self.legs.iter().map(LegRoute::length_px).sum()
    }

    /// The length on the ground, in km, along the plotted route.
    pub fn km(&self) -> f64 {
        self.legs.iter().map(|l| l.km).sum()
    }

    /// The shortest distance from `p` to the drawn route, px (infinite for an empty route).
    /// Routes whose bounding box is farther than `within` are skipped quickly.
    pub fn distance_px(&self, p: Px, within: f64) -> f64 {
        let mut best = f64::INFINITY;
        for leg in &self.legs {
            let [x0, y0, x1, y1] = leg.bounds;
            if p.x < x0 - within || p.x > x1 + within || p.y < y0 - within || p.y > y1 + within {
                continue;
            }
            for w in leg.points.windows(2) {
                if let [a, b] = w {
                    best = best.min(p.distance_to_segment(*a, *b));
                }
            }
        }
        best
    }

    /// Where the traveller is after `drawn_px` of the route, clamped to the route.
    pub fn at(&self, drawn_px: f64) -> Option<Heading> {
        let mut remaining = if drawn_px.is_finite() {
            drawn_px.max(0.0)
        } else {
            0.0
        };
        let count = self.legs.len();
        for (index, leg) in self.legs.iter().enumerate() {
            let len = leg.length_px();
            if remaining <= len || index + 1 == count {
                return leg_at(leg, remaining.min(len)).map(|(point, heading_deg)| Heading {
                    point,
                    heading_deg,
                    leg: index,
                });
            }
            remaining -= len;
        }
        None
    }
}

/// Point and heading at `s` px along one leg.
fn leg_at(leg: &LegRoute, s: f64) -> Option<(Px, f64)> {
    // The first point whose cumulative length reaches s ends the segment s lies on.
    let end = leg
        .cumulative_px
        .partition_point(|&c| c < s)
        .clamp(1, leg.points.len().saturating_sub(1).max(1));
    let (a, b) = (leg.points.get(end - 1)?, leg.points.get(end)?);
    let (ca, cb) = (leg.cumulative_px.get(end - 1)?, leg.cumulative_px.get(end)?);
    let t = if cb > ca {
        crate::geo::clamp((s - ca) / (cb - ca), 0.0, 1.0)
    } else {
        1.0
    };
    let point = Px {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    let heading_deg = (b.y - a.y).atan2(b.x - a.x).to_degrees();
    Some((point, heading_deg))
}
