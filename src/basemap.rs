//! The basemap: quantized TopoJSON (as written by `npm run basemap`) decoded into rings of
//! [`LonLat`], then projected, clipped to the map and written as one land path.

use crate::error::Error;
use crate::geo::simplify::simplify;
use crate::geo::{LonLat, Projection, ProjectionKind, Px};
use crate::json::Value;
use crate::svg::PathWriter;
use std::borrow::Cow;

/// The most arcs and the most points a basemap may hold.
pub const MAX_POINTS: usize = 500_000;

const NOT_A_POSITION: &str = "a position is not [x, y]";

/// Coastline points within this distance of the line kept around them are dropped, after
/// projection ([`simplify`]). The land is written to whole pixels, so it already moves by up to
/// half a pixel; at one pixel the coastline looks the same at 1x and 2x (screenshots compared)
/// and the no-JavaScript fallback the page carries is 943 bytes smaller, gzip.
pub const LAND_SIMPLIFY_PX: f64 = 1.0;

/// Land polygons: each polygon is a list of rings (the first the outer ring).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Basemap {
    /// Polygons of every object in the topology.
    pub polygons: Vec<Vec<Vec<LonLat>>>,
}

impl Basemap {
    /// Decodes a TopoJSON topology: every Polygon and MultiPolygon of every object.
    pub fn from_topojson(topo: &Value) -> Result<Basemap, Error> {
        let bad = |msg: &str| Error::Basemap(msg.to_string());
        if topo.get("type").and_then(Value::as_str) != Some("Topology") {
            return Err(bad("expected a TopoJSON Topology"));
        }
        let (scale, translate) = match topo.get("transform") {
            Some(t) => (pair(t.get("scale")), pair(t.get("translate"))),
            None => (Some((1.0, 1.0)), Some((0.0, 0.0))),
        };
        let (Some(scale), Some(translate)) = (scale, translate) else {
            return Err(bad("transform needs numeric scale and translate"));
        };
        let quantized = topo.get("transform").is_some();
        let arcs_value = topo
            .get("arcs")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("missing arcs"))?;
        let mut points = 0usize;
        let mut arcs: Vec<Vec<LonLat>> = Vec::with_capacity(arcs_value.len());
        for arc in arcs_value.iter() {
            // Arcs read as flat positions; any other array is checked item by item.
            let positions: Cow<[[f64; 2]]> = match arc.as_positions() {
                Some(positions) => Cow::Borrowed(positions),
                None => {
                    let items = arc
                        .as_array()
                        .ok_or_else(|| bad("an arc is not an array"))?;
                    let mut positions = Vec::with_capacity(items.len());
                    for item in items.iter() {
                        let (a, b) = pair(Some(item)).ok_or_else(|| bad(NOT_A_POSITION))?;
                        positions.push([a, b]);
                    }
                    Cow::Owned(positions)
                }
            };
            points += positions.len();
            if points > MAX_POINTS {
                return Err(bad("more than 500,000 points"));
            }
            let (mut x, mut y) = (0.0, 0.0);
            let mut line = Vec::with_capacity(positions.len());
            for &[a, b] in positions.iter() {
                if !(a.is_finite() && b.is_finite()) {
                    return Err(bad(NOT_A_POSITION));
                }
                if quantized {
                    x += a;
                    y += b;
                } else {
                    (x, y) = (a, b);
                }
                line.push(LonLat::new(
                    x * scale.0 + translate.0,
                    y * scale.1 + translate.1,
                ));
            }
            arcs.push(line);
        }
        let objects = match topo.get("objects") {
            Some(Value::Object(members)) => members,
            _ => return Err(bad("missing objects")),
        };
        let mut polygons = Vec::new();
        for (_, object) in objects {
            collect(object, &arcs, &mut polygons)?;
        }
        Ok(Basemap { polygons })
    }

    /// The land as one SVG path, projected and clipped to a `width` x `height` map.
    pub fn land_path(&self, projection: &Projection, width: f64, height: f64) -> String {
        self.land_path_in(projection, frame_bounds(width, height))
    }

    /// The land as one SVG path, projected and clipped to `bounds` (px).
    pub fn land_path_in(&self, projection: &Projection, bounds: Bounds) -> String {
        let mut w = PathWriter::whole_px();
        for polygon in &self.polygons {
            for ring in polygon {
                let projected: Vec<Px> =
                    ring.iter().filter_map(|p| projection.project(*p)).collect();
                let clipped = clip_ring(&simplify(&projected, LAND_SIMPLIFY_PX), bounds);
                if clipped.len() >= 3 {
                    w.polyline(&clipped);
                    w.close();
                }
            }
        }
        w.finish()
    }
}

/// The most a shared land is enlarged ([`SharedLand::fit`]): simplified to a pixel at its
/// own scale, it would look coarse beyond this (the widget's widest layout, 900 px wide, shows
/// the fallback's land, 720 px wide, at about 1.29×).
const MAX_SHARED_SCALE: f64 = 1.4;

/// A rectangle on the map, px: left, top, right, bottom.
pub type Bounds = (f64, f64, f64, f64);

/// What a `width` x `height` map's land is clipped to: the map and a margin that keeps the
/// clip's own edges out of sight.
pub fn frame_bounds(width: f64, height: f64) -> Bounds {
    (-2.0, -2.0, width + 2.0, height + 2.0)
}

/// Land already drawn for one layout, to be shown again in another layout of the same
/// projection: the live map takes the no-JavaScript fallback's land this way at any width the
/// fallback's land covers, and the basemap is not downloaded.
///
/// Layouts of one data set differ only in scale and offset (the projection's centre is the
/// origin's at every width), so the land of one, moved and scaled, is the land of another:
/// the path is kept as it was written and drawn through a transform ([`SharedLand::fit`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedLand {
    /// The projection the land was drawn with.
    projection: Projection,
    /// The part of that layout's plane the land covers, px.
    cover: Bounds,
    /// The land's path, as it was written.
    pub d: String,
}

impl SharedLand {
    /// The text of the fallback's `data-land` attribute: where its land was drawn and what it
    /// covers, as a JSON array of numbers.
    pub fn frame_text(projection: &Projection, cover: Bounds) -> String {
        let kind = match projection.kind {
            ProjectionKind::AzimuthalEquidistant => 0.0,
            ProjectionKind::Mercator => 1.0,
            ProjectionKind::Equirectangular => 2.0,
        };
        let mut s = String::from("[");
        for (i, v) in [
            kind,
            projection.center.lon_deg,
            projection.center.lat_deg,
            projection.scale,
            projection.translate.x,
            projection.translate.y,
            cover.0,
            cover.1,
            cover.2,
            cover.3,
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&crate::svg::decimal(v));
        }
        s.push(']');
        s
    }

    /// Takes a land path with its frame ([`Self::frame_text`]); `None` when the frame is not
    /// in that form (the basemap is then needed).
    pub fn read(frame: &str, d: &str) -> Option<SharedLand> {
        let frame = crate::json::parse(frame, crate::json::ReadLimits::default()).ok()?;
        let [kind, lon, lat, scale, x, y, x0, y0, x1, y1] = *frame.as_numbers()? else {
            return None;
        };
        let kind = match kind {
            0.0 => ProjectionKind::AzimuthalEquidistant,
            1.0 => ProjectionKind::Mercator,
            2.0 => ProjectionKind::Equirectangular,
            _ => return None,
        };
        (scale > 0.0 && x0 < x1 && y0 < y1).then_some(())?;
        Some(SharedLand {
            projection: Projection {
                kind,
                center: LonLat::new(lon, lat),
                scale,
                translate: Px { x, y },
            },
            cover: (x0, y0, x1, y1),
            d: d.to_string(),
        })
    }

    /// How this land is placed on a `width` x `height` map drawn with `projection`: a point
    /// `p` of the land is at `k p + (dx, dy)` there, for the `(k, dx, dy)` returned. `None`
    /// when the land does not cover that map, or was drawn with another projection.
    pub fn fit(&self, projection: &Projection, width: f64, height: f64) -> Option<(f64, f64, f64)> {
        let from = &self.projection;
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-5;
        let same = from.kind == projection.kind
            && near(from.center.lon_deg, projection.center.lon_deg)
            && near(from.center.lat_deg, projection.center.lat_deg);
        let k = projection.scale / from.scale;
        if !(same && k > 0.0 && k <= MAX_SHARED_SCALE) {
            return None;
        }
        let (dx, dy) = (
            projection.translate.x - k * from.translate.x,
            projection.translate.y - k * from.translate.y,
        );
        let bounds = frame_bounds(width, height);
        let (x0, y0, x1, y1) = self.cover;
        // The map's frame in the land's px, as `Map::share_land` maps frames back: written
        // twice, because one shared function cost the wasm 0.17 KB gzip. Half a pixel for the
        // rounding of the numbers written in the frame.
        let covered = (bounds.0 - dx) / k >= x0 - 0.5
            && (bounds.1 - dy) / k >= y0 - 0.5
            && (bounds.2 - dx) / k <= x1 + 0.5
            && (bounds.3 - dy) / k <= y1 + 0.5;
        covered.then_some((k, dx, dy))
    }
}

fn pair(v: Option<&Value>) -> Option<(f64, f64)> {
    match v?.as_numbers()? {
        [a, b, ..] if a.is_finite() && b.is_finite() => Some((*a, *b)),
        _ => None,
    }
}

fn collect(
    geometry: &Value,
    arcs: &[Vec<LonLat>],
    out: &mut Vec<Vec<Vec<LonLat>>>,
) -> Result<(), Error> {
    let bad = |msg: &str| Error::Basemap(msg.to_string());
    let rings_of = |polygon: &Value| -> Result<Vec<Vec<LonLat>>, Error> {
        let rings = polygon
            .as_array()
            .ok_or_else(|| bad("a polygon is not an array of rings"))?;
        let mut out = Vec::with_capacity(rings.len());
        for ring in rings.iter() {
            out.push(ring_of(ring, arcs)?);
        }
        Ok(out)
    };
    match geometry.get("type").and_then(Value::as_str) {
        Some("GeometryCollection") => {
            for g in geometry
                .get("geometries")
                .and_then(Value::as_array)
                .unwrap_or_default()
                .iter()
            {
                collect(g, arcs, out)?;
            }
        }
        Some("Polygon") => {
            if let Some(p) = geometry.get("arcs") {
                out.push(rings_of(p)?);
            }
        }
        Some("MultiPolygon") => {
            for p in geometry
                .get("arcs")
                .and_then(Value::as_array)
                .unwrap_or_default()
                .iter()
            {
                out.push(rings_of(p)?);
            }
        }
        // Lines and points have no land to fill.
        _ => {}
    }
    Ok(())
}

/// Joins the arcs of one ring; a negative index `i` means arc `!i` reversed.
fn ring_of(indices: &Value, arcs: &[Vec<LonLat>]) -> Result<Vec<LonLat>, Error> {
    let indices = indices
        .as_array()
        .ok_or_else(|| Error::Basemap("a ring is not an array of arc indices".to_string()))?;
    let mut ring: Vec<LonLat> = Vec::new();
    for index in indices.iter() {
        let i = match index {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => *n as i64,
            _ => return Err(Error::Basemap("an arc index is not an integer".to_string())),
        };
        let (arc, reversed) = if i >= 0 { (i, false) } else { (!i, true) };
        let arc = usize::try_from(arc)
            .ok()
            .and_then(|a| arcs.get(a))
            .ok_or_else(|| Error::Basemap("an arc index is out of range".to_string()))?;
        let skip = usize::from(!ring.is_empty());
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Ok(ring)
}

/// Sutherland–Hodgman clipping of a closed ring to an axis-aligned rectangle
/// (x0, y0, x1, y1). Edges along the rectangle may appear; filled land hides them.
fn clip_ring(ring: &[Px], rect: (f64, f64, f64, f64)) -> Vec<Px> {
    let (x0, y0, x1, y1) = rect;
    let inside_all = ring
        .iter()
        .all(|p| p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1);
    if inside_all {
        return ring.to_vec();
    }
    type Inside = fn(Px, f64) -> bool;
    type Cross = fn(Px, Px, f64) -> Px;
    let edges: [(Inside, Cross, f64); 4] = [
        (|p, v| p.x >= v, |a, b, v| cross_x(a, b, v), x0),
        (|p, v| p.x <= v, |a, b, v| cross_x(a, b, v), x1),
        (|p, v| p.y >= v, |a, b, v| cross_y(a, b, v), y0),
        (|p, v| p.y <= v, |a, b, v| cross_y(a, b, v), y1),
    ];
    let mut output = ring.to_vec();
    for (inside, cross, v) in edges {
        let input = std::mem::take(&mut output);
        let Some(mut prev) = input.last().copied() else {
            break;
        };
        for p in input {
            match (inside(p, v), inside(prev, v)) {
                (true, true) => output.push(p),
                (true, false) => {
                    output.push(cross(prev, p, v));
                    output.push(p);
                }
                (false, true) => output.push(cross(prev, p, v)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    output
}

fn cross_x(a: Px, b: Px, x: f64) -> Px {
    let t = if b.x != a.x {
        (x - a.x) / (b.x - a.x)
    } else {
        0.0
    };
    Px {
        x,
        y: a.y + (b.y - a.y) * t,
    }
}

fn cross_y(a: Px, b: Px, y: f64) -> Px {
    let t = if b.y != a.y {
        (y - a.y) / (b.y - a.y)
    } else {
        0.0
    };
    Px {
        x: a.x + (b.x - a.x) * t,
        y,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json::{parse, ReadLimits};

    #[test]
    fn decodes_shared_and_reversed_quantized_arcs() {
        // Two squares sharing the edge x = 1: arc 0 is the shared edge.
        let topo = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[100,0]},
          "arcs":[[[1,0],[0,1]], [[1,1],[-1,0],[0,-1],[1,0]], [[1,0],[1,0],[0,1],[-1,0]]],
          "objects":{"land":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0,1]]},{"type":"MultiPolygon","arcs":[[[2,-1]]]}]}}}"#;
        let map = Basemap::from_topojson(&parse(topo, ReadLimits::default()).unwrap()).unwrap();
        assert_eq!(map.polygons.len(), 2);
        let west = &map.polygons[0][0];
        assert_eq!(west.first(), Some(&LonLat::new(101.0, 0.0)));
        assert_eq!(west.len(), 5);
        assert_eq!(west.first(), west.last());
        let east = &map.polygons[1][0];
        assert_eq!(east.first(), east.last());
        assert!(east.contains(&LonLat::new(102.0, 1.0)));
    }

    #[test]
    fn a_bad_arc_index_is_an_error_not_a_panic() {
        let topo =
            r#"{"type":"Topology","arcs":[],"objects":{"x":{"type":"Polygon","arcs":[[7]]}}}"#;
        let err = Basemap::from_topojson(&parse(topo, ReadLimits::default()).unwrap());
        assert!(matches!(err, Err(Error::Basemap(_))));
    }

    #[test]
    fn a_frame_in_another_form_is_not_taken() {
        let projection = Projection::new(
            ProjectionKind::AzimuthalEquidistant,
            LonLat::new(125.75, 39.02),
        );
        let frame = SharedLand::frame_text(&projection, (-2.0, -2.0, 722.0, 866.0));
        assert!(SharedLand::read(&frame, "M0,0l1,0 0,1z").is_some());
        for frame in [
            "",
            "[0,1,2]",
            "[9,125.75,39.02,1,0,0,-2,-2,722,866]",
            "{\"a\":1}",
        ] {
            assert_eq!(SharedLand::read(frame, "M0,0l1,0 0,1z"), None, "{frame}");
        }
    }

    /// The absolute points of a path written by [`PathWriter`] (`M`, `l` and `z` only): the
    /// pair after `M` is absolute, the others are moves from the point before.
    fn points_of(d: &str) -> Vec<Px> {
        let mut out: Vec<Px> = Vec::new();
        let (mut numbers, mut current) = (Vec::new(), String::new());
        let mut absolute = false;
        for c in d.chars().chain(std::iter::once(' ')) {
            let in_number = c.is_ascii_digit() || c == '.';
            if !in_number && !current.is_empty() {
                numbers.push(current.parse::<f64>().unwrap());
                current.clear();
            }
            match c {
                '0'..='9' | '.' | '-' => current.push(c),
                'M' => absolute = true,
                _ => {}
            }
            if let [x, y] = numbers[..] {
                let point = match out.last() {
                    Some(last) if !absolute => Px {
                        x: last.x + x,
                        y: last.y + y,
                    },
                    _ => Px { x, y },
                };
                out.push(point);
                numbers.clear();
                absolute = false;
            }
        }
        out
    }

    #[test]
    fn the_coastline_drops_sub_pixel_wiggles_but_keeps_its_headlands() {
        // One px a degree: x is the longitude, y minus the latitude.
        let projection = Projection {
            kind: crate::geo::ProjectionKind::Equirectangular,
            center: LonLat::new(0.0, 0.0),
            scale: 180.0 / std::f64::consts::PI,
            translate: Px { x: 0.0, y: 0.0 },
        };
        // A square island whose north coast wiggles by a third of a pixel every pixel, with a
        // headland 6 px high.
        let mut ring = vec![LonLat::new(10.0, -90.0)];
        for x in 10..=90 {
            let lat = if x == 47 {
                -44.0
            } else {
                -50.0 + f64::from(x % 2) / 3.0
            };
            ring.push(LonLat::new(f64::from(x), lat));
        }
        ring.push(LonLat::new(90.0, -90.0));
        ring.push(LonLat::new(10.0, -90.0));
        let map = Basemap {
            polygons: vec![vec![ring.clone()]],
        };
        let d = map.land_path(&projection, 100.0, 100.0);
        assert!(d.starts_with("M10,90l"), "{d}");
        // Read back as absolute points (the path's moves after the first are relative).
        let drawn = points_of(&d);
        assert!(
            drawn.len() < ring.len() / 4,
            "{} of {} points: {d}",
            drawn.len(),
            ring.len()
        );
        assert!(
            drawn.contains(&Px { x: 47.0, y: 44.0 }),
            "the headland's tip is kept: {d}"
        );
        // Every given point lies within the tolerance (and the rounding) of the drawn outline.
        for p in &ring {
            let p = Px {
                x: p.lon_deg,
                y: -p.lat_deg,
            };
            let near = drawn
                .windows(2)
                .any(|w| p.distance_to_segment(w[0], w[1]) <= LAND_SIMPLIFY_PX + 0.5);
            assert!(near, "{p:?} strays from {d}");
        }
    }

    #[test]
    fn clipping_keeps_a_ring_inside_the_rectangle() {
        let ring = [
            Px { x: -50.0, y: 5.0 },
            Px { x: 50.0, y: 5.0 },
            Px { x: 50.0, y: 8.0 },
            Px { x: -50.0, y: 8.0 },
        ];
        let out = clip_ring(&ring, (0.0, 0.0, 10.0, 10.0));
        assert!(out.iter().all(|p| (0.0..=10.0).contains(&p.x)));
        assert_eq!(out.len(), 4);
    }
}
