//! The `cqc_rating` claim: a CQC overall rating against the quality statement scores the
//! document publishes.
//!
//! With all 9 scores published the rating is recomputed ([`Scores::rate`]); a total that
//! sits between two bands is consistent with either band, and the finding says so. With
//! fewer, each unpublished statement may score 1 to 4 ([`Scores::possible_ratings`]): the
//! stated rating is inconsistent when no such scores give it, consistent when every one does,
//! and otherwise unchecked, with the total the unpublished statements would need.

use crate::cqc::{BandRule, Scores};
use crate::ratings::Rating;

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::text::num;
use super::{Finding, Range, Status};

/// Percentage of a total of all 9 statements (out of 36).
fn pct(total: u32) -> f64 {
    crate::cqc::percentage(total, 9)
}

fn pct_text(total: u32) -> String {
    format!("{total} of 36 ({}%)", num(pct(total), 1))
}

fn rule_words(rule: BandRule) -> &'static str {
    match rule {
        BandRule::LowerBand => "a band needs its lower bound",
        BandRule::Nearest => "the percentage is rounded to a whole number first",
        BandRule::UpperBand => "anything above a band's upper bound moves up",
    }
}

pub(super) fn cqc_rating(ds: &Dataset, c: &Claim) -> Finding {
    let band = c.band.unwrap_or(Rating::NotRated);
    let Some(cqc) = &ds.cqc else {
        return Finding::new(
            c,
            Status::Unchecked,
            "the document publishes no quality statement scores, so the rating cannot be \
             recomputed"
                .to_owned(),
        )
        .unit("%");
    };
    // Validated with the dataset, so the scores read.
    let scores = cqc.scores().unwrap_or_default();
    let rule = cqc.band_rule.unwrap_or_default();
    let published = scores.assessed();
    let known = scores.total();
    let unpublished = 9 - published;
    let (lo, hi) = (known + unpublished, known + 4 * unpublished);
    let face = if unpublished == 0 {
        pct(known)
    } else {
        f64::NAN
    };
    let base = Finding::new(c, Status::Consistent, String::new())
        .computed(Range {
            face,
            lo: pct(lo),
            hi: pct(hi),
        })
        .unit("%")
        .reading(rule.name());
    if published == 0 {
        return Finding {
            status: Status::Unchecked,
            reason: format!(
                "no quality statement score is published, so any rating is possible ({})",
                possible_text(&scores, rule)
            ),
            ..base
        };
    }
    if unpublished == 0 {
        return all_published(base, &scores, band, rule);
    }
    let possible = scores.possible_ratings(rule);
    let of_published = if published == 1 {
        format!("the 1 published score is {known}")
    } else {
        format!("the {published} published scores total {known}")
    };
    let Some(p) = possible.iter().find(|p| p.rating == band) else {
        return Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{of_published}, so with the other {unpublished} scored 1 to 4 the 9 statements \
                 total {} to {}: {}; never {}",
                pct_text(lo),
                pct_text(hi),
                possible_text(&scores, rule),
                band.label()
            ),
            ..base
        };
    };
    let (need_lo, need_hi) = (p.min_total - known, p.max_total - known);
    let needs = format!(
        "{} needs a total of {} to {}, so the {unpublished} unpublished statements must total \
         {need_lo} to {need_hi} (an average of {} to {})",
        band.label(),
        pct_text(p.min_total),
        pct_text(p.max_total),
        num(f64::from(need_lo) / f64::from(unpublished), 2),
        num(f64::from(need_hi) / f64::from(unpublished), 2),
    );
    let f = base.implied(
        "total of the unpublished scores",
        f64::NAN,
        f64::from(need_lo),
        f64::from(need_hi),
    );
    if possible.len() == 1 {
        Finding {
            reason: format!(
                "{of_published}: whatever the other {unpublished} scored, the 9 total {} to {}, \
                 always {}",
                pct_text(lo),
                pct_text(hi),
                band.label()
            ),
            ..f
        }
    } else {
        Finding {
            status: Status::Unchecked,
            reason: format!(
                "{of_published}; {needs}. The published scores allow {}",
                possible_text(&scores, rule)
            ),
            ..f
        }
    }
}

/// Every statement published: the rating recomputed, with both readings of a total between
/// bands.
fn all_published(base: Finding, scores: &Scores, band: Rating, rule: BandRule) -> Finding {
    let r = match scores.rate(rule) {
        Ok(r) => r,
        // Unreachable with nine scores published; never a silent verdict all the same.
        Err(e) => {
            return Finding {
                status: Status::Unchecked,
                reason: e.to_string(),
                ..base
            }
        }
    };
    let total = pct_text(r.total);
    if r.rating == band {
        return Finding {
            reason: format!("the 9 scores total {total}: {}", band.label()),
            ..base
        };
    }
    if r.ambiguous && (band == r.rating_lower_band || band == r.rating_upper_band) {
        let other = if band == r.rating_upper_band {
            BandRule::UpperBand
        } else {
            BandRule::LowerBand
        };
        return Finding {
            reason: format!(
                "the 9 scores total {total}, between two bands: {} where {}, {} where {}; CQC \
                 does not state which",
                r.rating.label(),
                rule_words(rule),
                band.label(),
                rule_words(other)
            ),
            ..base.reading(other.name())
        };
    }
    Finding {
        status: Status::Inconsistent,
        reason: format!(
            "the 9 scores total {total}: {}, not {}",
            r.rating.label(),
            band.label()
        ),
        ..base
    }
}

/// "Inadequate (totals 11 to 14), Requires improvement (15 to 22), ..."
fn possible_text(scores: &Scores, rule: BandRule) -> String {
    scores
        .possible_ratings(rule)
        .iter()
        .map(|p| {
            if p.min_total == p.max_total {
                format!("{} (a total of {})", p.rating.label(), p.min_total)
            } else {
                format!(
                    "{} (totals {} to {})",
                    p.rating.label(),
                    p.min_total,
                    p.max_total
                )
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
