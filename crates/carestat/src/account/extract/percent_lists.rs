//! Percentages that make up a whole: "The spend breaks down as:" then "• Mental health
//! services spend 6%", "• Services for adults aged over 65 spend 46%", "• Services for
//! working age adults spend 48%" (Dudley's "How we spent adult social care money").
//!
//! The lead-in sentence ends with ":" and says it is a breakdown ("breaks down", "split",
//! "made up of", "consists of", "comprises"; not a bare "as follows", which also introduces
//! results of different questions); each item after it, in the same
//! section, states exactly one figure, a percentage. The parts then add up to 100%: a sum
//! claim whose total is the whole, 100%, recorded as a figure labelled as implied by the
//! lead-in (the document prints no "100%").

use super::numbers::{Kind, Number};
use super::parts;
use super::words::squash;
use super::Draft;
use crate::account::dataset::{Part, Percentage};

const BREAKDOWN: [&str; 7] = [
    "breaks down",
    "broken down",
    "break down",
    "split",
    "made up of",
    "consists of",
    "comprises",
];

pub(crate) fn percent_lists(d: &mut Draft<'_>) {
    let n = d.sentences().len();
    for lead in 0..n {
        let s = &d.sentences()[lead];
        if s.table || !s.numbers.is_empty() {
            continue;
        }
        let lower = d.lower(lead);
        let t = lower.trim_end();
        if !t.ends_with(':') || !BREAKDOWN.iter().any(|w| t.contains(w)) {
            continue;
        }
        let mut run: Vec<(usize, Number)> = Vec::new();
        for k in lead + 1..n {
            let it = &d.sentences()[k];
            match &it.numbers[..] {
                [p] if it.section == s.section
                    && !it.heading
                    && !it.table
                    && p.kind == Kind::Percent
                    && !d.is_placed(p) =>
                {
                    run.push((k, p.clone()));
                }
                _ => break,
            }
        }
        let decimals = run.iter().map(|(_, p)| p.decimals).max().unwrap_or(0);
        if run.len() < 2 || decimals > super::MAX_DECIMALS {
            continue;
        }
        let label = squash(d.sentence(lead).trim_end_matches(':'));
        let total = hundred(d, lead, decimals, &label);
        let parts_list: Vec<Part> = run
            .iter()
            .map(|(k, p)| {
                let b = d.sentences()[*k].span.start;
                let text = d.sentence(*k);
                let words = squash(&format!(
                    "{}{}",
                    &text[..p.span.start - b],
                    &text[p.span.end - b..]
                ));
                Part::new(words, p.value)
            })
            .collect();
        let quote = std::iter::once(squash(d.sentence(lead)))
            .chain(run.iter().map(|(k, _)| squash(d.sentence(*k))))
            .collect::<Vec<_>>()
            .join(" ... ");
        let numbers: Vec<Number> = run.iter().map(|(_, p)| p.clone()).collect();
        parts::add(
            d,
            &label,
            total,
            decimals,
            parts_list,
            quote,
            lead,
            numbers.iter(),
        );
    }
}

/// A percentage figure for the whole (100%) a breakdown's shares make up, which the document
/// implies but does not print; quoted from sentence `si`.
pub(super) fn hundred(d: &mut Draft<'_>, si: usize, decimals: i32, of: &str) -> String {
    let id = d.id(&format!("{of} whole"));
    let quote = d.sentence(si).to_owned();
    d.ds.percentages.insert(
        id.clone(),
        Percentage {
            label: format!("the whole of '{of}' (100%, implied: not printed)"),
            value: 100.0,
            decimals,
            previous: None,
            polarity: None,
            period: None,
            previous_decimals: None,
            previous_period: None,
            earlier: Vec::new(),
            quote,
        },
    );
    format!("percentages.{id}")
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, ClaimKind, Status};

    fn sums(text: &str) -> Vec<Status> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        f.iter()
            .filter(|f| f.kind == ClaimKind::Sum)
            .map(|f| f.status)
            .collect()
    }

    #[test]
    fn percentages_that_make_up_a_whole() {
        // Dudley MBC, "How we have spent adult social care money" (2017/18): 6 + 46 + 48 =
        // 100; 3 + 7 + 34 + 56 = 100.
        let t = "The spend breaks down as:\n  • Mental health services spend 6%\n  • Services for adults aged over 65 spend 46%\n  • Services for working age adults spend 48%\n\nThe spend on adults under 65 breaks down as follows:\n  • Day services 3%\n  • Staffing (social work teams) 7%\n  • Residential and nursing home care (bed based) 34%\n  • Community services 56%\n";
        assert_eq!(sums(t), vec![Status::Consistent, Status::Consistent]);
        // 6 + 46 + 58 = 110: beyond what rounding three whole percentages allows.
        let t = "The spend breaks down as:\n  • Mental health services spend 6%\n  • Services for adults aged over 65 spend 46%\n  • Services for working age adults spend 58%\n";
        assert_eq!(sums(t), vec![Status::Inconsistent]);
        // A list with no lead-in saying it is a breakdown: nothing.
        let t = "Highlights:\n  • Satisfaction 64%\n  • Reviews 89%\n";
        assert!(sums(t).is_empty());
    }
}
