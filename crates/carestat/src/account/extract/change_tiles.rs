//! Figures side by side ("tiles" of an infographic, as PDF text gives them): a line of
//! figures standing alone, then their captions interleaved line by line, so that one line
//! holds each tile's change phrase in turn:
//!
//! ```text
//! 3963 & 3933 % 1549
//! DoLS applications were DoLS applications were people are waiting for
//! received, which is an completed, which is an an assessment as of 31st
//! increase of 13% from increase of 18% from March, of which 406 are
//! ```
//!
//! Read left to right, the k-th change phrase of that line belongs to the k-th figure
//! (Worcestershire's Local Account 2023/24: 3963 received, up 13%; 3933 completed, up 18%;
//! the third tile has no change). Paired only when at least two change phrases share one
//! line, the caption states no figure of its own before them, and the sentence just before
//! is figures alone (no word of three letters), of one kind, at least as many as the
//! phrases. The pairing is by position, so the draft says so in its notes.

use super::super::numbers::Number;
use super::super::Draft;

/// For each change phrase (`(start, end, number index)` relative to sentence `si`, in order),
/// the figure of the tile it captions; `None` unless the layout is as above.
pub(super) fn tiles(
    d: &mut Draft<'_>,
    si: usize,
    phrases: &[(usize, usize, usize)],
    nums: &[Number],
) -> Option<Vec<(usize, Number)>> {
    let (first, last) = (phrases.first()?, phrases.last()?);
    if phrases.len() < 2 {
        return None;
    }
    let text = d.sentence(si);
    if text.get(first.0..last.1)?.contains('\n') {
        return None;
    }
    let base = d.sentences()[si].span.start;
    let own_before = nums.iter().any(|n| n.span.end - base <= first.0);
    if own_before {
        return None;
    }
    let p = si.checked_sub(1)?;
    let (s, ps) = (&d.sentences()[si], &d.sentences()[p]);
    if ps.section != s.section || ps.table || ps.heading {
        return None;
    }
    let alone = d
        .sentence(p)
        .split(|c: char| !c.is_alphabetic())
        .all(|w| w.len() < 3);
    let figures = &ps.numbers;
    let kind = figures.first()?.kind;
    if !alone || figures.len() < phrases.len() || figures.iter().any(|n| n.kind != kind) {
        return None;
    }
    let note = format!(
        "figures side by side ({:?}) were paired with the change phrases of their captions by position, left to right: check the pairing",
        d.sentence(p)
    );
    d.ds.notes.push(note);
    Some(
        figures[..phrases.len()]
            .iter()
            .map(|n| (p, n.clone()))
            .collect(),
    )
}
