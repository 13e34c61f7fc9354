//! Numbers as councils print them: `22555`, `26,444`, `4.4%`, `£326.4m`, `£1.2bn`,
//! `£394,000`, bracketed negatives `(17)`, padded decimals `35.10%`, the OCR noise `27/0`
//! for `27%` (PDF text), and the years and financial years (`2022/23`, `2022-23`,
//! `2021 -2022`) that are labels, not quantities.
//!
//! ```
//! use carestat::account::extract::numbers::{scan, Kind};
//! let found = scan("£326.4m was spent in 2022/23, an increase of 12.4%.");
//! assert_eq!(found.len(), 3);
//! assert_eq!((found[0].kind, found[0].value, found[0].decimals), (Kind::MoneyMillions, 326.4, 1));
//! assert_eq!(found[1].kind, Kind::FinancialYear);
//! assert_eq!((found[2].kind, found[2].value), (Kind::Percent, 12.4));
//! ```

use crate::account::read::Span;

/// What a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain count or amount (`22555`, `26,444`).
    Count,
    /// A percentage (`4.4%`).
    Percent,
    /// Pounds (`£394,000`).
    Money,
    /// Thousands of pounds (`£394k`).
    MoneyThousands,
    /// Millions of pounds (`£326.4m`, `£3 million`).
    MoneyMillions,
    /// Billions of pounds (`£1.2bn`).
    MoneyBillions,
    /// A calendar year (`2021`): a label, not a quantity.
    Year,
    /// A financial year (`2022/23`, `2022-23`, `2021 -2022`): a label, not a quantity.
    FinancialYear,
}

impl Kind {
    /// Whether the number is a quantity (not a year label).
    #[must_use]
    pub const fn is_quantity(self) -> bool {
        !matches!(self, Self::Year | Self::FinancialYear)
    }
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// What it is.
    pub kind: Kind,
    /// Its value in its unit (326.4 for `£326.4m`; -17 for `(17)`; for a financial year,
    /// its first year).
    pub value: f64,
    /// Decimal places as printed (1 for `4.4%`, 2 for `35.10%`).
    pub decimals: i32,
    /// True when the last printed decimal is a 0 (`35.10%`): the figure may be padded.
    pub padded: bool,
    /// Its bytes in the text scanned (the `£`, `%`, unit and brackets included).
    pub span: Span,
}

/// Every number in `text`, in order. Digits joined to letters (`1C2A`, `2A1`, `31st`) and
/// numbers with a leading zero (`0121`, phone numbers) are skipped: they are not figures.
///
/// ```
/// use carestat::account::extract::numbers::{scan, Kind};
/// let n = scan("a deficit of (17) and 35.10%; 1C2A; the 31st; 2021 -2022");
/// assert_eq!((n[0].kind, n[0].value), (Kind::Count, -17.0));
/// assert_eq!((n[1].decimals, n[1].padded), (2, true));
/// assert_eq!(n[2].kind, Kind::FinancialYear);
/// assert_eq!(n.len(), 3);
/// ```
#[must_use]
pub fn scan(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        // Thousands separators: groups of exactly three digits.
        let mut grouped = false;
        while j - start <= 3 || grouped {
            let group = j + 4 <= b.len()
                && b[j] == b','
                && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                && (j + 4 == b.len() || !b[j + 4].is_ascii_digit());
            if !group {
                break;
            }
            grouped = true;
            j += 4;
        }
        let int_end = j;
        let mut decimals = 0;
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            j += 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
                decimals += 1;
            }
        }
        let digits = &text[start..j];
        // Skip digits glued to letters (1C2A, 31st) and leading zeros (0121 ...).
        let glued = j < b.len() && b[j].is_ascii_alphabetic() && !unit_follows(&text[j..]);
        let leading_zero = b[start] == b'0' && int_end - start > 1;
        if glued || leading_zero {
            i = j;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let Ok(mut value) = digits.replace(',', "").parse::<f64>() else {
            i = j;
            continue;
        };
        let padded = decimals > 0 && digits.ends_with('0');
        let mut s = start;
        let mut e = j;
        let mut kind = Kind::Count;
        if s > 0 && text[..s].ends_with('£') {
            s -= '£'.len_utf8();
            (kind, e) = money_unit(text, e);
        } else if text[e..].starts_with('%') {
            kind = Kind::Percent;
            e += 1;
        } else if !grouped && decimals == 0 && value <= 100.0 && ocr_percent(text, start, e) {
            // OCR of a PDF reads "27%" as "27/0".
            kind = Kind::Percent;
            e += 2;
        } else if !grouped
            && decimals == 0
            && int_end - start == 4
            && (1990.0..2100.0).contains(&value)
        {
            (kind, e) = year_label(text, e);
        } else if !grouped && decimals == 0 && int_end - start == 4 {
            if let Some(end) = short_years_run_together(&text[start..]) {
                kind = Kind::FinancialYear;
                e = start + end;
            }
        }
        // Bracketed negative: (17)
        if kind != Kind::Year
            && kind != Kind::FinancialYear
            && kind != Kind::Percent
            && s > 0
            && b[s - 1] == b'('
            && text[e..].starts_with(')')
        {
            value = -value;
            s -= 1;
            e += 1;
        }
        out.push(Number {
            kind,
            value,
            decimals,
            padded,
            span: Span::new(s, e),
        });
        i = e.max(j);
    }
    out
}

/// The money unit after a `£` figure ending at `e` (`m`, ` million`, `bn`, ` billion`,
/// `k`, or pounds), with the new end of the figure.
fn money_unit(text: &str, e: usize) -> (Kind, usize) {
    let rest = &text[e..];
    for (suffix, k) in [
        ("bn", Kind::MoneyBillions),
        (" billion", Kind::MoneyBillions),
        ("m", Kind::MoneyMillions),
        (" million", Kind::MoneyMillions),
        ("k", Kind::MoneyThousands),
    ] {
        if rest.starts_with(suffix) && unit_ends(&rest[suffix.len()..]) {
            return (k, e + suffix.len());
        }
    }
    (Kind::Money, e)
}

/// A four-digit year ending at `e`: a financial year when followed by `/23`, `-23`,
/// `/2023` or ` -2022` (spaces allowed around the dash), else a calendar year; with the new
/// end of the figure.
fn year_label(text: &str, e: usize) -> (Kind, usize) {
    let rest = &text[e..];
    let trimmed = rest.trim_start_matches(' ');
    if let Some(after) = trimmed.strip_prefix(['/', '-', '–']) {
        let after2 = after.trim_start_matches(' ');
        let n = after2.bytes().take_while(u8::is_ascii_digit).count();
        if n == 2 || n == 4 {
            return (Kind::FinancialYear, e + rest.len() - after2.len() + n);
        }
    }
    (Kind::Year, e)
}

/// "1920/21": two short financial years run together (19/20, 20/21), as minutes typed
/// them; the end of the label when `text` starts with one.
fn short_years_run_together(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    if b.len() < 7 || !matches!(b[4], b'/' | b'-') || !b[5..7].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.get(7).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let pair = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let (a, m, z) = (pair(0), pair(2), pair(5));
    ((a + 1) % 100 == m && (m + 1) % 100 == z).then_some(7)
}

/// Whether the letters at the start of `rest` are a money unit (`m`, `bn`, `k`).
fn unit_follows(rest: &str) -> bool {
    ["bn", "m", "k"]
        .iter()
        .any(|u| rest.starts_with(u) && unit_ends(&rest[u.len()..]))
}

/// Whether a unit ends here: no letter or digit follows, or PDF text ran it into the next
/// word "in" (`£231.2min 2022/2023`).
fn unit_ends(after: &str) -> bool {
    !after.starts_with(|c: char| c.is_ascii_alphanumeric()) || after.starts_with("in ")
}

/// `N/0` at `start..e` (N a whole number up to 100, checked by the caller): OCR's reading of
/// `N%` (`27/0`), when it is no fraction nor date: not after a digit or `/` (`3/27/0`),
/// followed by a space or the end (not `1/0/2023`, `1/05`), and with no fraction beside it
/// (a table of scores, "2/3 1/0 4/5").
fn ocr_percent(text: &str, start: usize, e: usize) -> bool {
    let b = text.as_bytes();
    let rest = &text[e..];
    if !rest.starts_with("/0") || rest[2..].starts_with(|c: char| !c.is_whitespace()) {
        return false;
    }
    if start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'/') {
        return false;
    }
    let before = text[..start].split_whitespace().next_back();
    let after = text[e + 2..].split_whitespace().next();
    !before.into_iter().chain(after).any(is_fraction)
}

/// Whether a word is a fraction or a date of digits and slashes (`2/3`, `1/0`, `12/05/2023`,
/// with punctuation around it).
fn is_fraction(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    w.contains('/')
        && w.split('/')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the printed text of a percentage is OCR's `N/0` for `N%` (see [`scan`]); the
/// draft says so in its notes.
#[must_use]
pub fn read_as_ocr_percent(printed: &str) -> bool {
    printed.ends_with("/0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, f64, i32)> {
        scan(text)
            .iter()
            .map(|n| (n.kind, n.value, n.decimals))
            .collect()
    }

    #[test]
    fn short_years_run_together_are_a_label() {
        // Reading Safeguarding Adults Board minutes (2022): "from 1589 in 1920/21 to 2989".
        assert_eq!(
            kinds("from 1589 in 1920/21 to 2989"),
            vec![
                (Kind::Count, 1589.0, 0),
                (Kind::FinancialYear, 1920.0, 0),
                (Kind::Count, 2989.0, 0)
            ]
        );
        assert_eq!(kinds("1234/56")[0].0, Kind::Count);
    }

    #[test]
    fn numbers_from_the_seeds() {
        // Seed 000 (Birmingham 2022/23) and seed 004 (Worcestershire 2023/24), as printed.
        assert_eq!(
            kinds("There was a total of 22555 new requests, an increase from the previous year by 4.4%"),
            vec![(Kind::Count, 22555.0, 0), (Kind::Percent, 4.4, 1)]
        );
        assert_eq!(
            kinds("there has been £394,000 in well-being grants distributed to 1878 careers"),
            vec![(Kind::Money, 394_000.0, 0), (Kind::Count, 1878.0, 0)]
        );
        assert_eq!(
            kinds("£1.2bn and £3.7m"),
            vec![(Kind::MoneyBillions, 1.2, 1), (Kind::MoneyMillions, 3.7, 1)]
        );
        assert_eq!(
            kinds("26,444 new requests"),
            vec![(Kind::Count, 26444.0, 0)]
        );
        assert_eq!(
            kinds("During 2021 -2022:"),
            vec![(Kind::FinancialYear, 2021.0, 0)]
        );
        assert_eq!(
            kinds("in 2022-23 and 2023/2024"),
            vec![
                (Kind::FinancialYear, 2022.0, 0),
                (Kind::FinancialYear, 2023.0, 0)
            ]
        );
        assert_eq!(
            kinds("in the last census in 2021."),
            vec![(Kind::Year, 2021.0, 0)]
        );
        assert_eq!(kinds("Phone 0121 464 9995")[0].1, 464.0);
        assert!(kinds("2A2 Perm. Admissions").is_empty());
        // Seed 004's PDF text: "£231.2min 2022/2023" and the OCR "27/0" for 27%.
        assert_eq!(
            kinds("from £231.2min 2022/2023; 27/0 enquiries")[..1],
            [(Kind::MoneyMillions, 231.2, 1)]
        );
        assert_eq!(kinds("27/0 enquiries"), vec![(Kind::Percent, 27.0, 0)]);
        assert_eq!(
            kinds("o completed safeguarding\n27/0 enquiries were undertaken")[0].0,
            Kind::Percent
        );
        assert_eq!(kinds("£3 mind"), vec![(Kind::Money, 3.0, 0)]);
    }

    #[test]
    fn ocr_percent_is_no_fraction_nor_date() {
        // Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt): "27/0
        // enquiries were undertaken" is the tile "27%" of the rate of concerns that led to an
        // enquiry, read by OCR; at the end of the text too.
        assert_eq!(kinds("27/0"), vec![(Kind::Percent, 27.0, 0)]);
        assert_eq!(kinds("100/0 of"), vec![(Kind::Percent, 100.0, 0)]);
        assert!(read_as_ocr_percent("27/0"));
        assert!(!read_as_ocr_percent("27%"));
        // Not OCR noise: a service open 24/7; a date; a longer fraction; a fraction beside
        // others (a table of scores); a digit or "/" before; more than 100; a decimal; no
        // space after.
        assert!(kinds("24/7 support").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("on 1/0/2023").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("1/05 of them").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("scores 2/3 1/0 4/5")
            .iter()
            .all(|n| n.0 != Kind::Percent));
        assert!(kinds("scores 1/0 2/3").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("3/27/0 cases").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("250/0 cases").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("2.5/0 cases").iter().all(|n| n.0 != Kind::Percent));
        assert!(kinds("27/0.").iter().all(|n| n.0 != Kind::Percent));
    }

    #[test]
    fn spans_cover_the_printed_figure() {
        let t = "spent £326.4m (17) 4.4%";
        let n = scan(t);
        let shown: Vec<&str> = n.iter().map(|x| &t[x.span.start..x.span.end]).collect();
        assert_eq!(shown, vec!["£326.4m", "(17)", "4.4%"]);
    }
}
