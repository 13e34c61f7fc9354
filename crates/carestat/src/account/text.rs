//! Numbers as the reasons print them: thousands separators, half-away-from-zero rounding.

use crate::rounding::round_half_away;

/// `x` rounded half away from zero to `decimals` places, with thousands separators:
/// `487,173`, `77.3`, `-1.5`.
pub(crate) fn num(x: f64, decimals: i32) -> String {
    if !x.is_finite() {
        return "missing".to_owned();
    }
    let d = decimals.max(0);
    let r = round_half_away(x, d);
    let text = format!("{:.*}", d as usize, r.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if r < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A signed number: `+4.4`, `-1.5`, `0`.
pub(crate) fn signed(x: f64, decimals: i32) -> String {
    let s = num(x, decimals);
    if x > 0.0 && round_half_away(x, decimals.max(0)) != 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_documents_do() {
        assert_eq!(num(487_173.1, 0), "487,173");
        assert_eq!(num(1234.5, 0), "1,235");
        assert_eq!(num(77.256_944, 1), "77.3");
        assert_eq!(num(-1.53, 1), "-1.5");
        assert_eq!(num(999.0, 0), "999");
        assert_eq!(signed(4.44, 1), "+4.4");
        assert_eq!(signed(-0.8, 1), "-0.8");
        assert_eq!(num(f64::NAN, 1), "missing");
    }
}

/// Decimals to print a computed `x` with, compared against a figure stated to `d` places:
/// one more than `d`, or more while the printed value would round differently from `x`
/// itself (269.488 prints as 269.49, not 269.5, next to a stated 269).
pub(crate) fn detail_decimals(x: f64, d: i32) -> i32 {
    let target = round_half_away(x, d);
    let mut k = d + 1;
    while k < d + 4 && round_half_away(round_half_away(x, k), d) != target {
        k += 1;
    }
    k
}

/// `x` with [`detail_decimals`].
pub(crate) fn detail(x: f64, d: i32) -> String {
    num(x, detail_decimals(x, d))
}

#[cfg(test)]
mod detail_tests {
    use super::*;

    #[test]
    fn detail_never_misleads_about_rounding() {
        // 1309 / 485,737 x 100,000 = 269.4878...: "269.5" would suggest 270.
        assert_eq!(detail(130_900_000.0 / 485_737.0, 0), "269.49");
        assert_eq!(detail(77.256_944, 0), "77.3");
    }
}
