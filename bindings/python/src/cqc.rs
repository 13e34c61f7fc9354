//! CQC local authority assessment: `cqc_la_rating(scores)` with its `CqcRating` result,
//! `cqc_possible_ratings(scores)` with its `PossibleRating` results, and
//! `cqc_quality_statements()`.

use carestat::cqc::{
    BandRule, CqcRating as CoreRating, PossibleRating as CorePossible, QualityStatement, Scores,
    ThemePercentage,
};
use carestat::ratings::Rating;
use carestat::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString, PyTuple};

use crate::errors::{invalid, to_py};
use crate::estimate::float_repr;
use crate::estimate_protocols::{float_key, hash_of, reduce_to};
use crate::params::whole;

fn band_rule(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<BandRule> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(BandRule::default());
    };
    if let Ok(name) = obj.cast::<PyString>() {
        let name = name.to_cow()?;
        return match BandRule::from_name(&name) {
            Some(rule) => Ok(rule),
            None => Err(to_py(
                py,
                &Error::Unknown {
                    field: "band_rule".into(),
                    kind: "band rule (lower_band, nearest, upper_band)".into(),
                    id: name.into_owned(),
                },
            )),
        };
    }
    BandRule::from_code(whole(obj, "band_rule")?).map_err(|e| to_py(py, &e))
}

/// A score: a whole number (checked against 1-4 by the core, naming the statement) or None
/// for not assessed.
fn score(obj: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if obj.is_none() {
        Ok(None)
    } else {
        whole(obj, "scores").map(Some)
    }
}

fn statement(py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<QualityStatement> {
    let found = if let Ok(name) = key.cast::<PyString>() {
        QualityStatement::from_name(&name.to_cow()?)
    } else {
        QualityStatement::from_number(whole(key, "statement")?)
    };
    found.map_err(|e| to_py(py, &e))
}

/// Scores from a sequence (statement order, up to 9) or a mapping statement -> score.
pub fn scores(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Scores> {
    if obj.is_instance_of::<PyString>() {
        return Err(invalid(
            py,
            "scores",
            None,
            "expected a sequence of up to 9 scores or a mapping from statement to score".to_owned(),
        ));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let mut out = Scores::new();
        for item in mapping.items()?.iter() {
            let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let s = statement(py, &key)?;
            out.set(s, score(&value)?).map_err(|e| to_py(py, &e))?;
        }
        return Ok(out);
    }
    let mut values = Vec::new();
    for item in obj.try_iter().map_err(|_| {
        invalid(
            py,
            "scores",
            None,
            "expected a sequence of up to 9 scores or a mapping from statement to score".to_owned(),
        )
    })? {
        values.push(score(&item?)?);
    }
    Scores::from_options(&values).map_err(|e| to_py(py, &e))
}

/// The overall result of a CQC local authority assessment.
///
/// It keeps the scores it was computed from: pickle and `copy` rate them again.
#[pyclass(frozen, module = "carestat", name = "CqcRating")]
pub struct CqcRating {
    result: CoreRating,
    themes: [ThemePercentage; 4],
    scores: Scores,
}

impl CqcRating {
    /// Every field of the result, floats through [`float_key`] (so NaN equals NaN): what
    /// `==` compares and `hash` hashes.
    fn key(&self) -> impl std::hash::Hash + PartialEq {
        let r = &self.result;
        (
            (r.total, r.assessed, r.max_total, float_key(r.percentage)),
            (r.rating, r.rule, r.ambiguous),
            (r.rating_lower_band, r.rating_upper_band),
            self.themes.map(|t| {
                (
                    t.theme,
                    t.total,
                    t.assessed,
                    float_key(t.percentage),
                    t.derived,
                )
            }),
        )
    }
}

#[pymethods]
impl CqcRating {
    /// total / (4 × assessed) × 100, unrounded.
    #[getter]
    fn percentage(&self) -> f64 {
        self.result.percentage
    }
    /// The rating band: "Outstanding", "Good", "Requires improvement" or "Inadequate".
    #[getter]
    fn rating(&self) -> &'static str {
        self.result.rating.label()
    }
    /// Sum of the scores.
    #[getter]
    fn total(&self) -> u32 {
        self.result.total
    }
    /// Number of statements assessed.
    #[getter]
    fn assessed(&self) -> u32 {
        self.result.assessed
    }
    /// The largest possible total, 4 × assessed.
    #[getter]
    fn max_total(&self) -> u32 {
        self.result.max_total
    }
    /// The rule used for a percentage between bands.
    #[getter]
    fn band_rule(&self) -> &'static str {
        self.result.rule.name()
    }
    /// True when the percentage lies strictly between two bands (38-39, 62-63, 87-88): the
    /// rating then depends on a rule CQC does not state.
    #[getter]
    fn ambiguous(&self) -> bool {
        self.result.ambiguous
    }
    /// The rating if a between-bands percentage takes the lower band.
    #[getter]
    fn rating_lower_band(&self) -> &'static str {
        self.result.rating_lower_band.label()
    }
    /// The rating if a between-bands percentage takes the upper band.
    #[getter]
    fn rating_upper_band(&self) -> &'static str {
        self.result.rating_upper_band.label()
    }
    /// Percentage of each theme's assessed statements (NaN when none): DERIVED by carestat,
    /// CQC publishes no theme percentage.
    #[getter]
    fn theme_percentages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for t in &self.themes {
            out.set_item(t.theme.name(), t.percentage)?;
        }
        Ok(out)
    }

    /// Equal when every field is (a theme with no statement assessed has a NaN percentage,
    /// and NaN equals NaN here). Scores that differ only in how a theme's total is split
    /// between its statements give equal ratings.
    fn __eq__(&self, other: &Self) -> bool {
        self.key() == other.key()
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.key())
    }

    /// Pickle, `copy` and `deepcopy`: `cqc_la_rating(scores, band_rule)` again, with the 9
    /// scores in statement order (None: not assessed).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let scores: Vec<Option<u8>> = QualityStatement::ALL
            .iter()
            .map(|&s| self.scores.get(s))
            .collect();
        reduce_to(py, "cqc_la_rating", (scores, self.result.rule.name()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CqcRating(percentage={}, rating='{}', total={}, assessed={}, ambiguous={})",
            float_repr(py, self.result.percentage)?,
            self.result.rating.label(),
            self.result.total,
            self.result.assessed,
            if self.result.ambiguous {
                "True"
            } else {
                "False"
            },
        ))
    }
}

/// The overall percentage and rating of a local authority's quality statement scores:
/// a sequence of up to 9 scores 1-4 in CQC's statement order (None: not assessed) or a
/// mapping from statement (number 1-9, name or key) to score. `band_rule` (`"lower_band"`,
/// the default; "nearest"; `"upper_band"`) decides a percentage between two bands.
#[pyfunction]
#[pyo3(signature = (scores, band_rule = None))]
pub fn cqc_la_rating(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    band_rule: Option<&Bound<'_, PyAny>>,
) -> PyResult<CqcRating> {
    let rule = self::band_rule(py, band_rule)?;
    let s = self::scores(py, scores)?;
    let result = s.rate(rule).map_err(|e| to_py(py, &e))?;
    Ok(CqcRating {
        result,
        themes: s.theme_percentages(),
        scores: s,
    })
}

/// An overall rating that published scores leave possible, with the totals of all 9
/// statements that give it.
#[pyclass(frozen, module = "carestat", name = "PossibleRating")]
pub struct PossibleRating(CorePossible);

#[pymethods]
impl PossibleRating {
    /// The rating: "Outstanding", "Good", "Requires improvement" or "Inadequate".
    #[getter]
    fn rating(&self) -> &'static str {
        self.0.rating.label()
    }
    /// The lowest total of all 9 statements (out of 36) that gives it.
    #[getter]
    fn min_total(&self) -> u32 {
        self.0.min_total
    }
    /// The highest total of all 9 statements (out of 36) that gives it.
    #[getter]
    fn max_total(&self) -> u32 {
        self.0.max_total
    }
    /// `min_total / 36 × 100`, unrounded.
    #[getter]
    fn min_percentage(&self) -> f64 {
        self.0.min_percentage()
    }
    /// `max_total / 36 × 100`, unrounded.
    #[getter]
    fn max_percentage(&self) -> f64 {
        self.0.max_percentage()
    }

    /// Equal when every field is.
    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of((self.0.rating, self.0.min_total, self.0.max_total))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its three fields.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let p = &self.0;
        reduce_to(
            py,
            "_restore_possible_rating",
            (p.rating.label(), p.min_total, p.max_total),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "PossibleRating(rating='{}', min_total={}, max_total={})",
            self.0.rating.label(),
            self.0.min_total,
            self.0.max_total,
        )
    }
}

/// A `PossibleRating` from its fields, for pickle (`PossibleRating.__reduce__`): `rating` a
/// band's name ("Outstanding", "Good", "Requires improvement", "Inadequate") and
/// `min_total <= max_total <= 36` (totals of all 9 statements).
#[pyfunction]
pub fn _restore_possible_rating(
    py: Python<'_>,
    rating: &str,
    min_total: u32,
    max_total: u32,
) -> PyResult<PossibleRating> {
    let band = [
        Rating::Outstanding,
        Rating::Good,
        Rating::RequiresImprovement,
        Rating::Inadequate,
    ]
    .into_iter()
    .find(|r| r.label() == rating)
    .ok_or_else(|| {
        to_py(
            py,
            &Error::Unknown {
                field: "rating".into(),
                kind: "rating band (Outstanding, Good, Requires improvement, Inadequate)".into(),
                id: rating.to_owned(),
            },
        )
    })?;
    if min_total > max_total || max_total > 36 {
        return Err(invalid(
            py,
            "max_total",
            None,
            format!("expected min_total <= max_total <= 36, got {min_total} and {max_total}"),
        ));
    }
    Ok(PossibleRating(CorePossible {
        rating: band,
        min_total,
        max_total,
    }))
}

/// The overall ratings still possible when a document publishes only some of the 9 scores:
/// scores as `cqc_la_rating`, but a statement without a score (None, left out of a mapping,
/// or after the end of a sequence) counts as assessed with an unpublished score of 1 to 4.
/// Returns the possible ratings, lowest band first, each with the range of totals of all 9
/// that gives it under `band_rule`; with all 9 scores published there is exactly one.
#[pyfunction]
#[pyo3(signature = (scores, band_rule = None))]
pub fn cqc_possible_ratings(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    band_rule: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<PossibleRating>> {
    let rule = self::band_rule(py, band_rule)?;
    let s = self::scores(py, scores)?;
    Ok(s.possible_ratings(rule)
        .into_iter()
        .map(PossibleRating)
        .collect())
}

/// CQC's 9 quality statements as `(number, key, name, theme)` tuples.
#[pyfunction]
pub fn cqc_quality_statements() -> Vec<(u32, String, &'static str, &'static str)> {
    QualityStatement::ALL
        .iter()
        .map(|s| (s.number(), s.key(), s.name(), s.theme().name()))
        .collect()
}
