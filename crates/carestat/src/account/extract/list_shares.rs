//! Lists whose items each give a part and its share: "Our budget in 2013/14 ... was £71.5m."
//! then "• 43% Older people ... (£31.1m)", "• 44% People with learning difficulties
//! (£31.4m)" ... (South Gloucestershire); or "In 2024 we surveyed:" then "• 120 people
//! receiving nursing care (7.5% of the sample)" ... (Cambridgeshire).
//!
//! A run of at least two consecutive items of one section, each with exactly one percentage
//! and one other figure, all of one kind. The run is read only when its percentages add up to
//! 100 within their rounding: then it is the whole breakdown, and its total is
//!
//! * the one figure of that kind in the sentence just before the run, larger than every
//!   part ("was £71.5m."), or else
//! * a count stated earlier in the document that equals the sum of the parts exactly ("sent
//!   out 1597 surveys": 120 + 274 + 1203).
//!
//! Each item is then a share part / total stated as its percentage, and the parts add up to
//! the total (a sum claim). Without such a total the items are left as not understood.

use super::numbers::{Kind, Number};
use super::parts;
use super::words::squash;
use super::{money_unit, Draft};
use crate::account::claims::ClaimKind;
use crate::account::dataset::Part;

struct Item {
    si: usize,
    percent: Number,
    part: Number,
}

pub(crate) fn list_shares(d: &mut Draft<'_>) {
    let n = d.sentences().len();
    let mut si = 0;
    while si < n {
        let mut run: Vec<Item> = Vec::new();
        let mut k = si;
        while k < n {
            let same = run.first().is_none_or(|f: &Item| {
                let (a, b) = (&d.sentences()[f.si], &d.sentences()[k]);
                a.section == b.section
            });
            match item(d, k) {
                Some(it) if same && run.first().is_none_or(|f| f.part.kind == it.part.kind) => {
                    run.push(it);
                }
                _ => break,
            }
            k += 1;
        }
        if run.len() >= 2 {
            read_run(d, &run);
        }
        si = k.max(si + 1);
    }
}

/// A list item with one percentage and one count or money figure, neither placed yet.
fn item(d: &Draft<'_>, si: usize) -> Option<Item> {
    let s = &d.sentences()[si];
    if s.heading || s.table || d.sentence(si).len() > 200 {
        return None;
    }
    let [a, b] = &s.numbers[..] else { return None };
    let (percent, part) = match (a.kind, b.kind) {
        (Kind::Percent, _) => (a, b),
        (_, Kind::Percent) => (b, a),
        _ => return None,
    };
    let part_ok =
        (part.kind == Kind::Count && part.decimals == 0) || money_unit(part.kind).is_some();
    (part_ok
        && part.kind != Kind::Percent
        && percent.value <= 100.0
        && !d.is_placed(percent)
        && !d.is_placed(part))
    .then(|| Item {
        si,
        percent: percent.clone(),
        part: part.clone(),
    })
}

fn read_run(d: &mut Draft<'_>, run: &[Item]) {
    let sum_pct: f64 = run.iter().map(|i| i.percent.value).sum();
    let slack: f64 = run
        .iter()
        .map(|i| 0.5 * 10f64.powi(-i.percent.decimals))
        .sum();
    if (sum_pct - 100.0).abs() > slack + 1e-9 {
        return;
    }
    let biggest = run.iter().map(|i| i.part.value).fold(0.0, f64::max);
    let sum: f64 = run.iter().map(|i| i.part.value).sum();
    let kind = run[0].part.kind;
    let first = run[0].si;
    // The one figure of the kind in the sentence just before, larger than every part.
    let intro = first.checked_sub(1).and_then(|p| {
        let s = &d.sentences()[p];
        let of_kind: Vec<&Number> = s.numbers.iter().filter(|n| n.kind == kind).collect();
        match of_kind[..] {
            [t] if t.value > biggest && s.section == d.sentences()[first].section => {
                Some((p, t.clone()))
            }
            _ => None,
        }
    });
    // Else a count stated before that is exactly the parts' sum.
    let total = intro.or_else(|| {
        if kind != Kind::Count {
            return None;
        }
        // Within the 300 sentences before (a sample size is stated near its breakdown).
        (first.saturating_sub(300)..first).rev().find_map(|p| {
            d.sentences()[p]
                .numbers
                .iter()
                .find(|n| n.kind == Kind::Count && n.value == sum)
                .map(|n| (p, n.clone()))
        })
    });
    let Some((tp, t)) = total else { return };
    let tb = d.sentences()[tp].span.start;
    let tlabel = super::words::label_after(d.sentence(tp), t.span.end - tb, t.span.start - tb);
    let Some(total_ref) = d.figure(tp, &t, &tlabel) else {
        return;
    };
    let mut parts_list = Vec::new();
    for it in run {
        let label = label(d, it);
        let Some(part_ref) = d.figure(it.si, &it.part, &label) else {
            return;
        };
        let text = squash(d.sentence(it.si));
        let mut c = d.claim(ClaimKind::Share, &label, &text, it.si);
        c.numerator = Some(part_ref);
        c.denominator = Some(total_ref.clone());
        c.stated = Some(it.percent.value);
        c.decimals = Some(it.percent.decimals);
        if d.push_claim(c) {
            d.use_number(&it.percent);
        }
        parts_list.push(Part::new(label, it.part.value));
    }
    let decimals = run.iter().map(|i| i.part.decimals).max().unwrap_or(0);
    let quote = run
        .iter()
        .map(|i| squash(d.sentence(i.si)))
        .collect::<Vec<_>>()
        .join(" ... ");
    // The claims are quoted from the list's lead-in sentence when it has one.
    let lead = first
        .checked_sub(1)
        .filter(|&p| d.sentences()[p].section == d.sentences()[first].section)
        .unwrap_or(first);
    let heading = format!("{tlabel} by part");
    let numbers: Vec<Number> = run.iter().map(|i| i.part.clone()).collect();
    parts::add(
        d,
        &heading,
        total_ref,
        decimals,
        parts_list,
        quote.clone(),
        lead,
        numbers.iter(),
    );
    // And the percentages make up the whole (checked above, within their rounding).
    let pd = run.iter().map(|i| i.percent.decimals).max().unwrap_or(0);
    if pd > super::MAX_DECIMALS {
        return;
    }
    let shares = format!("{tlabel} shares");
    let whole = super::percent_lists::hundred(d, lead, pd, &shares);
    let pcts: Vec<Part> = run
        .iter()
        .map(|i| Part::new(label(d, i), i.percent.value))
        .collect();
    parts::add(d, &shares, whole, pd, pcts, quote, lead, std::iter::empty());
}

/// The item's words without its figures: "Older people including ...".
fn label(d: &Draft<'_>, it: &Item) -> String {
    let s = &d.sentences()[it.si];
    let text = d.sentence(it.si);
    let mut out = String::new();
    let mut at = 0;
    let mut spans = [it.percent.span, it.part.span];
    spans.sort_by_key(|x| x.start);
    for sp in spans {
        out.push_str(&text[at..sp.start - s.span.start]);
        at = sp.end - s.span.start;
    }
    out.push_str(&text[at..]);
    let l = squash(&out.replace(['(', ')'], " "));
    l.split(' ').take(8).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, ClaimKind, Status};

    fn read(text: &str) -> Vec<(ClaimKind, Option<f64>, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .map(|(c, f)| (c.kind, c.stated, f.status))
            .collect()
    }

    #[test]
    fn shares_of_a_total_stated_before_the_list() {
        use ClaimKind::{Share, Sum};
        use Status::{Consistent, Inconsistent};
        // South Gloucestershire Council, Local Account (spending 2013/14): 31.1 / 71.5 =
        // 43.497% (43); 31.4 / 71.5 = 43.92% (44); 1.7 / 71.5 = 2.38%, printed 3% (even at
        // 1.75 / 71.45 = 2.45%: inconsistent); 31.1 + 31.4 + 4.5 + 2.8 + 1.7 = 71.5.
        let t = "Our budget in 2013/14 for Adult Social Care Services was £71.5m.\n\n  • 43% Older people including physically disabled people and those with long term conditions (£31.1m)\n  • 44% People with learning difficulties (£31.4m)\n  • 6% Our own provider services (£4.5m)\n  • 4% Support and service management (£2.8m)\n  • 3% Adults of working age mental health services (£1.7m)\n";
        assert_eq!(
            read(t),
            vec![
                (Share, Some(43.0), Consistent),
                (Share, Some(44.0), Consistent),
                (Share, Some(6.0), Consistent),
                (Share, Some(4.0), Consistent),
                (Share, Some(3.0), Inconsistent),
                (Sum, None, Consistent),
                (Sum, None, Consistent),
            ]
        );
    }

    #[test]
    fn shares_of_a_sample_whose_size_is_stated_earlier() {
        // Cambridgeshire County Council, Adult Social Care Survey 2024: 120 + 274 + 1203 =
        // 1597 surveys sent; 120 / 1597 = 7.51%, 274 / 1597 = 17.16%, 1203 / 1597 = 75.33%.
        let t = "In 2024, Cambridgeshire County Council sent out 1597 surveys and received back 464 responses.\n\nIn 2024 we surveyed:\n  • 120 people receiving nursing care (7.5% of the sample)\n  • 274 people receiving residential care (17.2% of the sample)\n  • 1203 people receiving care in their own home or community (75.3% of the sample)\n";
        let got = read(t);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got.iter().all(|c| c.2 == Status::Consistent), "{got:?}");
        // Shares that do not make up 100%: a selection, not read.
        let t = "We spent £71.5m.\n\n  • 43% Older people (£31.1m)\n  • 20% People with learning difficulties (£31.4m)\n";
        assert!(read(t).is_empty());
    }
}
