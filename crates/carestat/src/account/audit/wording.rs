//! A claim checked under its wording: every claim kind with a stated figure asks here
//! whether its computed range meets what a hedged or verbal figure allows
//! ([`crate::account::hedge`]), instead of a strict rounding of the number.

use super::super::claims::Claim;
use super::super::hedge::{Claimed, Wording};
use super::super::text::num;
use super::{Finding, Range, Verdict};

/// A claim's wording with the interval it allows.
#[derive(Debug, Clone)]
pub(super) struct Worded {
    wording: Wording,
    /// The true values the words allow, in the claim's unit.
    pub claimed: Claimed,
    /// The words of the claim's figure as written: `almost 8`, `1 in 4`, `doubled`.
    words: String,
    /// True when the number is in words (no unit follows it).
    verbal: bool,
}

/// The wording of a validated claim, or `None` when its figure is plain.
pub(super) fn of(c: &Claim) -> Option<Worded> {
    let wording = Wording::of(c.hedge.as_deref(), c.verbal.as_deref())?;
    let (s, d) = (c.stated.unwrap_or(0.0), c.decimals.unwrap_or(0));
    let claimed = wording.claimed(s, d);
    let mut words = Vec::new();
    if let Some(h) = &c.hedge {
        words.push(h.trim().to_owned());
    }
    match &c.verbal {
        Some(v) => words.push(v.trim().to_owned()),
        None => words.push(num(s, d)),
    }
    Some(Worded {
        wording,
        claimed,
        words: words.join(" "),
        verbal: c.verbal.is_some(),
    })
}

/// The wording of a hedged total (a `sum` claim's `hedge` on its breakdown's total, printed
/// as `value` to `decimals`), or `None` when the claim has no hedge.
pub(super) fn of_total(c: &Claim, value: f64, decimals: i32) -> Option<Worded> {
    let wording = Wording::of(c.hedge.as_deref(), None)?;
    Some(Worded {
        wording,
        claimed: wording.claimed(value, decimals),
        words: format!(
            "{} {}",
            c.hedge.as_deref().unwrap_or_default().trim(),
            num(value, decimals)
        ),
        verbal: false,
    })
}

/// The verdict on a computed range: plain figures by `plain` (their rounding), worded ones
/// by the interval their words allow.
pub(super) fn verdict(w: Option<&Worded>, r: Range, plain: impl FnOnce() -> Verdict) -> Verdict {
    let Some(w) = w else { return plain() };
    if w.claimed.contains(r.face) {
        Verdict::AtFace
    } else if w.claimed.meets(r.lo, r.hi) {
        Verdict::WithinRounding
    } else {
        Verdict::No
    }
}

/// A number as an interval end: at most `d + 1` decimals, no trailing zeros (`7.2`, `8`).
pub(super) fn end(x: f64, d: i32) -> String {
    let t = num(x, d.max(0) + 1);
    if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        t
    }
}

impl Worded {
    /// True for a factor of change ("doubled"), read only as a relative change.
    pub(super) const fn is_factor(&self) -> bool {
        self.wording.is_factor()
    }

    /// The wording's name for the finding (`almost`, `about (verbal share)`).
    pub(super) fn name(&self) -> String {
        self.wording.name()
    }

    /// The allowed values in words, each end printed by `fmt`: `7.2% to 8% (8% excluded)`,
    /// `above 50%`, `80% or more`.
    pub(super) fn range_text(&self, fmt: &dyn Fn(f64) -> String) -> String {
        let c = &self.claimed;
        match (c.lo.is_finite(), c.hi.is_finite()) {
            (true, false) if c.lo_open => format!("above {}", fmt(c.lo)),
            (true, false) => format!("{} or more", fmt(c.lo)),
            (false, true) if c.hi_open => format!("below {}", fmt(c.hi)),
            (false, true) => format!("{} or less", fmt(c.hi)),
            (false, false) => "any value".to_owned(),
            (true, true) => {
                let excluded = match (c.lo_open, c.hi_open) {
                    (true, true) => " (both ends excluded)".to_owned(),
                    (true, false) => format!(" ({} excluded)", fmt(c.lo)),
                    (false, true) => format!(" ({} excluded)", fmt(c.hi)),
                    (false, false) => String::new(),
                };
                format!("{} to {}{excluded}", fmt(c.lo), fmt(c.hi))
            }
        }
    }

    /// The stated figure with its reading: `"almost 8%" (almost: below it, by at most 10%;
    /// 7.2% to 8%, 8% excluded)`; `unit` follows the number (`%`, ` per 100,000`).
    pub(super) fn stated_text(&self, unit: &str, fmt: &dyn Fn(f64) -> String) -> String {
        format!(
            "{} (read as {}: {}; {})",
            self.quoted(unit),
            self.name(),
            self.wording.meaning(),
            self.range_text(fmt)
        )
    }

    /// The figure's words in quotes, with `unit` after a number: `"almost 8%"`, `"1 in 4"`.
    pub(super) fn quoted(&self, unit: &str) -> String {
        let unit = if self.verbal { "" } else { unit };
        format!("\"{}{unit}\"", self.words)
    }

    /// Marks a finding as worded: the wording's name, and the verbal figure's number as
    /// `stated` when the words gave it.
    pub(super) fn mark(&self, mut f: Finding) -> Finding {
        f.wording = Some(self.name());
        if f.stated.is_none() {
            f.stated = Some(self.claimed.value);
        }
        f
    }
}
