//! Tests of [`super`]: the tiles of seed 004 (Worcestershire's Local Account 2023/24,
//! `examples/data/sources/worcestershire-local-account-2023-24.txt`, text from a PDF), byte
//! for byte, and layouts that must not be read.
use crate::account::audit;
use crate::account::claims::{ClaimKind, Direction};
use crate::account::extract::extract;
use crate::account::read::Document;
use crate::account::Status;

/// (figure value, previous value, direction, audit status) of each direction claim.
fn directions(text: &str) -> Vec<(f64, Option<f64>, Direction, Status)> {
    let x = extract(&Document::from_plain_text(text));
    let ds = &x.dataset;
    let findings = audit(ds).unwrap();
    ds.claims
        .iter()
        .zip(&findings)
        .filter(|(c, _)| c.kind == ClaimKind::Direction)
        .map(|(c, f)| {
            let r = c.subject.clone().unwrap();
            let (sec, id) = r.split_once('.').unwrap();
            let (v, p) = match sec {
                "counts" => (
                    ds.counts[id].value as f64,
                    ds.counts[id].previous.map(|p| p as f64),
                ),
                _ => (ds.percentages[id].value, ds.percentages[id].previous),
            };
            (v, p, c.direction.unwrap(), f.status)
        })
        .collect()
}

const SEED: &str = "99%\n1025 “ of people fully achieved/partially achieved\n\n\
    Section 42 Safeguarding outcomes, which remained the same as last\n\n\
    enquiries commenced, a decrease year's figure.\nfrom 1309 the previous year.\n\n\
    We continue to closely monitor our all activity and have recently reviewed and implemented new ways\n\
    of working to improve our systems and processes.\n";

#[test]
fn interleaved_captions_are_paired_by_kind() {
    let mut got = directions(SEED);
    got.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    assert_eq!(
        got,
        [
            (99.0, None, Direction::Same, Status::Unchecked),
            (
                1025.0,
                Some(1309.0),
                Direction::Decrease,
                Status::Consistent
            ),
        ]
    );
    let x = extract(&Document::from_plain_text(SEED));
    assert!(x.dataset.notes.iter().any(|n| n.contains("by kind")));
}

#[test]
fn two_figures_of_one_kind_are_not_paired() {
    // Which count fell from 1309? Left to right cannot be read back.
    let text = SEED.replace("99%", "1099");
    assert!(directions(&text).is_empty(), "{:?}", directions(&text));
    // Three figures, one phrase for the one count and one "same": two percentages left.
    let text = SEED.replace("99%", "99% 82%");
    assert!(directions(&text).is_empty(), "{:?}", directions(&text));
}

#[test]
fn captions_with_change_numbers_are_left_to_change() {
    // The DoLS tiles of seed 004: change numbers, read by `change` (`change_tiles`).
    let text = "13% 18%\n\nincrease increase\n\n3963 & 3933 % 1549\n\n\
        DolLS applications were DolLS applications were people are waiting for\n\
        received, which is an completed, which is an an assessment as of 31st\n\
        increase of 13% from increase of 18% from March, of which 406 are\n\
        last year. last year. classed as high priority.\n";
    assert!(directions(text).is_empty(), "{:?}", directions(text));
}

#[test]
fn prose_after_figures_is_not_a_caption() {
    let text = "99% 1025\n\nWe continue to closely monitor our activity, and the number of visits \
        to our website remained the same as last year across the county.\n";
    assert!(directions(text).is_empty(), "{:?}", directions(text));
}
