//! The data model: a GeoJSON FeatureCollection of trips, validated into [`TripSet`].
//!
//! One Point feature with `properties.role = "origin"` names the place every trip leaves
//! from. Every other feature is a trip: a MultiLineString (one line per leg, `[lon, lat]`)
//! with the properties documented in `data/README.md`. A trip with an error is skipped and
//! reported as a warning; the file fails only when it is not a FeatureCollection, is over a
//! limit, or has no valid trip at all.

use crate::date::Date;
use crate::error::{cat, Error, Problem};
use crate::geo::LonLat;
use crate::json::Value;
use std::borrow::Cow;

/// The most trips a file may hold.
pub const MAX_TRIPS: usize = 20_000;
/// The most points one trip's route may hold, over all its legs.
pub const MAX_POINTS_PER_TRIP: usize = 100_000;
/// The most legs one trip may have.
pub const MAX_LEGS: usize = 64;
/// The longest title or other short text, in characters.
pub const MAX_SHORT_TEXT: usize = 300;
/// The longest summary, in characters.
pub const MAX_LONG_TEXT: usize = 4_000;
/// The most leaders or sources per list.
pub const MAX_LIST: usize = 200;

/// How a leg was travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// By rail (the armoured train).
    Train,
    /// By air; drawn along great circles.
    Plane,
    /// By road.
    Car,
    /// On foot.
    Foot,
}

impl Mode {
    /// Every mode, in legend order.
    pub const ALL: [Mode; 4] = [Mode::Train, Mode::Plane, Mode::Car, Mode::Foot];

    /// The data file's name for the mode.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Train => "train",
            Mode::Plane => "plane",
            Mode::Car => "car",
            Mode::Foot => "foot",
        }
    }

    /// The reader's word for it ("by train").
    pub fn label(self) -> &'static str {
        match self {
            Mode::Train => "Train",
            Mode::Plane => "Plane",
            Mode::Car => "Road",
            Mode::Foot => "On foot",
        }
    }

    /// The mode a data file names, in any case and with spaces around it.
    fn from_name(name: &str) -> Option<Mode> {
        let name = name.trim();
        Mode::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name))
    }
}

/// A cited source.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// What the source is.
    pub title: String,
    /// Where it is. Only http and https addresses are ever made into links.
    pub url: String,
}

impl Source {
    /// True when the address is an http or https URL, the only kind shown as a link.
    pub fn is_web_link(&self) -> bool {
        let lower = self.url.trim_start().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    }
}

/// One leg of a trip: a mode and the points it passed, in order. The data's `stops` (the
/// names of a leg's stations) are not read: they record where the route comes from, for
/// editors, and nothing shows them (data/README.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    /// How the leg was travelled.
    pub mode: Mode,
    /// The route, at least two points.
    pub points: Vec<LonLat>,
}

/// One validated trip.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    /// Unique id, used in deep links.
    pub id: String,
    /// Headline.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day (not before `start`).
    pub end: Date,
    /// Short place name for the map label.
    pub destination: String,
    /// The venue of the visit, if given.
    pub venue: String,
    /// Country of the destination.
    pub country: String,
    /// False for an event that was not a trip abroad (it is drawn differently).
    pub foreign: bool,
    /// Leaders met.
    pub leaders: Vec<String>,
    /// Two or three sentences.
    pub summary: String,
    /// Sources.
    pub sources: Vec<Source>,
    /// The legs, in order.
    pub legs: Vec<Leg>,
    /// Where the visit took place: the end of the route unless the data says otherwise.
    pub destination_point: LonLat,
}

/// The place every trip leaves from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// Its name ("Pyongyang").
    pub name: String,
    /// Its position.
    pub point: LonLat,
}

/// A validated data file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TripSet {
    /// The origin.
    pub origin: Origin,
    /// The trips, in date order (start, then end, then id).
    pub trips: Vec<Trip>,
    /// Trips that were skipped, each with the reason.
    pub warnings: Vec<Error>,
    /// The collection's title, from `metadata.title`.
    pub title: Option<String>,
    /// The collection's credit line, from `metadata.credit`.
    pub credit: Option<String>,
}

impl TripSet {
    /// Validates a parsed GeoJSON document.
    ///
    /// ```
    /// # #[cfg(not(target_arch = "wasm32"))] {
    /// use tripmap::json::{parse, ReadLimits};
    /// use tripmap::TripSet;
    /// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
    ///   "geometry":{"type":"MultiLineString","coordinates":[[[125.7,39.0],[116.4,39.9]]]},
    ///   "properties":{"id":"a","title":"To Beijing","start":"2018-03-25","end":"2018-03-28",
    ///   "destination":"Beijing","modes":["train"]}}]}"#;
    /// let set = TripSet::from_value(&parse(text, ReadLimits::default()).unwrap()).unwrap();
    /// assert_eq!(set.trips[0].destination, "Beijing");
    /// # }
    /// ```
    pub fn from_value(doc: &Value) -> Result<TripSet, Error> {
        Builder::read(doc)?.finish(doc)
    }
}

/// The features of a document that is a FeatureCollection of at most [`MAX_TRIPS`] trips
/// (and an origin).
pub(crate) fn features_of(doc: &Value) -> Result<std::borrow::Cow<'_, [Value]>, Error> {
    let kind = doc.get("type").and_then(Value::as_str);
    if kind != Some("FeatureCollection") {
        let found = match (doc, kind) {
            (Value::Object(_), Some(k)) => cat!["a GeoJSON ", clip(k)],
            (Value::Object(_), None) => "an object without \"type\"".to_string(),
            (other, _) => other.kind().to_string(),
        };
        return Err(Error::NotFeatureCollection(found));
    }
    let features = match doc.get("features") {
        Some(other) => match other.as_array() {
            Some(items) => items,
            None => {
                return Err(Error::NotFeatureCollection(cat![
                    "a FeatureCollection whose \"features\" is ",
                    other.kind()
                ]))
            }
        },
        None => {
            return Err(Error::NotFeatureCollection(
                "a FeatureCollection without \"features\"".to_string(),
            ))
        }
    };
    if features.len() > MAX_TRIPS + 1 {
        return Err(Error::TooLarge {
            what: "features (trips)",
            limit: MAX_TRIPS,
        });
    }
    Ok(features)
}

/// A trip set read feature by feature: from a whole document ([`TripSet::from_value`]), or
/// as a file arrives ([`crate::stream`]), with the same trips, warnings and errors.
#[derive(Default)]
pub(crate) struct Builder {
    origin: Option<Origin>,
    trips: Vec<Trip>,
    warnings: Vec<Error>,
}

impl Builder {
    /// Reads every feature of a document.
    pub(crate) fn read(doc: &Value) -> Result<Builder, Error> {
        let mut builder = Builder::default();
        for (index, feature) in features_of(doc)?.iter().enumerate() {
            builder.add(index, feature);
        }
        Ok(builder)
    }

    /// Reads the feature at `index` of the collection: a trip, or the origin.
    pub(crate) fn add(&mut self, index: usize, feature: &Value) {
        let props = feature.get("properties");
        if props.and_then(|p| p.get("role")).and_then(Value::as_str) == Some("origin") {
            match read_origin(feature, index) {
                Ok(o) => self.origin = Some(o),
                Err(e) => self.warnings.push(e),
            }
            return;
        }
        match read_trip(feature, index) {
            Ok(trip) => self.trips.push(trip),
            Err(e) => self.warnings.push(e),
        }
    }

    /// The trip set, once every feature is read; `doc` gives the collection's metadata.
    pub(crate) fn finish(self, doc: &Value) -> Result<TripSet, Error> {
        let Builder {
            origin,
            trips,
            mut warnings,
        } = self;
        // A repeated id keeps its first trip; the others are skipped with a warning.
        let id = |i: usize| trips.get(i).map(|t| t.id.as_str());
        let by_id = crate::order::sorted_indices(trips.len(), &|a, b| id(a).cmp(&id(b)));
        let mut repeated = vec![false; trips.len()];
        for pair in by_id.windows(2) {
            if let [a, j] = pair {
                if id(*a) == id(*j) {
                    if let Some(flag) = repeated.get_mut(*j) {
                        *flag = true;
                    }
                }
            }
        }
        let mut kept = Vec::with_capacity(trips.len());
        for (trip, repeat) in trips.into_iter().zip(repeated) {
            if repeat {
                warnings.push(Error::trip(
                    &trip.id,
                    "properties.id",
                    Problem::DuplicateId(trip.id.clone()),
                ));
            } else {
                kept.push(trip);
            }
        }
        let trips = kept;
        if trips.is_empty() {
            // With nothing to draw, the first reason is the most useful message.
            return Err(warnings.into_iter().next().unwrap_or(Error::NoTrips));
        }
        // Ids are unique by now, so the order is total.
        let trips = crate::order::sort_by(trips, &|a, b| {
            (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id))
        });
        let origin = origin.unwrap_or_else(|| Origin {
            name: String::new(),
            point: trips
                .first()
                .and_then(|t| t.legs.first())
                .and_then(|l| l.points.first())
                .copied()
                .unwrap_or(LonLat::new(0.0, 0.0)),
        });
        let meta = doc.get("metadata");
        let text = |key: &str| {
            meta.and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(|s| truncate(s, MAX_SHORT_TEXT))
        };
        Ok(TripSet {
            origin,
            trips,
            warnings,
            title: text("title"),
            credit: text("credit"),
        })
    }
}

/// The context for one feature's errors: its name and where it is.
struct Ctx {
    name: String,
}

impl Ctx {
    fn err(&self, field: impl Into<String>, problem: Problem) -> Error {
        Error::trip(&self.name, field, problem)
    }

    fn wrong(&self, field: impl Into<String>, expected: &'static str, found: &Value) -> Error {
        self.err(
            field,
            Problem::WrongType {
                expected,
                found: found.kind(),
            },
        )
    }
}

fn read_origin(feature: &Value, index: usize) -> Result<Origin, Error> {
    let ctx = Ctx {
        name: cat!["origin (feature ", index + 1, ")"],
    };
    let geometry = feature
        .get("geometry")
        .ok_or_else(|| ctx.err("geometry", Problem::Missing))?;
    if geometry.get("type").and_then(Value::as_str) != Some("Point") {
        return Err(ctx.err(
            "geometry.type",
            Problem::WrongType {
                expected: "\"Point\"",
                found: geometry.get("type").map_or("missing", Value::kind),
            },
        ));
    }
    let point = read_position(&ctx, geometry.get("coordinates"), &|| {
        "geometry.coordinates".to_string()
    })?;
    let name = optional_text(
        &ctx,
        feature.get("properties"),
        "properties.name",
        MAX_SHORT_TEXT,
    )?;
    Ok(Origin { name, point })
}

#[inline(never)]
fn read_trip(feature: &Value, index: usize) -> Result<Trip, Error> {
    // Names, fields and paths are built for errors only: made for every trip, with the
    // lowercased copy of each mode, they were a quarter of the allocations of the whole
    // build at 1,000 trips (139,000 → 106,000).
    let fallback = || cat!["feature ", index + 1];
    if !matches!(feature, Value::Object(_)) {
        return Err(Error::trip(
            &fallback(),
            "feature",
            Problem::WrongType {
                expected: "a GeoJSON Feature object",
                found: feature.kind(),
            },
        ));
    }
    let props = feature.get("properties");
    // Name the trip by its id where it has a usable one.
    let id_value = props
        .and_then(|p| p.get("id"))
        .or_else(|| feature.get("id"));
    let ctx = Ctx {
        name: match id_value {
            Some(Value::String(s)) if !s.trim().is_empty() => truncate(s, MAX_SHORT_TEXT),
            Some(Value::Number(n)) if n.is_finite() => crate::svg::decimal(*n),
            _ => fallback(),
        },
    };
    if feature.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err(ctx.err(
            "type",
            Problem::WrongType {
                expected: "\"Feature\"",
                found: feature.get("type").map_or("missing", Value::kind),
            },
        ));
    }
    let props = match props {
        Some(p @ Value::Object(_)) => p,
        Some(other) => return Err(ctx.wrong("properties", "an object", other)),
        None => return Err(ctx.err("properties", Problem::Missing)),
    };
    let id = match id_value {
        Some(Value::String(s)) if !s.trim().is_empty() => match too_long(s, MAX_SHORT_TEXT) {
            Some(problem) => return Err(ctx.err("properties.id", problem)),
            None => s.clone(),
        },
        Some(Value::Number(n)) if n.is_finite() => crate::svg::decimal(*n),
        Some(Value::String(_)) => return Err(ctx.err("properties.id", Problem::Empty)),
        Some(other) => return Err(ctx.wrong("properties.id", "a string", other)),
        None => return Err(ctx.err("properties.id", Problem::Missing)),
    };
    let title = required_text(&ctx, props, "properties.title", MAX_SHORT_TEXT)?;
    let start = read_date(&ctx, props, "properties.start")?;
    let end = read_date(&ctx, props, "properties.end")?;
    if end < start {
        return Err(ctx.err(
            "properties.end",
            Problem::EndBeforeStart {
                start: start.iso(),
                end: end.iso(),
            },
        ));
    }
    let destination = required_text(&ctx, props, "properties.destination", MAX_SHORT_TEXT)?;
    let venue = optional_text(&ctx, Some(props), "properties.venue", MAX_SHORT_TEXT)?;
    let country = optional_text(&ctx, Some(props), "properties.country", MAX_SHORT_TEXT)?;
    let summary = optional_text(&ctx, Some(props), "properties.summary", MAX_LONG_TEXT)?;
    let foreign = match props.get("foreign_trip") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(ctx.wrong("properties.foreign_trip", "true or false", other)),
    };
    let leaders = string_list(&ctx, props, "properties.leaders")?;
    let sources = read_sources(&ctx, props)?;
    let legs = read_legs(&ctx, feature, props)?;
    let destination_point = match props.get("destination_point") {
        None | Some(Value::Null) => legs
            .last()
            .and_then(|l| l.points.last())
            .copied()
            .ok_or_else(|| ctx.err("geometry.coordinates", Problem::EmptyRoute))?,
        Some(v) => read_position(&ctx, Some(v), &|| {
            "properties.destination_point".to_string()
        })?,
    };
    Ok(Trip {
        id,
        title,
        start,
        end,
        destination,
        venue,
        country,
        foreign,
        leaders,
        summary,
        sources,
        legs,
        destination_point,
    })
}

fn read_legs(ctx: &Ctx, feature: &Value, props: &Value) -> Result<Vec<Leg>, Error> {
    let geometry = match feature.get("geometry") {
        Some(g @ Value::Object(_)) => g,
        Some(Value::Null) | None => return Err(ctx.err("geometry", Problem::Missing)),
        Some(other) => return Err(ctx.wrong("geometry", "a GeoJSON geometry object", other)),
    };
    let kind = geometry.get("type").and_then(Value::as_str);
    let coords = geometry.get("coordinates");
    // A LineString is accepted as a one-leg route; anything else must be a MultiLineString.
    let coord_items = coords.and_then(Value::as_array);
    let (lines, multi): (Cow<[Value]>, bool) = match (kind, coords, coord_items) {
        (Some("MultiLineString"), _, Some(lines)) => (lines, true),
        (Some("LineString"), Some(line), Some(_)) => {
            (Cow::Borrowed(std::slice::from_ref(line)), false)
        }
        (Some("MultiLineString" | "LineString"), Some(other), _) => {
            return Err(ctx.wrong("geometry.coordinates", "an array of lines", other))
        }
        (Some("MultiLineString" | "LineString"), None, _) => {
            return Err(ctx.err("geometry.coordinates", Problem::Missing))
        }
        (Some(_), _, _) => {
            return Err(ctx.err(
                "geometry.type",
                Problem::WrongType {
                    expected: "\"MultiLineString\" (one line per leg)",
                    found: "another geometry type",
                },
            ))
        }
        (None, _, _) => return Err(ctx.err("geometry.type", Problem::Missing)),
    };
    if lines.is_empty() {
        return Err(ctx.err("geometry.coordinates", Problem::EmptyRoute));
    }
    if lines.len() > MAX_LEGS {
        return Err(ctx.err(
            "geometry.coordinates",
            Problem::TooMany {
                what: "legs",
                limit: MAX_LEGS,
                found: lines.len(),
            },
        ));
    }
    let total: usize = lines.iter().map(|l| l.array_len().unwrap_or(0)).sum();
    // Where leg `i` is in the file, for its errors.
    let path = |i: usize| {
        if multi {
            cat!["geometry.coordinates[", i, "]"]
        } else {
            "geometry.coordinates".to_string()
        }
    };
    if total > MAX_POINTS_PER_TRIP {
        return Err(ctx.err(
            "geometry.coordinates",
            Problem::TooMany {
                what: "points",
                limit: MAX_POINTS_PER_TRIP,
                found: total,
            },
        ));
    }
    let modes: Cow<[Value]> = match props.get("modes") {
        // A single mode for a single leg may be written as a plain string.
        Some(single @ Value::String(_)) => Cow::Borrowed(std::slice::from_ref(single)),
        Some(other) => match other.as_array() {
            Some(items) => items,
            None => return Err(ctx.wrong("properties.modes", "an array of modes", other)),
        },
        None => return Err(ctx.err("properties.modes", Problem::Missing)),
    };
    if modes.len() != lines.len() {
        return Err(ctx.err(
            "properties.modes",
            Problem::ModeCount {
                legs: lines.len(),
                modes: modes.len(),
            },
        ));
    }
    let mut legs = Vec::with_capacity(lines.len());
    for (i, (line, mode)) in lines.iter().zip(modes.iter()).enumerate() {
        let mode = match mode {
            Value::String(name) => Mode::from_name(name).ok_or_else(|| {
                ctx.err(
                    cat!["properties.modes[", i, "]"],
                    Problem::UnknownMode(name.clone()),
                )
            })?,
            other => return Err(ctx.wrong(cat!["properties.modes[", i, "]"], "a string", other)),
        };
        if line.array_len().unwrap_or(0) < 2 {
            return Err(match line.array_len() {
                Some(_) => ctx.err(path(i), Problem::EmptyRoute),
                None => ctx.wrong(path(i), "a line: an array of [lon, lat]", line),
            });
        }
        let mut points = Vec::with_capacity(line.array_len().unwrap_or(0));
        if let Some(positions) = line.as_positions() {
            // The common case: read flat, with no value made for a point that is fine.
            for (j, &[lon, lat]) in positions.iter().enumerate() {
                points.push(match LonLat::checked(lon, lat) {
                    Some(p) => p,
                    None => read_position(ctx, Some(&Value::Numbers(vec![lon, lat])), &|| {
                        cat![path(i), "[", j, "]"]
                    })?,
                });
            }
        } else if let Some(items) = line.as_array() {
            for (j, item) in items.iter().enumerate() {
                points.push(read_position(ctx, Some(item), &|| {
                    cat![path(i), "[", j, "]"]
                })?);
            }
        }
        legs.push(Leg { mode, points });
    }
    Ok(legs)
}

/// Reads `[lon, lat]`. The field's name is only built when there is an error to report:
/// a route of many points must not pay for a string per point.
fn read_position(
    ctx: &Ctx,
    value: Option<&Value>,
    field: &dyn Fn() -> String,
) -> Result<LonLat, Error> {
    // The common case first, without building anything.
    if let Some([lon, lat, rest @ ..]) = value.and_then(Value::as_numbers) {
        if let (true, Some(p)) = (rest.len() <= 1, LonLat::checked(*lon, *lat)) {
            return Ok(p);
        }
    }
    let field = field();
    let items = match value {
        Some(other) => match other.as_array() {
            Some(items) => items,
            None => return Err(ctx.wrong(field, "a position [lon, lat]", other)),
        },
        None => return Err(ctx.err(field, Problem::Missing)),
    };
    // RFC 7946 allows an altitude as a third number; it is ignored.
    if !(2..=3).contains(&items.len()) {
        return Err(ctx.err(
            field,
            Problem::WrongType {
                expected: "a position [lon, lat]",
                found: "an array of another length",
            },
        ));
    }
    let number = |k: usize, name: &str| -> Result<f64, Error> {
        match items.get(k) {
            Some(Value::Number(n)) if n.is_finite() => Ok(*n),
            Some(Value::Number(_)) => {
                Err(ctx.err(cat![field, "[", k, "] (", name, ")"], Problem::NotFinite))
            }
            Some(other) => Err(ctx.wrong(cat![field, "[", k, "] (", name, ")"], "a number", other)),
            None => Err(ctx.err(cat![field, "[", k, "] (", name, ")"], Problem::Missing)),
        }
    };
    let lon = number(0, "longitude")?;
    let lat = number(1, "latitude")?;
    if !(-180.0..=180.0).contains(&lon) {
        return Err(ctx.err(cat![field, "[0]"], Problem::LongitudeOutOfRange(lon)));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(ctx.err(cat![field, "[1]"], Problem::LatitudeOutOfRange(lat)));
    }
    Ok(LonLat::new(lon, lat))
}

/// The key of a field named `properties.key`.
fn key_of(field: &str) -> &str {
    field.strip_prefix("properties.").unwrap_or(field)
}

fn read_date(ctx: &Ctx, props: &Value, field: &'static str) -> Result<Date, Error> {
    match props.get(key_of(field)) {
        Some(Value::String(s)) => {
            Date::parse(s.trim()).ok_or_else(|| ctx.err(field, Problem::BadDate(s.clone())))
        }
        Some(other) => Err(ctx.wrong(field, "an ISO 8601 date string (YYYY-MM-DD)", other)),
        None => Err(ctx.err(field, Problem::Missing)),
    }
}

fn required_text(
    ctx: &Ctx,
    props: &Value,
    field: &'static str,
    max: usize,
) -> Result<String, Error> {
    match props.get(key_of(field)) {
        Some(Value::String(s)) if s.trim().is_empty() => Err(ctx.err(field, Problem::Empty)),
        Some(Value::String(s)) => match too_long(s, max) {
            Some(problem) => Err(ctx.err(field, problem)),
            None => Ok(s.trim().to_string()),
        },
        Some(other) => Err(ctx.wrong(field, "a string", other)),
        None => Err(ctx.err(field, Problem::Missing)),
    }
}

fn optional_text(
    ctx: &Ctx,
    props: Option<&Value>,
    field: &'static str,
    max: usize,
) -> Result<String, Error> {
    match props.and_then(|p| p.get(key_of(field))) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => match too_long(s, max) {
            Some(problem) => Err(ctx.err(field, problem)),
            None => Ok(s.trim().to_string()),
        },
        Some(other) => Err(ctx.wrong(field, "a string", other)),
    }
}

/// What is wrong with a text over `max` characters.
fn too_long(s: &str, max: usize) -> Option<Problem> {
    // Byte length bounds the character count from above: count chars only when needed.
    if s.len() <= max {
        return None;
    }
    let chars = char_count(s);
    (chars > max).then_some(Problem::TooMany {
        what: "characters",
        limit: max,
        found: chars,
    })
}

fn string_list(ctx: &Ctx, props: &Value, field: &'static str) -> Result<Vec<String>, Error> {
    let items = match props.get(key_of(field)) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => return Ok(vec![truncate(s, MAX_SHORT_TEXT)]),
        Some(other) => match other.as_array() {
            Some(items) => items,
            None => return Err(ctx.wrong(field, "an array of strings", other)),
        },
    };
    check_list(ctx, field, items.len())?;
    // Loops, not `collect::<Result<_, _>>()`: each of those was its own iterator adapter in
    // the wasm.
    let mut list = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        match v {
            Value::String(s) => match too_long(s, MAX_SHORT_TEXT) {
                Some(problem) => return Err(ctx.err(cat![field, "[", i, "]"], problem)),
                None => list.push(s.trim().to_string()),
            },
            other => return Err(ctx.wrong(cat![field, "[", i, "]"], "a string", other)),
        }
    }
    Ok(list)
}

fn read_sources(ctx: &Ctx, props: &Value) -> Result<Vec<Source>, Error> {
    let items = match props.get("sources") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(other) => match other.as_array() {
            Some(items) => items,
            None => return Err(ctx.wrong("properties.sources", "an array of {title, url}", other)),
        },
    };
    check_list(ctx, "properties.sources", items.len())?;
    let mut sources = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        sources.push({
            let field = || cat!["properties.sources[", i, "]"];
            if !matches!(v, Value::Object(_)) {
                return Err(ctx.wrong(field(), "an object {title, url}", v));
            }
            let text = |key: &str| -> Result<String, Error> {
                match v.get(key) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(s)) => match too_long(s, MAX_LONG_TEXT) {
                        Some(problem) => Err(ctx.err(cat![field(), ".", key], problem)),
                        None => Ok(s.trim().to_string()),
                    },
                    Some(other) => Err(ctx.wrong(cat![field(), ".", key], "a string", other)),
                }
            };
            Source {
                title: text("title")?,
                url: text("url")?,
            }
        });
    }
    Ok(sources)
}

fn check_list(ctx: &Ctx, field: &str, len: usize) -> Result<(), Error> {
    if len > MAX_LIST {
        return Err(ctx.err(
            field,
            Problem::TooMany {
                what: "items",
                limit: MAX_LIST,
                found: len,
            },
        ));
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    crate::error::first_chars(s, max).trim().to_string()
}

fn clip(s: &str) -> String {
    truncate(s, 40)
}

/// The number of characters in `s`. A plain count of the bytes that start a character:
/// `chars().count()` links a larger, vectorised routine into the wasm for no gain here.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xc0 != 0x80).count()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json::{parse, ReadLimits};

    fn trip_json(props: &str, coords: &str) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[
              {{"type":"Feature","geometry":{{"type":"Point","coordinates":[125.75,39.02]}},
                "properties":{{"role":"origin","name":"Pyongyang"}}}},
              {{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":{coords}}},
                "properties":{props}}}]}}"#
        )
    }

    const GOOD_PROPS: &str = r#"{"id":"t1","title":"To Beijing","start":"2018-03-25",
        "end":"2018-03-28","destination":"Beijing","modes":["train"],
        "leaders":["Xi Jinping"],"sources":[{"title":"KCNA","url":"https://example.org"}]}"#;
    const GOOD_COORDS: &str = "[[[125.73,39.0],[124.39,40.14],[116.43,39.9]]]";

    /// The document with one more trip feature appended.
    fn with_trip(text: &str, props: &str) -> String {
        let cut = text.rfind("]}").unwrap();
        format!(
            r#"{},{{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":{GOOD_COORDS}}},"properties":{props}}}]}}"#,
            &text[..cut]
        )
    }

    fn load(props: &str, coords: &str) -> Result<TripSet, Error> {
        TripSet::from_value(&parse(&trip_json(props, coords), ReadLimits::default())?)
    }

    fn error_of(props: &str, coords: &str) -> String {
        load(props, coords).unwrap_err().to_string()
    }

    #[test]
    fn a_good_trip_is_read_with_its_origin() {
        let set = load(GOOD_PROPS, GOOD_COORDS).unwrap();
        assert_eq!(set.origin.name, "Pyongyang");
        let t = &set.trips[0];
        assert_eq!(t.legs[0].mode, Mode::Train);
        assert_eq!(t.legs[0].points.len(), 3);
        assert_eq!(t.destination_point, LonLat::new(116.43, 39.9));
        assert_eq!(t.leaders, ["Xi Jinping"]);
        assert!(t.sources[0].is_web_link());
    }

    #[test]
    fn latitude_out_of_range_names_trip_and_field() {
        let msg = error_of(GOOD_PROPS, "[[[125.73,39.0],[124.39,91]]]");
        assert_eq!(
            msg,
            "Trip t1: geometry.coordinates[0][1][1] latitude 91 is out of range; expected -90 to 90"
        );
    }

    #[test]
    fn longitude_out_of_range_is_reported() {
        let msg = error_of(GOOD_PROPS, "[[[181,39.0],[124.39,40]]]");
        assert!(msg.contains("longitude 181 is out of range"), "{msg}");
    }

    #[test]
    fn a_string_coordinate_is_a_wrong_type() {
        let msg = error_of(GOOD_PROPS, r#"[[["125.7",39.0],[124.39,40]]]"#);
        assert_eq!(
            msg,
            "Trip t1: geometry.coordinates[0][0][0] (longitude) should be a number, but is a string"
        );
    }

    #[test]
    fn nan_from_a_js_object_is_not_finite() {
        // JSON text cannot hold NaN; a JavaScript object handed over by the page can.
        let mut doc = parse(&trip_json(GOOD_PROPS, GOOD_COORDS), ReadLimits::default()).unwrap();
        fn first_number(v: &mut Value) -> bool {
            match v {
                Value::Number(n) => {
                    *n = f64::NAN;
                    true
                }
                Value::Array(items) => items.iter_mut().any(first_number),
                Value::Numbers(numbers) => numbers.first_mut().map(|n| *n = f64::NAN).is_some(),
                Value::Positions(ps) => ps.first_mut().map(|p| p[0] = f64::NAN).is_some(),
                Value::Object(m) => m
                    .iter_mut()
                    .filter(|(k, _)| k == "features" || k == "geometry" || k == "coordinates")
                    .any(|(_, v)| first_number(v)),
                _ => false,
            }
        }
        let Value::Object(members) = &mut doc else {
            panic!()
        };
        let features = &mut members.iter_mut().find(|(k, _)| k == "features").unwrap().1;
        let Value::Array(fs) = features else { panic!() };
        assert!(first_number(&mut fs[1]));
        let msg = TripSet::from_value(&doc).unwrap_err().to_string();
        assert!(msg.contains("is not a finite number"), "{msg}");
    }

    #[test]
    fn end_before_start_is_reported_with_both_dates() {
        let props = GOOD_PROPS.replace("2018-03-28", "2018-03-20");
        assert_eq!(
            error_of(&props, GOOD_COORDS),
            "Trip t1: properties.end end 2018-03-20 is before start 2018-03-25"
        );
    }

    #[test]
    fn a_non_iso_date_is_reported() {
        let props = GOOD_PROPS.replace("2018-03-25", "25/03/2018");
        let msg = error_of(&props, GOOD_COORDS);
        assert!(
            msg.contains("properties.start \"25/03/2018\" is not an ISO 8601 date"),
            "{msg}"
        );
    }

    #[test]
    fn an_empty_route_is_reported() {
        assert!(error_of(GOOD_PROPS, "[]").contains("geometry.coordinates is an empty route"));
        assert!(error_of(GOOD_PROPS, "[[[125.0,39.0]]]")
            .contains("geometry.coordinates[0] is an empty route"));
    }

    #[test]
    fn an_unknown_mode_is_reported() {
        let props = GOOD_PROPS.replace(r#"["train"]"#, r#"["hovercraft"]"#);
        let msg = error_of(&props, GOOD_COORDS);
        assert!(
            msg.contains("properties.modes[0] \"hovercraft\" is not a known mode"),
            "{msg}"
        );
    }

    #[test]
    fn a_missing_title_is_reported() {
        let props = GOOD_PROPS.replace(r#""title":"To Beijing","#, "");
        assert_eq!(
            error_of(&props, GOOD_COORDS),
            "Trip t1: properties.title is missing"
        );
    }

    #[test]
    fn too_many_points_states_the_limit() {
        let coords = format!(
            "[[{}]]",
            vec!["[125.0,39.0]"; MAX_POINTS_PER_TRIP + 1].join(",")
        );
        let msg = error_of(GOOD_PROPS, &coords);
        assert!(
            msg.contains(&format!("the limit is {MAX_POINTS_PER_TRIP}")),
            "{msg}"
        );
    }

    #[test]
    fn a_duplicate_id_skips_the_second_trip_with_a_warning() {
        let text = with_trip(&trip_json(GOOD_PROPS, GOOD_COORDS), GOOD_PROPS);
        let set = TripSet::from_value(&parse(&text, ReadLimits::default()).unwrap()).unwrap();
        assert_eq!(set.trips.len(), 1);
        assert_eq!(
            set.warnings[0].to_string(),
            "Trip t1: properties.id \"t1\" is already the id of another trip"
        );
    }

    #[test]
    fn wrong_top_level_types_say_what_they_are() {
        let doc = parse(r#"{"type":"Feature"}"#, ReadLimits::default()).unwrap();
        assert_eq!(
            TripSet::from_value(&doc).unwrap_err().to_string(),
            "The data should be a GeoJSON FeatureCollection, but is a GeoJSON Feature"
        );
        let doc = parse("[1,2]", ReadLimits::default()).unwrap();
        assert!(TripSet::from_value(&doc)
            .unwrap_err()
            .to_string()
            .ends_with("but is an array"));
        let doc = parse(
            r#"{"type":"FeatureCollection","features":[]}"#,
            ReadLimits::default(),
        )
        .unwrap();
        assert_eq!(TripSet::from_value(&doc).unwrap_err(), Error::NoTrips);
    }

    #[test]
    fn trips_are_sorted_by_date() {
        let later = GOOD_PROPS
            .replace("\"t1\"", "\"t0\"")
            .replace("2018-03-25", "2019-01-07")
            .replace("2018-03-28", "2019-01-10");
        let text = with_trip(&trip_json(&later, GOOD_COORDS), GOOD_PROPS);
        let set = TripSet::from_value(&parse(&text, ReadLimits::default()).unwrap()).unwrap();
        let ids: Vec<_> = set.trips.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["t1", "t0"]);
    }

    #[test]
    fn only_http_and_https_sources_are_links() {
        let s = |url: &str| Source {
            title: String::new(),
            url: url.to_string(),
        };
        assert!(s("https://a.org").is_web_link());
        assert!(s("HTTP://a.org").is_web_link());
        assert!(!s("javascript:alert(1)").is_web_link());
        assert!(!s("data:text/html,x").is_web_link());
    }
}
