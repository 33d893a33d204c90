//! The no-JavaScript fallback: the static map plus an HTML list of the trips, as one snippet
//! that goes inside `<trip-map>` as light-DOM content. Readers without JavaScript, printers
//! and search engines see the map and read every trip; when the script runs, the live widget
//! takes over at the same size.

use crate::date::{push_number, range_label};
#[cfg(not(target_arch = "wasm32"))]
use crate::json::Value;
use crate::map::Map;
use crate::scene::write_svg;
use crate::svg::escape;

/// Height kept under the map for the live widget's control bar, px.
pub const CONTROLS_SPACE_PX: u32 = 67;

/// Writes the fallback snippet. Every text from the data is escaped; only http(s) sources
/// become links.
pub fn write_fallback(map: &Map) -> String {
    let mut s = String::with_capacity(map.land.len() + 32_768);
    s.push_str(r#"<div class="tm-fallback">"#);
    s.push_str(&write_svg(map));
    // Keeps the place of the control bar, so the live widget does not push the text down.
    s.push_str(r#"<svg class="tm-controls-space" width="100%" height=""#);
    push_number(&mut s, CONTROLS_SPACE_PX);
    s.push_str(r#"" aria-hidden="true" focusable="false"></svg>"#);
    // Laid out like the live list: a count, then two lines per trip.
    s.push_str("<p><strong>");
    push_number(
        &mut s,
        u32::try_from(map.set.trips.len()).unwrap_or(u32::MAX),
    );
    s.push_str(if map.set.trips.len() == 1 {
        " trip"
    } else {
        " trips"
    });
    s.push_str(r#"</strong></p><ol class="tm-fallback-list">"#);
    for (trip, route) in map.set.trips.iter().zip(&map.routes) {
        // One line per trip; the rest opens on demand (no script needed), which keeps the
        // fallback about as tall as the live widget's list.
        s.push_str("<li><details><summary><strong>");
        s.push_str(&escape(&trip.title));
        s.push_str("</strong> (");
        s.push_str(&escape(&range_label(trip.start, trip.end)));
        s.push_str(")<br>");
        let place: Vec<&str> = [
            trip.destination.as_str(),
            trip.venue.as_str(),
            trip.country.as_str(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
        // "Beijing, Great Hall of the People, Beijing" reads better without the first Beijing.
        let place: Vec<&str> = match place.as_slice() {
            [dest, venue, rest @ ..] if venue.contains(dest) => std::iter::once(*venue)
                .chain(rest.iter().copied())
                .collect(),
            _ => place,
        };
        s.push_str(&escape(&place.join(", ")));
        s.push_str(" · ");
        let mut modes: Vec<&str> = Vec::new();
        for leg in &trip.legs {
            if !modes.contains(&leg.mode.label()) {
                modes.push(leg.mode.label());
            }
        }
        s.push_str(&modes.join(" and "));
        s.push_str(", ");
        push_thousands(&mut s, route.km().round() as u64);
        s.push_str(" km");
        if !trip.foreign {
            s.push_str(" · not a trip abroad");
        }
        s.push_str("</summary>");
        if !trip.leaders.is_empty() {
            s.push_str(" Met ");
            s.push_str(&escape(&trip.leaders.join(", ")));
            s.push('.');
        }
        if !trip.summary.is_empty() {
            s.push(' ');
            s.push_str(&escape(&trip.summary));
        }
        let links: Vec<_> = trip
            .sources
            .iter()
            .filter(|src| src.is_web_link())
            .collect();
        if !links.is_empty() {
            s.push_str(" Sources: ");
            for (k, src) in links.iter().enumerate() {
                if k > 0 {
                    s.push_str("; ");
                }
                s.push_str(r#"<a href=""#);
                s.push_str(&escape(src.url.trim()));
                // The page's own tab (no `target`), where `noopener` does nothing; the address
                // of the article is not passed on, as from the live widget's links.
                s.push_str(r#"" rel="noreferrer">"#);
                s.push_str(&escape(if src.title.is_empty() {
                    &src.url
                } else {
                    &src.title
                }));
                s.push_str("</a>");
            }
            s.push('.');
        }
        s.push_str("</details></li>");
    }
    s.push_str("</ol></div>");
    s
}

/// How the trips' data block opens; the shell looks for a child `script` of this type.
pub const DATA_BLOCK_OPEN: &str = r#"<script type="application/geo+json">"#;

/// Members of a trip's `properties` that are a record for editors, not read by the core: a
/// leg's `stops` (the stations its points come from). The data block leaves them out; the file
/// keeps them.
pub const RECORD_ONLY: &[&str] = &["stops"];

/// The trips' file as a data block to follow the fallback inside `<trip-map>`: the widget then
/// reads its trips from the page (no `src`, no second request), and the list above and the data
/// compress together. The file is written again, compact and without the members in
/// [`RECORD_ONLY`] (443 B gzip less on the demo page), and every `<`, which valid JSON has only
/// inside strings, is written there as `\u003c`: no text in the data can then end the element
/// (`</script>`) or start a comment in it. Numbers are written as the shortest decimal that
/// reads back as the same number, so the widget reads exactly the trips the file holds.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_data_script(doc: &Value) -> String {
    let mut s = String::with_capacity(16_384);
    s.push_str(DATA_BLOCK_OPEN);
    push_json(&mut s, doc, false);
    s.push_str("</script>");
    s
}

/// Writes `v` as compact JSON; `properties` says that `v` is a feature's properties, whose
/// record-only members are left out.
#[cfg(not(target_arch = "wasm32"))]
fn push_json(s: &mut String, v: &Value, properties: bool) {
    // Rust's shortest round-trip form ("125.7364", "39", "-0"): valid JSON for every finite
    // number, and the reader gives no other kind.
    let number = |s: &mut String, n: f64| {
        use std::fmt::Write;
        let _ = write!(s, "{n}");
    };
    let comma = |s: &mut String, i: usize| {
        if i > 0 {
            s.push(',');
        }
    };
    match v {
        Value::Null => s.push_str("null"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => number(s, *n),
        Value::String(text) => push_json_string(s, text),
        Value::Array(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                comma(s, i);
                push_json(s, item, false);
            }
            s.push(']');
        }
        Value::Numbers(numbers) => {
            s.push('[');
            for (i, n) in numbers.iter().enumerate() {
                comma(s, i);
                number(s, *n);
            }
            s.push(']');
        }
        Value::Positions(positions) => {
            s.push('[');
            for (i, [x, y]) in positions.iter().enumerate() {
                comma(s, i);
                s.push('[');
                number(s, *x);
                s.push(',');
                number(s, *y);
                s.push(']');
            }
            s.push(']');
        }
        Value::Object(members) => {
            s.push('{');
            let kept = members
                .iter()
                .filter(|(key, _)| !(properties && RECORD_ONLY.contains(&key.as_str())));
            for (i, (key, value)) in kept.enumerate() {
                comma(s, i);
                push_json_string(s, key);
                s.push(':');
                push_json(s, value, key == "properties");
            }
            s.push('}');
        }
    }
}

/// A JSON string, with `<` written `\u003c` (see [`write_data_script`]).
#[cfg(not(target_arch = "wasm32"))]
fn push_json_string(s: &mut String, text: &str) {
    use std::fmt::Write;
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '<' => s.push_str("\\u003c"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", u32::from(c));
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

/// 5268 -> "5,268".
fn push_thousands(s: &mut String, n: u64) {
    let mut digits = String::new();
    crate::svg::push_fixed(
        &mut digits,
        i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(10),
    );
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            s.push(',');
        }
        s.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON inside a data block.
    #[cfg(not(target_arch = "wasm32"))]
    fn block_json(block: &str) -> &str {
        block
            .strip_prefix(DATA_BLOCK_OPEN)
            .and_then(|b| b.strip_suffix("</script>"))
            .expect("one data block")
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_data_block_holds_the_same_trips_and_nothing_that_could_end_it() {
        use crate::json::{parse, ReadLimits};
        let file = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"title":"</script><script>alert(1)</script> <!-- a <b>",
              "quote":"\"a\\b\"\n\u0001é 𝄞", "n":[0.1, -0, 1e21, 125.7364, 3, -2.5e-7], "ok":true, "no":null},
            "geometry":{"type":"Point","coordinates":[125.75,39.02]}}]}"#;
        let block = write_data_script(&parse(file, ReadLimits::default()).expect("the file"));
        let inner = block_json(&block);
        assert!(!inner.contains('<'), "{inner}");
        assert_eq!(
            parse(inner, ReadLimits::default()).expect("still JSON"),
            parse(file, ReadLimits::default()).expect("the file")
        );
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_data_block_leaves_out_the_stations_of_each_leg_only() {
        use crate::json::{parse, ReadLimits};
        let with = |stops: &str| {
            [
                r#"{"type":"FeatureCollection","metadata":{"stops":1},"features":[{"type":"Feature","#,
                r#""properties":{"id":"a","title":"T","start":"2018-03-25","end":"2018-03-28","#,
                r#""destination":"Beijing","modes":["train"],"summary":"stops","sources":[]"#,
                stops,
                r#"},"geometry":{"type":"MultiLineString","coordinates":[[[125.7,39],[116.4,39.9]]]}}]}"#,
            ]
            .concat()
        };
        let file = with(r#","stops":[["Pyongyang","Beijing"]]"#);
        let block = write_data_script(&parse(&file, ReadLimits::default()).expect("the file"));
        let inner = block_json(&block);
        assert!(inner.len() < file.len(), "{inner}");
        // Only the leg's stations go: the same key elsewhere, and a text saying "stops", stay.
        assert_eq!(
            parse(inner, ReadLimits::default()).expect("JSON"),
            parse(&with(""), ReadLimits::default()).expect("JSON")
        );
    }

    #[test]
    fn thousands_are_grouped() {
        let mut s = String::new();
        push_thousands(&mut s, 5268);
        s.push(' ');
        push_thousands(&mut s, 150);
        s.push(' ');
        push_thousands(&mut s, 1_234_567);
        assert_eq!(s, "5,268 150 1,234,567");
    }
}
