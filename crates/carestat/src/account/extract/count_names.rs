//! The count a phrase names by its words ("a lower rate of concerns", "543 concerns from
//! previous year", "the rate of concerns that led to an enquiry"): the draft's count
//! figures whose words hold every content word of the phrase (see `subject_words`).
//!
//! A count's words are first its label's; only when no count's label holds the phrase's
//! words are the sentences it was read from tried too (its quote, and the quotes of the
//! claims about it: a tile of a PDF infographic keeps its caption there, interleaved with
//! its neighbours'). Two synonyms of safeguarding statistics are read as one word:
//! "started" and "commenced" (enquiries).

use std::collections::BTreeSet;

use super::subject_words::content_words;
use super::Draft;

/// The area's name as words never to match on ("Worcestershire").
pub(crate) fn area_words(d: &Draft<'_>) -> Vec<String> {
    d.ds.area
        .name
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The content words of `text`, synonyms read as one.
pub(crate) fn words(text: &str, area: &[String]) -> BTreeSet<String> {
    content_words(text, area)
        .into_iter()
        .map(|w| match w.as_str() {
            "start" | "starte" | "begun" => "commen".to_owned(),
            _ => w,
        })
        .collect()
}

/// The count figures (`counts.<id>`) whose words hold all of `want` (not empty): by label,
/// else by the sentences they were read from. Several when the words do not tell them
/// apart; the caller drafts nothing then.
pub(crate) fn counts_named(d: &Draft<'_>, want: &BTreeSet<String>) -> Vec<String> {
    if want.is_empty() {
        return Vec::new();
    }
    let area = area_words(d);
    let by_label: Vec<String> =
        d.ds.counts
            .iter()
            .filter(|(_, c)| want.is_subset(&words(&c.label, &area)))
            .map(|(id, _)| format!("counts.{id}"))
            .collect();
    if by_label.is_empty() {
        counts_named_in_context(d, want)
    } else {
        by_label
    }
}

/// The count figures whose label or sentences (their quote and the quotes of the claims
/// about them) hold all of `want` (not empty).
pub(crate) fn counts_named_in_context(d: &Draft<'_>, want: &BTreeSet<String>) -> Vec<String> {
    if want.is_empty() {
        return Vec::new();
    }
    let area = area_words(d);
    d.ds.counts
        .iter()
        .filter(|(id, c)| {
            let reference = format!("counts.{id}");
            let mut text = format!("{} {}", c.label, c.quote);
            for claim in &d.ds.claims {
                if claim.subject.as_deref() == Some(reference.as_str()) {
                    text.push(' ');
                    text.push_str(&claim.quote);
                }
            }
            want.is_subset(&words(&text, &area))
        })
        .map(|(id, _)| format!("counts.{id}"))
        .collect()
}

/// Whether last year's value of count `reference` is known: published, or implied by an
/// absolute change claim on it.
pub(crate) fn has_previous(d: &Draft<'_>, reference: &str) -> bool {
    let id = reference.strip_prefix("counts.").unwrap_or(reference);
    d.ds.counts.get(id).is_some_and(|c| c.previous.is_some())
        || d.ds.claims.iter().any(|c| {
            c.kind == crate::account::claims::ClaimKind::Change
                && c.unit == Some(crate::account::claims::ChangeUnit::Absolute)
                && c.subject.as_deref() == Some(reference)
                && c.base_period.is_none()
        })
}
