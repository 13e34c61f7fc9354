//! The change phrase around a number: "an increase of 4.4%", "a 2.1% increase", "up 5%",
//! "down by 11%", "reducing by 238", "(+4.3%)", "35.2% less than the 1,328 in 2021-22", "up 9
//! percentage points".

use super::super::numbers::{Kind, Number};
use super::super::words::find_word;
use super::time_near;
use crate::account::claims::ChangeUnit;

pub(super) const UP: [&str; 11] = [
    "increase", "rise", "rose", "risen", "growth", "grew", "up", "higher", "more", "greater",
    "uplift",
];
pub(super) const DOWN: [&str; 13] = [
    "decrease",
    "reduction",
    "reduced",
    "reducing",
    "reduce",
    "fall",
    "fell",
    "fallen",
    "drop",
    "down",
    "decline",
    "lower",
    "less",
];
pub(super) const HEDGES: [&str; 10] = [
    "around",
    "approximately",
    "almost",
    "about",
    "nearly",
    "over",
    "some",
    "roughly",
    "just",
    "circa",
];

/// A change number found in a sentence.
pub(super) struct Change {
    /// Index of the number in the sentence's quantities.
    pub at: usize,
    /// +1 or -1.
    pub sign: f64,
    pub unit: ChangeUnit,
    /// Where the phrase starts, relative to the sentence.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// A comparator the phrase names ("35.2% less than the 1,328"), by index.
    pub than: Option<usize>,
}

/// Whether `stem` words (as substrings: PDF text runs "an" into "anincrease") occur.
pub(super) fn has_stem(text: &str, stems: &[&str]) -> bool {
    stems.iter().any(|w| {
        if w.len() <= 4 {
            find_word(text, w).is_some()
        } else {
            text.contains(w)
        }
    })
}

/// The change phrase around quantity `i`, if it is a change number.
#[allow(clippy::too_many_lines)] // one table of phrase forms, in order
pub(super) fn change_at(lower: &str, base: usize, nums: &[Number], i: usize) -> Option<Change> {
    let n = &nums[i];
    if !matches!(
        n.kind,
        Kind::Percent
            | Kind::Count
            | Kind::Money
            | Kind::MoneyThousands
            | Kind::MoneyMillions
            | Kind::MoneyBillions
    ) {
        return None;
    }
    let s = n.span.start - base;
    let e = n.span.end - base;
    let pre = &lower[..s];
    let post = &lower[e..];
    let post_t = post.trim_start_matches(['*', ' ']);
    let points = post_t.starts_with("percentage point")
        || post_t.starts_with("points")
        || post_t.starts_with("pts");
    let unit = if points {
        ChangeUnit::Points
    } else if n.kind == Kind::Percent {
        ChangeUnit::Percent
    } else {
        ChangeUnit::Absolute
    };
    let end = if points {
        e + post.find("point").map_or(0, |k| k + 5)
    } else {
        e
    };
    // (+4.3%) / (-3.2%)
    for (mark, sign) in [("(+", 1.0), ("(-", -1.0), ("(−", -1.0), ("(–", -1.0)] {
        if pre.ends_with(mark) && post.starts_with(')') {
            return Some(Change {
                at: i,
                sign,
                unit,
                start: s - mark.len(),
                end: e + 1,
                than: None,
            });
        }
    }
    // a 2.1% increase / a 1% increase on last year's 5%
    for (words, sign) in [(&UP[..], 1.0), (&DOWN[..], -1.0)] {
        for w in words {
            if [
                "increase",
                "rise",
                "growth",
                "decrease",
                "reduction",
                "fall",
                "drop",
                "decline",
                "uplift",
            ]
            .contains(w)
                && post_t.starts_with(w)
            {
                let pt = pre.trim_end().trim_end_matches(['*', ' ']);
                let art = pt.rfind(' ').map_or(0, |k| k + 1);
                if !matches!(
                    pt.get(art..).map(|w| w.trim_start_matches('(')),
                    Some("a" | "an" | "the" | "of")
                ) {
                    continue;
                }
                let start = art;
                return Some(Change {
                    at: i,
                    sign,
                    unit,
                    start,
                    end: e + (post.len() - post_t.len()) + w.len(),
                    than: None,
                });
            }
        }
    }
    // 35.2% less than the 1,328
    for (w, sign) in [
        ("less than", -1.0),
        ("lower than", -1.0),
        ("fewer than", -1.0),
        ("more than", 1.0),
        ("higher than", 1.0),
        ("greater than", 1.0),
    ] {
        if n.kind == Kind::Percent && post_t.starts_with(w) {
            let after = e + (post.len() - post_t.len()) + w.len();
            let than = nums.iter().position(|m| {
                m.span.start - base >= after
                    && lower[after..m.span.start - base]
                        .trim()
                        .trim_start_matches("the")
                        .trim()
                        .is_empty()
            })?;
            if !time_near(lower, &nums[than], base) {
                return None;
            }
            return Some(Change {
                at: i,
                sign,
                unit,
                start: s,
                end: nums[than].span.end - base,
                than: Some(than),
            });
        }
    }
    // an increase of 4.4% / an increase from the previous year by 4.4% / up 5% / reducing by 238
    let mut t = pre.trim_end();
    t = t.trim_end_matches(['*', ' ']);
    loop {
        let before = t;
        for h in HEDGES {
            if t.ends_with(h) && (t.len() == h.len() || t.as_bytes()[t.len() - h.len() - 1] == b' ')
            {
                t = t[..t.len() - h.len()].trim_end();
            }
        }
        if t == before {
            break;
        }
    }
    let (t2, joined) = if let Some(x) = t.strip_suffix(" by").or_else(|| t.strip_suffix(" of")) {
        (x, true)
    } else {
        (t, false)
    };
    // The direction word: right before ("up 5%", "increased by") or within a few words
    // before "by"/"of" with no number between ("an increase from the previous year by").
    let window_start = t2.len().saturating_sub(if joined { 40 } else { 12 });
    let mut ws = window_start;
    while !t2.is_char_boundary(ws) {
        ws += 1;
    }
    let window = &t2[ws..];
    // Cut the window after the last figure in it (years and financial years stay:
    // "increased in 2023/24 by 11.5%").
    let cut = nums
        .iter()
        .map(|m| m.span.end - base)
        .filter(|&e| e > ws && e <= ws + window.len())
        .max()
        .unwrap_or(ws);
    let window = &t2[cut..];
    let ws = cut;
    let last_word = window.rsplit(' ').next().unwrap_or("");
    let direction = |words: &[&str]| {
        if joined {
            has_stem(window, words)
        } else {
            words.iter().any(|w| {
                last_word == *w
                    || (w.len() > 4 && last_word.ends_with(w))
                    || last_word.ends_with(&format!("{w}d"))
                    || last_word.ends_with(&format!("{w}s"))
            })
        }
    };
    let up = direction(&UP);
    let down = direction(&DOWN);
    if up == down {
        return None;
    }
    if !joined
        && ![
            "up",
            "down",
            "rose",
            "fell",
            "increased",
            "decreased",
            "reduced",
            "risen",
            "fallen",
            "dropped",
            "grew",
        ]
        .iter()
        .any(|w| last_word.ends_with(w))
    {
        return None;
    }
    // Where the phrase starts: the article or the direction word.
    let stem_at = [&UP[..], &DOWN[..]]
        .iter()
        .flat_map(|ws| ws.iter())
        .filter_map(|w| window.rfind(w))
        .min()
        .map_or(s, |k| ws + k);
    let art = lower[..stem_at].trim_end();
    let start = if art.ends_with(" an") || art.ends_with(" a") {
        art.rfind(' ').map_or(stem_at, |k| k + 1)
    } else {
        stem_at
    };
    Some(Change {
        at: i,
        sign: if up { 1.0 } else { -1.0 },
        unit,
        start,
        end,
        than: None,
    })
}
