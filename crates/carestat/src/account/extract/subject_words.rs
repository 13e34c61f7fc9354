//! The subject of a sentence as a set of content words, to tell whether two printings of one
//! value are about the same thing ("73% ... received a service to promote independence" on
//! the activity page and again under "Celebrating Success").
//!
//! A content word is a run of ASCII letters of three or more, lower case, that is neither a
//! function word nor a word of change, time or comparison ("increase", "last", "year",
//! "compared"), nor a word every Local Account prints on every page ("people", "council").
//! Words are cut to a crude stem: a plural or verb ending dropped and the first six letters
//! kept, so "services" and "service", "independence" and "independent", "population" and
//! the PDF's "populationin" meet; "spent" is read as "spend".

use std::collections::BTreeSet;

/// Words that never say what a figure is about.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "from",
    "with",
    "into",
    "onto",
    "over",
    "under",
    "after",
    "before",
    "during",
    "between",
    "within",
    "without",
    "about",
    "around",
    "above",
    "below",
    "across",
    "are",
    "was",
    "were",
    "been",
    "being",
    "has",
    "have",
    "had",
    "having",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "its",
    "our",
    "ours",
    "you",
    "your",
    "their",
    "they",
    "them",
    "there",
    "here",
    "than",
    "then",
    "also",
    "all",
    "any",
    "some",
    "each",
    "every",
    "more",
    "most",
    "less",
    "least",
    "not",
    "does",
    "did",
    "can",
    "could",
    "may",
    "might",
    "will",
    "would",
    "should",
    "shall",
    "must",
    "per",
    "cent",
    "percent",
    "year",
    "years",
    "last",
    "previous",
    "prior",
    "compared",
    "compare",
    "comparison",
    "increase",
    "increased",
    "increases",
    "increasing",
    "decrease",
    "decreased",
    "decreasing",
    "rise",
    "rose",
    "risen",
    "rising",
    "fall",
    "fell",
    "fallen",
    "falling",
    "down",
    "total",
    "number",
    "numbers",
    "figure",
    "figures",
    "approximately",
    "almost",
    "nearly",
    "just",
    "people",
    "person",
    "council",
    "county",
    "city",
    "borough",
    "other",
    "such",
    "only",
    "very",
    "one",
    "two",
    "three",
];

/// The content words of `text` (stems), without the words of `also_stop` (the area's name).
pub(crate) fn content_words(text: &str, also_stop: &[String]) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()) && !also_stop.iter().any(|s| s == w))
        .map(|w| stem(&w))
        .collect()
}

/// A crude stem: "services" → "servic", "received" → "receiv", "spent" → "spend".
fn stem(word: &str) -> String {
    if word == "spent" {
        return "spend".to_owned();
    }
    let mut w = word;
    for end in ["ies", "ing", "ed", "es", "s"] {
        if w.len() > end.len() + 3 {
            if let Some(x) = w.strip_suffix(end) {
                w = x;
                break;
            }
        }
    }
    w.chars().take(6).collect()
}

/// Stems that name who a figure counts, and the group each names: "85% of people ... were
/// satisfied" and "85% of carers ... were satisfied" are two figures.
const GROUPS: [(&str, &str); 16] = [
    ("carer", "carers"),
    ("staff", "staff"),
    ("workfo", "staff"),
    ("employ", "staff"),
    ("provid", "providers"),
    ("child", "children"),
    ("childr", "children"),
    ("young", "young"),
    ("younge", "young"),
    ("older", "older"),
    ("men", "men"),
    ("male", "men"),
    ("women", "women"),
    ("female", "women"),
    ("volunt", "volunteers"),
    ("nurse", "nurses"),
];

/// The groups of people content words name (see `GROUPS`).
pub(crate) fn groups(words: &BTreeSet<String>) -> BTreeSet<&'static str> {
    GROUPS
        .iter()
        .filter(|(stem, _)| words.contains(*stem))
        .map(|(_, g)| *g)
        .collect()
}

/// How many content words two sets share.
pub(crate) fn shared(a: &BTreeSet<String>, b: &BTreeSet<String>) -> usize {
    a.intersection(b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_endings_and_pdf_joins() {
        // Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt).
        let a = content_words("Worcestershire has an adult population of 485,737.", &[]);
        let b = content_words(
            "485,737 is the adult populationin Worcestershire county.",
            &["worcestershire".to_owned()],
        );
        assert!(a.contains("popula") && b.contains("popula"));
        assert!(!b.contains("worces"));
        assert_eq!(shared(&a, &b), 2); // adult, popula
        let spend = content_words("The gross Adult Social Care spend was £309m", &[]);
        let spent = content_words("Worcestershire County Council spent £309m", &[]);
        assert_eq!(shared(&spend, &spent), 1);
    }

    #[test]
    fn groups_of_people() {
        let people = content_words("85% of people who use services were satisfied", &[]);
        let carers = content_words("85% of carers were satisfied with the support", &[]);
        assert!(groups(&people).is_empty());
        assert_eq!(groups(&carers).into_iter().collect::<Vec<_>>(), ["carers"]);
        let staff = content_words("Our workforce: 95% of employees are aged over 25", &[]);
        assert_eq!(groups(&staff).into_iter().collect::<Vec<_>>(), ["staff"]);
    }

    #[test]
    fn change_and_time_words_are_not_a_subject() {
        let a = content_words("an increase from 73% last year.", &[]);
        assert!(a.is_empty(), "{a:?}");
    }
}
