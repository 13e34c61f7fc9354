//! Checks a dataset beyond what its types enforce: versions, periods, ranges, references,
//! and the fields each claim kind needs. Every error names the JSON path.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::error::{Error, Field, Result};

use super::claims::{ChangeUnit, Claim, ClaimKind};
use super::dataset::{Dataset, Period, RatingDistribution, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use super::figures;

fn at(path: impl Into<String>) -> Field {
    Field::owned(path)
}

fn invalid(path: impl Into<String>, reason: impl Into<Cow<'static, str>>) -> Error {
    Error::Invalid {
        field: at(path),
        reason: reason.into(),
    }
}

/// A core error re-addressed to a JSON path, its reason extended by `hint`.
fn moved(e: Error, path: String, hint: &str) -> Error {
    match e {
        Error::Invalid { reason, .. } => invalid(path, format!("{reason}{hint}")),
        Error::Unknown { kind, id, .. } => Error::Unknown {
            field: at(path),
            kind,
            id,
        },
        other => other,
    }
}

impl Dataset {
    /// Checks the dataset: format version, period, ids, ranges of values and decimals,
    /// references between figures, and that each claim has exactly the fields its kind
    /// needs. [`Dataset::from_json_str`] calls it; call it yourself after building or editing
    /// a dataset in code.
    ///
    /// ```
    /// use carestat::account::Dataset;
    /// let mut ds = Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "X"},
    ///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}}"#)?;
    /// ds.period.label = "2022/23".into();
    /// let e = ds.validate().unwrap_err();
    /// assert_eq!(e.field().unwrap().name, "period.label");
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&self.format_version) {
            return Err(Error::OutOfRange {
                field: at("format_version"),
                value: f64::from(self.format_version),
                expected: format!(
                    "{OLDEST_FORMAT_VERSION} to {FORMAT_VERSION} (the versions this carestat reads)"
                )
                .into(),
            });
        }
        if self.format_version < 2 {
            if let Some(path) = self.version_2_field() {
                return Err(invalid(
                    path,
                    "is new in format version 2: set format_version to 2 (`carestat upgrade`)",
                ));
            }
        }
        if self.area.name.trim().is_empty() {
            return Err(invalid("area.name", "must not be empty"));
        }
        check_period(&self.period)?;
        self.check_figures()?;
        super::history::check(self)?;
        self.check_breakdowns_and_ratings()?;
        self.check_ascof()?;
        if let Some(cqc) = &self.cqc {
            cqc.scores()?;
        }
        self.check_claims()
    }

    /// The JSON path of the first field only format version 2 has, if any.
    fn version_2_field(&self) -> Option<String> {
        // A breakdown, flow or history field, a share claim naming the percentage it
        // states (reasoning across claims), or a hedged or verbal figure.
        if let Some(path) = super::breakdown::version_2_field(self)
            .or_else(|| super::flow::version_2_field(self))
            .or_else(|| super::history::version_2_field(self))
            .or_else(|| super::calculation::version_2_field(self))
            .or_else(|| super::restatement::version_2_field(self))
        {
            return Some(path);
        }
        self.claims.iter().enumerate().find_map(|(i, c)| {
            let field = if c.flow.is_some() {
                "flow"
            } else if c.calculation.is_some() {
                "calculation"
            } else if c.kind == ClaimKind::Comparison {
                "kind"
            } else if c.kind == ClaimKind::Share && c.subject.is_some() {
                "subject"
            } else if c.hedge.is_some() {
                "hedge"
            } else if c.verbal.is_some() {
                "verbal"
            } else {
                return None;
            };
            Some(format!("claims[{i}].{field}"))
        })
    }

    fn check_figures(&self) -> Result<()> {
        for (id, p) in &self.populations {
            let path = format!("populations.{id}");
            check_key(&path, id)?;
            if p.value == 0 {
                return Err(Error::NotPositive {
                    field: at(format!("{path}.value")),
                    value: 0.0,
                });
            }
            if let Some(year) = p.year.filter(|y| !(1900..=2100).contains(y)) {
                return Err(Error::OutOfRange {
                    field: at(format!("{path}.year")),
                    value: f64::from(year),
                    expected: "a year between 1900 and 2100".into(),
                });
            }
        }
        for (id, c) in &self.counts {
            let path = format!("counts.{id}");
            check_key(&path, id)?;
            if let Some(pop) = &c.population {
                let known = figures::parse(pop)
                    .is_some_and(|r| r.section == "populations" && !r.previous)
                    && figures::exists(self, pop);
                if !known {
                    return Err(unknown_ref(format!("{path}.population"), pop));
                }
            }
            if let Some(label) = &c.period {
                check_label(&format!("{path}.period"), label)?;
            }
            if let Some(whole) = &c.part_of {
                let known = figures::parse(whole)
                    .is_some_and(|r| r.section == "counts" && !r.previous)
                    && figures::exists(self, whole);
                if !known {
                    return Err(unknown_ref(format!("{path}.part_of"), whole));
                }
                if whole.strip_prefix("counts.") == Some(id.as_str()) {
                    return Err(invalid(
                        format!("{path}.part_of"),
                        "a count cannot be part of itself",
                    ));
                }
            }
        }
        for (id, p) in &self.percentages {
            let path = format!("percentages.{id}");
            check_key(&path, id)?;
            check_decimals(&format!("{path}.decimals"), p.decimals, 0)?;
            check_percent(&format!("{path}.value"), p.value)?;
            if let Some(prev) = p.previous {
                check_percent(&format!("{path}.previous"), prev)?;
            }
            if let Some(label) = &p.period {
                check_label(&format!("{path}.period"), label)?;
            }
        }
        for (id, m) in &self.spend {
            let path = format!("spend.{id}");
            check_key(&path, id)?;
            check_decimals(&format!("{path}.decimals"), m.decimals, -6)?;
            check_amount(&format!("{path}.value"), m.value)?;
            if let Some(prev) = m.previous {
                check_amount(&format!("{path}.previous"), prev)?;
            }
        }
        Ok(())
    }

    /// Checks only the last claim (and the breakdown it names), for a draft that adds claims
    /// one at a time to a dataset that was valid before: what [`Dataset::validate`] would
    /// find wrong with it, without re-checking everything (which made adding n claims cost
    /// n squared). The caller validates the whole dataset once at the end.
    pub(crate) fn check_last_claim(&self) -> Result<()> {
        let Some(i) = self.claims.len().checked_sub(1) else {
            return Ok(());
        };
        let c = &self.claims[i];
        let path = format!("claims[{i}]");
        if c.id.trim().is_empty() {
            return Err(invalid(format!("{path}.id"), "must not be empty"));
        }
        if let Some(id) = &c.breakdown {
            let id = id.strip_prefix("breakdowns.").unwrap_or(id);
            if let Some(b) = self.breakdowns.get(id) {
                self.check_breakdown(id, b)?;
            }
        }
        self.check_claim(&path, c)
    }

    fn check_breakdowns_and_ratings(&self) -> Result<()> {
        for (id, k) in &self.calculations {
            check_key(&format!("calculations.{id}"), id)?;
            super::calculation::check(id, k)?;
        }
        for (id, f) in &self.flows {
            check_key(&format!("flows.{id}"), id)?;
            super::flow::check(id, f)?;
        }
        for (id, b) in &self.breakdowns {
            self.check_breakdown(id, b)?;
        }
        self.check_ratings()
    }

    fn check_breakdown(&self, id: &str, b: &super::dataset::Breakdown) -> Result<()> {
        check_key(&format!("breakdowns.{id}"), id)?;
        super::breakdown::check(self, id, b)
    }

    fn check_ratings(&self) -> Result<()> {
        for (id, r) in &self.ratings {
            let path = format!("ratings.{id}");
            check_key(&path, id)?;
            let ambiguous = r.inadequate_or_not_rated;
            if ambiguous > RatingDistribution::MAX_INADEQUATE_OR_NOT_RATED {
                return Err(Error::OutOfRange {
                    field: at(format!("{path}.inadequate_or_not_rated")),
                    #[allow(clippy::cast_precision_loss)] // shown in a message only
                    value: ambiguous as f64,
                    expected: format!(
                        "at most {} (the audit tries every split)",
                        RatingDistribution::MAX_INADEQUATE_OR_NOT_RATED
                    )
                    .into(),
                });
            }
            if r.readings()[0].total() == 0 {
                return Err(invalid(path, "has no locations"));
            }
        }
        Ok(())
    }

    fn check_ascof(&self) -> Result<()> {
        for (i, a) in self.ascof.iter().enumerate() {
            let path = format!("ascof[{i}]");
            if a.measure.trim().is_empty() {
                return Err(invalid(format!("{path}.measure"), "must not be empty"));
            }
            let framework = match &a.framework {
                Some(f) => Some(
                    crate::ascof::Framework::from_name(f)
                        .map_err(|e| moved(e, format!("{path}.framework"), ""))?,
                ),
                None => None,
            };
            // An id outside the grammar, or one that names measures in both frameworks with
            // no framework given, is an error; an id the catalogue does not know is left to
            // the report to say.
            match crate::ascof::group(&a.measure, framework) {
                Ok(_) | Err(Error::Unknown { .. }) => {}
                Err(e) => {
                    let hint = if framework.is_none() {
                        format!(": set {path}.framework")
                    } else {
                        String::new()
                    };
                    return Err(moved(e, format!("{path}.measure"), &hint));
                }
            }
            check_amount(&format!("{path}.value"), a.value)?;
            if let Some(prev) = a.previous {
                check_amount(&format!("{path}.previous"), prev)?;
            }
            if a.unit == super::dataset::AscofUnit::Percent {
                check_percent(&format!("{path}.value"), a.value)?;
                if let Some(prev) = a.previous {
                    check_percent(&format!("{path}.previous"), prev)?;
                }
            }
        }
        Ok(())
    }

    fn check_claims(&self) -> Result<()> {
        let mut ids = HashSet::new();
        for (i, c) in self.claims.iter().enumerate() {
            let path = format!("claims[{i}]");
            if c.id.trim().is_empty() {
                return Err(invalid(format!("{path}.id"), "must not be empty"));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(invalid(
                    format!("{path}.id"),
                    format!("duplicate claim id `{}`", c.id),
                ));
            }
            self.check_claim(&path, c)?;
        }
        Ok(())
    }

    fn check_claim(&self, path: &str, c: &Claim) -> Result<()> {
        use ClaimKind as K;
        // Which optional fields each kind needs (N), may have (M) or must not have (-).
        let kind = c.kind;
        let needs_stated = !matches!(
            kind,
            K::Direction | K::Sum | K::CqcRating | K::StockFlow | K::Calculation | K::Comparison
        );
        let worded = matches!(kind, K::Change | K::Share | K::RatingShare | K::Rate);
        let compared = kind == K::Comparison;
        let restated = kind == K::Restatement;
        let fields: [(&str, bool, bool); 22] = [
            // (name, present, allowed for this kind)
            ("stated", c.stated.is_some(), needs_stated || compared),
            ("decimals", c.decimals.is_some(), needs_stated || compared),
            (
                "subject",
                c.subject.is_some(),
                matches!(
                    kind,
                    K::Change | K::Direction | K::Share | K::Comparison | K::Restatement
                ),
            ),
            (
                "unit",
                c.unit.is_some(),
                matches!(kind, K::Change | K::Comparison),
            ),
            ("direction", c.direction.is_some(), kind == K::Direction),
            (
                "numerator",
                c.numerator.is_some(),
                matches!(kind, K::Share | K::Rate | K::Comparison),
            ),
            (
                "denominator",
                c.denominator.is_some(),
                matches!(kind, K::Share | K::Rate | K::Comparison),
            ),
            ("candidates", !c.candidates.is_empty(), kind == K::Share),
            (
                "multiplier",
                c.multiplier.is_some(),
                matches!(kind, K::Rate | K::Comparison),
            ),
            ("ratings", c.ratings.is_some(), kind == K::RatingShare),
            ("categories", c.categories.is_some(), kind == K::RatingShare),
            ("rule", c.rule.is_some(), kind == K::RatingShare),
            ("breakdown", c.breakdown.is_some(), kind == K::Sum),
            ("band", c.band.is_some(), kind == K::CqcRating),
            // A sum's hedge is its total's: "over 10 coproduction projects" and the 11 listed.
            ("hedge", c.hedge.is_some(), worded || kind == K::Sum),
            ("verbal", c.verbal.is_some(), worded),
            ("flow", c.flow.is_some(), kind == K::StockFlow),
            (
                "calculation",
                c.calculation.is_some(),
                kind == K::Calculation,
            ),
            ("relation", c.relation.is_some(), compared),
            ("benchmark", c.benchmark.is_some(), compared),
            ("polarity", c.polarity.is_some(), compared),
            ("dataset", c.dataset.is_some(), restated),
        ];
        for (name, present, allowed) in fields {
            if present && !allowed {
                return Err(invalid(
                    format!("{path}.{name}"),
                    format!("is not used by a {} claim", kind.name()),
                ));
            }
        }
        let required = required_fields(c);
        let stated_fields = [
            ("stated", c.stated.is_some()),
            ("decimals", c.decimals.is_some()),
        ];
        // A verbal figure ("1 in 4") is the number: it has no `stated` nor `decimals`.
        let extra: &[(&str, bool)] = if needs_stated && c.verbal.is_none() {
            &stated_fields
        } else {
            &[]
        };
        for &(name, present) in required.iter().chain(extra) {
            if !present {
                return Err(invalid(
                    format!("{path}.{name}"),
                    format!("is required for a {} claim", kind.name()),
                ));
            }
        }
        if compared {
            check_comparison(path, c)?;
        }
        super::hedge::check(path, c)?;
        check_claim_values(path, c)?;
        if restated {
            // A restatement's subject may be last year's value, a population, another claim
            // or a figure of another file: its own rules.
            return super::restatement::check(self, path, c);
        }
        self.check_claim_refs(path, c)
    }

    fn check_claim_refs(&self, path: &str, c: &Claim) -> Result<()> {
        let refs = [
            ("subject", c.subject.as_deref()),
            ("numerator", c.numerator.as_deref()),
            ("denominator", c.denominator.as_deref()),
        ];
        for (name, r) in refs {
            if let Some(r) = r {
                if !figures::exists(self, r) {
                    return Err(unknown_ref(format!("{path}.{name}"), r));
                }
            }
        }
        for (j, r) in c.candidates.iter().enumerate() {
            if !figures::exists(self, r) {
                return Err(unknown_ref(format!("{path}.candidates[{j}]"), r));
            }
        }
        if let (Some(r), ClaimKind::Share) = (&c.subject, c.kind) {
            // A share names the percentage it states, so that last year's can be implied.
            if figures::parse(r).is_none_or(|p| p.previous || p.section != "percentages") {
                return Err(invalid(
                    format!("{path}.subject"),
                    "a share's subject must be this period's percentage (`percentages.<id>`)",
                ));
            }
        }
        if let Some(r) = &c.subject {
            // A change needs a figure that has last year's value (or can have one).
            if figures::parse(r).is_some_and(|p| p.previous || p.section == "populations") {
                return Err(invalid(
                    format!("{path}.subject"),
                    "must be this period's count, percentage or spend",
                ));
            }
        }
        if let Some(r) = &c.ratings {
            let id = r.strip_prefix("ratings.").unwrap_or(r);
            if !self.ratings.contains_key(id) {
                return Err(unknown_ref(format!("{path}.ratings"), r));
            }
        }
        if let Some(k) = &c.calculation {
            if !self
                .calculations
                .contains_key(k.strip_prefix("calculations.").unwrap_or(k))
            {
                return Err(unknown_ref(format!("{path}.calculation"), k));
            }
        }
        if let Some(f) = &c.flow {
            if !self
                .flows
                .contains_key(f.strip_prefix("flows.").unwrap_or(f))
            {
                return Err(unknown_ref(format!("{path}.flow"), f));
            }
        }
        if let Some(b) = &c.breakdown {
            let id = b.strip_prefix("breakdowns.").unwrap_or(b);
            if !self.breakdowns.contains_key(id) {
                return Err(unknown_ref(format!("{path}.breakdown"), b));
            }
        }
        Ok(())
    }
}

/// The numbers and labels of a claim: a finite stated value (not negative but for a change),
/// decimals, a positive multiplier, a period label, a rating band.
/// The fields a claim of its kind must have (besides `stated` and `decimals`), with whether
/// it has them.
fn required_fields(c: &Claim) -> Vec<(&'static str, bool)> {
    use ClaimKind as K;
    match c.kind {
        K::Change => vec![("subject", c.subject.is_some()), ("unit", c.unit.is_some())],
        K::Direction => vec![
            ("subject", c.subject.is_some()),
            ("direction", c.direction.is_some()),
        ],
        K::Share => vec![("denominator", c.denominator.is_some())],
        // A rate's population may be unstated: the audit reports the one the rate implies.
        K::Rate => vec![("numerator", c.numerator.is_some())],
        K::RatingShare => vec![("ratings", c.ratings.is_some())],
        K::Sum => vec![("breakdown", c.breakdown.is_some())],
        K::CqcRating => vec![("band", c.band.is_some())],
        K::StockFlow => vec![("flow", c.flow.is_some())],
        K::Calculation => vec![("calculation", c.calculation.is_some())],
        K::Comparison => vec![
            ("relation", c.relation.is_some()),
            ("benchmark", c.benchmark.is_some()),
        ],
        K::Restatement => vec![("subject", c.subject.is_some())],
    }
}

/// A comparison's own rules: the area's figure given one way (stated with its decimals, a
/// subject, or a numerator and denominator), and a comparator with a label and a finite value.
fn check_comparison(path: &str, c: &Claim) -> Result<()> {
    if c.stated.is_some() != c.decimals.is_some() {
        let missing = if c.stated.is_some() {
            "decimals"
        } else {
            "stated"
        };
        return Err(invalid(
            format!("{path}.{missing}"),
            "a comparison's stated figure needs both stated and decimals",
        ));
    }
    if c.numerator.is_some() != c.denominator.is_some() {
        let missing = if c.numerator.is_some() {
            "denominator"
        } else {
            "numerator"
        };
        return Err(invalid(
            format!("{path}.{missing}"),
            "a comparison's counts need both numerator and denominator",
        ));
    }
    if c.unit.is_some_and(|u| u != ChangeUnit::Percent) || (c.unit.is_some() && c.stated.is_none())
    {
        return Err(invalid(
            format!("{path}.unit"),
            "a comparison's unit can only be `percent`: the stated figures are percentages",
        ));
    }
    if c.stated.is_none() && c.subject.is_none() && c.numerator.is_none() {
        return Err(invalid(
            format!("{path}.stated"),
            "a comparison needs the area's figure: stated (with decimals), a subject, or a numerator and denominator",
        ));
    }
    let Some(b) = &c.benchmark else {
        return Ok(());
    };
    if b.label.trim().is_empty() {
        return Err(invalid(
            format!("{path}.benchmark.label"),
            "must not be empty",
        ));
    }
    if let Some(v) = b.value {
        if !v.is_finite() {
            return Err(Error::NotFinite {
                field: at(format!("{path}.benchmark.value")),
                value: v,
            });
        }
    }
    if let Some(d) = b.decimals {
        if b.value.is_none() {
            return Err(invalid(
                format!("{path}.benchmark.decimals"),
                "is given without a value",
            ));
        }
        check_decimals(&format!("{path}.benchmark.decimals"), d, -6)?;
    }
    Ok(())
}

fn check_claim_values(path: &str, c: &Claim) -> Result<()> {
    if let Some(stated) = c.stated {
        if !stated.is_finite() {
            return Err(Error::NotFinite {
                field: at(format!("{path}.stated")),
                value: stated,
            });
        }
        // A change, or a restatement of one, may be negative.
        if !matches!(c.kind, ClaimKind::Change | ClaimKind::Restatement) && stated < 0.0 {
            return Err(Error::Negative {
                field: at(format!("{path}.stated")),
                value: stated,
            });
        }
    }
    if let Some(d) = c.decimals {
        check_decimals(&format!("{path}.decimals"), d, -6)?;
    }
    if let Some(m) = c.multiplier {
        if !(m.is_finite() && m > 0.0) {
            return Err(Error::NotPositive {
                field: at(format!("{path}.multiplier")),
                value: m,
            });
        }
    }
    if let Some(label) = &c.period {
        check_label(&format!("{path}.period"), label)?;
    }
    if c.band == Some(crate::ratings::Rating::NotRated) {
        return Err(invalid(
            format!("{path}.band"),
            "must be outstanding, good, requires_improvement or inadequate",
        ));
    }
    Ok(())
}

fn unknown_ref(path: String, reference: &str) -> Error {
    Error::Unknown {
        field: at(path),
        kind: "figure".into(),
        id: reference.to_owned(),
    }
}

fn check_key(path: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            path,
            "ids use letters, digits, `_` and `-` only (no dots or spaces)",
        ))
    }
}

pub(crate) fn check_decimals(path: &str, d: i32, min: i32) -> Result<()> {
    if (min..=6).contains(&d) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            field: at(path),
            value: f64::from(d),
            expected: format!("{min} to 6 decimal places").into(),
        })
    }
}

pub(crate) fn check_amount(path: &str, x: f64) -> Result<()> {
    if !x.is_finite() {
        return Err(Error::NotFinite {
            field: at(path),
            value: x,
        });
    }
    if x < 0.0 {
        return Err(Error::Negative {
            field: at(path),
            value: x,
        });
    }
    Ok(())
}

pub(crate) fn check_percent(path: &str, x: f64) -> Result<()> {
    check_amount(path, x)?;
    if x > 100.0 {
        return Err(Error::OutOfRange {
            field: at(path),
            value: x,
            expected: "a percentage from 0 to 100".into(),
        });
    }
    Ok(())
}

/// The years a label covers: `2022/23` is (2022, 2023); `2021` is (2021, 2021).
fn label_years(label: &str) -> Option<(i32, i32)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((a, b)) = label.split_once(['/', '-']) {
        if a.len() != 4 || !digits(a) || !digits(b) || !(b.len() == 2 || b.len() == 4) {
            return None;
        }
        let start: i32 = a.parse().ok()?;
        let end: i32 = b.parse().ok()?;
        let end_full = if b.len() == 2 {
            start - start % 100 + end + if end < start % 100 { 100 } else { 0 }
        } else {
            end
        };
        (end_full == start + 1).then_some((start, end_full))
    } else if label.len() == 4 && digits(label) {
        let y: i32 = label.parse().ok()?;
        Some((y, y))
    } else {
        None
    }
}

pub(crate) fn check_label(path: &str, label: &str) -> Result<(i32, i32)> {
    label_years(label).ok_or_else(|| {
        invalid(
            path,
            format!("`{label}` is not a period: use `YYYY/YY` (a financial year) or `YYYY`"),
        )
    })
}

/// `YYYY-MM-DD` as (year, month, day), checking the day exists.
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = text[0..4].parse().ok()?;
    let m: u32 = text[5..7].parse().ok()?;
    let d: u32 = text[8..10].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

fn check_period(p: &Period) -> Result<()> {
    let (first, last) = check_label("period.label", &p.label)?;
    let start = parse_date(&p.start).ok_or_else(|| {
        invalid(
            "period.start",
            format!("`{}` is not a date YYYY-MM-DD", p.start),
        )
    })?;
    let end = parse_date(&p.end).ok_or_else(|| {
        invalid(
            "period.end",
            format!("`{}` is not a date YYYY-MM-DD", p.end),
        )
    })?;
    if end <= start {
        return Err(invalid(
            "period.end",
            format!("{} is not after the start {}", p.end, p.start),
        ));
    }
    if start.0 != first || end.0 != last {
        return Err(invalid(
            "period.label",
            format!(
                "`{}` does not match the dates {} to {}",
                p.label, p.start, p.end
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_dates() {
        assert_eq!(label_years("2022/23"), Some((2022, 2023)));
        assert_eq!(label_years("1999/00"), Some((1999, 2000)));
        assert_eq!(label_years("2023-2024"), Some((2023, 2024)));
        assert_eq!(label_years("2021"), Some((2021, 2021)));
        assert_eq!(label_years("2022/24"), None);
        assert_eq!(label_years("22/23"), None);
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-4-01"), None);
    }
}
