//! The whole map: validated trips, the fitted projection, projected routes, labels, the
//! basemap path and the time axis. Built once; [`Map::frame`] is then all the animation asks.

use crate::basemap::{frame_bounds, Basemap, Bounds, SharedLand};
use crate::error::Error;
use crate::geo::projection::Viewport;
use crate::geo::{LonLat, Projection, ProjectionKind, Px};
use crate::json::Value;
use crate::model::{Mode, TripSet};
use crate::route::{GroundLeg, Route};
use crate::timeline::{Frame, Timeline, TripSpan};

/// How the map is built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Width of the map in SVG user units. The map scales to its box; this sets the
    /// proportions of text and lines to the map.
    pub width: f64,
    /// Free space kept around the routes, px.
    pub padding: f64,
    /// The projection.
    pub projection: ProjectionKind,
    /// Length of one full play at 1x, ms.
    pub duration_ms: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 720.0,
            padding: 32.0,
            projection: ProjectionKind::AzimuthalEquidistant,
            duration_ms: 20_000.0,
        }
    }
}

/// A place label on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// The place marked (a dot is drawn there).
    pub at: Px,
    /// Where the text's anchor point is.
    pub text_at: Px,
    /// SVG text-anchor: start, middle or end.
    pub anchor: &'static str,
    /// The trips (indices in date order) that end here.
    pub trips: Vec<usize>,
    /// False when no position around the dot was free: the dot is drawn, the text is not
    /// (the list and the dot's tooltip still name the place).
    pub shown: bool,
}

/// Where the traveller is in one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// Position.
    pub point: Px,
    /// Direction of travel, degrees clockwise from east.
    pub heading_deg: f64,
    /// Mode of the leg being travelled.
    pub mode: Mode,
    /// Index of that leg.
    pub leg: usize,
}

/// One frame of the animation: the timeline's frame plus the active trip's drawn length and
/// marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapFrame {
    /// The timeline state.
    pub frame: Frame,
    /// Drawn length of the active trip, px (0 when none is active).
    pub drawn_px: f64,
    /// The traveller, while a trip is being drawn.
    pub marker: Option<Marker>,
}

/// A box on the map, px: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn edges(self) -> (f64, f64, f64, f64) {
        (self.x, self.y, self.x + self.w, self.y + self.h)
    }
}

/// Where the title, the legend and the credit line go. Labels keep clear of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Furniture {
    /// The title's text, and the box it takes.
    pub title: String,
    /// The box the title takes.
    pub title_box: Rect,
    /// Modes in the legend, in order.
    pub legend_modes: Vec<Mode>,
    /// Whether the legend has a row for events that were not trips abroad.
    pub legend_not_abroad: bool,
    /// The legend's box (zero-sized when there is no legend).
    pub legend_box: Rect,
    /// The credit, wrapped to the map's width, first line first.
    pub credit_lines: Vec<String>,
}

/// Title font size, px.
pub const TITLE_FONT_PX: f64 = 20.0;
/// Credit font size, px.
pub const CREDIT_FONT_PX: f64 = 11.0;
/// Legend row height, px.
pub const LEGEND_ROW_PX: f64 = 20.0;
/// Space kept between the map's edge and the furniture, px.
pub const MARGIN_PX: f64 = 12.0;
/// The least gap between the title and a place (a dot where a trip starts or ends), px.
const TITLE_CLEAR_PX: f64 = 6.0;
/// The widths (CSS px) the widget lays maps out for: first, last and step (the shell's
/// `#layoutWidth` rounds to these). The fallback's land covers the maps of all of them.
pub const LAYOUT_WIDTHS: (f64, f64, f64) = (360.0, 900.0, 10.0);
/// Credit for the basemap, always shown.
pub const BASEMAP_CREDIT: &str = "Basemap: Natural Earth";

/// A built map.
#[derive(Debug, Clone)]
pub struct Map {
    /// The data.
    pub set: TripSet,
    /// The fitted projection.
    pub projection: Projection,
    /// Map size, px.
    pub width: f64,
    /// Map size, px.
    pub height: f64,
    /// Projected routes, parallel to `set.trips`.
    pub routes: Vec<Route>,
    /// Place labels: the origin's first, then one per destination, however many trips
    /// end there.
    pub labels: Vec<Label>,
    /// The origin on the map.
    pub origin: Px,
    /// The land, as an SVG path (empty without a basemap).
    pub land: String,
    /// What the land covers, px: the map and a margin, or more ([`Map::share_land`]).
    pub land_cover: Bounds,
    /// For land drawn for another layout ([`Map::borrow_land`]): `(k, dx, dy)`, where a point
    /// `p` of it is at `k p + (dx, dy)` on this map.
    pub land_placed: Option<(f64, f64, f64)>,
    /// The time axis.
    pub timeline: Timeline,
    /// Title, legend and credit placement.
    pub furniture: Furniture,
}

/// A map being laid out, in steps a caller can spread over several calls ([`Layout::step`]):
/// the browser's shell ends its task between them, so that a large map's layout does not hold
/// the page for all of its time at once. Each trip's points are projected (the largest part),
/// then the projection is fitted to them all, then each trip's route is placed with it; what
/// is left (the timeline, the land, the labels) is done by [`Layout::finish`], which also does
/// any steps not taken. The map is the same however the steps were taken.
#[derive(Debug)]
pub struct Layout {
    set: TripSet,
    options: Options,
    width: f64,
    unit: Projection,
    /// Each trip's legs on the plane, for the trips projected so far; a trip's are freed once
    /// its route is placed, so that the peak holds one copy of the points on the plane.
    ground: Vec<Vec<GroundLeg>>,
    /// The fitted projection and the map's height, once every trip is projected.
    fitted: Option<(Projection, f64)>,
    routes: Vec<Route>,
}

impl Layout {
    /// A layout of `set` with nothing done yet.
    pub fn new(set: TripSet, options: Options) -> Layout {
        let width = if options.width.is_finite() && options.width >= 100.0 {
            options.width.min(10_000.0)
        } else {
            Options::default().width
        };
        // Each point is projected once, before fitting: fitting and placing are then
        // arithmetic on plane coordinates.
        let unit = Projection::new(options.projection, set.origin.point);
        Layout {
            ground: Vec::with_capacity(set.trips.len()),
            routes: Vec::with_capacity(set.trips.len()),
            set,
            options,
            width,
            unit,
            fitted: None,
        }
    }

    /// What the map is laid out for.
    pub fn options(&self) -> Options {
        self.options
    }

    /// Does about `points` points' worth of the layout (at least one trip's, for any `points`
    /// above zero), and says whether the steps are all done (then only [`Layout::finish`] is
    /// left).
    pub fn step(&mut self, points: usize) -> bool {
        let mut done = 0;
        while done < points {
            let next = self.ground.len();
            if let Some(trip) = self.set.trips.get(next) {
                self.ground.push(GroundLeg::of_trip(trip, &self.unit));
                done += trip.legs.iter().map(|l| l.points.len()).sum::<usize>() + 1;
                continue;
            }
            let Some((projection, _)) = self.fitted.as_ref() else {
                self.fitted = Some(self.fit());
                done += 1;
                continue;
            };
            let next = self.routes.len();
            let Some(legs) = self.ground.get_mut(next) else {
                return true;
            };
            let legs = std::mem::take(legs);
            done += legs.iter().map(|l| l.raw.len()).sum::<usize>() + 1;
            self.routes.push(Route::place(&legs, projection));
        }
        self.routes.len() == self.set.trips.len() && self.fitted.is_some()
    }

    /// The projection fitted to every trip's points and places, with the map's height.
    fn fit(&self) -> (Projection, f64) {
        let (set, options, width, unit) = (&self.set, &self.options, self.width, &self.unit);
        // The places: the origin and each trip's destination.
        let places = || {
            std::iter::once(set.origin.point).chain(set.trips.iter().map(|t| t.destination_point))
        };
        let extent = Projection::raw_extent(
            places().filter_map(unit.raw_many()).chain(
                self.ground
                    .iter()
                    .flatten()
                    .flat_map(|l| l.raw.iter().copied()),
            ),
        );
        let padding = crate::geo::clamp(options.padding, 0.0, width / 4.0);
        let viewport = Viewport {
            width,
            padding,
            // Room for the credit's extra lines on a narrow map.
            bottom_extra: (credit_lines(set, width).len().saturating_sub(1)) as f64
                * (CREDIT_FONT_PX + 2.0),
            top_extra: 0.0,
            min_aspect: 0.5,
            max_aspect: 1.2,
        };
        let fit = |viewport| {
            Projection::fit_extent(options.projection, set.origin.point, extent, viewport)
        };
        let (projection, height) = fit(viewport);
        // A narrow map's title spans most of its width: when a place would sit under it, the
        // map is fitted again below the title (only then, so that wide maps keep their top
        // corners). Places, not every point of every route: a line may pass behind the
        // title's halo, a dot and its label may not.
        let (x0, _, x1, title_bottom) = title_box(set).edges();
        let under_title = places().filter_map(|p| projection.project(p)).any(|p| {
            p.y < title_bottom + TITLE_CLEAR_PX
                && p.x > x0 - TITLE_CLEAR_PX
                && p.x < x1 + TITLE_CLEAR_PX
        });
        if under_title {
            return fit(Viewport {
                top_extra: title_bottom + TITLE_CLEAR_PX - padding,
                ..viewport
            });
        }
        (projection, height)
    }

    /// The map: the steps not taken yet, then its timeline, land (from `basemap`, if any),
    /// title, legend, credit and labels.
    pub fn finish(mut self, basemap: Option<&Basemap>) -> Map {
        while !self.step(usize::MAX) {}
        // The steps above fitted it: the unit projection is never taken.
        let (projection, height) = self.fitted.take().unwrap_or((self.unit, self.width));
        let Layout {
            set,
            options,
            width,
            routes,
            ..
        } = self;
        let spans: Vec<TripSpan> = set
            .trips
            .iter()
            .zip(&routes)
            .map(|(t, r)| TripSpan {
                start: t.start,
                end: t.end,
                km: r.km(),
            })
            .collect();
        let timeline = Timeline::new(&spans, options.duration_ms);
        let origin = projection.project(set.origin.point).unwrap_or_default();
        let land = basemap.map_or_else(String::new, |b| b.land_path(&projection, width, height));
        let mut map = Map {
            set,
            projection,
            width,
            height,
            routes,
            labels: Vec::new(),
            origin,
            land,
            land_cover: frame_bounds(width, height),
            land_placed: None,
            timeline,
            furniture: Furniture::default(),
        };
        map.furniture = map.place_furniture();
        map.labels = map.place_labels();
        map
    }
}

impl Map {
    /// Builds the map from a parsed trips document and an optional parsed TopoJSON basemap.
    pub fn new(trips: &Value, basemap: Option<&Value>, options: Options) -> Result<Map, Error> {
        let set = TripSet::from_value(trips)?;
        let basemap = basemap.map(Basemap::from_topojson).transpose()?;
        Ok(Map::from_set(set, basemap.as_ref(), options))
    }

    /// Builds the map from validated trips.
    pub fn from_set(set: TripSet, basemap: Option<&Basemap>, options: Options) -> Map {
        Layout::new(set, options).finish(basemap)
    }

    /// The frame at `time_ms`.
    pub fn frame(&self, time_ms: f64) -> MapFrame {
        let frame = self.timeline.frame(time_ms);
        let active = frame
            .active
            .and_then(|i| self.routes.get(i).map(|r| (i, r)));
        match active {
            Some((_, route)) => {
                let drawn_px = route.length_px() * frame.fraction;
                let marker = route.at(drawn_px).and_then(|h| {
                    route.legs.get(h.leg).map(|leg| Marker {
                        point: h.point,
                        heading_deg: h.heading_deg,
                        mode: leg.mode,
                        leg: h.leg,
                    })
                });
                MapFrame {
                    frame,
                    drawn_px,
                    marker,
                }
            }
            None => MapFrame {
                frame,
                drawn_px: 0.0,
                marker: None,
            },
        }
    }

    /// Groups destinations that fall within a few pixels of each other and places one label
    /// for each group, trying positions around the dot until one overlaps nothing placed.
    /// Both steps look only at nearby cells of a grid, so a map of 10,000 places costs about
    /// ten times one of 1,000, not a hundred.
    fn place_labels(&self) -> Vec<Label> {
        const SAME_PLACE_PX: f64 = 14.0;
        let mut groups: Vec<Label> = Vec::new();
        let mut near = Grid::new(self.width, self.height, SAME_PLACE_PX);
        for (i, trip) in self.set.trips.iter().enumerate() {
            let Some(at) = self.projection.project(trip.destination_point) else {
                continue;
            };
            let around = (
                at.x - SAME_PLACE_PX,
                at.y - SAME_PLACE_PX,
                at.x + SAME_PLACE_PX,
                at.y + SAME_PLACE_PX,
            );
            let same = near.find(around, &mut |g| {
                groups.get(g).is_some_and(|g: &Label| {
                    g.at.distance(at) < SAME_PLACE_PX && names_match(&g.text, &trip.destination)
                })
            });
            match same.and_then(|g| groups.get_mut(g)) {
                Some(g) => g.trips.push(i),
                None => {
                    near.insert((at.x, at.y, at.x, at.y), groups.len());
                    groups.push(Label {
                        text: trip.destination.clone(),
                        at,
                        text_at: at,
                        anchor: "start",
                        trips: vec![i],
                        shown: true,
                    });
                }
            }
        }
        // Every dot is an obstacle; then the origin's label is placed, then the others.
        let mut taken = Taken::new(self.width, self.height);
        let dot = |p: Px| (p.x - 5.0, p.y - 5.0, p.x + 5.0, p.y + 5.0);
        for g in &groups {
            taken.push(dot(g.at));
        }
        taken.push(dot(self.origin));
        let f = &self.furniture;
        taken.push(f.title_box.edges());
        taken.push(f.legend_box.edges());
        let credit_h = f.credit_lines.len() as f64 * (CREDIT_FONT_PX + 2.0);
        taken.push((
            0.0,
            self.height - MARGIN_PX - credit_h,
            self.width,
            self.height,
        ));
        let mut origin_label = Label {
            text: self.set.origin.name.clone(),
            at: self.origin,
            text_at: self.origin,
            anchor: "end",
            trips: Vec::new(),
            shown: true,
        };
        // The origin's name is always drawn, over something if it must.
        self.place(&mut origin_label, ORIGIN_WIDTH_FACTOR, &mut taken, true);
        for g in &mut groups {
            self.place(g, LABEL_WIDTH_FACTOR, &mut taken, false);
        }
        groups.insert(0, origin_label);
        groups
    }

    /// Tries positions around the label's dot until one overlaps nothing taken and stays on
    /// the map. When none is free the label is not shown, unless `always`: then it goes at
    /// the first position.
    fn place(&self, label: &mut Label, width_factor: f64, taken: &mut Taken, always: bool) {
        // Nearest first; the farther ones are for crowded places on narrow maps.
        const CANDIDATES: [(f64, f64, &str); 14] = [
            (8.0, 4.5, "start"),
            (-8.0, 4.5, "end"),
            (0.0, -9.0, "middle"),
            (0.0, 18.0, "middle"),
            (8.0, 16.0, "start"),
            (-8.0, 16.0, "end"),
            (8.0, -7.0, "start"),
            (-8.0, -7.0, "end"),
            (0.0, 31.0, "middle"),
            (0.0, -22.0, "middle"),
            (-6.0, 29.0, "end"),
            (6.0, 29.0, "start"),
            (-6.0, -20.0, "end"),
            (6.0, -20.0, "start"),
        ];
        let text = label_text(label);
        let boxed = |(dx, dy, anchor): (f64, f64, &'static str)| {
            let p = Px {
                x: label.at.x + dx,
                y: label.at.y + dy,
            };
            (p, anchor, text_box(&text, p, anchor, width_factor))
        };
        let free = CANDIDATES.into_iter().map(boxed).find(|(_, _, b)| {
            b.0 >= 2.0
                && b.2 <= self.width - 2.0
                && b.1 >= 2.0
                && b.3 <= self.height - 2.0
                && !taken.overlaps(*b)
        });
        let (p, anchor, b) = free.unwrap_or_else(|| boxed(CANDIDATES[0]));
        label.text_at = p;
        label.anchor = anchor;
        label.shown = always || free.is_some();
        if label.shown {
            taken.push(b);
        }
    }

    /// Places the title top left, the credit bottom right (wrapped to the width) and the
    /// legend above the credit.
    fn place_furniture(&self) -> Furniture {
        let title = title_text(&self.set).to_string();
        let title_box = title_box(&self.set);
        let credit_lines = credit_lines(&self.set, self.width);
        // One pass over the legs, not one per mode.
        let mut used = [false; Mode::ALL.len()];
        for leg in self.routes.iter().flat_map(|r| &r.legs) {
            if let Some(u) = used.get_mut(leg.mode as usize) {
                *u = true;
            }
        }
        let legend_modes: Vec<Mode> = Mode::ALL
            .into_iter()
            .filter(|m| used.get(*m as usize) == Some(&true))
            .collect();
        let legend_not_abroad = self.set.trips.iter().any(|t| !t.foreign);
        let rows = legend_modes.len() + usize::from(legend_not_abroad);
        let legend_box = if rows == 0 {
            Rect::default()
        } else {
            let (w, h) = (172.0, 30.0 + LEGEND_ROW_PX * rows as f64);
            let credit_h = credit_lines.len() as f64 * (CREDIT_FONT_PX + 2.0);
            Rect {
                x: self.width - w - MARGIN_PX,
                y: self.height - h - MARGIN_PX - credit_h - 6.0,
                w,
                h,
            }
        };
        Furniture {
            title,
            title_box,
            legend_modes,
            legend_not_abroad,
            legend_box,
            credit_lines,
        }
    }

    /// The trips (indices in date order) whose route or destination lies within `radius_px`
    /// of `p`, nearest first. This is the map's hit test: the browser keeps one path per leg,
    /// not a second, wider copy to catch the pointer.
    pub fn trips_near(&self, p: Px, radius_px: f64) -> Vec<usize> {
        let mut hits: Vec<(f64, usize)> = Vec::new();
        for (i, route) in self.routes.iter().enumerate() {
            let d = route.distance_px(p, radius_px);
            if d <= radius_px {
                hits.push((d, i));
            }
        }
        for label in self.labels.iter().skip(1) {
            let d = label.at.distance(p);
            if d <= radius_px {
                for &i in &label.trips {
                    match hits.iter_mut().find(|(_, j)| *j == i) {
                        Some(hit) => hit.0 = hit.0.min(d),
                        None => hits.push((d, i)),
                    }
                }
            }
        }
        // The indices of the hits sorted, not the hits: `sort_by` for this one type was its own
        // copy in the wasm.
        let hit = |k: usize| hits.get(k).copied().unwrap_or((f64::INFINITY, usize::MAX));
        crate::order::sorted_indices(hits.len(), &|a, b| {
            let (a, b) = (hit(a), hit(b));
            a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
        })
        .into_iter()
        .map(|k| hit(k).1)
        .collect()
    }

    /// The land's frame for the no-JavaScript fallback's `data-land` (see [`SharedLand`]).
    pub fn land_frame(&self) -> String {
        SharedLand::frame_text(&self.projection, self.land_cover)
    }

    /// Draws the land from `basemap` over what the live map may need of it at any of the
    /// widths the widget lays maps out for ([`LAYOUT_WIDTHS`]), beyond this map's own frame,
    /// so that the widget can reuse this land at each of them ([`Map::borrow_land`]). For the
    /// no-JavaScript fallback: its SVG hides what lies outside it.
    pub fn share_land(&mut self, basemap: &Basemap, options: Options) {
        let own = self.projection;
        let mut cover = frame_bounds(self.width, self.height);
        let (first, last, step) = LAYOUT_WIDTHS;
        let mut width = first;
        while width <= last {
            let other = Map::from_set(self.set.clone(), None, Options { width, ..options });
            let p = other.projection;
            let k = p.scale / own.scale;
            let bounds = frame_bounds(other.width, other.height);
            if k > 0.0 && k.is_finite() {
                let back = |x: f64, y: f64| {
                    (
                        own.translate.x + (x - p.translate.x) / k,
                        own.translate.y + (y - p.translate.y) / k,
                    )
                };
                let (left, top) = back(bounds.0, bounds.1);
                let (right, bottom) = back(bounds.2, bounds.3);
                cover = (
                    cover.0.min(left),
                    cover.1.min(top),
                    cover.2.max(right),
                    cover.3.max(bottom),
                );
            }
            width += step;
        }
        self.land = basemap.land_path_in(&own, cover);
        self.land_cover = cover;
    }

    /// Shows land drawn for another layout of these trips (the fallback's), moved and scaled
    /// to this one, if it covers this map. False when it does not: the basemap is then needed.
    pub fn borrow_land(&mut self, shared: &SharedLand) -> bool {
        match shared.fit(&self.projection, self.width, self.height) {
            Some(placed) => {
                self.land.clone_from(&shared.d);
                self.land_cover = frame_bounds(self.width, self.height);
                self.land_placed = Some(placed);
                true
            }
            None => false,
        }
    }

    /// Draws the land from `basemap`, for a map built without one.
    pub fn set_basemap(&mut self, basemap: &Basemap) {
        self.land = basemap.land_path(&self.projection, self.width, self.height);
        self.land_cover = frame_bounds(self.width, self.height);
        self.land_placed = None;
    }

    /// A point's position on the map, if the projection can show it.
    pub fn project(&self, p: LonLat) -> Option<Px> {
        self.projection.project(p)
    }
}

/// Label font size in px; text boxes are estimated from it.
pub const LABEL_FONT_PX: f64 = 13.0;

/// Average glyph width as a share of the font size, for regular and bold text.
const LABEL_WIDTH_FACTOR: f64 = 0.58;
const ORIGIN_WIDTH_FACTOR: f64 = 0.66;

/// The text a label shows: the place, and how many trips ended there when more than one.
pub fn label_text(label: &Label) -> String {
    let mut s = label.text.clone();
    if label.trips.len() > 1 {
        s.push_str(" ×");
        crate::date::push_number(&mut s, u32::try_from(label.trips.len()).unwrap_or(u32::MAX));
    }
    s
}

/// The credit line, wrapped to a map `width` px wide.
fn credit_lines(set: &TripSet, width: f64) -> Vec<String> {
    let mut credit = BASEMAP_CREDIT.to_string();
    if let Some(c) = &set.credit {
        credit.push_str(". ");
        credit.push_str(c);
    }
    let max_chars = ((width - 2.0 * MARGIN_PX) / (CREDIT_FONT_PX * 0.55)).max(10.0) as usize;
    wrap(&credit, max_chars)
}

/// The map's title: the data's own, or a plain word.
fn title_text(set: &TripSet) -> &str {
    set.title.as_deref().unwrap_or("Trips")
}

/// The box the title takes, top left.
fn title_box(set: &TripSet) -> Rect {
    Rect {
        x: MARGIN_PX,
        y: 8.0,
        w: estimate_width(title_text(set), TITLE_FONT_PX, 0.62),
        h: TITLE_FONT_PX + 8.0,
    }
}

fn estimate_width(text: &str, font_px: f64, width_factor: f64) -> f64 {
    crate::model::char_count(text) as f64 * font_px * width_factor
}

/// Greedy word wrap to at most `max_chars` characters a line.
fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty()
            && crate::model::char_count(&line) + 1 + crate::model::char_count(word) > max_chars
        {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Items (by index) filed under the cells of a grid over the map that their box touches.
/// Boxes beyond the map are filed under the edge cells.
struct Grid {
    cell: f64,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(width: f64, height: f64, cell: f64) -> Grid {
        let count = |len: f64| crate::geo::clamp((len / cell).ceil(), 1.0, 4096.0) as usize;
        let (cols, rows) = (count(width), count(height));
        let mut cells = Vec::new();
        cells.resize_with(cols * rows, Vec::new);
        Grid {
            cell,
            cols,
            rows,
            cells,
        }
    }

    /// The columns and rows, from first to last, that a box (x0, y0, x1, y1) touches.
    fn span(&self, b: (f64, f64, f64, f64)) -> [usize; 4] {
        let at = |v: f64, n: usize| {
            crate::geo::clamp((v / self.cell).floor(), 0.0, n.saturating_sub(1) as f64) as usize
        };
        [
            at(b.0, self.cols),
            at(b.2, self.cols),
            at(b.1, self.rows),
            at(b.3, self.rows),
        ]
    }

    fn insert(&mut self, b: (f64, f64, f64, f64), item: usize) {
        let [x0, x1, y0, y1] = self.span(b);
        for y in y0..y1 + 1 {
            for x in x0..x1 + 1 {
                if let Some(list) = self.cells.get_mut(y * self.cols + x) {
                    list.push(item);
                }
            }
        }
    }

    /// The first item filed near the box for which `pick` holds.
    fn find(&self, b: (f64, f64, f64, f64), pick: &mut dyn FnMut(usize) -> bool) -> Option<usize> {
        let [x0, x1, y0, y1] = self.span(b);
        for y in y0..y1 + 1 {
            for x in x0..x1 + 1 {
                for &i in self
                    .cells
                    .get(y * self.cols + x)
                    .map_or(&[][..], Vec::as_slice)
                {
                    if pick(i) {
                        return Some(i);
                    }
                }
            }
        }
        None
    }
}

/// Boxes that labels must not cover, found through a grid.
struct Taken {
    boxes: Vec<(f64, f64, f64, f64)>,
    grid: Grid,
}

impl Taken {
    fn new(width: f64, height: f64) -> Taken {
        Taken {
            boxes: Vec::new(),
            grid: Grid::new(width, height, 32.0),
        }
    }

    fn push(&mut self, b: (f64, f64, f64, f64)) {
        self.grid.insert(b, self.boxes.len());
        self.boxes.push(b);
    }

    fn overlaps(&self, b: (f64, f64, f64, f64)) -> bool {
        self.grid
            .find(b, &mut |i| {
                self.boxes.get(i).is_some_and(|t| overlaps(*t, b))
            })
            .is_some()
    }
}

fn text_box(text: &str, at: Px, anchor: &str, width_factor: f64) -> (f64, f64, f64, f64) {
    let w = estimate_width(text, LABEL_FONT_PX, width_factor) + 4.0;
    let x0 = match anchor {
        "end" => at.x - w,
        "middle" => at.x - w / 2.0,
        _ => at.x,
    };
    let x0 = x0 - 2.0;
    (
        x0,
        at.y - LABEL_FONT_PX * 0.85,
        x0 + w,
        at.y + LABEL_FONT_PX * 0.3,
    )
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn names_match(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}
