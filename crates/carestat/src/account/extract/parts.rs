//! Parts and their total: a list of figures under a heading that says what they break down
//! ("Expenditure by Service Type" / "- £101.1m for residential care" ...), with the total
//! stated before; or one sentence of parts after the total ("The number of carers ... was
//! 52,736 ... Of this figure 51,754 are adult carers and 982 are young carers").
//!
//! The total is the nearest figure before the parts, of the same kind and unit, larger than
//! every part and not itself a part. A list whose parts come nowhere near the total (below
//! 80% or above 120% of it) reads as a partial list ("including ..."), not a breakdown: it
//! is left as not understood rather than flagged.

use super::numbers::{Kind, Number};
use super::words::{find_word, squash};
use super::{money_unit, Draft};
use crate::account::claims::ClaimKind;
use crate::account::dataset::{Breakdown, Part};

const SECTIONS_BACK: usize = 3;
/// And at most this many sentences back (a text with no headings is one long section).
const SENTENCES_BACK: usize = 300;

pub(crate) fn parts(d: &mut Draft<'_>) {
    let n = d.sentences().len();
    let mut in_parts = vec![false; n];
    let mut si = 0;
    while si < n {
        // A run of list-like sentences, each one figure at its start, same kind.
        let Some(first) = lead(d, si) else {
            si += 1;
            continue;
        };
        let mut run = vec![(si, first)];
        let mut k = si + 1;
        while k < n && d.sentences()[k].section == d.sentences()[si].section {
            match lead(d, k) {
                Some(m) if same_unit(&m, &run[0].1) => run.push((k, m)),
                _ => break,
            }
            k += 1;
        }
        if run.len() >= 2 {
            for &(s, _) in &run {
                in_parts[s] = true;
            }
            list(d, &run, &in_parts);
        }
        si = k.max(si + 1);
    }
    for si in 0..n {
        of_this_figure(d, si);
        of_those_in_sentence(d, si);
    }
}

/// The one figure a list item starts with ("£71.1m for older people's services").
fn lead(d: &Draft<'_>, si: usize) -> Option<Number> {
    let s = &d.sentences()[si];
    if s.heading || s.table || s.numbers.len() != 1 {
        return None;
    }
    let m = &s.numbers[0];
    let at = m.span.start - s.span.start;
    let kind_ok = matches!(m.kind, Kind::Count) || money_unit(m.kind).is_some();
    (kind_ok && at <= 3 && d.sentence(si).len() < 160).then(|| m.clone())
}

fn same_unit(a: &Number, b: &Number) -> bool {
    a.kind == b.kind
}

fn part_label(d: &Draft<'_>, si: usize, m: &Number) -> String {
    let s = &d.sentences()[si];
    let rest = &d.sentence(si)[m.span.end - s.span.start..];
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("for ")
        .or_else(|| rest.strip_prefix("on "))
        .unwrap_or(rest);
    let label = squash(rest.trim_end_matches(['.', ',', ';']));
    let mut chars = label.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn list(d: &mut Draft<'_>, run: &[(usize, Number)], in_parts: &[bool]) {
    let first = run[0].0;
    let section = d.sentences()[first].section;
    let heading = d.split.sections[section].heading.map(|h| squash(d.text(h)));
    let intro = first.checked_sub(1).map(|p| d.lower(p)).unwrap_or_default();
    let says_breakdown = |t: &str| {
        let t = t.to_ascii_lowercase();
        find_word(&t, "by").is_some()
            || t.contains("breakdown")
            || t.contains("split")
            || t.contains("made up")
    };
    if !(heading.as_deref().is_some_and(says_breakdown)
        || (intro.trim_end().ends_with(':') && says_breakdown(&intro)))
    {
        for (_, m) in run {
            d.leave(
                m,
                "one of a list of figures with no heading saying what they break down",
            );
        }
        return;
    }
    let biggest = run.iter().map(|(_, m)| m.value).fold(0.0, f64::max);
    let sum: f64 = run.iter().map(|(_, m)| m.value).sum();
    // The total: the nearest figure before, same unit, larger than every part, not a part.
    let mut total = None;
    for p in (first.saturating_sub(SENTENCES_BACK)..first).rev() {
        let s = &d.sentences()[p];
        if section.saturating_sub(s.section) > SECTIONS_BACK {
            break;
        }
        if in_parts[p] || s.table {
            continue;
        }
        if let Some(m) = s
            .numbers
            .iter()
            .rev()
            .find(|m| same_unit(m, &run[0].1) && m.value > biggest)
        {
            total = Some((p, m.clone()));
            break;
        }
    }
    let Some((tp, tm)) = total else {
        for (_, m) in run {
            d.leave(
                m,
                "a part of a breakdown whose total the document does not state nearby",
            );
        }
        return;
    };
    if !(0.8 * tm.value..=1.2 * tm.value).contains(&sum) {
        for (_, m) in run {
            d.leave(
                m,
                "a list of parts that come nowhere near the total before it (a partial list?)",
            );
        }
        return;
    }
    let tlabel = super::words::label_after(
        d.sentence(tp),
        tm.span.end - d.sentences()[tp].span.start,
        tm.span.start - d.sentences()[tp].span.start,
    );
    let Some(total_ref) = d.figure(tp, &tm, &tlabel) else {
        return;
    };
    let label = heading.unwrap_or_else(|| "Breakdown".to_owned());
    let parts: Vec<Part> = run
        .iter()
        .map(|(s, m)| Part::new(part_label(d, *s, m), m.value))
        .collect();
    let decimals = run.iter().map(|(_, m)| m.decimals).max().unwrap_or(0);
    let quote = std::iter::once(label.clone())
        .chain(run.iter().map(|(s, _)| squash(d.sentence(*s))))
        .collect::<Vec<_>>()
        .join(" ... ");
    add(
        d,
        &label,
        total_ref,
        decimals,
        parts,
        quote,
        run[0].0,
        run.iter().map(|x| &x.1),
    );
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn add<'n>(
    d: &mut Draft<'_>,
    label: &str,
    total: String,
    decimals: i32,
    parts: Vec<Part>,
    quote: String,
    si: usize,
    numbers: impl Iterator<Item = &'n Number>,
) {
    let id = d.id(label);
    d.ds.breakdowns.insert(
        id.clone(),
        Breakdown::new(label, total, decimals, parts, quote),
    );
    let mut c = d.claim(ClaimKind::Sum, label, label, si);
    c.breakdown = Some(id.clone());
    if d.push_claim(c) {
        for m in numbers {
            d.use_number(m);
        }
    } else {
        d.ds.breakdowns.remove(&id);
    }
}

/// "Of this figure 51,754 are adult carers and 982 are young carers": parts of the one
/// figure of the sentence before. "Of those, 1,031 are in long term residential care and 333
/// are in long term nursing care" (Gateshead) reads the same, with a stricter band (the parts
/// within 2% of the total), as "of those" also starts partial lists.
fn of_this_figure(d: &mut Draft<'_>, si: usize) {
    let lower = d.lower(si);
    let starts: [(&str, f64); 9] = [
        ("of this figure", 0.2),
        ("of this total", 0.2),
        ("of these", 0.2),
        ("of the total", 0.2),
        ("of this number", 0.2),
        ("of whom", 0.2),
        ("of those", STRICT),
        ("of which", STRICT),
        ("of them", STRICT),
    ];
    let Some(&(_, band)) = starts.iter().find(|(w, _)| lower.starts_with(w)) else {
        return;
    };
    if si == 0 {
        return;
    }
    let s = d.sentences()[si].clone();
    if s.numbers.len() < 2
        || s.numbers
            .iter()
            .any(|m| m.kind != s.numbers[0].kind || d.is_placed(m))
    {
        return;
    }
    let p = si - 1;
    let ps = d.sentences()[p].clone();
    if ps.section != s.section {
        return;
    }
    let totals: Vec<&Number> = ps
        .numbers
        .iter()
        .filter(|m| same_unit(m, &s.numbers[0]))
        .collect();
    let [tm] = totals[..] else { return };
    let tm = tm.clone();
    let quote = format!("{} {}", squash(d.sentence(p)), squash(d.sentence(si)));
    add_parts_of(d, p, &tm, si, &s.numbers, band, quote);
}

/// The parts within 2% of their total: what "of those" / "of which" must meet to be read as a
/// breakdown rather than a partial list.
const STRICT: f64 = 0.02;

/// "3,750 people have been supported by adult social care - of those, 885 people were aged 18
/// to 64 and 2,865 were aged 65+" (Gateshead): the total and its parts in one sentence, the
/// total the one count before "of those" (or "of whom", "of which", "of these"), the phrase
/// opening a clause (after a dash, comma, colon or bracket), two or more counts after it,
/// within 2% of the total, and no words of change in the sentence.
fn of_those_in_sentence(d: &mut Draft<'_>, si: usize) {
    let s = d.sentences()[si].clone();
    if s.heading || s.table || s.numbers.len() < 3 || s.numbers.iter().any(|m| d.is_placed(m)) {
        return;
    }
    let lower = d.lower(si);
    let Some(at) = ["of those", "of whom", "of which", "of these", "of them"]
        .iter()
        .filter_map(|w| find_word(&lower, w))
        .min()
    else {
        return;
    };
    let base = s.span.start;
    let (before, after): (Vec<&Number>, Vec<&Number>) =
        s.numbers.iter().partition(|m| m.span.end - base <= at);
    let [tm] = before[..] else { return };
    // Counts of people or things, the phrase opening a clause ("... care - of those, 885"),
    // and no change over time ("6% of these ... (a 1% increase on last year's 5%)" is no
    // breakdown).
    let opens_clause = lower[..at]
        .trim_end()
        .ends_with(['-', '–', ',', ';', ':', '(']);
    let changes = ["increase", "decrease", "last year", "previous", "compared"]
        .iter()
        .any(|w| lower.contains(w));
    if tm.kind != Kind::Count
        || !opens_clause
        || changes
        || after.len() < 2
        || after.iter().any(|m| m.kind != tm.kind)
        || lower[..at].contains(" and ")
    {
        return;
    }
    let tm = tm.clone();
    let parts: Vec<Number> = after.into_iter().cloned().collect();
    let quote = squash(d.sentence(si));
    add_parts_of(d, si, &tm, si, &parts, STRICT, quote);
}

/// Adds the breakdown of total `tm` (in sentence `ts`) into the figures `numbers` of
/// sentence `si`, when their sum is within `band` (a fraction) of the total.
fn add_parts_of(
    d: &mut Draft<'_>,
    ts: usize,
    tm: &Number,
    si: usize,
    numbers: &[Number],
    band: f64,
    quote: String,
) {
    let sum: f64 = numbers.iter().map(|m| m.value).sum();
    if !((1.0 - band) * tm.value..=(1.0 + band) * tm.value).contains(&sum) {
        return;
    }
    let s = &d.sentences()[si];
    let base = s.span.start;
    let text = d.sentence(si);
    let parts: Vec<Part> = numbers
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let end = numbers
                .get(i + 1)
                .map_or(text.len(), |x| x.span.start - base);
            let seg = &text[m.span.end - base..end];
            let seg = seg
                .trim_start()
                .trim_start_matches("are ")
                .trim_start_matches("is ")
                .trim_start_matches("were ");
            let seg = seg
                .trim_end()
                .trim_end_matches(" and")
                .trim_end_matches([',', '.']);
            Part::new(squash(seg), m.value)
        })
        .collect();
    let tb = d.sentences()[ts].span.start;
    let tlabel = super::words::label_after(d.sentence(ts), tm.span.end - tb, tm.span.start - tb);
    let Some(total_ref) = d.figure(ts, tm, &tlabel) else {
        return;
    };
    let label = format!("{tlabel} by part");
    let decimals = numbers.iter().map(|m| m.decimals).max().unwrap_or(0);
    add(
        d,
        &label,
        total_ref,
        decimals,
        parts,
        quote,
        si,
        numbers.iter(),
    );
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Status};

    #[test]
    fn birmingham_spend_by_service_type() {
        // Seed 000 (Birmingham 2022/23): 101.1 + 86.8 + 8.2 + 43.7 + 81.4 = 321.2, not 326.4
        // (five parts to 0.1 allow at most 0.25 + 0.05 of rounding).
        let t = "£326.4m Was spent on Adults Social Care an increase of 12.4% from the previous report.\n\nExpenditure by Service Type\n\n- £101.1m for residential care\n- £86.8m for home support\n- £8.2m for day care\n- £43.7m for direct payments\n- £81.4m for other services\n";
        let x = extract(&Document::from_plain_text(t));
        let b = x.dataset.breakdowns.values().next().unwrap();
        assert_eq!(b.parts.len(), 5);
        assert_eq!(b.parts[0].label, "Residential care");
        let f = audit(&x.dataset).unwrap();
        let sum = f
            .iter()
            .find(|f| f.kind == crate::account::ClaimKind::Sum)
            .unwrap();
        assert_eq!(sum.status, Status::Inconsistent);
    }

    #[test]
    fn a_list_without_a_breakdown_heading_is_not_summed() {
        // Seed 000's carers list: figures of different things, no total.
        let t = "Carers\n\n- There have been 2736 New carers identified and registered.\n- There have been 2638 Carers Assessments undertaken.\n";
        let x = extract(&Document::from_plain_text(t));
        assert!(x.dataset.breakdowns.is_empty());
        assert_eq!(x.not_understood.len(), 2);
    }

    #[test]
    fn of_those_in_one_sentence_and_the_next() {
        // Gateshead, Adult Social Care Local Account 2023/24, "Who we have supported during
        // 2023/24" (https://www.gateshead.gov.uk/article/29693/Who-we-have-supported-during-2023-24):
        // 885 + 2,865 = 3,750; 1,031 + 333 = 1,364.
        let t = "during 2023/24, 3,750 people have been supported by adult social care - of those, 885 people were aged 18 to 64 and 2,865 were aged 65+\n\nWe have 1,364 people in residential or nursing care. Of those, 1,031 are in long term residential care and 333 are in long term nursing care\n";
        let x = extract(&Document::from_plain_text(t));
        let f = audit(&x.dataset).unwrap();
        let sums: Vec<_> = f
            .iter()
            .filter(|f| f.kind == crate::account::ClaimKind::Sum)
            .collect();
        assert_eq!(sums.len(), 2, "{:?}", x.dataset.claims);
        assert!(sums.iter().all(|f| f.status == Status::Consistent));
        // Parts far from the total are a partial list: not read (3,750 against 885 + 2,000).
        let t = "3,750 people have been supported - of those, 885 people were aged 18 to 64 and 2,000 lived alone\n";
        let x = extract(&Document::from_plain_text(t));
        assert!(x.dataset.breakdowns.is_empty());
        // Percentages with a change are no breakdown (seed 004: "6% of these requests resulted
        // in a long-term service (a 1% increase on last year's 5%)").
        let t = "6% of these requests resulted in a long-term service (a 1% increase on last year's 5%).\n";
        assert!(extract(&Document::from_plain_text(t))
            .dataset
            .breakdowns
            .is_empty());
        // Within 2% but not equal: a breakdown that does not add up (885 + 2,866 = 3,751).
        let t = "3,750 people have been supported - of those, 885 people were aged 18 to 64 and 2,866 were aged 65+\n";
        let x = extract(&Document::from_plain_text(t));
        assert_eq!(audit(&x.dataset).unwrap()[0].status, Status::Inconsistent);
    }

    #[test]
    fn of_this_figure() {
        // Seed 004 (Worcestershire 2023/24): 51,754 + 982 = 52,736.
        let t = "The number of carers identified in Worcestershire was 52,736 in the last census in 2021.\nOf this figure 51,754 are adult carers and 982 are young carers and young adult carers.\n";
        let x = extract(&Document::from_plain_text(t));
        let f = audit(&x.dataset).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].status, Status::Consistent);
    }
}
