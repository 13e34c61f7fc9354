//! Hedged and verbal figures: what "about 16%", "almost 8%", "more than 1 in 4", "a third"
//! and "doubled" mean, as an interval of true values.
//!
//! A claim's `hedge` is a qualifier written before its number ("almost", "just under",
//! "more than"); its `verbal` is a number written in words ("1 in 4", "a third", "half",
//! "doubled"). Each wording has one documented meaning: a direction (either side of the
//! number, below it, above it) and a tolerance (how far from it the words still hold). A
//! hedged figure is never checked as a strict rounding of its number: "almost 8%" holds for
//! 7.2% to just below 8%, and 8.0% is not "almost 8%".
//!
//! | wording | words | true value allowed for the number X |
//! | --- | --- | --- |
//! | about | about, around, approximately, approx, roughly, close to, circa, in the region of, some | X ± 10% of X |
//! | almost | almost, nearly, not quite | below X, by at most 10% of X |
//! | just under | just under, just below, slightly under, slightly below, slightly less than, just less than | below X, by at most 5% of X |
//! | over | over, more than, above, in excess of, upwards of, exceeding | above X (no upper limit) |
//! | just over | just over, just above, slightly over, slightly above, slightly more than, a little over, a little more than, just more than | above X, by at most 5% of X |
//! | under | under, less than, fewer than, below | below X (down to 0) |
//! | up to | up to, at most, no more than | X or below |
//! | at least | at least, no fewer than, no less than, a minimum of | X or above |
//!
//! The tolerances are never narrower than the rounding of the number as printed: "about 2%"
//! allows 1.5% to 2.5%. A hedge on a change applies to its size: "down almost 11%" is a fall
//! of 9.9% to just under 11%.
//!
//! Verbal figures (in `verbal`; `stated` and `decimals` are then left out):
//! * shares (`share`, `rating_share`): "half" (50%), "a third" (33.3%), "two thirds",
//!   "a quarter", "three quarters", "a fifth" ... "four fifths", "a tenth", "N in M" and
//!   "N out of M" ("1 in 4", "one in five", "9 out of 10"), and "the majority" (over 50%);
//! * changes (`change` with `unit` `percent`): "doubled" (x2, +100%), "tripled" / "trebled"
//!   (x3), "quadrupled" (x4), "halved" (x0.5): the tolerance applies to the factor.
//!
//! A verbal figure alone reads as "about" its value ("a third" is 30% to 36.7%, "doubled" a
//! factor of 1.8 to 2.2); with a hedge, the hedge applies to it ("nearly half" is 45% to
//! just under 50%, "more than doubled" a factor above 2).

use std::fmt;

use crate::error::{Error, Field, Result};
use crate::rounding::stated_interval;

use super::claims::{ChangeUnit, Claim, ClaimKind};

/// The relative tolerance of "about", "almost" and of a verbal figure on its own.
pub(crate) const NEAR: f64 = 0.10;
/// The relative tolerance of the "just" wordings ("just under", "just over").
pub(crate) const JUST: f64 = 0.05;

/// A hedge word's meaning, as one of eight wordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    /// Either side of the number, within [`NEAR`].
    About,
    /// Below the number, within [`NEAR`].
    Almost,
    /// Below the number, within [`JUST`].
    JustUnder,
    /// Above the number, no limit.
    Over,
    /// Above the number, within [`JUST`].
    JustOver,
    /// Below the number, no limit.
    Under,
    /// At most the number.
    UpTo,
    /// At least the number.
    AtLeast,
}

/// The words of each wording, normalised (lower case, single spaces).
const HEDGES: [(Hedge, &[&str]); 8] = [
    (
        Hedge::About,
        &[
            "about",
            "around",
            "approximately",
            "approx",
            "approx.",
            "roughly",
            "close to",
            "circa",
            "c.",
            "in the region of",
            "some",
        ],
    ),
    (Hedge::Almost, &["almost", "nearly", "not quite"]),
    (
        Hedge::JustUnder,
        &[
            "just under",
            "just below",
            "slightly under",
            "slightly below",
            "slightly less than",
            "just less than",
        ],
    ),
    (
        Hedge::Over,
        &[
            "over",
            "more than",
            "above",
            "in excess of",
            "upwards of",
            "exceeding",
        ],
    ),
    (
        Hedge::JustOver,
        &[
            "just over",
            "just above",
            "slightly over",
            "slightly above",
            "slightly more than",
            "a little over",
            "a little more than",
            "just more than",
        ],
    ),
    (Hedge::Under, &["under", "less than", "fewer than", "below"]),
    (Hedge::UpTo, &["up to", "at most", "no more than"]),
    (
        Hedge::AtLeast,
        &["at least", "no fewer than", "no less than", "a minimum of"],
    ),
];

impl Hedge {
    /// The wording's name, as the findings give it (`almost`, `just under`).
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::About => "about",
            Self::Almost => "almost",
            Self::JustUnder => "just under",
            Self::Over => "over",
            Self::JustOver => "just over",
            Self::Under => "under",
            Self::UpTo => "up to",
            Self::AtLeast => "at least",
        }
    }

    /// The meaning of a hedge word (any case, spaces or underscores between words).
    pub(crate) fn parse(word: &str) -> Option<Self> {
        let w = normalise(word);
        HEDGES
            .iter()
            .find(|(_, words)| words.contains(&w.as_str()))
            .map(|(h, _)| *h)
    }

    /// The interval of true sizes `[lo, hi]` (with open ends) that the wording allows for a
    /// number `x` not below zero; `half` is the half unit of the number as printed (0 for
    /// a number in words).
    fn interval(self, x: f64, half: f64) -> Claimed {
        let near = (NEAR * x).max(half);
        let just = (JUST * x).max(half);
        let (lo, hi, lo_open, hi_open) = match self {
            Self::About => (x - near, x + near, false, false),
            Self::Almost => (x - near, x, false, true),
            Self::JustUnder => (x - just, x, false, true),
            Self::Over => (x, f64::INFINITY, true, false),
            Self::JustOver => (x, x + just, true, false),
            Self::Under => (0.0, x, false, true),
            Self::UpTo => (0.0, x, false, false),
            Self::AtLeast => (x, f64::INFINITY, false, false),
        };
        Claimed {
            value: x,
            lo: lo.max(0.0),
            hi,
            lo_open,
            hi_open,
        }
    }

    /// The meaning in words, for the docs and the findings.
    const fn meaning(self) -> &'static str {
        match self {
            Self::About => "either side of it, within 10%",
            Self::Almost => "below it, by at most 10%",
            Self::JustUnder => "below it, by at most 5%",
            Self::Over => "above it",
            Self::JustOver => "above it, by at most 5%",
            Self::Under => "below it",
            Self::UpTo => "at most it",
            Self::AtLeast => "at least it",
        }
    }
}

/// Every hedge word carestat knows, for error messages.
pub(crate) fn known_hedges() -> String {
    HEDGES
        .iter()
        .flat_map(|(_, w)| w.iter().copied())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number written in words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Verbal {
    /// A share in per cent ("a third" is 33.33...).
    Share(f64),
    /// "the majority": over half.
    Majority,
    /// A factor of change ("doubled" is 2).
    Factor(f64),
}

const FRACTIONS: [(&str, f64, f64); 16] = [
    ("half", 1.0, 2.0),
    ("a half", 1.0, 2.0),
    ("one half", 1.0, 2.0),
    ("a third", 1.0, 3.0),
    ("one third", 1.0, 3.0),
    ("two thirds", 2.0, 3.0),
    ("a quarter", 1.0, 4.0),
    ("one quarter", 1.0, 4.0),
    ("three quarters", 3.0, 4.0),
    ("a fifth", 1.0, 5.0),
    ("one fifth", 1.0, 5.0),
    ("two fifths", 2.0, 5.0),
    ("three fifths", 3.0, 5.0),
    ("four fifths", 4.0, 5.0),
    ("a tenth", 1.0, 10.0),
    ("one tenth", 1.0, 10.0),
];

const FACTORS: [(&str, f64); 5] = [
    ("doubled", 2.0),
    ("tripled", 3.0),
    ("trebled", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
];

const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// A small whole number in digits or words (`4`, `four`, `1,000`).
fn small_number(w: &str) -> Option<f64> {
    if let Some(i) = NUMBER_WORDS.iter().position(|n| *n == w) {
        return Some(i as f64);
    }
    match w {
        "hundred" | "a hundred" | "one hundred" => return Some(100.0),
        "thousand" | "a thousand" | "one thousand" => return Some(1000.0),
        _ => {}
    }
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl Verbal {
    /// The number a verbal figure states (any case, spaces or underscores between words).
    pub(crate) fn parse(words: &str) -> Option<Self> {
        let w = normalise(words);
        if let Some((_, a, b)) = FRACTIONS.iter().find(|(n, _, _)| *n == w) {
            return Some(Self::Share(a / b * 100.0));
        }
        if let Some((_, f)) = FACTORS.iter().find(|(n, _)| *n == w) {
            return Some(Self::Factor(*f));
        }
        if matches!(w.as_str(), "the majority" | "a majority" | "majority") {
            return Some(Self::Majority);
        }
        let (a, b) = w.split_once(" out of ").or_else(|| w.split_once(" in "))?;
        let (a, b) = (small_number(a.trim())?, small_number(b.trim())?);
        (a >= 1.0 && b >= a).then(|| Self::Share(a / b * 100.0))
    }
}

/// Lower case, underscores as spaces, single spaces, typographic apostrophes plain.
fn normalise(words: &str) -> String {
    words
        .to_lowercase()
        .replace(['_', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The interval of true values a hedged or verbal figure allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Claimed {
    /// The number the words state (8 for "almost 8%", 33.3... for "a third", 100 for
    /// "doubled" read as a change in per cent).
    pub value: f64,
    /// Lower end (may be infinite below for a change).
    pub lo: f64,
    /// Upper end (infinite when the wording sets no limit).
    pub hi: f64,
    /// The lower end itself is excluded ("over 50%" excludes 50).
    pub lo_open: bool,
    /// The upper end itself is excluded ("almost 8%" excludes 8).
    pub hi_open: bool,
}

impl Claimed {
    /// True when `x` is one of the values allowed.
    pub(crate) fn contains(&self, x: f64) -> bool {
        let above = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let below = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        above && below
    }

    /// True when some value of `[lo, hi]` is allowed.
    pub(crate) fn meets(&self, lo: f64, hi: f64) -> bool {
        let (lo, hi) = (lo.min(hi), hi.max(lo));
        let above = if self.lo_open {
            hi > self.lo
        } else {
            hi >= self.lo
        };
        let below = if self.hi_open {
            lo < self.hi
        } else {
            lo <= self.hi
        };
        above && below
    }

    /// The interval as the negative of itself (a hedge on a fall applies to its size).
    fn negated(self) -> Self {
        Self {
            value: -self.value,
            lo: -self.hi,
            hi: -self.lo,
            lo_open: self.hi_open,
            hi_open: self.lo_open,
        }
    }

    /// The change in per cent a factor interval means: `(f - 1) x 100`.
    fn as_change(self) -> Self {
        let pct = |f: f64| (f - 1.0) * 100.0;
        Self {
            value: pct(self.value),
            lo: pct(self.lo),
            hi: pct(self.hi),
            ..self
        }
    }
}

/// How a claim's figure is worded: its hedge and verbal figure as parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Wording {
    /// The hedge, when there is one.
    pub hedge: Option<Hedge>,
    /// The verbal figure, when there is one.
    pub verbal: Option<Verbal>,
}

impl Wording {
    /// The wording of a claim's `hedge` and `verbal` fields; `None` when it has neither (or
    /// either is not known: validation rejects those).
    pub(crate) fn of(hedge: Option<&str>, verbal: Option<&str>) -> Option<Self> {
        if hedge.is_none() && verbal.is_none() {
            return None;
        }
        let hedge = match hedge {
            Some(h) => Some(Hedge::parse(h)?),
            None => None,
        };
        let verbal = match verbal {
            Some(v) => Some(Verbal::parse(v)?),
            None => None,
        };
        Some(Self { hedge, verbal })
    }

    /// True when the wording is a factor of change ("doubled"): read as a relative change
    /// only, never as percentage points.
    pub(crate) const fn is_factor(&self) -> bool {
        matches!(self.verbal, Some(Verbal::Factor(_)))
    }

    /// The interval the wording allows, given the stated number and its decimals (ignored
    /// for a verbal figure, which carries its own number).
    pub(crate) fn claimed(&self, stated: f64, decimals: i32) -> Claimed {
        let hedge = self.hedge.unwrap_or(Hedge::About);
        match self.verbal {
            Some(Verbal::Share(x)) => hedge.interval(x, 0.0),
            Some(Verbal::Majority) => Hedge::Over.interval(50.0, 0.0),
            Some(Verbal::Factor(f)) => hedge.interval(f, 0.0).as_change(),
            None => {
                let (lo, hi) = stated_interval(stated.abs(), decimals);
                let c = hedge.interval(stated.abs(), (hi - lo) / 2.0);
                if stated < 0.0 {
                    c.negated()
                } else {
                    c
                }
            }
        }
    }

    /// The wording as the finding names it: `almost`, `about (a third)`, `over (doubled)`.
    pub(crate) fn name(&self) -> String {
        let hedge = self.hedge.map(Hedge::name);
        match (hedge, self.verbal) {
            (Some(h), None) => h.to_owned(),
            (h, Some(v)) => {
                let v = match v {
                    Verbal::Share(_) => "verbal share",
                    Verbal::Majority => "majority",
                    Verbal::Factor(_) => "verbal factor",
                };
                // A verbal figure alone reads as "about" it; "the majority" is its own.
                match h {
                    Some(h) => format!("{h} ({v})"),
                    None if v == "majority" => v.to_owned(),
                    None => format!("about ({v})"),
                }
            }
            (None, None) => String::new(),
        }
    }

    /// What the wording means, in words: "below it, by at most 10%".
    pub(crate) fn meaning(&self) -> String {
        match (self.hedge, self.verbal) {
            (_, Some(Verbal::Majority)) => "more than half".to_owned(),
            (h, Some(Verbal::Factor(f))) => {
                format!("a factor of {f} ({})", h.unwrap_or(Hedge::About).meaning())
            }
            (Some(h), _) => h.meaning().to_owned(),
            (None, _) => Hedge::About.meaning().to_owned(),
        }
    }
}

impl fmt::Display for Claimed {
    /// `7.2 to 8 (8 excluded)`, `above 50`, for tests and debugging.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{} to {}{}",
            if self.lo_open { "(" } else { "[" },
            self.lo,
            self.hi,
            if self.hi_open { ")" } else { "]" }
        )
    }
}

/// Checks a claim's `hedge` and `verbal` fields: known words, on a claim kind they fit, and
/// no `stated` nor `decimals` beside a verbal figure. Errors name the JSON path.
pub(crate) fn check(path: &str, c: &Claim) -> Result<()> {
    let invalid = |field: &str, reason: String| Error::Invalid {
        field: Field::owned(format!("{path}.{field}")),
        reason: reason.into(),
    };
    let hedge = match c.hedge.as_deref() {
        Some(h) => Some(Hedge::parse(h).ok_or_else(|| {
            invalid(
                "hedge",
                format!(
                    "`{h}` is not a hedge word carestat knows; the known words are: {}",
                    known_hedges()
                ),
            )
        })?),
        None => None,
    };
    let Some(words) = c.verbal.as_deref() else {
        return Ok(());
    };
    let verbal = Verbal::parse(words).ok_or_else(|| {
        invalid(
            "verbal",
            format!(
                "`{words}` is not a verbal figure carestat knows: a share (`half`, `a third`, \
                 `two thirds`, `a quarter`, `three quarters`, `a fifth`, `a tenth`, `N in M`, \
                 `N out of M`, `the majority`) or a factor (`doubled`, `tripled`, `trebled`, \
                 `quadrupled`, `halved`)"
            ),
        )
    })?;
    for (field, present) in [
        ("stated", c.stated.is_some()),
        ("decimals", c.decimals.is_some()),
    ] {
        if present {
            return Err(invalid(
                field,
                format!("is given by the verbal figure `{words}`: leave out stated and decimals"),
            ));
        }
    }
    match verbal {
        Verbal::Share(_) | Verbal::Majority
            if !matches!(c.kind, ClaimKind::Share | ClaimKind::RatingShare) =>
        {
            Err(invalid(
                "verbal",
                format!(
                    "`{words}` is a share in words: it fits a share or rating_share claim, not a {} claim",
                    c.kind.name()
                ),
            ))
        }
        Verbal::Factor(_)
            if c.kind != ClaimKind::Change || c.unit != Some(ChangeUnit::Percent) =>
        {
            Err(invalid(
                "verbal",
                format!(
                    "`{words}` is a factor of change: it fits a change claim with unit `percent`"
                ),
            ))
        }
        Verbal::Majority if hedge.is_some() => Err(invalid(
            "hedge",
            "`the majority` already means more than half: leave out the hedge".to_owned(),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn every_word_parses_and_unknown_words_do_not() {
        for (h, words) in HEDGES {
            for w in words {
                assert_eq!(Hedge::parse(w), Some(h), "{w}");
            }
        }
        assert_eq!(Hedge::parse("Just_Under"), Some(Hedge::JustUnder));
        assert_eq!(Hedge::parse("  More   than "), Some(Hedge::Over));
        assert_eq!(Hedge::parse("roughlyish"), None);
        assert_eq!(Hedge::parse(""), None);
    }

    #[test]
    fn verbal_figures() {
        assert_eq!(Verbal::parse("1 in 4"), Some(Verbal::Share(25.0)));
        assert_eq!(Verbal::parse("One in five"), Some(Verbal::Share(20.0)));
        assert_eq!(Verbal::parse("9 out of 10"), Some(Verbal::Share(90.0)));
        assert_eq!(Verbal::parse("half"), Some(Verbal::Share(50.0)));
        assert_eq!(Verbal::parse("doubled"), Some(Verbal::Factor(2.0)));
        assert_eq!(Verbal::parse("the majority"), Some(Verbal::Majority));
        assert_eq!(Verbal::parse("5 in 4"), None);
        assert_eq!(Verbal::parse("0 in 4"), None);
        assert_eq!(Verbal::parse("a lot"), None);
        let Some(Verbal::Share(third)) = Verbal::parse("a third") else {
            panic!()
        };
        assert!(close(third, 100.0 / 3.0));
    }

    #[test]
    fn almost_8_is_below_8_and_near_it() {
        // Birmingham CQC assessment 2023: "almost 8% about staff conduct".
        let w = Wording::of(Some("almost"), None).unwrap();
        let c = w.claimed(8.0, 0);
        assert!(close(c.lo, 7.2) && close(c.hi, 8.0) && c.hi_open && !c.lo_open);
        assert!(c.contains(7.99) && !c.contains(8.0) && !c.contains(7.1));
        // "approximately 16%": 14.4 to 17.6.
        let c = Wording::of(Some("approximately"), None)
            .unwrap()
            .claimed(16.0, 0);
        assert!(close(c.lo, 14.4) && close(c.hi, 17.6));
        // The printed rounding is the least tolerance: "about 2%" is 1.5 to 2.5.
        let c = Wording::of(Some("about"), None).unwrap().claimed(2.0, 0);
        assert!(close(c.lo, 1.5) && close(c.hi, 2.5));
    }

    #[test]
    fn a_hedge_on_a_fall_applies_to_its_size() {
        // "down almost 11%": a fall of 9.9% to just under 11%.
        let c = Wording::of(Some("almost"), None).unwrap().claimed(-11.0, 0);
        assert!(close(c.lo, -11.0) && close(c.hi, -9.9) && c.lo_open && !c.hi_open);
        assert!(c.contains(-10.5) && !c.contains(-11.0) && !c.contains(-9.0));
    }

    #[test]
    fn factors_are_changes_in_per_cent() {
        let c = Wording::of(None, Some("doubled")).unwrap().claimed(0.0, 0);
        assert!(close(c.value, 100.0) && close(c.lo, 80.0) && close(c.hi, 120.0));
        let c = Wording::of(Some("more than"), Some("doubled"))
            .unwrap()
            .claimed(0.0, 0);
        assert!(c.lo_open && close(c.lo, 100.0) && c.hi.is_infinite());
        let c = Wording::of(None, Some("halved")).unwrap().claimed(0.0, 0);
        assert!(close(c.lo, -55.0) && close(c.hi, -45.0));
    }

    #[test]
    fn meets_respects_open_ends() {
        let c = Wording::of(Some("over"), None).unwrap().claimed(50.0, 0);
        assert!(!c.meets(49.0, 50.0));
        assert!(c.meets(49.0, 50.1));
        let c = Wording::of(Some("nearly"), Some("half"))
            .unwrap()
            .claimed(0.0, 0);
        assert!(close(c.lo, 45.0) && close(c.hi, 50.0) && c.hi_open);
        assert!(!c.meets(50.0, 51.0) && c.meets(44.0, 45.0));
    }
}
