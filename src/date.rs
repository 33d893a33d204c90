//! Calendar dates: ISO 8601 parsing, day numbers for the time axis, and the English labels
//! shown to readers ("10–13 June 2018"). Dates are formatted here, once, rather than with
//! `Intl.DateTimeFormat` in the page, which costs tens of milliseconds to create.

use std::cmp::Ordering;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// Year, 1 to 9999.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD` (an ISO 8601 calendar date), checking the day exists.
    ///
    /// ```
    /// use tripmap::date::Date;
    /// assert_eq!(Date::parse("2019-02-23").map(|d| d.day), Some(23));
    /// assert_eq!(Date::parse("2019-02-29"), None);
    /// assert_eq!(Date::parse("23/02/2019"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        // Digits only (no sign, no spaces), read by hand: `str::parse` was 450 B of wasm.
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes.get(range)?.iter().try_fold(0, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let year = number(0..4)? as i32;
        let month = number(5..7)?;
        let day = number(8..10)?;
        if year < 1 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    ///
    /// ```
    /// use tripmap::date::Date;
    /// assert_eq!(Date::parse("1970-01-02").unwrap().days(), 1);
    /// assert_eq!(Date::parse("2000-03-01").unwrap().days(), 11017);
    /// ```
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `2018-06-10`.
    pub fn iso(self) -> String {
        let mut s = String::with_capacity(10);
        push_padded(&mut s, self.year.unsigned_abs(), 4);
        s.push('-');
        push_padded(&mut s, self.month, 2);
        s.push('-');
        push_padded(&mut s, self.day, 2);
        s
    }

    /// `10 June 2018`.
    pub fn label(self) -> String {
        let mut s = String::new();
        push_number(&mut s, self.day);
        s.push(' ');
        s.push_str(self.month_name());
        s.push(' ');
        push_number(&mut s, self.year.unsigned_abs());
        s
    }

    /// `June`.
    pub fn month_name(self) -> &'static str {
        MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("")
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

/// A reader's label for a span of days: `27 April 2018`, `10–13 June 2018`,
/// `23 February – 5 March 2019`, `28 December 2018 – 2 January 2019`.
///
/// ```
/// use tripmap::date::{Date, range_label};
/// let d = |s| Date::parse(s).unwrap();
/// assert_eq!(range_label(d("2018-06-10"), d("2018-06-13")), "10–13 June 2018");
/// assert_eq!(range_label(d("2019-02-23"), d("2019-03-05")), "23 February – 5 March 2019");
/// ```
pub fn range_label(start: Date, end: Date) -> String {
    if start == end {
        return start.label();
    }
    let mut s = String::new();
    push_number(&mut s, start.day);
    if start.year != end.year {
        s.push(' ');
        s.push_str(start.month_name());
        s.push(' ');
        push_number(&mut s, start.year.unsigned_abs());
        s.push_str(" – ");
    } else if start.month != end.month {
        s.push(' ');
        s.push_str(start.month_name());
        s.push_str(" – ");
    } else {
        s.push('–');
    }
    s.push_str(&end.label());
    s
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Appends a number without `format!` (which pulls `std::fmt` into the wasm).
pub fn push_number(s: &mut String, n: u32) {
    push_padded(s, n, 1);
}

fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    let mut n = n;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 || len == digits.len() {
            break;
        }
    }
    for _ in len..width {
        s.push('0');
    }
    for d in digits.iter().take(len).rev() {
        s.push(char::from(*d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_over_five_centuries() {
        for days in (-200_000..200_000).step_by(37) {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }

    #[test]
    fn known_day_numbers() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::parse("2018-06-12").unwrap().days(), 17_694);
    }

    #[test]
    fn rejects_non_iso_text() {
        for bad in [
            "2018-6-12",
            "2018-06-31",
            "2018-13-01",
            "12 June 2018",
            "2018-06-12T10:00",
            "",
            "0000-01-01",
            "20x8-06-12",
            "2018-06-1x",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
    }

    #[test]
    fn labels_read_naturally() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(
            range_label(d("2018-04-27"), d("2018-04-27")),
            "27 April 2018"
        );
        assert_eq!(
            range_label(d("2018-12-28"), d("2019-01-02")),
            "28 December 2018 – 2 January 2019"
        );
        assert_eq!(d("2019-01-07").iso(), "2019-01-07");
    }
}
