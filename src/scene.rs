//! The whole map as one SVG document: the static render, the no-JavaScript fallback and the
//! browser's first frame are all this output, so they cannot differ.
//!
//! Styling is written as presentation attributes, not `<style>` or `style=""`, so the SVG
//! works under a strict Content-Security-Policy and page CSS can still restyle it (themes).
//! There are no `id`s, so several maps can share a page.

use crate::map::{
    label_text, Map, Rect, CREDIT_FONT_PX, LABEL_FONT_PX, LEGEND_ROW_PX, MARGIN_PX, TITLE_FONT_PX,
};
use crate::model::{Mode, Trip};
use crate::route::Route;
use crate::svg::{escape, push_number};

/// Colours, widths and dash patterns of each mode. Mode is never shown by colour alone:
/// each has its own dash pattern too.
pub struct ModeStyle {
    /// Stroke colour.
    pub color: &'static str,
    /// Stroke width, px.
    pub width: f64,
    /// SVG stroke-dasharray, or "" for solid.
    pub dash: &'static str,
}

/// The style of `mode`.
pub fn mode_style(mode: Mode) -> ModeStyle {
    match mode {
        Mode::Train => ModeStyle {
            color: "#b3261e",
            width: 2.6,
            dash: "",
        },
        Mode::Plane => ModeStyle {
            color: "#1d5fa6",
            width: 2.2,
            dash: "7 5",
        },
        Mode::Car => ModeStyle {
            color: "#6a3d9a",
            width: 2.6,
            dash: "9 3 2 3",
        },
        Mode::Foot => ModeStyle {
            color: "#2e6b30",
            width: 2.2,
            dash: "1.5 3.5",
        },
    }
}

/// From this many trips on, every leg is drawn 1 px wide ([`DENSE_WIDTH_PX`]) instead of its
/// mode's width (its colour and dashes stay). Hundreds of routes fanning out of one origin at
/// 2.2 to 2.6 px cover the map in one mass of ink; at 1 px each route and the land under them
/// still read. It is also what this browser rasters fastest: at 1,000 synthetic trips the map
/// reached the screen at 0.56x the time with the mode widths, at device pixel ratios 1, 2 and
/// 3 alike, where 1.5 px saved nothing (docs/performance.md, twenty-seventh round). The chosen
/// trip is still drawn thick, and the legend keeps the modes' widths, so its key stays legible.
/// Its legs are written to whole pixels, as the land is: a 1 px line moved by at most half a
/// pixel at its corners is the same fan of routes, in two fifths fewer bytes of SVG to cross
/// from the core and parse (at 1,000 synthetic trips 2.1 MB became 1.3 MB; at 10,000, 21.3 MB
/// became 12.7 MB).
pub const DENSE_TRIPS: usize = 200;
/// The width of a leg on a map of [`DENSE_TRIPS`] trips or more.
pub const DENSE_WIDTH_PX: f64 = 1.0;

/// Colour of events that were not trips abroad.
pub const NOT_ABROAD_COLOR: &str = "#6e6e6e";
const FONT: &str = "system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK: &str = "#1a1a1a";
const SEA: &str = "#dfe8ee";
const LAND: &str = "#f4f1ea";
const BORDER: &str = "#b4ad9e";

/// Writes the map at its final frame (every trip drawn).
pub fn write_svg(map: &Map) -> String {
    // Reserved once, from what a leg and a point take when written (about 200 and 10 bytes):
    // grown by doubling, the string held up to three times the SVG's size while it was copied.
    let mut size = map.land.len() + 16_384;
    for leg in map.routes.iter().flat_map(|r| &r.legs) {
        size += 200 + 10 * leg.points.len();
    }
    let mut s = String::with_capacity(size);
    let title = map.furniture.title.as_str();
    s.push_str(r##"<svg xmlns="http://www.w3.org/2000/svg" class="tm-map" viewBox="0 0 "##);
    push_number(&mut s, map.width);
    s.push(' ');
    push_number(&mut s, map.height);
    // display="block" (a presentation attribute, so no CSS is needed) avoids the inline gap
    // under the map when it stands in the page as the no-JavaScript fallback.
    // Where the land was drawn and what it covers: the widget shows the fallback's land in its
    // own layout from this, instead of downloading the basemap. Only the native renderer, which
    // writes the fallback, writes it (the wasm is 0.3 KB gzip smaller without it); land taken
    // from another layout has no frame of this map's to give.
    #[cfg(not(target_arch = "wasm32"))]
    if map.land_placed.is_none() {
        s.push_str(r##"" data-land=""##);
        s.push_str(&escape(&map.land_frame()));
    }
    s.push_str(r##"" display="block" role="img" aria-label=""##);
    s.push_str(&escape(&accessible_name(map, title)));
    s.push_str(r##"" font-family=""##);
    s.push_str(FONT);
    s.push_str(r##"">"##);

    // Sea and land.
    s.push_str(r##"<rect class="tm-sea" width=""##);
    push_number(&mut s, map.width);
    s.push_str(r##"" height=""##);
    push_number(&mut s, map.height);
    s.push_str(r##"" fill=""##);
    s.push_str(SEA);
    s.push_str(r##""/>"##);
    if !map.land.is_empty() {
        s.push_str(r##"<path class="tm-land" fill=""##);
        s.push_str(LAND);
        s.push_str(r##"" stroke=""##);
        s.push_str(BORDER);
        match map.land_placed {
            // Land drawn for another layout, moved and scaled here; its coastline keeps its
            // width.
            Some((k, dx, dy)) => {
                s.push_str(r##"" stroke-width=""##);
                s.push_str(&crate::svg::decimal(0.6 / k));
                s.push_str(r##"" transform="matrix("##);
                for v in [k, 0.0, 0.0, k, dx] {
                    s.push_str(&crate::svg::decimal(v));
                    s.push(' ');
                }
                s.push_str(&crate::svg::decimal(dy));
                s.push(')');
            }
            None => s.push_str(r##"" stroke-width="0.6"##),
        }
        s.push_str(r##"" stroke-linejoin="round" d=""##);
        s.push_str(&map.land);
        s.push_str(r##""/>"##);
    }

    // Trips, oldest first so the newest draw on top.
    s.push_str(
        r##"<g class="tm-trips" fill="none" stroke-linecap="round" stroke-linejoin="round">"##,
    );
    let dense = map.set.trips.len() >= DENSE_TRIPS;
    for (i, (trip, route)) in map.set.trips.iter().zip(&map.routes).enumerate() {
        write_trip(&mut s, i, trip, route, dense);
    }
    s.push_str("</g>");

    // Places: destination dots, then the origin.
    s.push_str(r##"<g class="tm-places" fill="#fff" stroke=""##);
    s.push_str(INK);
    s.push_str(r##"" stroke-width="1.5">"##);
    for label in map.labels.iter().skip(1) {
        s.push_str(r##"<circle class="tm-dest" data-trips=""##);
        push_list(&mut s, &label.trips);
        s.push_str(r##"" cx=""##);
        push_number(&mut s, label.at.x);
        s.push_str(r##"" cy=""##);
        push_number(&mut s, label.at.y);
        s.push_str(r##"" r="4"/>"##);
    }
    s.push_str(r##"<circle class="tm-origin" fill=""##);
    s.push_str(INK);
    s.push_str(r##"" cx=""##);
    push_number(&mut s, map.origin.x);
    s.push_str(r##"" cy=""##);
    push_number(&mut s, map.origin.y);
    s.push_str(r##"" r="5"/></g>"##);

    // Labels, with a halo so they read over lines and borders.
    s.push_str(r##"<g class="tm-labels" fill=""##);
    s.push_str(INK);
    s.push_str(r##"" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" font-size=""##);
    push_number(&mut s, LABEL_FONT_PX);
    s.push_str(r##"">"##);
    for (k, label) in map.labels.iter().enumerate() {
        if !label.shown {
            continue;
        }
        // The first label is the origin's (bold, no trips).
        if k == 0 {
            if label.text.is_empty() {
                continue;
            }
            s.push_str(r##"<text class="tm-origin-label" font-weight="700""##);
        } else {
            s.push_str(r##"<text class="tm-label" data-trips=""##);
            push_list(&mut s, &label.trips);
            s.push('"');
        }
        s.push_str(r##" text-anchor=""##);
        s.push_str(label.anchor);
        s.push_str(r##"" x=""##);
        push_number(&mut s, label.text_at.x);
        s.push_str(r##"" y=""##);
        push_number(&mut s, label.text_at.y);
        s.push_str(r##"">"##);
        s.push_str(&escape(&label_text(label)));
        s.push_str("</text>");
    }
    s.push_str("</g>");

    write_title(&mut s, map);
    write_legend(&mut s, map);
    write_credit(&mut s, map);
    s.push_str("</svg>");
    s
}

/// One trip's group: a path a leg. A function of its own, called once a trip, so that the
/// engine optimises it after the first few (scripts/wasm-opt.sh keeps it from being inlined).
#[inline(never)]
fn write_trip(s: &mut String, i: usize, trip: &Trip, route: &Route, dense: bool) {
    s.push_str(r##"<g class="tm-trip"##);
    if !trip.foreign {
        s.push_str(" tm-not-abroad");
    }
    s.push_str(r##"" data-trip=""##);
    push_usize(s, i);
    s.push_str(r##"">"##);
    for (j, leg) in route.legs.iter().enumerate() {
        let mut w = if dense {
            crate::svg::PathWriter::whole_px()
        } else {
            crate::svg::PathWriter::new()
        };
        w.polyline(&leg.points);
        let d = w.finish();
        if d.is_empty() {
            continue;
        }
        let style = mode_style(leg.mode);
        s.push_str(r##"<path class="tm-leg tm-"##);
        s.push_str(leg.mode.name());
        s.push_str(r##"" data-leg=""##);
        push_usize(s, j);
        s.push_str(r##"" stroke=""##);
        s.push_str(if trip.foreign {
            style.color
        } else {
            NOT_ABROAD_COLOR
        });
        s.push_str(r##"" stroke-width=""##);
        push_number(s, if dense { DENSE_WIDTH_PX } else { style.width });
        // The leg's length as the core measured it (the shell's legPx, from tripNumbers()):
        // dashes and the dash offset that grows a trip are measured along it, so a trip grows
        // in step with the marker.
        s.push_str(r##"" pathLength=""##);
        push_number(s, leg.length_px());
        s.push('"');
        if !style.dash.is_empty() {
            s.push_str(r##" stroke-dasharray=""##);
            s.push_str(style.dash);
            s.push('"');
        }
        s.push_str(r##" d=""##);
        s.push_str(&d);
        s.push_str(r##""/>"##);
    }
    s.push_str("</g>");
}

/// The SVG's accessible name: the title and what the picture shows.
fn accessible_name(map: &Map, title: &str) -> String {
    let n = map.set.trips.len();
    let mut s = String::from(title);
    s.push_str(": a map of ");
    push_usize(&mut s, n);
    s.push_str(if n == 1 { " trip" } else { " trips" });
    if !map.set.origin.name.is_empty() {
        s.push_str(" from ");
        s.push_str(&map.set.origin.name);
    }
    s.push_str(". The list of trips gives the same information as text.");
    s
}

fn write_title(s: &mut String, map: &Map) {
    let f = &map.furniture;
    s.push_str(r##"<text class="tm-title" font-weight="700" fill=""##);
    s.push_str(INK);
    s.push_str(r##"" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke" font-size=""##);
    push_number(s, TITLE_FONT_PX);
    s.push_str(r##"" x=""##);
    push_number(s, f.title_box.x + 4.0);
    s.push_str(r##"" y=""##);
    push_number(s, f.title_box.y + TITLE_FONT_PX + 2.0);
    s.push_str(r##"">"##);
    s.push_str(&escape(&f.title));
    s.push_str("</text>");
}

fn write_legend(s: &mut String, map: &Map) {
    let f = &map.furniture;
    if f.legend_box.w == 0.0 {
        return;
    }
    let Rect { x, y, w, h } = f.legend_box;
    s.push_str(r##"<g class="tm-legend" font-size="12" fill=""##);
    s.push_str(INK);
    s.push_str(r##""><rect class="tm-legend-box" fill="#fff" fill-opacity="0.9" stroke="#c8c2b4" rx="4" x=""##);
    push_number(s, x);
    s.push_str(r##"" y=""##);
    push_number(s, y);
    s.push_str(r##"" width=""##);
    push_number(s, w);
    s.push_str(r##"" height=""##);
    push_number(s, h);
    s.push_str(r##""/><text font-weight="700" x=""##);
    push_number(s, x + 10.0);
    s.push_str(r##"" y=""##);
    push_number(s, y + 19.0);
    s.push_str(r##"">How he travelled</text>"##);
    let mut row_y = y + 19.0 + LEGEND_ROW_PX;
    let mut row = |s: &mut String, class: &str, color: &str, width: f64, dash: &str, text: &str| {
        s.push_str(r##"<path class=""##);
        s.push_str(class);
        s.push_str(r##"" fill="none" stroke-linecap="round" stroke=""##);
        s.push_str(color);
        s.push_str(r##"" stroke-width=""##);
        push_number(s, width);
        s.push('"');
        if !dash.is_empty() {
            s.push_str(r##" stroke-dasharray=""##);
            s.push_str(dash);
            s.push('"');
        }
        s.push_str(r##" d="M"##);
        push_number(s, x + 10.0);
        s.push(',');
        push_number(s, row_y - 4.0);
        s.push_str("h34\"/><text x=\"");
        push_number(s, x + 54.0);
        s.push_str(r##"" y=""##);
        push_number(s, row_y);
        s.push_str(r##"">"##);
        s.push_str(text);
        s.push_str("</text>");
        row_y += LEGEND_ROW_PX;
    };
    for m in &f.legend_modes {
        let st = mode_style(*m);
        let class = match m {
            Mode::Train => "tm-train",
            Mode::Plane => "tm-plane",
            Mode::Car => "tm-car",
            Mode::Foot => "tm-foot",
        };
        row(s, class, st.color, st.width, st.dash, m.label());
    }
    if f.legend_not_abroad {
        let st = mode_style(Mode::Car);
        row(
            s,
            "tm-not-abroad-sample",
            NOT_ABROAD_COLOR,
            st.width,
            st.dash,
            "Not a trip abroad",
        );
    }
    s.push_str("</g>");
}

fn write_credit(s: &mut String, map: &Map) {
    let lines = &map.furniture.credit_lines;
    let line_h = CREDIT_FONT_PX + 2.0;
    s.push_str(r##"<text class="tm-credit" fill="#4a4a4a" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" text-anchor="end" font-size=""##);
    push_number(s, CREDIT_FONT_PX);
    s.push_str(r##"">"##);
    let mut y = map.height - MARGIN_PX - line_h * lines.len().saturating_sub(1) as f64;
    for line in lines {
        s.push_str(r##"<tspan x=""##);
        push_number(s, map.width - MARGIN_PX);
        s.push_str(r##"" y=""##);
        push_number(s, y);
        s.push_str(r##"">"##);
        s.push_str(&escape(line));
        s.push_str("</tspan>");
        y += line_h;
    }
    s.push_str("</text>");
}

fn push_usize(s: &mut String, n: usize) {
    crate::date::push_number(s, u32::try_from(n).unwrap_or(u32::MAX));
}

fn push_list(s: &mut String, items: &[usize]) {
    for (k, i) in items.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        push_usize(s, *i);
    }
}
