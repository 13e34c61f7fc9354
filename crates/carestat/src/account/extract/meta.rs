//! The council and the period a document is about, guessed from its text.

use std::collections::HashMap;

use super::numbers::{scan, Kind};
use super::sentences::Split;
use crate::account::dataset::{Area, Period};
use crate::account::read::Document;

/// The area (the "X Council" whose name occurs most often), the period (the financial
/// year in the first heading that has one, else the financial year stated most often, else
/// the latest calendar year stated) and notes saying they were guessed.
pub(crate) fn area_and_period(doc: &Document, split: &Split) -> (Area, Period, Vec<String>) {
    let mut notes = vec![
        "A draft read from the document by `carestat extract`: check every figure, label and claim before relying on it.".to_owned(),
    ];
    let area = council(&doc.text).unwrap_or_else(|| {
        notes.push("No council named in the text: set area.name by hand.".to_owned());
        "Unknown council".to_owned()
    });
    let period = period(doc, split).unwrap_or_else(|| {
        notes.push("No reporting year found in the text: set the period by hand.".to_owned());
        financial(2000)
    });
    (
        Area {
            name: area,
            code: None,
        },
        period,
        notes,
    )
}

const COUNCIL_KINDS: [&str; 6] = [
    " City Council",
    " County Council",
    " Metropolitan Borough Council",
    " Borough Council",
    " District Council",
    " Council",
];

fn council(text: &str) -> Option<String> {
    let mut found: HashMap<String, usize> = HashMap::new();
    for kind in COUNCIL_KINDS {
        let mut from = 0;
        while let Some(i) = text[from..].find(kind) {
            let at = from + i;
            from = at + kind.len();
            if text[from..].starts_with(|c: char| c.is_alphanumeric()) {
                continue; // "Councillors"
            }
            let words: Vec<&str> = text[..at]
                .rsplit(|c: char| c.is_whitespace())
                .take_while(|w| {
                    w.starts_with(|c: char| c.is_uppercase())
                        && w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
                .take(3)
                .collect();
            if words.is_empty()
                || words
                    .iter()
                    .any(|w| ["The", "Our", "County", "City", "Borough", "District"].contains(w))
            {
                continue;
            }
            let name: Vec<&str> = words.into_iter().rev().collect();
            let full = format!("{}{kind}", name.join(" "));
            found.entry(full).or_insert(0);
        }
    }
    // The council whose place name the text repeats most.
    found
        .into_keys()
        .map(|full| {
            let place = full.split(' ').next().unwrap_or("").to_owned();
            (text.matches(place.as_str()).count(), full)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())))
        .map(|(_, full)| full)
}

fn period(doc: &Document, split: &Split) -> Option<Period> {
    for s in split.sentences.iter().filter(|s| s.heading).take(5) {
        if let Some(n) = scan(doc.slice(s.span))
            .into_iter()
            .find(|n| n.kind == Kind::FinancialYear)
        {
            return Some(financial(n.value as i32));
        }
    }
    let all = scan(&doc.text);
    let mut fy: HashMap<i32, usize> = HashMap::new();
    for n in all.iter().filter(|n| n.kind == Kind::FinancialYear) {
        *fy.entry(n.value as i32).or_insert(0) += 1;
    }
    if let Some((y, _)) = fy.into_iter().max_by_key(|&(y, c)| (c, y)) {
        return Some(financial(y));
    }
    let y = all
        .iter()
        .filter(|n| n.kind == Kind::Year)
        .map(|n| n.value as i32)
        .max()?;
    Some(Period {
        label: y.to_string(),
        start: format!("{y}-01-01"),
        end: format!("{y}-12-31"),
    })
}

fn financial(y: i32) -> Period {
    Period {
        label: format!("{y}/{:02}", (y + 1) % 100),
        start: format!("{y}-04-01"),
        end: format!("{}-03-31", y + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::extract::sentences::split;

    #[test]
    fn council_and_year_from_seed_000() {
        // Seed 000 (Birmingham): Solihull Metropolitan Council is named too, once.
        let t = "Adult Social Care Local Account 2022 - 2023\n\nBirmingham and Solihull Metropolitan Council work together. Birmingham is big. Birmingham City Council monitors ratings.\n";
        let doc = Document::from_plain_text(t);
        let (a, p, _) = area_and_period(&doc, &split(&doc));
        assert_eq!(a.name, "Birmingham City Council");
        assert_eq!(
            (p.label.as_str(), p.start.as_str()),
            ("2022/23", "2022-04-01")
        );
    }

    #[test]
    fn calendar_year_when_no_financial_year() {
        let doc = Document::from_plain_text("In the 12 months to May 2023, in September 2022.\n");
        let (_, p, _) = area_and_period(&doc, &split(&doc));
        assert_eq!(p.label, "2023");
    }
}
