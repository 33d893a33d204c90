//! The no-JavaScript fallback: the static map plus an HTML list of the trips, as one snippet
//! that goes inside `<trip-map>` as light-DOM content. Readers without JavaScript, printers
//! and search engines see the map and read every trip; when the script runs, the live widget
//! takes over at the same size.

use crate::date::{push_number, range_label};
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
                s.push_str(r#"" rel="noopener noreferrer">"#);
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

/// The trips' file as a data block to follow the fallback inside `<trip-map>`: the widget then
/// reads its trips from the page (no `src`, no second request), and the list above and the data
/// compress together. The file is written as it is but for every `<`, which valid JSON has only
/// inside strings and which is written there as `\u003c`: no text in the data can then end the
/// element (`</script>`) or start a comment in it.
pub fn write_data_script(json: &str) -> String {
    let mut s = String::with_capacity(json.len() + 64);
    s.push_str(DATA_BLOCK_OPEN);
    for (i, piece) in json.trim().split('<').enumerate() {
        if i > 0 {
            s.push_str("\\u003c");
        }
        s.push_str(piece);
    }
    s.push_str("</script>");
    s
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

    #[test]
    fn the_data_block_holds_the_same_trips_and_nothing_that_could_end_it() {
        use crate::json::{parse, ReadLimits};
        let file = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"title":"</script><script>alert(1)</script> <!-- a <b>"},
            "geometry":{"type":"Point","coordinates":[125.75,39.02]}}]}"#;
        let block = write_data_script(file);
        let inner = block
            .strip_prefix(DATA_BLOCK_OPEN)
            .and_then(|b| b.strip_suffix("</script>"))
            .expect("one data block");
        assert!(!inner.contains('<'), "{inner}");
        assert_eq!(
            parse(inner, ReadLimits::default()).expect("still JSON"),
            parse(file, ReadLimits::default()).expect("the file")
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
