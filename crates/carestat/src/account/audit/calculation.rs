//! The `calculation` claim: a printed product or quotient against its inputs.
//!
//! Every input carries its rounding ("tax base 82,717.1" is 82,717.05 to 82,717.15), so the
//! result can be anything from the product of the lower ends over the product of the upper
//! ends of the divisors to the reverse: interval arithmetic on exact decimals. The stated
//! result is consistent when its face value rounds to it, or when values within the inputs'
//! rounding do (said as such); inconsistent when none can.

use super::super::calculation::{CalcUnit, CalcValue, Calculation};
use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::exact::Dec;
use super::super::text::{detail, num};
use super::{judged, Finding, Range, Status, Verdict};

fn ends(v: &CalcValue) -> Option<(Dec, Dec, Dec)> {
    let x = Dec::from_f64(v.value)?;
    let Some(d) = v.decimals else {
        return Some((x, x, x));
    };
    let h = Dec::half_unit(d);
    let lo = x.sub(h)?;
    let lo = if lo.signum() < 0 { Dec::ZERO } else { lo };
    Some((x, lo, x.add(h)?))
}

/// (face, lo, hi) of a product of values, each in its unit's scale.
fn product(values: &[CalcValue]) -> Option<(Dec, Dec, Dec)> {
    let mut p = (Dec::int(1), Dec::int(1), Dec::int(1));
    for v in values {
        let s = v.unit.map_or(Dec::int(1), CalcUnit::scale);
        let (x, lo, hi) = ends(v)?;
        p = (
            p.0.mul(x)?.mul(s)?,
            p.1.mul(lo)?.mul(s)?,
            p.2.mul(hi)?.mul(s)?,
        );
    }
    Some(p)
}

fn shown(v: &CalcValue) -> String {
    let (pre, suf) = CalcUnit::affixes(v.unit);
    format!("{pre}{}{suf}", num(v.value, v.decimals.unwrap_or(0).max(0)))
}

pub(super) fn calculation(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.calculation.as_deref().unwrap_or_default();
    let calc = &ds.calculations[key.strip_prefix("calculations.").unwrap_or(key)];
    check(calc, c).unwrap_or_else(|| {
        Finding::new(
            c,
            Status::Unchecked,
            "the inputs have too many digits to compute exactly".to_owned(),
        )
    })
}

fn check(calc: &Calculation, c: &Claim) -> Option<Finding> {
    let (n, n_lo, n_hi) = product(&calc.factors)?;
    let (d, d_lo, d_hi) = product(&calc.divisors)?;
    let m = Dec::from_f64(calc.multiplier.unwrap_or(1.0))?;
    let unit = calc.result.as_ref().and_then(|r| r.unit);
    let rs = unit.map_or(Dec::int(1), CalcUnit::scale);
    // value = N × m / (D × rs)
    let (n, n_lo, n_hi) = (n.mul(m)?, n_lo.mul(m)?, n_hi.mul(m)?);
    let (d, d_lo, d_hi) = (d.mul(rs)?, d_lo.mul(rs)?, d_hi.mul(rs)?);
    let q = |a: Dec, b: Dec| {
        if b.signum() == 0 {
            f64::INFINITY
        } else {
            a.to_f64() / b.to_f64()
        }
    };
    let r = Range {
        face: q(n, d),
        lo: q(n_lo, d_hi),
        hi: q(n_hi, d_lo),
    };
    let inputs = calc
        .factors
        .iter()
        .map(shown)
        .collect::<Vec<_>>()
        .join(" x ");
    let over = calc.divisors.iter().fold(String::new(), |mut out, v| {
        out.push_str(" / ");
        out.push_str(&shown(v));
        out
    });
    let times = calc
        .multiplier
        .map(|m| format!(" x {}", num(m, 0)))
        .unwrap_or_default();
    let (pre, suf) = CalcUnit::affixes(unit);
    let unit_label = format!("{}{suf}", pre.trim());
    let Some(result) = &calc.result else {
        let dd = 2;
        let f = Finding::new(
            c,
            Status::Unchecked,
            format!(
                "'{}': {inputs}{over}{times} = {pre}{}{suf}; the document prints no result",
                calc.label,
                detail(r.face, dd)
            ),
        )
        .implied("result", r.face, r.lo, r.hi)
        .unit(&unit_label);
        return Some(f);
    };
    let dr = result.decimals.unwrap_or(0);
    let s = Dec::from_f64(result.value)?;
    let at_face = Dec::div_round(n, d, dr)? == s;
    let h = Dec::half_unit(dr);
    let (s_lo, s_hi) = (s.sub(h)?, s.add(h)?);
    // lo <= s_hi: n_lo <= s_hi × d_hi; hi >= s_lo: n_hi >= s_lo × d_lo (unbounded when d_lo = 0).
    let le = |a: Dec, b: Dec| a.cmp(b).is_some_and(std::cmp::Ordering::is_le);
    let feasible = le(n_lo, s_hi.mul(d_hi)?) && (d_lo.signum() == 0 || le(s_lo.mul(d_lo)?, n_hi));
    let v = if at_face {
        Verdict::AtFace
    } else if feasible {
        Verdict::WithinRounding
    } else {
        Verdict::No
    };
    let what = format!(
        "'{}': {inputs}{over}{times} = {pre}{}{suf}",
        calc.label,
        detail(r.face, dr)
    );
    let fmt = |x: f64| format!("{pre}{}{suf}", detail(x, dr));
    let mut f = Finding::new(c, Status::Unchecked, String::new())
        .computed(r)
        .unit(&unit_label);
    f.stated = Some(result.value);
    f.decimals = Some(dr);
    Some(judged(f, v, &what, &shown(result), r, fmt))
}
