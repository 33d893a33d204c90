//! The one SVG path writer, with fixed precision: coordinates are rounded to tenths of a
//! pixel (or, for the land, to whole pixels) and written as integers and one decimal, so no
//! "29.999999999999996" and golden files stay stable. Paths use relative moves between
//! rounded points, so rounding never accumulates.

use crate::geo::Px;

/// Digits after the decimal point in every written coordinate.
pub const PRECISION_DIGITS: u32 = 1;
const SCALE: f64 = 10.0; // 10^PRECISION_DIGITS

/// Builds an SVG path `d` attribute.
#[derive(Debug, Default)]
pub struct PathWriter {
    d: String,
    last: Option<(i64, i64)>,
    pending_line: bool,
    whole_px: bool,
}

impl PathWriter {
    /// An empty writer, to tenths of a pixel.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer that rounds to whole pixels: for the land, whose coastline is drawn
    /// about one unit to a CSS pixel, so tenths would add about a quarter to the page's gzip
    /// without a visible difference.
    pub fn whole_px() -> Self {
        Self {
            whole_px: true,
            ..Self::default()
        }
    }

    fn quantize(&self, p: Px) -> (i64, i64) {
        if self.whole_px {
            let whole = quantize(Px {
                x: p.x / SCALE,
                y: p.y / SCALE,
            });
            (whole.0 * 10, whole.1 * 10)
        } else {
            quantize(p)
        }
    }

    /// Starts a new subpath at `p`.
    pub fn move_to(&mut self, p: Px) {
        let q = self.quantize(p);
        self.d.push('M');
        push_fixed(&mut self.d, q.0);
        self.d.push(',');
        push_fixed(&mut self.d, q.1);
        self.last = Some(q);
        self.pending_line = false;
    }

    /// Draws a straight line to `p`. A point that rounds onto the previous one is skipped.
    pub fn line_to(&mut self, p: Px) {
        let q = self.quantize(p);
        let Some(prev) = self.last else {
            self.move_to(p);
            return;
        };
        if q == prev {
            return;
        }
        let (dx, dy) = (q.0 - prev.0, q.1 - prev.1);
        if self.pending_line {
            // Implicit repetition of the l command: a separator is enough.
            if dx >= 0 {
                self.d.push(' ');
            }
        } else {
            self.d.push('l');
            self.pending_line = true;
        }
        push_fixed(&mut self.d, dx);
        if dy >= 0 {
            self.d.push(',');
        }
        push_fixed(&mut self.d, dy);
        self.last = Some(q);
    }

    /// Closes the current subpath.
    pub fn close(&mut self) {
        if self.last.is_some() {
            self.d.push('z');
            self.pending_line = false;
        }
    }

    /// Writes a polyline as one subpath. Fewer than two points write nothing.
    pub fn polyline(&mut self, points: &[Px]) {
        let mut it = points.iter();
        if points.len() < 2 {
            return;
        }
        if let Some(first) = it.next() {
            self.move_to(*first);
        }
        for p in it {
            self.line_to(*p);
        }
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.d.is_empty()
    }

    /// The `d` attribute; an empty string when nothing was drawn (callers omit the element).
    pub fn finish(self) -> String {
        self.d
    }
}

/// Rounds a point to the writer's grid, in units of 10^-PRECISION_DIGITS px.
fn quantize(p: Px) -> (i64, i64) {
    let q = |v: f64| {
        if v.is_finite() {
            crate::geo::clamp((v * SCALE).round(), -1e15, 1e15) as i64
        } else {
            0
        }
    };
    (q(p.x), q(p.y))
}

/// Appends a number of tenths as decimal text: 123 -> "12.3", 120 -> "12", -5 -> "-0.5".
pub fn push_fixed(s: &mut String, tenths: i64) {
    if tenths < 0 {
        s.push('-');
    }
    let abs = tenths.unsigned_abs();
    let (int, frac) = (abs / 10, abs % 10);
    push_u64(s, int);
    if frac != 0 {
        s.push('.');
        s.push(char::from(b'0' + frac as u8));
    }
}

/// Appends a float rounded to one decimal place.
pub fn push_number(s: &mut String, v: f64) {
    push_fixed(s, quantize(Px { x: v, y: 0.0 }).0);
}

/// Appends an unsigned integer as decimal text.
pub(crate) fn push_u64(s: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for b in buf.iter().skip(i) {
        s.push(char::from(*b));
    }
}

/// A number for messages, without `std::fmt`'s float code (which is large in wasm): up to six
/// decimals, trailing zeros dropped. `91` -> "91", `-0.5` -> "-0.5", `1e300` -> "1e300-ish".
pub fn decimal(v: f64) -> String {
    let mut s = String::new();
    if !v.is_finite() {
        s.push_str(if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        return s;
    }
    if v < 0.0 {
        s.push('-');
    }
    let a = v.abs();
    if a >= 1e15 {
        s.push_str("a very large number");
        return s;
    }
    let micro = (a * 1e6).round() as u64;
    push_u64(&mut s, micro / 1_000_000);
    let mut frac = micro % 1_000_000;
    if frac != 0 {
        s.push('.');
        let mut digits = 6;
        while frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        let text = {
            let mut t = String::new();
            push_u64(&mut t, frac);
            t
        };
        for _ in text.len()..digits {
            s.push('0');
        }
        s.push_str(&text);
    }
    s
}

/// Escapes text for SVG/HTML text content and attribute values. Every attribute this crate
/// writes is in double quotes, so an apostrophe needs no escape: written as it is, the texts
/// of the fallback's list and of the data block after it compress together (202 B gzip on
/// the demo page against `&#39;`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0; drop them.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(x: f64, y: f64) -> Px {
        Px { x, y }
    }

    #[test]
    fn coordinates_have_at_most_one_decimal() {
        let mut w = PathWriter::new();
        w.polyline(&[px(29.999999999999996, 0.1 + 0.2), px(100.04, 7.0 / 3.0)]);
        assert_eq!(w.finish(), "M30,0.3l70,2");
    }

    #[test]
    fn the_land_writer_rounds_to_whole_pixels_without_drifting() {
        let mut w = PathWriter::whole_px();
        // Steps of 0.4 px from 10.2 to 12.2: whole steps, ending on 12, the true end rounded.
        let points: Vec<Px> = (0..=5)
            .map(|i| px(10.2 + f64::from(i) * 0.4, 3.6))
            .collect();
        w.polyline(&points);
        w.close();
        assert_eq!(w.finish(), "M10,4l1,0 1,0z");
    }

    #[test]
    fn relative_steps_do_not_accumulate_rounding() {
        // 100 steps of 0.04 px: each rounds to 0, but the end is where it should be.
        let points: Vec<Px> = (0..=100).map(|i| px(f64::from(i) * 0.04, 0.0)).collect();
        let mut w = PathWriter::new();
        w.polyline(&points);
        let d = w.finish();
        let total: f64 = d
            .trim_start_matches("M0,0l")
            .split([' ', ','])
            .step_by(2)
            .map(|v| v.parse::<f64>().unwrap())
            .sum();
        assert!((total - 4.0).abs() < 1e-9, "{d}");
    }

    #[test]
    fn negative_and_zero_values_are_written_plainly() {
        let mut w = PathWriter::new();
        w.polyline(&[px(-0.04, -1.25), px(-3.0, 2.0), px(0.0, 0.0)]);
        // A minus sign separates numbers on its own, as SVG allows.
        assert_eq!(w.finish(), "M0,-1.3l-3,3.3 3-2");
    }

    #[test]
    fn an_empty_or_single_point_path_is_empty() {
        let mut w = PathWriter::new();
        w.polyline(&[px(1.0, 1.0)]);
        assert!(w.is_empty());
        assert_eq!(w.finish(), "");
    }

    #[test]
    fn non_finite_values_never_reach_the_output() {
        let mut w = PathWriter::new();
        w.polyline(&[px(f64::NAN, 1.0), px(f64::INFINITY, 2.0)]);
        let d = w.finish();
        assert!(!d.contains("NaN") && !d.contains("inf"), "{d}");
    }

    #[test]
    fn decimals_for_messages() {
        assert_eq!(decimal(91.0), "91");
        assert_eq!(decimal(-0.5), "-0.5");
        assert_eq!(decimal(181.000_25), "181.00025");
        assert_eq!(decimal(0.1 + 0.2), "0.3");
        assert_eq!(decimal(f64::NAN), "NaN");
    }

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="a()">&'"#),
            "&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;'"
        );
    }
}
