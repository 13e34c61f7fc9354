//! The `change` claim: a change from last year ("an increase of 4.4%", "down 11%", "an
//! increase of 543"), in per cent (both readings between percentages), points or absolute;
//! with no previous value published, the previous value the claim implies.

use crate::change::previous_from_percent_change;
use crate::rounding::{round_half_away, stated_interval};

use super::super::claims::{ChangeUnit, Claim};
use super::super::dataset::Dataset;
use super::super::figures::{Figure, FigureKind};
use super::super::history;
use super::super::text::{num, signed};
use super::wording::{self, Worded};
use super::{
    bound, current, diff_range, judged, pct_range, pct_verdict, plural, published_previous,
    rel_pct, signed_detail, stated, unit_of, verdict, Finding, Range, Status, Verdict,
};

pub(super) fn change(ds: &Dataset, c: &Claim) -> Finding {
    let f = change_from_base(ds, c);
    match &c.base_period {
        // The reason names the period compared with, unless it already does (implied).
        Some(p) if f.implied_what.is_none() => Finding {
            reason: format!("compared with {p}: {}", f.reason),
            ..f
        },
        _ => f,
    }
}

fn change_from_base(ds: &Dataset, c: &Claim) -> Finding {
    let subject = c.subject.as_deref().unwrap_or_default();
    let cur = current(ds, Some(subject));
    let (s, d) = stated(c);
    let unit = c.unit.unwrap_or(ChangeUnit::Percent);
    let worded = wording::of(c);
    let w = worded.as_ref();
    let s = w.map_or(s, |w| w.claimed.value);
    let mark = |f: Finding| match w {
        Some(w) => w.mark(f),
        None => f,
    };
    let base = match &c.base_period {
        Some(period) => history::value_in(ds, subject, period),
        None => published_previous(ds, subject),
    };
    let Some(prev) = base else {
        return mark(implied_previous(c, &cur, unit, s, d, w));
    };
    let factor = w.is_some_and(wording::Worded::is_factor);
    match (unit, cur.kind) {
        (ChangeUnit::Percent, FigureKind::Percentage) if !factor => {
            mark(percent_or_points(c, &cur, &prev, s, d, w))
        }
        (ChangeUnit::Percent, _) => {
            let r = pct_range(&cur, &prev);
            let v = wording::verdict(w, r, || pct_verdict(&cur, &prev, r, s, d));
            let what = format!(
                "{} from {} is a change of {}",
                cur.shown(),
                prev.shown(),
                rel_pct(r.face, |x| signed_detail(x, d))
            );
            let f = mark(
                Finding::new(c, Status::Consistent, String::new())
                    .computed(r)
                    .unit("%")
                    .reading("percent"),
            );
            let stated = w.map_or_else(
                || format!("{}%", signed(s, d)),
                |w| w.stated_text("%", &|x| format!("{}%", signed_end(x, d))),
            );
            judged(f, v, &what, &stated, r, |x| {
                rel_pct(x, |x| signed_detail(x, d))
            })
        }
        (ChangeUnit::Points | ChangeUnit::Absolute, _) => {
            let r = diff_range(&cur, &prev);
            let u = if unit == ChangeUnit::Points {
                " points".to_owned()
            } else {
                format!(" {}", unit_of(&cur)).trim_end().to_owned()
            };
            let what = if unit == ChangeUnit::Points {
                format!(
                    "{} from {} is a change of {} points",
                    cur.shown(),
                    prev.shown(),
                    signed_detail(r.face, d)
                )
            } else {
                format!(
                    "{} from {} is a change of {}",
                    cur.shown(),
                    prev.shown(),
                    cur.fmt_signed(r.face, d + 1)
                )
            };
            let f = mark(
                Finding::new(c, Status::Consistent, String::new())
                    .computed(r)
                    .unit(u.trim())
                    .reading(if unit == ChangeUnit::Points {
                        "points"
                    } else {
                        "absolute"
                    }),
            );
            let stated = match w {
                Some(w) if unit == ChangeUnit::Points => {
                    w.stated_text(" points", &|x| signed_end(x, d))
                }
                Some(w) => w.stated_text("", &|x| cur.fmt_signed(x, d + 1)),
                None if unit == ChangeUnit::Points => format!("{} points", signed(s, d)),
                None => cur.fmt_signed(s, d),
            };
            let v = wording::verdict(w, r, || v_of(r, s, d));
            judged(f, v, &what, &stated, r, |x| signed_detail(x, d))
        }
    }
}

fn v_of(r: Range, s: f64, d: i32) -> Verdict {
    verdict(r, s, d)
}

/// An interval end of a change, signed: `+18`, `-9.9`.
fn signed_end(x: f64, d: i32) -> String {
    let t = wording::end(x, d);
    if x > 0.0 && !t.starts_with('-') {
        format!("+{t}")
    } else {
        t
    }
}

/// A "%" change between two published percentages: relative and points readings.
fn percent_or_points(
    c: &Claim,
    cur: &Figure,
    prev: &Figure,
    s: f64,
    d: i32,
    w: Option<&Worded>,
) -> Finding {
    let rel = pct_range(cur, prev);
    let pts = diff_range(cur, prev);
    let (vr, vp) = (
        wording::verdict(w, rel, || pct_verdict(cur, prev, rel, s, d)),
        wording::verdict(w, pts, || verdict(pts, s, d)),
    );
    let both = format!(
        "{} from {} is {} percentage {} but a relative change of {}",
        cur.shown(),
        prev.shown(),
        signed(pts.face, d),
        plural(round_half_away(pts.face, d), "point", "points"),
        rel_pct(rel.face, |x| signed(x, d + 1))
    );
    let mut f = Finding::new(c, Status::Consistent, String::new())
        .computed(rel)
        .unit("%");
    f.readings = vec![
        super::Reading::new("percent", rel, vr),
        super::Reading::new("points", pts, vp),
    ];
    let stated_pct = w.map_or_else(
        || format!("{}%", signed(s, d)),
        |w| w.stated_text("%", &|x| format!("{}%", signed_end(x, d))),
    );
    let points_words = |how: &str| {
        format!(
            "written with '%' it reads as a relative change, which is {}{how} (say '{} percentage {}' if points are meant)",
            rel_pct(rel.face, |x| signed(x, d + 1)),
            num(s.abs(), d),
            plural(s, "point", "points")
        )
    };
    let texts = Texts {
        rel_span: {
            let end = |x| bound(x, |x| format!("{}%", signed(x, d + 1)));
            format!("{} to {}", end(rel.lo), end(rel.hi))
        },
        pts_span: format!("{} to {}", signed(pts.lo, d + 1), signed(pts.hi, d + 1)),
        points: points_words(""),
        points_at_face: points_words(" at face value"),
        both,
        stated_pct,
    };
    judge_readings(f, vr, vp, texts)
}

/// The words a "%" change between two percentages is explained in.
struct Texts {
    /// Both readings at face value ("6% from 5% is +1 percentage point but ...").
    both: String,
    /// The stated change, as printed ("+1%").
    stated_pct: String,
    /// The relative reading's range over the rounding of the inputs.
    rel_span: String,
    /// The points reading's range over the rounding of the inputs.
    pts_span: String,
    /// Why the '%' reads as relative, and what to write for points.
    points: String,
    /// The same, saying the relative value is at face value.
    points_at_face: String,
}

/// The finding from the verdicts of the relative (`vr`) and points (`vp`) readings.
fn judge_readings(f: Finding, vr: Verdict, vp: Verdict, t: Texts) -> Finding {
    let Texts {
        both,
        stated_pct,
        rel_span,
        pts_span,
        points,
        points_at_face,
    } = t;
    match (vr, vp) {
        // Both readings give the stated figure at face value: right either way.
        (Verdict::AtFace, Verdict::AtFace) => Finding {
            reason: format!("{both}; both readings give the stated {stated_pct}"),
            ..f.reading("either")
        },
        (Verdict::AtFace, Verdict::No) => Finding {
            reason: format!("{both}: the stated {stated_pct} matches the relative reading"),
            ..f.reading("percent")
        },
        // Only the points reading allows the figure (at face, or within the rounding of the
        // inputs): wrong as written, since no relative change the inputs allow gives it.
        (Verdict::No, Verdict::AtFace | Verdict::WithinRounding) => Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{both}: {}; {}, and no values within the rounding of the inputs give {stated_pct} as a relative change",
                if vp == Verdict::AtFace {
                    format!("the stated {stated_pct} matches only as percentage points")
                } else {
                    format!("only as percentage points, and only within the rounding of the inputs, does the stated {stated_pct} follow")
                },
                points
            ),
            ..f.reading("points")
        },
        (Verdict::No, Verdict::No) => Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{both}; neither reading gives the stated {stated_pct}, even within the rounding of the inputs (relative {rel_span}, points {pts_span})"
            ),
            ..f
        },
        // Both readings are possible but they give different figures at face value: the
        // text does not say which it meant (ambiguous), and each reading's result is in
        // `readings`.
        (Verdict::WithinRounding, Verdict::AtFace) => Finding {
            status: Status::Ambiguous,
            reason: format!(
                "ambiguous: {both}; the stated {stated_pct} matches as percentage points; {points_at_face}, and gives {stated_pct} only within the rounding of the inputs ({rel_span})"
            ),
            ..f.reading("points")
        },
        (Verdict::AtFace, Verdict::WithinRounding) => Finding {
            status: Status::Ambiguous,
            reason: format!(
                "ambiguous: {both}; the stated {stated_pct} matches the relative reading at face value, and as percentage points only within the rounding of the inputs ({pts_span})",
            ),
            ..f.reading("percent")
        },
        (Verdict::WithinRounding, Verdict::WithinRounding) => Finding {
            status: Status::Ambiguous,
            reason: format!(
                "ambiguous: {both}; only within the rounding of the inputs does the stated {stated_pct} follow, under either reading (relative {rel_span}, points {pts_span})"
            ),
            ..f.reading("either")
        },
        (Verdict::WithinRounding, Verdict::No) => Finding {
            reason: format!(
                "{both}; only within the rounding of the inputs does the stated {stated_pct} follow (percent reading)"
            ),
            ..f.reading("percent")
        },
    }
}

/// No previous value published: report the previous value the claim implies.
#[allow(clippy::too_many_lines)] // one match over the three units, kept together
fn implied_previous(
    c: &Claim,
    cur: &Figure,
    unit: ChangeUnit,
    s: f64,
    d: i32,
    w: Option<&Worded>,
) -> Finding {
    let (s_lo, s_hi) = w.map_or_else(|| stated_interval(s, d), |w| (w.claimed.lo, w.claimed.hi));
    let allows = if w.is_some() { "wording" } else { "rounding" };
    let whole = cur.kind == FigureKind::Count;
    // Decimals for implied values: whole numbers for counts, the figure's own decimals for
    // money, one more for percentages.
    let dp = match cur.kind {
        FigureKind::Count | FigureKind::Population => 0,
        FigureKind::Money(_) => cur.decimals.unwrap_or(0),
        FigureKind::Percentage => cur.decimals.unwrap_or(0) + 1,
    };
    let value_range = |face: f64, lo: f64, hi: f64| -> String {
        if whole {
            let (a, b) = (lo.ceil(), hi.floor());
            if a == b {
                return format!("{} (the only whole number the {allows} allows)", num(a, 0));
            }
            if a < b {
                return format!("{} ({} to {})", num(face, 0), num(a, 0), num(b, 0));
            }
        }
        if hi > lo {
            format!(
                "{} ({} to {})",
                cur.fmt(face, dp),
                cur.fmt(lo, dp),
                cur.fmt(hi, dp)
            )
        } else {
            cur.fmt(face, dp)
        }
    };
    let points = (cur.value - s, cur.lo - s_hi, cur.hi - s_lo);
    let relative = || -> Option<(f64, f64, f64)> {
        if w.is_some() {
            // Last year's value x (1 + change / 100) is this year's, over the wording's
            // interval of changes; a fall of 100% or more leaves no upper limit.
            let back = |x: f64, chg: f64| {
                if chg > -100.0 {
                    x / (1.0 + chg / 100.0)
                } else {
                    f64::INFINITY
                }
            };
            let face = back(cur.value, s);
            return face
                .is_finite()
                .then(|| (face, back(cur.lo, s_hi), back(cur.hi, s_lo)));
        }
        let dd = u32::try_from(d).unwrap_or(0);
        let at_lo = previous_from_percent_change(cur.lo, s, dd).ok()?;
        let at_hi = previous_from_percent_change(cur.hi, s, dd).ok()?;
        let face = previous_from_percent_change(cur.value, s, dd).ok()?;
        // A count published exactly: its whole numbers by the exact rule (change_rounds_to).
        if whole && d >= 0 && cur.lo == cur.value && cur.hi == cur.value {
            if let Some((a, b)) = face.whole_numbers() {
                return Some((face.point, a as f64, b as f64));
            }
        }
        Some((face.point, at_lo.lower, at_hi.upper))
    };
    let base = Finding::new(c, Status::Unchecked, String::new());
    // Last year's value, or the value of the period the claim names (`base_period`).
    let (none, last, figure) = match &c.base_period {
        Some(p) => (
            format!("no {p} value published"),
            format!("the {p} value"),
            format!("the {p} figure"),
        ),
        None => (
            "no previous value published".to_owned(),
            "last year's value".to_owned(),
            "last year's figure".to_owned(),
        ),
    };
    let prefix = format!("{none}; {}", cur.shown());
    match unit {
        ChangeUnit::Absolute | ChangeUnit::Points => {
            let (mut face, mut lo, mut hi) = points;
            if whole && unit == ChangeUnit::Absolute && d == 0 && w.is_none() {
                (lo, hi) = (face, face);
            }
            let change = match w {
                Some(w) if unit == ChangeUnit::Points => {
                    w.stated_text(" percentage points", &|x| signed_end(x, d))
                }
                Some(w) => w.stated_text("", &|x| cur.fmt_signed(x, d + 1)),
                None if unit == ChangeUnit::Points => format!(
                    "{} percentage {}",
                    signed(s, d),
                    plural(s, "point", "points")
                ),
                None => cur.fmt_signed(s, d),
            };
            let reading = if unit == ChangeUnit::Points {
                "points"
            } else {
                "absolute"
            };
            // Counts, amounts and percentages are never below zero: a change that would put
            // last year's value there cannot be right, and the interval stops at zero.
            if hi < 0.0 {
                return Finding {
                    status: Status::Inconsistent,
                    reason: format!(
                        "{prefix} and a change of {change} would put {last} at {}, below zero",
                        cur.fmt(face, dp)
                    ),
                    ..base.reading(reading)
                };
            }
            (face, lo) = (face.max(0.0), lo.max(0.0));
            Finding {
                reason: format!(
                    "{prefix} and a change of {change} imply {last} was {}",
                    value_range(face, lo, hi)
                ),
                ..base
                    .implied("previous value", face, lo, hi)
                    .reading(reading)
            }
        }
        ChangeUnit::Percent => {
            let pct = w.map_or_else(
                || format!("{}%", signed(s, d)),
                |w| w.stated_text("%", &|x| format!("{}%", signed_end(x, d))),
            );
            let Some((face, lo, hi)) = relative() else {
                return Finding {
                    reason: format!("a change of {pct} leaves no previous value"),
                    ..base
                };
            };
            // A wording with no limit on one side ("more than doubled") leaves one end of
            // the implied value open: say which, rather than print a face value at the end.
            let rel_text = match w {
                Some(w) if w.claimed.hi.is_infinite() && hi.is_finite() => format!(
                    "{} {}",
                    if w.claimed.lo_open {
                        "below"
                    } else {
                        "at most"
                    },
                    cur.fmt(hi, dp)
                ),
                Some(w) if !hi.is_finite() => format!(
                    "{} {}",
                    if w.claimed.lo_open {
                        "above"
                    } else {
                        "at least"
                    },
                    cur.fmt(lo, dp)
                ),
                _ => value_range(face, lo, hi),
            };
            if cur.kind == FigureKind::Percentage && !w.is_some_and(Worded::is_factor) {
                let (pface, plo, phi) = points;
                Finding {
                    reason: format!(
                        "{none} for {}; ambiguous: as a relative change of {pct}, {figure} was {rel_text}; as {}, it was {}",
                        cur.shown(),
                        w.map_or_else(
                            || format!("{} percentage {}", signed(s, d), plural(s, "point", "points")),
                            |w| w.stated_text(" percentage points", &|x| signed_end(x, d))
                        ),
                        value_range(pface, plo, phi)
                    ),
                    ..base
                        .implied("previous value", face, lo, hi)
                        .reading("either")
                        .unit("%")
                }
            } else {
                Finding {
                    reason: format!("{prefix} and a change of {pct} imply {last} was {rel_text}"),
                    ..base
                        .implied("previous value", face, lo, hi)
                        .reading("percent")
                        .unit("%")
                }
            }
        }
    }
}
