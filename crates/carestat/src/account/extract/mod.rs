//! Extraction: a draft dataset read from a document (issue 13).
//!
//! A pipeline of small recognisers over the document's sentences (`sentences`): the
//! numbers as councils print them ([`numbers`]), then one module per claim pattern: changes
//! and previous values (`change`), shares (`share`), provider ratings and CQC scores
//! (`ratings`), parts and their total (`parts`; a hedged count confirmed by the list after
//! "include": `include_lists`), populations and rates (`rate`), comparisons with England or
//! peers (`comparison`), directions in the interleaved captions of figures side by side
//! (`tile_directions`) or right beside a figure ("38%, unchanged from last year":
//! `same_as_before`) or in words alone ("the rising rate of safeguarding concerns":
//! `trend_words`), and, last, figures printed more than once (`restatements`).
//!
//! Precision before recall: a pattern makes a claim only when it can tell what every number
//! in it refers to. Every quantity no pattern placed is listed in
//! [`Extraction::not_understood`] with its sentence, so nothing is dropped silently and
//! nothing is guessed into a claim that could raise a false alarm.
//!
//! ```
//! use carestat::account::{audit, extract::extract, read::Document, Status};
//! let doc = Document::from_plain_text(
//!     "Adult Social Care Local Account 2022/23\n\n\
//!      There were 1,305 safeguarding enquiries, compared to 1,141 last year (+14.4%).\n",
//! );
//! let x = extract(&doc);
//! assert_eq!(x.dataset.claims.len(), 1);
//! let f = &audit(&x.dataset)?[0];
//! assert_eq!(f.status, Status::Consistent); // 1305 / 1141 = +14.37%
//! assert_eq!(doc.slice(f.span.unwrap()), "There were 1,305 safeguarding enquiries, compared to 1,141 last year (+14.4%).");
//! # Ok::<(), carestat::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::claims::{Claim, ClaimKind};
use super::dataset::{Count, Dataset, Money, MoneyUnit, Percentage, FORMAT_VERSION};
use super::read::{Document, Span};

mod change;
mod change_comparison;
mod comparison;
mod count_names;
mod include_lists;
mod labelled_comparison;
mod led_to_share;
mod list_shares;
mod meta;
mod noun_change;
pub mod numbers;
mod parts;
mod percent_lists;
mod prior_year_rate;
mod rate;
mod ratings;
mod response_rate;
mod restatements;
mod same_as_before;
pub(crate) mod sentences;
mod share;
mod subject_words;
mod table_changes;
mod table_shares;
mod tile_directions;
mod trend_words;
mod words;
mod year_before;

#[cfg(test)]
mod other_councils;

use numbers::{Kind, Number};
use sentences::{Sentence, Split};

/// What [`extract`] read from a document: a draft dataset for an analyst to correct, and
/// the numbers it could not place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The draft (format 1): figures and claims, each with its quote and span.
    pub dataset: Dataset,
    /// Every quantity the patterns did not place, with its sentence.
    pub not_understood: Vec<Unplaced>,
    /// Every number the patterns placed, in document order: its bytes in the text and the
    /// figure it became (`counts.concerns`; none for a number only used, such as a part of a
    /// breakdown). With `not_understood` it accounts for every quantity of the text.
    #[serde(default)]
    pub placed: Vec<Placed>,
}

/// A number the extractor placed in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    /// The number's bytes in the document's text.
    pub span: Span,
    /// The figure reference it became, when it became one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
}

/// A number the extractor could not place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    /// The sentence it is in.
    pub quote: String,
    /// The number's bytes in the document's text.
    pub span: Span,
    /// Why it was not placed.
    pub why: String,
}

/// Reads a draft dataset from a document.
///
/// The area and period are guessed from the text (the council named most often, the
/// financial year in the title); the draft says so in its notes. The draft always validates.
#[must_use]
pub fn extract(doc: &Document) -> Extraction {
    let split = sentences::split(doc);
    let mut d = Draft::new(doc, &split);
    rate::populations(&mut d);
    ratings::cqc(&mut d);
    ratings::ratings(&mut d);
    parts::parts(&mut d);
    include_lists::include_lists(&mut d);
    table_shares::table_shares(&mut d);
    list_shares::list_shares(&mut d);
    percent_lists::percent_lists(&mut d);
    table_changes::table_changes(&mut d);
    response_rate::response_rates(&mut d);
    labelled_comparison::labelled_comparisons(&mut d);
    change_comparison::change_comparisons(&mut d);
    comparison::comparisons(&mut d);
    change::changes(&mut d);
    year_before::years_before(&mut d);
    tile_directions::tile_directions(&mut d);
    same_as_before::same_as_before(&mut d);
    noun_change::noun_changes(&mut d);
    share::shares(&mut d);
    rate::rates(&mut d);
    prior_year_rate::prior_year_rates(&mut d);
    led_to_share::led_to_shares(&mut d);
    trend_words::trend_words(&mut d);
    restatements::restatements(&mut d);
    d.finish()
}

/// The draft being built: the dataset, which numbers are placed, and why others were not.
pub(crate) struct Draft<'a> {
    pub doc: &'a Document,
    pub split: &'a Split,
    pub ds: Dataset,
    /// Number spans placed, with the figure reference they became (empty when only used).
    placed: HashMap<Span, String>,
    /// Why a number was left out, when a pattern knows better than "not placed".
    why: HashMap<Span, String>,
    ids: HashSet<String>,
    suffix: HashMap<String, usize>,
}

impl<'a> Draft<'a> {
    fn new(doc: &'a Document, split: &'a Split) -> Self {
        let (area, period, notes) = meta::area_and_period(doc, split);
        Self {
            doc,
            split,
            ds: Dataset {
                format_version: FORMAT_VERSION,
                area,
                period,
                document: None,
                populations: BTreeMap::new(),
                counts: BTreeMap::new(),
                percentages: BTreeMap::new(),
                spend: BTreeMap::new(),
                breakdowns: BTreeMap::new(),
                flows: BTreeMap::new(),
                calculations: BTreeMap::new(),
                ratings: BTreeMap::new(),
                ascof: Vec::new(),
                cqc: None,
                claims: Vec::new(),
                notes,
                restated: BTreeMap::new(),
            },
            placed: HashMap::new(),
            why: HashMap::new(),
            ids: HashSet::new(),
            suffix: HashMap::new(),
        }
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.doc.slice(span)
    }

    /// The sentence's text.
    pub fn sentence(&self, i: usize) -> &'a str {
        self.doc.slice(self.split.sentences[i].span)
    }

    /// The sentence's text in ASCII lower case with line breaks and tabs as spaces (same
    /// byte offsets).
    pub fn lower(&self, i: usize) -> String {
        self.sentence(i)
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }

    pub fn sentences(&self) -> &'a [Sentence] {
        &self.split.sentences
    }

    /// Whether a number is placed already.
    pub fn is_placed(&self, n: &Number) -> bool {
        self.placed.contains_key(&n.span)
    }

    /// The figure reference a number became, if any.
    pub fn figure_of(&self, n: &Number) -> Option<&str> {
        self.placed
            .get(&n.span)
            .filter(|r| !r.is_empty())
            .map(String::as_str)
    }

    /// Marks a number as placed without making a figure of it (a part of a breakdown).
    pub fn use_number(&mut self, n: &Number) {
        self.placed.entry(n.span).or_default();
    }

    /// Marks a number as a printing of figure `reference` printed before (a restatement).
    pub fn restate(&mut self, n: &Number, reference: &str) {
        self.placed.insert(n.span, reference.to_owned());
    }

    /// Records why a number is left out.
    pub fn leave(&mut self, n: &Number, why: impl Into<String>) {
        self.why.insert(n.span, why.into());
    }

    /// A fresh id from a label: `new_requests`, `new_requests_2`.
    pub fn id(&mut self, label: &str) -> String {
        let base = words::slug(label);
        let base = if base.is_empty() {
            "figure".to_owned()
        } else {
            base
        };
        // The next suffix to try for this base, so n figures of one label cost n, not n².
        let k = self.suffix.entry(base.clone()).or_insert(1);
        let mut id = if *k == 1 {
            base.clone()
        } else {
            format!("{base}_{k}")
        };
        while !self.ids.insert(id.clone()) {
            *k += 1;
            id = format!("{base}_{k}");
        }
        *k += 1;
        id
    }

    /// The figure a number of sentence `si` is (made now if new): a count, percentage or
    /// spend, labelled `label`. `None` for a number that cannot be such a figure (a count
    /// with decimals, a percentage above 100, a negative, more than `MAX_DECIMALS`).
    pub fn figure(&mut self, si: usize, n: &Number, label: &str) -> Option<String> {
        if let Some(r) = self.figure_of(n) {
            return Some(r.to_owned());
        }
        if n.decimals > MAX_DECIMALS {
            return None;
        }
        let quote = self.sentence(si).to_owned();
        let label = if label.trim().is_empty() {
            words::squash(&quote)
        } else {
            label.to_owned()
        };
        let reference = match n.kind {
            Kind::Count => {
                if n.value < 0.0 || n.value.fract() != 0.0 || n.decimals > 0 {
                    return None;
                }
                let id = self.id(&label);
                self.ds.counts.insert(
                    id.clone(),
                    Count {
                        label,
                        value: n.value as u64,
                        previous: None,
                        polarity: None,
                        population: None,
                        period: None,
                        part_of: None,
                        previous_period: None,
                        earlier: Vec::new(),
                        quote,
                    },
                );
                format!("counts.{id}")
            }
            Kind::Percent => {
                if !(0.0..=100.0).contains(&n.value) {
                    return None;
                }
                let id = self.id(&label);
                self.ds.percentages.insert(
                    id.clone(),
                    Percentage {
                        label,
                        value: n.value,
                        decimals: n.decimals,
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
            Kind::Money | Kind::MoneyThousands | Kind::MoneyMillions | Kind::MoneyBillions => {
                if n.value < 0.0 {
                    return None;
                }
                let id = self.id(&label);
                self.ds.spend.insert(
                    id.clone(),
                    Money {
                        label,
                        value: n.value,
                        unit: money_unit(n.kind)?,
                        decimals: n.decimals,
                        previous: None,
                        polarity: None,
                        previous_decimals: None,
                        previous_period: None,
                        earlier: Vec::new(),
                        quote,
                    },
                );
                format!("spend.{id}")
            }
            Kind::Year | Kind::FinancialYear => return None,
        };
        let printed = self.text(n.span);
        if n.kind == Kind::Percent && numbers::read_as_ocr_percent(printed) {
            self.ds.notes.push(format!(
                "{reference}: \"{printed}\" was read as {}%, OCR noise for the per cent sign: check it",
                n.value
            ));
        }
        self.placed.insert(n.span, reference.clone());
        Some(reference)
    }

    /// Sets last year's value of a figure from number `p`; false (and nothing set) when `p`
    /// cannot be that figure's previous value (another unit, a count with decimals, more
    /// than `MAX_DECIMALS`).
    pub fn set_previous(&mut self, reference: &str, p: &Number) -> bool {
        let Some((section, id)) = reference.split_once('.') else {
            return false;
        };
        if p.decimals > MAX_DECIMALS {
            return false;
        }
        let ok = match section {
            "counts" if p.kind == Kind::Count && p.value >= 0.0 && p.decimals == 0 => self
                .ds
                .counts
                .get_mut(id)
                .map(|c| c.previous = Some(p.value as u64))
                .is_some(),
            "percentages" if p.kind == Kind::Percent && (0.0..=100.0).contains(&p.value) => self
                .ds
                .percentages
                .get_mut(id)
                .map(|c| {
                    c.previous = Some(p.value);
                    c.decimals = c.decimals.max(p.decimals);
                })
                .is_some(),
            "spend" => match (self.ds.spend.get_mut(id), money_unit(p.kind)) {
                (Some(m), Some(u)) if m.unit == u && p.value >= 0.0 => {
                    m.previous = Some(p.value);
                    m.decimals = m.decimals.max(p.decimals);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if ok {
            self.use_number(p);
        }
        ok
    }

    /// A claim with no kind-specific fields yet; its id is made from `id_hint`.
    pub fn claim(&mut self, kind: ClaimKind, id_hint: &str, text: &str, si: usize) -> Claim {
        let id = self
            .id(&format!("{id_hint} {}", kind.name()))
            .replace('_', "-");
        Claim {
            id,
            kind,
            text: text.trim().to_owned(),
            quote: self.sentence(si).to_owned(),
            span: Some(self.split.sentences[si].span),
            stated: None,
            decimals: None,
            subject: None,
            unit: None,
            direction: None,
            numerator: None,
            denominator: None,
            candidates: Vec::new(),
            multiplier: None,
            ratings: None,
            categories: None,
            rule: None,
            breakdown: None,
            flow: None,
            calculation: None,
            band: None,
            period: None,
            hedge: None,
            verbal: None,
            base_period: None,
            relation: None,
            benchmark: None,
            polarity: None,
            dataset: None,
        }
    }

    /// Adds a claim; kept only when the dataset still validates with it (a pattern's
    /// mistake then costs a claim, never the draft).
    pub fn push_claim(&mut self, c: Claim) -> bool {
        self.ds.claims.push(c);
        if self.ds.check_last_claim().is_ok() {
            true
        } else {
            self.ds.claims.pop();
            false
        }
    }

    fn finish(self) -> Extraction {
        let mut not_understood = Vec::new();
        let mut more: Option<(Span, usize)> = None;
        let mut note = |u: Unplaced| {
            if not_understood.len() < MAX_NOT_UNDERSTOOD {
                not_understood.push(u);
            } else {
                let (span, k) = more.get_or_insert((u.span, 0));
                span.end = u.span.end;
                *k += 1;
            }
        };
        for s in &self.split.sentences {
            if let Some(why) = &s.unread {
                note(Unplaced {
                    quote: shortened(self.doc.slice(s.span)),
                    span: s.span,
                    why: why.clone(),
                });
            }
            for n in &s.numbers {
                if self.placed.contains_key(&n.span) {
                    continue;
                }
                let why = self.why.get(&n.span).cloned().unwrap_or_else(|| {
                    if s.table {
                        "a number in a table row: tables are not read yet".to_owned()
                    } else {
                        "no pattern says what this number is".to_owned()
                    }
                });
                note(Unplaced {
                    quote: self.doc.slice(s.span).to_owned(),
                    span: n.span,
                    why,
                });
            }
        }
        if let Some((span, k)) = more {
            not_understood.push(Unplaced {
                quote: shortened(self.doc.slice(span)),
                span,
                why: format!(
                    "{k} more numbers not understood, not listed one by one (the list stops at {MAX_NOT_UNDERSTOOD})"
                ),
            });
        }
        let mut placed: Vec<Placed> = self
            .placed
            .iter()
            .map(|(span, figure)| Placed {
                span: *span,
                figure: (!figure.is_empty()).then(|| figure.clone()),
            })
            .collect();
        placed.sort_by_key(|p| (p.span.start, p.span.end));
        let mut ds = self.ds;
        if ds.validate().is_err() {
            // Never expected: every figure and claim was checked as it was added. Keep the
            // claims that validate, one at a time (slow, but only on this path).
            let all = std::mem::take(&mut ds.claims);
            let before = all.len();
            for c in all {
                ds.claims.push(c);
                if ds.validate().is_err() {
                    ds.claims.pop();
                }
            }
            ds.notes.push(format!(
                "{} of the draft's claims did not validate and were dropped",
                before - ds.claims.len()
            ));
        }
        Extraction {
            dataset: ds,
            not_understood,
            placed,
        }
    }
}

/// The most decimal places a figure of a dataset may have (what validation accepts): a
/// number printed to more ("£4.5555558m") is not made a figure, so the draft still validates.
pub(crate) const MAX_DECIMALS: i32 = 6;

/// The most numbers [`Extraction::not_understood`] lists one by one; the rest are summed up
/// in one last entry spanning them (a Local Account has a few hundred numbers at most).
pub const MAX_NOT_UNDERSTOOD: usize = 10_000;

/// The first 200 bytes of a long text (at a character boundary), marked as cut.
fn shortened(text: &str) -> String {
    if text.len() <= 200 {
        return text.to_owned();
    }
    let mut end = 200;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The dataset's money unit for a money number.
pub(crate) const fn money_unit(k: Kind) -> Option<MoneyUnit> {
    match k {
        Kind::Money => Some(MoneyUnit::Gbp),
        Kind::MoneyThousands => Some(MoneyUnit::GbpThousands),
        Kind::MoneyMillions => Some(MoneyUnit::GbpMillions),
        Kind::MoneyBillions => Some(MoneyUnit::GbpBillions),
        _ => None,
    }
}

/// Reads a document from bytes ([`super::read::read`]) and extracts it; the extraction as
/// JSON text, for the C and Python layers.
///
/// # Panics
/// Never: an extraction always serialises.
pub fn extract_json(bytes: &[u8], name_hint: &str) -> crate::Result<String> {
    let doc = super::read::read(bytes, name_hint)?;
    Ok(serde_json::to_string(&extract(&doc)).expect("an extraction always serialises"))
}
