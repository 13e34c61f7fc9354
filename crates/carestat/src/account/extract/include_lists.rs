//! A hedged count and the list that shows it: "There have been over 10 coproduction projects
//! over the last 12 months across all directorates these include Birmingham Faith Covenant
//! Partnership, Care Quality Commission Panel, ..., Windrush 75." (Birmingham's Local Account
//! 2022/23): 11 named, and 11 is over 10.
//!
//! A list after "include" may be partial, so it can show that "over 10" or "at least 10" holds
//! but never that it fails: the pattern drafts the claim (a `sum` whose total is hedged) only
//! when the items named already meet the words, and leaves the count unplaced otherwise. Read
//! only when the sentence's one count follows "over", "more than" or "at least", "include" (or
//! "including") follows the count, and the list after it has more than one item, each at most
//! eight words, separated by commas (and a last "and").

use super::numbers::Kind;
use super::words::{find_word, squash};
use super::Draft;
use crate::account::claims::ClaimKind;
use crate::account::dataset::{Breakdown, Part};

/// Hedges a partial list can confirm: the count is a lower bound.
const HEDGES: [&str; 3] = ["over", "more than", "at least"];

pub(crate) fn include_lists(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table || s.numbers.is_empty() {
            continue;
        }
        let lower = d.lower(si);
        let base = s.span.start;
        let Some(inc) = ["include", "includes", "included", "including"]
            .iter()
            .filter_map(|w| find_word(&lower, w).map(|i| (i, w.len())))
            .min()
        else {
            continue;
        };
        // The one count before "include"; the list's own numbers ("Windrush 75") are items.
        let before: Vec<_> = s
            .numbers
            .iter()
            .filter(|n| n.span.end - base <= inc.0)
            .collect();
        let [n] = before[..] else { continue };
        if n.kind != Kind::Count || n.value < 2.0 || n.decimals != 0 || d.is_placed(n) {
            continue;
        }
        let ahead = lower[..n.span.start - base].trim_end();
        // The hedge is the word right before the count ("there have been over 10").
        let Some(&hedge) = HEDGES.iter().find(|w| {
            ahead
                .strip_suffix(**w)
                .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphanumeric()))
        }) else {
            continue;
        };
        let text = d.sentence(si);
        let list = text[inc.0 + inc.1..].trim_start_matches([':', ' ']);
        let list = list.trim_end_matches(['.', ';', ' ', '\n']);
        let items: Vec<String> = list
            .split(',')
            .flat_map(|part| {
                let part = part.trim();
                match part.strip_prefix("and ") {
                    Some(p) => vec![p.to_owned()],
                    None => part.rsplit_once(" and ").map_or_else(
                        || vec![part.to_owned()],
                        |(a, b)| vec![a.to_owned(), b.to_owned()],
                    ),
                }
            })
            .map(|i| squash(&i))
            .filter(|i| !i.is_empty())
            .collect();
        let short = items.iter().all(|i| i.split_whitespace().count() <= 8);
        let named = items.len() as f64;
        let shows = match hedge {
            "at least" => named >= n.value,
            _ => named > n.value,
        };
        if items.len() < 2 || !short || !shows {
            continue;
        }
        let n = n.clone();
        let label = super::words::label_after(text, n.span.end - base, n.span.start - base);
        let Some(total) = d.figure(si, &n, &label) else {
            continue;
        };
        let parts = items.iter().map(|i| Part::new(i.clone(), 1.0)).collect();
        let id = d.id(&format!("{label} named"));
        d.ds.breakdowns.insert(
            id.clone(),
            Breakdown::new(format!("{label} named"), total, 0, parts, squash(text)),
        );
        let mut c = d.claim(
            ClaimKind::Sum,
            &label,
            &format!("{hedge} {} {label}", n.value),
            si,
        );
        c.breakdown = Some(id.clone());
        c.hedge = Some(hedge.to_owned());
        if d.push_claim(c) {
            let listed: Vec<_> = d.sentences()[si]
                .numbers
                .iter()
                .filter(|m| m.span.start - base > inc.0)
                .cloned()
                .collect();
            for m in &listed {
                d.use_number(m);
            }
        } else {
            d.ds.breakdowns.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Status};

    const BIRMINGHAM: &str = "There have been over 10 coproduction projects over the last 12 months across all directorates these include Birmingham Faith Covenant Partnership, Care Quality Commission Panel, Community of Practice, Net Zero Strategy, People for Public Services, Proud Rainbow City Partnership, Resident Perception Survey, Beheard support, PPT General, SEND Co-pro champions, Windrush 75.\n";

    #[test]
    fn over_ten_and_eleven_named() {
        // Seed 000 (Birmingham 2022/23): 11 named, over 10.
        let x = extract(&Document::from_plain_text(BIRMINGHAM));
        let f = audit(&x.dataset).unwrap();
        assert_eq!(f.len(), 1, "{:?}", x.dataset.claims);
        assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
        assert_eq!(f[0].wording.as_deref(), Some("over"));
        let b = x.dataset.breakdowns.values().next().unwrap();
        assert_eq!(b.parts.len(), 11);
        assert_eq!(b.parts[10].label, "Windrush 75");
        // "Windrush 75" is an item's name, not a figure left unexplained.
        assert!(
            x.not_understood
                .iter()
                .all(|u| !u.quote.contains("Windrush")),
            "{:?}",
            x.not_understood
        );
    }

    #[test]
    fn the_hedge_is_the_word_before_the_count() {
        // "Over" earlier in the sentence does not hide the "over" right before the count.
        let t = BIRMINGHAM.replace("There have been", "Over the year there have been");
        let x = extract(&Document::from_plain_text(&t));
        assert_eq!(x.dataset.claims.len(), 1, "{:?}", x.dataset.claims);
        assert_eq!(x.dataset.claims[0].hedge.as_deref(), Some("over"));
        // "turnover 10" is not "over 10".
        let t = BIRMINGHAM.replace("over 10", "turnover 10");
        assert!(extract(&Document::from_plain_text(&t))
            .dataset
            .claims
            .is_empty());
    }

    #[test]
    fn a_partial_list_that_cannot_show_the_words_is_left_alone() {
        // Ten named cannot show "over 10" (the list may be partial): no claim, no alarm.
        let t = BIRMINGHAM.replace(", Windrush 75", "");
        let x = extract(&Document::from_plain_text(&t));
        assert!(x.dataset.claims.is_empty());
        // Nor without a hedge: "10 projects ... these include" eleven is not a breakdown.
        let t = BIRMINGHAM.replace("over 10", "10");
        assert!(extract(&Document::from_plain_text(&t))
            .dataset
            .claims
            .is_empty());
    }
}
