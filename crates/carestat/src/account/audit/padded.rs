//! Padded decimals: "35.10%" printed for a figure known to 1 decimal, "80.0%" for a whole
//! per cent. When a claim's stated figure ends in a printed 0 and does not follow as printed
//! but does at one fewer decimal, the finding says so: the reading `padded`, with both
//! readings in the reason, rather than a plain inconsistency.

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::text::num;
use super::{Finding, Status};

/// True when `stated` printed to `d` decimals ends in a 0 after the decimal point (`35.10`,
/// `80.0`): the figure also reads as one stated to `d - 1` decimals.
pub(super) fn ends_in_zero(stated: f64, d: i32) -> bool {
    d >= 1 && {
        let text = num(stated, d);
        text.ends_with('0') && text.contains('.')
    }
}

/// `f`, the finding on `c` as printed; when it is inconsistent and the stated figure's last
/// printed digit is a 0 that, read as padding, makes the claim hold, the same finding with
/// the reading `padded` and both readings in its reason. `check` audits a claim.
pub(super) fn reread(
    ds: &Dataset,
    c: &Claim,
    f: Finding,
    check: impl Fn(&Dataset, &Claim) -> Finding,
) -> Finding {
    if f.status != Status::Inconsistent || c.hedge.is_some() || c.verbal.is_some() {
        return f;
    }
    let (Some(s), Some(d)) = (c.stated, c.decimals) else {
        return f;
    };
    if !ends_in_zero(s, d) {
        return f;
    }
    let mut fewer = c.clone();
    fewer.decimals = Some(d - 1);
    let g = check(ds, &fewer);
    if g.status != Status::Consistent {
        return f;
    }
    let unit = if f.unit == "%" { "%" } else { "" };
    let printed = format!("{}{unit}", num(s, d));
    let shorter = format!("{}{unit}", num(s, d - 1));
    let reason = format!(
        "as printed, {}; but the last digit of {printed} is a 0 that may be padding: read as \
         {shorter} ({} {}), {}",
        f.reason,
        d - 1,
        if d - 1 == 1 { "decimal" } else { "decimals" },
        g.reason
    );
    Finding {
        reason,
        reading: Some("padded".to_owned()),
        ..f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_printed_zero_is_padding_only_after_the_point() {
        assert!(ends_in_zero(35.1, 2)); // "35.10"
        assert!(ends_in_zero(80.0, 1)); // "80.0"
        assert!(!ends_in_zero(35.1, 1)); // "35.1"
        assert!(!ends_in_zero(80.0, 0)); // "80": a whole number, no padding
        assert!(!ends_in_zero(35.15, 2));
    }
}
