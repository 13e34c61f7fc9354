//! Recall of the extractor on the seeds (issue 13): the claims `account::extract` reads from
//! each seed's text, against the claims of the bundled hand-encoded datasets in
//! `examples/data` (their sources, `examples/data/sources`, are byte for byte the seeds:
//! 000 Birmingham Local Account 2022/23, 001 + 003 Birmingham CQC assessment 2023, 004
//! Worcestershire Local Account 2023/24, text from a PDF).
//!
//! A bundled claim is found when an extracted claim of the same kind states the same number
//! about a figure of the same value (a change's subject, a share's denominator, a rate's
//! numerator, a sum's parts, a rating share's counts, a CQC band). The test prints the recall
//! per seed, the verdicts that differ, the claims it missed and the inconsistencies the
//! extractor raises that the bundled dataset does not, then asserts the floors measured
//! (never more than measured).

use std::path::PathBuf;

use carestat::account::extract::extract;
use carestat::account::read::Document;
use carestat::account::{audit, Claim, ClaimKind, Dataset, Finding, Status};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data")
}

fn source(name: &str) -> String {
    std::fs::read_to_string(root().join("sources").join(name)).unwrap()
}

fn bundled(name: &str) -> Dataset {
    Dataset::from_json_str(&std::fs::read_to_string(root().join(name)).unwrap()).unwrap()
}

/// The value of a figure reference (`counts.x`, `percentages.x.previous`, ...).
fn value(ds: &Dataset, reference: &str) -> Option<f64> {
    let mut it = reference.split('.');
    let (section, id) = (it.next()?, it.next()?);
    let previous = it.next() == Some("previous");
    match section {
        "counts" => ds
            .counts
            .get(id)
            .and_then(|c| if previous { c.previous } else { Some(c.value) })
            .map(|v| v as f64),
        "percentages" => {
            ds.percentages
                .get(id)
                .and_then(|p| if previous { p.previous } else { Some(p.value) })
        }
        "spend" => ds
            .spend
            .get(id)
            .and_then(|m| if previous { m.previous } else { Some(m.value) }),
        "populations" => ds.populations.get(id).map(|p| p.value as f64),
        _ => None,
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn refv(ds: &Dataset, r: Option<&String>) -> Option<f64> {
    r.and_then(|r| value(ds, r))
}

fn ratings_of(ds: &Dataset, c: &Claim) -> Option<[u64; 6]> {
    let id = c.ratings.as_deref()?;
    let r = ds.ratings.get(id.strip_prefix("ratings.").unwrap_or(id))?;
    Some([
        r.outstanding,
        r.good,
        r.requires_improvement,
        r.inadequate,
        r.not_rated,
        r.inadequate_or_not_rated,
    ])
}

fn parts_of(ds: &Dataset, c: &Claim) -> Option<Vec<i64>> {
    let id = c.breakdown.as_deref()?;
    let b = ds
        .breakdowns
        .get(id.strip_prefix("breakdowns.").unwrap_or(id))?;
    let mut v: Vec<i64> = b
        .parts
        .iter()
        .map(|p| (p.value * 1000.0).round() as i64)
        .collect();
    v.sort_unstable();
    Some(v)
}

/// Whether extracted claim `e` (in `ex`) is bundled claim `b` (in `bd`).
fn matches(bd: &Dataset, b: &Claim, ex: &Dataset, e: &Claim) -> bool {
    if b.kind != e.kind || !same(b.stated, e.stated) {
        return false;
    }
    match b.kind {
        ClaimKind::Change => {
            b.decimals == e.decimals
                && same(refv(bd, b.subject.as_ref()), refv(ex, e.subject.as_ref()))
        }
        ClaimKind::Direction => {
            b.direction == e.direction
                && same(refv(bd, b.subject.as_ref()), refv(ex, e.subject.as_ref()))
        }
        ClaimKind::Share => same(
            refv(bd, b.denominator.as_ref()),
            refv(ex, e.denominator.as_ref()),
        ),
        ClaimKind::Rate => same(
            refv(bd, b.numerator.as_ref()),
            refv(ex, e.numerator.as_ref()),
        ),
        ClaimKind::RatingShare => {
            ratings_of(bd, b).is_some() && ratings_of(bd, b) == ratings_of(ex, e)
        }
        ClaimKind::Sum => parts_of(bd, b).is_some() && parts_of(bd, b) == parts_of(ex, e),
        ClaimKind::CqcRating => b.band == e.band,
        ClaimKind::StockFlow => b.flow == e.flow,
        ClaimKind::Calculation => b.calculation == e.calculation,
        ClaimKind::Comparison => {
            b.relation == e.relation
                && b.benchmark.as_ref().and_then(|x| x.value)
                    == e.benchmark.as_ref().and_then(|x| x.value)
        }
        ClaimKind::Restatement => same(refv(bd, b.subject.as_ref()), refv(ex, e.subject.as_ref())),
    }
}

struct Measured {
    found: usize,
    total: usize,
    same_verdicts: usize,
    inconsistencies_found: usize,
    inconsistencies: usize,
    false_alarms: Vec<String>,
}

/// A finding an analyst must look at: inconsistent, or ambiguous (readings that disagree).
/// "Inconsistencies" below counts both.
fn flagged(status: Status) -> bool {
    matches!(status, Status::Inconsistent | Status::Ambiguous)
}

fn measure(seed: &str, text: &str, dataset: &str) -> Measured {
    let doc = Document::from_plain_text(text);
    let x = extract(&doc);
    let ex = &x.dataset;
    let bd = bundled(dataset);
    let ef: Vec<Finding> = audit(ex).unwrap();
    let bf: Vec<Finding> = audit(&bd).unwrap();
    let mut taken = vec![false; ex.claims.len()];
    let mut m = Measured {
        found: 0,
        total: bd.claims.len(),
        same_verdicts: 0,
        inconsistencies_found: 0,
        inconsistencies: 0,
        false_alarms: Vec::new(),
    };
    let mut missed = Vec::new();
    let mut differ = Vec::new();
    let mut matched_inconsistent = vec![false; ex.claims.len()];
    for (b, bfi) in bd.claims.iter().zip(&bf) {
        if flagged(bfi.status) {
            m.inconsistencies += 1;
        }
        let hit = (0..ex.claims.len()).find(|&i| !taken[i] && matches(&bd, b, ex, &ex.claims[i]));
        match hit {
            Some(i) => {
                taken[i] = true;
                m.found += 1;
                if ef[i].status == bfi.status {
                    m.same_verdicts += 1;
                    if flagged(bfi.status) {
                        m.inconsistencies_found += 1;
                        matched_inconsistent[i] = true;
                    }
                } else {
                    differ.push(format!(
                        "{} ({:?} bundled, {:?} extracted)",
                        b.id, bfi.status, ef[i].status
                    ));
                }
            }
            None => missed.push(format!("{} ({}: {:?})", b.id, b.kind.name(), b.text)),
        }
    }
    for (i, f) in ef.iter().enumerate() {
        if flagged(f.status) && !matched_inconsistent[i] {
            m.false_alarms.push(format!("{}: {}", f.claim, f.reason));
        }
    }
    println!(
        "seed {seed}: recall {}/{} = {:.1}%; same verdict {}/{}; inconsistencies (or ambiguities) found {}/{}; extra claims {}; not understood {}",
        m.found,
        m.total,
        100.0 * m.found as f64 / m.total as f64,
        m.same_verdicts,
        m.found,
        m.inconsistencies_found,
        m.inconsistencies,
        ex.claims.len() - m.found,
        x.not_understood.len()
    );
    for s in &missed {
        println!("  missed: {s}");
    }
    for s in &differ {
        println!("  verdict differs: {s}");
    }
    for s in &m.false_alarms {
        println!("  inconsistent, not in the bundled dataset: {s}");
    }
    m
}

#[test]
fn recall_on_the_seeds() {
    let b000 = measure(
        "000",
        &source("birmingham-local-account-2022-23.txt"),
        "birmingham-2022-23.json",
    );
    let cqc = format!(
        "{}\n\n{}",
        source("birmingham-cqc-assessment-2023-summary.txt"),
        source("birmingham-cqc-assessment-2023-governance.txt")
    );
    let b001 = measure("001+003", &cqc, "birmingham-cqc-2023.json");
    let w004 = measure(
        "004",
        &source("worcestershire-local-account-2023-24.txt"),
        "worcestershire-2023-24.json",
    );

    // Floors as measured (see the printed figures); the targets are 95% for the
    // clean seeds and 70% for 004.
    // 19 of 19, with "over 10 coproduction projects ... these include" and its 11 names (a
    // sum with a hedged total).
    assert_eq!((b000.found, b000.total), (19, 19));
    assert_eq!(b000.same_verdicts, b000.found);
    assert_eq!(b000.inconsistencies_found, b000.inconsistencies);
    assert!(b000.false_alarms.is_empty());

    // Seed 003's "3.2% per 100,000 residents" has no population in the document (the
    // bundled dataset brings Census 2021's): the extractor drafts the rate without one, and
    // its per cent sign makes it inconsistent whatever the population, as in the bundled
    // dataset (measured: 6/6 found, 1/1 inconsistencies).
    assert_eq!(b001.total, 6);
    assert_eq!(b001.found, 6);
    assert_eq!(b001.inconsistencies_found, b001.inconsistencies);
    assert_eq!(b001.same_verdicts, b001.found);
    assert!(b001.false_alarms.is_empty());

    // Seed 004 (PDF text, columns interleaved). Measured on the 17 claims of format 1:
    // 10/17 found (59%, below the 70%), 9 of them with the bundled verdict, 1 of 2
    // inconsistencies (the other is the 803 per 100,000 rate, whose numerator is last year's
    // count derived from the "543 concerns" change, whose words are split across two
    // interleaved columns). The format-2 dataset has 20 claims (the DoLS rate for last year,
    // the rising concerns, the 1.5% restated): measured 11/20, 9 same verdicts, 1 of 4
    // inconsistencies. With the 5 comparisons with England and peers it has 25 claims; the
    // extractor drafted no comparison claims then, so 11/25. With the 9 restatements of
    // figures printed twice (which the extractor does not draft) it has 34; the extractor
    // now drafts the two comparisons with England (803 against 1313, 269 against 387; the
    // peers' "(peers 625 and WCC 618)" prints the comparator first): 13/34. With the
    // restatements of figures printed more than once (all 9: £309m, £258.1m and 485,737
    // twice each, and the 73%, its "increase of 19%" and the 84% under "Celebrating
    // Success") and the directions in the interleaved captions of the "99% 1025" tiles
    // ("a decrease ... from 1309", "remained the same"): 24/34 (70.6%), 22 of them with the
    // bundled verdict. The one extra claim is the second "increase of 19%" read as a change
    // of the second printing of 73% (unchecked: no previous value), beside its restatement.
    // With the absolute change named by its noun across the interleaved columns ("an
    // increase of" / "543 concerns from previous year": last year's 3,912 concerns), last
    // year's rates per 100,000 with last year's counts (803 for 3,912 concerns: inconsistent,
    // 805.4; 269 for 1,309 enquiries started: consistent), and the OCR "27/0" read as 27%
    // with "the rate of concerns that led to an enquiry" (a share of the 4,455 concerns with
    // the enquiry counts as candidates: unchecked) and its "down 11% from last year"
    // (inconsistent: neither candidate's last-year rate gives -11%): 29/34 (85.3%), 27 with
    // the bundled verdict, 3 of 4 inconsistencies. With the labelled values in brackets
    // ("just below ... (peers 625 and WCC 618)", "well below ... (peers 2016 and WCC 1440)":
    // the label, not the order, tells the area's value, "WCC" being the council's initials)
    // and the 27% rise of the 65+ population against the "national average increase of 20%"
    // (the sentence ends at "compared to" and goes on after the infographic's "20%"; its one
    // relation word, "higher", is the comparison's as the bundled dataset reads it): 32/34
    // (94.1%), 30 with the bundled verdict, 3 of 4 inconsistencies. Still missed: the DoLS
    // rate for last year (618 per 100,000: inconsistent in the bundled dataset), because the
    // words "applications completed" name both DoLS tiles (3963 received, 3933 completed:
    // their captions are interleaved in one sentence, so either count's context holds
    // "completed"). With "The rising rate of safeguarding concerns" read as a direction on
    // the concerns count (checked against last year's 3,912 implied by "an increase of
    // 543"): 33/34 (97.1%), 31 with the bundled verdict. The two 1.5% shares are drafted
    // without their numerator (7,128 "receiving a monthly service" is not read as
    // "receiving support"), so they stay unchecked.
    assert_eq!(w004.total, 34);
    assert!(w004.found >= 33, "{}", w004.found);
    assert!(w004.same_verdicts >= 31, "{}", w004.same_verdicts);
    assert!(
        w004.inconsistencies_found >= 3,
        "{}",
        w004.inconsistencies_found
    );
    assert!(w004.false_alarms.is_empty());
}
