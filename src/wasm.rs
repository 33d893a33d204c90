//! The only `#[wasm_bindgen]` items: an opaque handle over [`Map`] for the JavaScript shell.
//!
//! Data crosses once: the bytes of the trips come in piece by piece as they download
//! ([`TripLoader`]), the basemap's or the fallback's land once the map is built; the SVG and
//! the trip details go out once. Per frame, [`TripMap::frame`] writes numbers into a small
//! `Float64Array` the shell owns. Every export returns a `Result` or a plain value; nothing
//! here can panic on input.

use crate::basemap::{Basemap, SharedLand};
use crate::date::Date;
use crate::json::{parse_bytes, ReadLimits};
use crate::map::{Layout, Map, Options};
use crate::scene::write_svg;
use crate::stream::TripReader;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The heap: talc instead of std's dlmalloc, for 1.75 KB gzip less wasm at the same speed
/// (measured at 12, 1,000 and 10,000 trips; docs/performance.md, eighth round).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Number of values [`TripMap::frame_at`] writes.
pub const FRAME_LEN: usize = 12;

/// A built map, held in wasm memory. Free it with `free()` when the element goes away.
#[wasm_bindgen]
pub struct TripMap {
    map: Map,
    basemap: Option<Basemap>,
    /// The fallback's land, once given (`shareLand`): placed in each layout it covers.
    shared: Option<SharedLand>,
    /// True when the current layout has its land, from the basemap or the fallback's.
    has_land: bool,
    options: Options,
    /// The last frame's numbers, read by JavaScript in place (see `framePtr`).
    frame_out: [f64; FRAME_LEN],
}

// The details cross as two flat arrays, one of texts and one of numbers, and the shell names
// the fields as it reads them (`detailsRow` in trip-map.js). Objects made serde-wasm-bindgen
// cache every field name as a JavaScript string, in a hash map of its own (2.2 KB gzip more);
// nested arrays of mixed types had it serialise each kind of element (0.4 KB gzip more).

/// The rest of one trip, for its details panel. Made when a reader opens it, not for every
/// trip at start-up (at 10,000 trips that halved the time `trips()` takes).
/// - texts: venue, country, summary, each leader met, then each source's title and address;
/// - numbers: km in all, the number of leaders, the number of legs, each leg's km, then for
///   each source 1 if its address is http(s) (the only kind shown as a link), else 0.
#[derive(Serialize)]
struct TripDetails<'a>(Vec<&'a str>, Vec<f64>);

/// Plain data cannot fail to convert; if it ever did, this says where, without `std::fmt`
/// (serde_wasm_bindgen's own message would link it into the wasm).
fn handover_error(_: serde_wasm_bindgen::Error) -> JsError {
    JsError::new("The map's data could not be handed to the page")
}

fn js_error(e: crate::Error) -> JsError {
    JsError::new(&e.message())
}

/// Reads a TopoJSON basemap from its bytes; any error is reported as the basemap's.
fn read_basemap(bytes: &[u8]) -> Result<Basemap, JsError> {
    let value = parse_bytes(bytes, ReadLimits::default())
        .map_err(|e| js_error(crate::Error::Basemap(e.message())))?;
    Basemap::from_topojson(&value).map_err(js_error)
}

/// A trips file read as it downloads: the shell hands each piece to `push` as it arrives,
/// and every trip the piece completes is read and validated then; `layOut` lays the map out,
/// in parts if asked, and gives it.
/// Reading the file whole after its last byte, the core's first call at 1,000 synthetic
/// trips was most of the time between the file's arrival and `ready`.
#[wasm_bindgen]
#[derive(Default)]
pub struct TripLoader {
    reader: TripReader,
    /// The map being laid out, once `layOut` has begun it.
    layout: Option<Layout>,
}

#[wasm_bindgen]
impl TripLoader {
    /// A loader with nothing read yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TripLoader {
        TripLoader::default()
    }

    /// The next piece of the trips file, as it arrived.
    pub fn push(&mut self, piece: Vec<u8>) {
        self.reader.push(piece);
    }

    /// Lays the map out once the whole file is in, about `points` points' worth a call, for a
    /// full play of `duration_ms` and a width of `width` CSS px (text and lines keep their size
    /// in px; 0 for the default, 720), and gives the map once all is laid out (nothing before
    /// then). The shell ends its task between calls, so that a large map's layout does not
    /// hold the page at once. The first call reads the rest of the file, and says what is
    /// wrong with it. The map's land comes next (`shareLand` or `setBasemap`); the loader is
    /// then left empty.
    #[wasm_bindgen(js_name = layOut)]
    pub fn lay_out(
        &mut self,
        points: usize,
        duration_ms: f64,
        width: f64,
    ) -> Result<Option<TripMap>, JsError> {
        let mut layout = match self.layout.take() {
            Some(layout) => layout,
            None => self.begin(duration_ms, width)?,
        };
        if !layout.step(points) {
            self.layout = Some(layout);
            return Ok(None);
        }
        let options = layout.options();
        Ok(Some(TripMap {
            map: layout.finish(None),
            has_land: false,
            basemap: None,
            shared: None,
            options,
            frame_out: [0.0; FRAME_LEN],
        }))
    }
}

impl TripLoader {
    /// The trips read whole, and a layout of them begun.
    fn begin(&mut self, duration_ms: f64, width: f64) -> Result<Layout, JsError> {
        // The file's bytes go back before the layout allocates.
        let set = std::mem::take(&mut self.reader)
            .finish()
            .map_err(js_error)?;
        let defaults = Options::default();
        let options = Options {
            duration_ms,
            width: if width > 0.0 { width } else { defaults.width },
            ..defaults
        };
        Ok(Layout::new(set, options))
    }
}

impl TripMap {
    /// Builds the map from a whole trips file at once, with a basemap (the bytes of a
    /// TopoJSON file, or none): for Rust callers; the shell reads the file as it arrives, with
    /// [`TripLoader`], and gives the land after.
    pub fn new(
        trips: &[u8],
        basemap: &[u8],
        duration_ms: f64,
        width: f64,
    ) -> Result<TripMap, JsError> {
        let mut loader = TripLoader::new();
        loader.push(trips.to_vec());
        let mut map = loop {
            if let Some(map) = loader.lay_out(usize::MAX, duration_ms, width)? {
                break map;
            }
        };
        if !basemap.is_empty() {
            map.set_basemap(basemap)?;
        }
        Ok(map)
    }
}

#[wasm_bindgen]
impl TripMap {
    /// Lays the map out again for another width (CSS px), keeping the data: trips, timeline
    /// and details stay the same, the SVG and the numbers per frame change. Its land comes
    /// from the basemap or the fallback's land; `hasLand` says whether it has any.
    pub fn resize(&mut self, width: f64) {
        if width.is_nan() || width <= 0.0 || width == self.map.width {
            return;
        }
        self.options.width = width;
        // The trips move to the new layout, not a copy of them, and the old geometry is freed
        // before the new one is built: at 10,000 trips a copy would double the memory.
        let set = std::mem::take(&mut self.map.set);
        self.map.routes = Vec::new();
        self.map.land = String::new();
        self.map = Map::from_set(set, self.basemap.as_ref(), self.options);
        self.has_land = self.basemap.is_some()
            || self
                .shared
                .as_ref()
                .is_some_and(|shared| self.map.borrow_land(shared));
    }

    /// True when the map has its land: from a basemap (given to `new` or `setBasemap`) or
    /// from the fallback's (`shareLand`). Without it, `setBasemap` is needed.
    #[wasm_bindgen(getter, js_name = hasLand)]
    pub fn has_land(&self) -> bool {
        self.has_land
    }

    /// Takes the land of the no-JavaScript fallback: its SVG's `data-land` and its land's
    /// path. True when that land covers this layout and is placed in it; it is kept
    /// for later layouts either way. False when it is not such land: the basemap is needed.
    #[wasm_bindgen(js_name = shareLand)]
    pub fn share_land(&mut self, frame: &str, d: &str) -> bool {
        let Some(shared) = SharedLand::read(frame, d) else {
            return false;
        };
        if !self.has_land {
            self.has_land = self.map.borrow_land(&shared);
        }
        self.shared = Some(shared);
        self.has_land
    }

    /// Gives a map built without a basemap its land (the bytes of a TopoJSON file): needed
    /// when the fallback's land does not cover this layout.
    #[wasm_bindgen(js_name = setBasemap)]
    pub fn set_basemap(&mut self, basemap: &[u8]) -> Result<(), JsError> {
        let basemap = read_basemap(basemap)?;
        self.map.set_basemap(&basemap);
        self.basemap = Some(basemap);
        self.has_land = true;
        Ok(())
    }

    /// The map at its final frame, as SVG markup (the same as the static render).
    pub fn svg(&self) -> String {
        write_svg(&self.map)
    }

    /// Map width in SVG units.
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> f64 {
        self.map.width
    }

    /// Map height in SVG units.
    #[wasm_bindgen(getter)]
    pub fn height(&self) -> f64 {
        self.map.height
    }

    /// Length of a full play at 1x, ms.
    #[wasm_bindgen(getter)]
    pub fn duration(&self) -> f64 {
        self.map.timeline.duration_ms()
    }

    /// How many trips were skipped.
    #[wasm_bindgen(getter, js_name = warningCount)]
    pub fn warning_count(&self) -> usize {
        self.map.set.warnings.len()
    }

    /// Why each skipped trip was skipped, as sentences joined by spaces (empty when none
    /// was). One string, not an array of them: the array's shim was 1.2 KB of wasm; and
    /// `message`, not `to_string`, which would link `core::fmt` in.
    pub fn warnings(&self) -> String {
        let mut text = String::new();
        for warning in &self.map.set.warnings {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&warning.message());
        }
        text
    }

    /// Every trip in date order, as one text: what the list, the timeline and the animation
    /// read of each (fields and separators: `list::trip_text`; the rest of a trip comes from
    /// `details`).
    pub fn trips(&self) -> String {
        crate::list::trip_text(&self.map)
    }

    /// Every trip in date order, as numbers: when it starts and finishes drawing (ms), then
    /// each leg's drawn length in px (`list::trip_numbers`).
    #[wasm_bindgen(js_name = tripNumbers)]
    pub fn trip_numbers(&self) -> Vec<f64> {
        crate::list::trip_numbers(&self.map)
    }

    /// The details of trip `index` (date order): venue, country, leaders met, distances,
    /// summary and sources, laid out as `TripDetails` says.
    pub fn details(&self, index: usize) -> Result<JsValue, JsError> {
        let (Some(t), Some(r)) = (self.map.set.trips.get(index), self.map.routes.get(index)) else {
            return Err(JsError::new("There is no trip with this number"));
        };
        let mut texts: Vec<&str> = vec![&t.venue, &t.country, &t.summary];
        texts.extend(t.leaders.iter().map(String::as_str));
        let mut numbers = vec![r.km().round(), t.leaders.len() as f64, r.legs.len() as f64];
        numbers.extend(r.legs.iter().map(|l| l.km.round()));
        for source in &t.sources {
            texts.push(&source.title);
            texts.push(&source.url);
            numbers.push(f64::from(u8::from(source.is_web_link())));
        }
        let details = TripDetails(texts, numbers);
        serde_wasm_bindgen::to_value(&details).map_err(handover_error)
    }

    /// Computes the frame at `time_ms` into the map's own 12 numbers, which JavaScript reads
    /// in place through a view on the wasm memory at `framePtr`: a frame passes one number in
    /// and none out, with no copy and no allocation. The numbers are
    /// `[done, active (-1 for none), fraction, drawnPx, x, y, headingDeg, leg (-1),
    /// year, month, day, timeMs]`. Returns how many there are.
    #[wasm_bindgen(js_name = frameAt)]
    pub fn frame_at(&mut self, time_ms: f64) -> usize {
        let f = self.map.frame(time_ms);
        let date = f.frame.date();
        let (x, y, heading, leg) = f.marker.map_or((0.0, 0.0, 0.0, -1.0), |m| {
            (m.point.x, m.point.y, m.heading_deg, m.leg as f64)
        });
        self.frame_out = [
            f.frame.done as f64,
            f.frame.active.map_or(-1.0, |a| a as f64),
            f.frame.fraction,
            f.drawn_px,
            x,
            y,
            heading,
            leg,
            f64::from(date.year),
            f64::from(date.month),
            f64::from(date.day),
            f.frame.time_ms,
        ];
        FRAME_LEN
    }

    /// Where `frameAt` writes, as a byte offset into the wasm memory. It stays put for the
    /// life of the map; a view on it must be made again after the memory grows.
    #[wasm_bindgen(getter, js_name = framePtr)]
    pub fn frame_ptr(&self) -> usize {
        self.frame_out.as_ptr() as usize
    }

    /// The moment at which an ISO date (YYYY-MM-DD) is shown, or `undefined` for a bad date.
    #[wasm_bindgen(js_name = timeAtDate)]
    pub fn time_at_date(&self, iso: &str) -> Option<f64> {
        Date::parse(iso.trim()).map(|d| self.map.timeline.time_at_day(d.days() as f64))
    }

    /// The trips (date order) within `radius` map units of (`x`, `y`), nearest first: the
    /// hit test for clicks, taps and hovering.
    #[wasm_bindgen(js_name = tripsNear)]
    pub fn trips_near(&self, x: f64, y: f64, radius: f64) -> Vec<u32> {
        self.map
            .trips_near(crate::geo::Px { x, y }, radius)
            .into_iter()
            .filter_map(|i| u32::try_from(i).ok())
            .collect()
    }
}

/// For the Rust-side tests: what JavaScript reads at `framePtr`, and the number of trips (the
/// shell counts the rows of `trips()`).
impl TripMap {
    /// Number of trips drawn.
    pub fn trip_count(&self) -> usize {
        self.map.set.trips.len()
    }

    /// The numbers of the last `frame_at`.
    pub fn last_frame(&self) -> [f64; FRAME_LEN] {
        self.frame_out
    }
}
