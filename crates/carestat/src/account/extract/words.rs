//! Small word helpers shared by the patterns: labels, ids, and looking for words near a
//! number.

/// Whitespace runs (PDF line breaks) as single spaces, Markdown emphasis dropped.
pub(crate) fn squash(text: &str) -> String {
    text.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An id from a label: lower case ASCII words joined by `_`, at most five words.
pub(crate) fn slug(label: &str) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !STOP.contains(&w.to_ascii_lowercase().as_str()))
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("_")
}

const STOP: [&str; 16] = [
    "a", "an", "the", "of", "and", "were", "was", "are", "is", "there", "have", "has", "been",
    "in", "to", "for",
];

/// Words that end the label of a figure: where its description stops and the claim about
/// it begins.
const LABEL_END: [&str; 22] = [
    ",",
    ".",
    ";",
    ":",
    "(",
    " an increase",
    " a decrease",
    " an ",
    " a ",
    " compared",
    " which",
    " from",
    " up ",
    " down ",
    " this ",
    " last year",
    " in 20",
    " during",
    " increase",
    " decrease",
    " reduc",
    " than",
];

/// The description after a number (`22555 new requests, ...` gives `new requests`), at most
/// eight words; else the words before it.
pub(crate) fn label_after(sentence: &str, number_end: usize, number_start: usize) -> String {
    let rest = sentence.get(number_end..).unwrap_or("");
    let rest = rest.trim_start_matches(['*', ' ', '%', '\n']);
    let lower = rest.to_ascii_lowercase();
    let mut end = rest.len();
    for w in LABEL_END {
        if let Some(i) = lower.find(w) {
            if i > 0 || w.len() == 1 {
                end = end.min(i);
            }
        }
    }
    let label = squash(&rest[..end]);
    let label: Vec<&str> = label.split(' ').take(8).collect();
    let label = label.join(" ");
    if label.chars().filter(char::is_ascii_alphabetic).count() >= 3 {
        return label;
    }
    // The words before the number, without other numbers and stray marks ("3963 & 3933":
    // the label of 3933 is not "3963 &").
    let before = sentence.get(..number_start).unwrap_or("");
    let before = squash(before);
    let words: Vec<&str> = before
        .split(' ')
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    let start = words.len().saturating_sub(8);
    let label = words[start..].join(" ");
    if label.chars().filter(char::is_ascii_alphabetic).count() >= 3 {
        label
    } else {
        "unlabelled figure".to_owned()
    }
}

/// Whether `text` contains one of `words` as whole words (ASCII, lower case `text`).
pub(crate) fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| find_word(text, w).is_some())
}

/// The first place `word` occurs in `text` as a whole word (or phrase).
pub(crate) fn find_word(text: &str, word: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let ok_before = s == 0 || !b[s - 1].is_ascii_alphanumeric();
        let ok_after = e >= b.len() || !b[e].is_ascii_alphanumeric();
        if ok_before && ok_after {
            return Some(s);
        }
        from = s + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_ids() {
        let s =
            "There was a total of 22555 new requests, an increase from the previous year by 4.4%";
        assert_eq!(label_after(s, 26, 21), "new requests");
        assert_eq!(slug("new requests"), "new_requests");
        assert_eq!(
            slug("Adults with a learning disability"),
            "adults_with_learning_disability"
        );
        let s = "The gross spend was £309m";
        assert_eq!(label_after(s, s.len(), 20), "The gross spend was");
        // Worcestershire 2023/24 (seed 004), two DoLS tiles side by side: no words on either
        // side of 3933, so no label made of the other number.
        let s = "3963 & 3933 % 1549";
        assert_eq!(label_after(s, 11, 7), "unlabelled figure");
    }

    #[test]
    fn whole_words() {
        assert_eq!(find_word("an increase of", "increase"), Some(3));
        assert_eq!(find_word("increased by", "increase"), None);
    }
}
