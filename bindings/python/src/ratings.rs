//! Provider rating shares: `rating_share` (Outstanding or Good), `rating_shares` (every
//! category), `rating_share_estimate` (with a Wilson interval), `denominator_rules_matching`
//! (which rule reproduces a published share) and `local_rating_counts` (a council's own labels,
//! Birmingham's Gold / Silver / Bronze / Inadequate built in).

use carestat::ratings::{
    DenominatorRule, LocalScheme, Rating, RatingCounts, RatingShares as CoreShares,
};
use carestat::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString, PyTuple};

use crate::errors::to_py;
use crate::estimate::{float_repr, Estimate};
use crate::estimate_protocols::{float_key, hash_of, reduce_to, same, same_option};
use crate::params::{real, whole};

/// The five counts, each a whole number of locations, zero or above.
fn counts(py: Python<'_>, values: [&Bound<'_, PyAny>; 5]) -> PyResult<RatingCounts> {
    const NAMES: [&str; 5] = [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
        "not_rated",
    ];
    let mut numbers = [0.0; 5];
    for ((n, v), name) in numbers.iter_mut().zip(values).zip(NAMES) {
        *n = real(Some(v), name, f64::NAN)?;
    }
    RatingCounts::from_f64(numbers).map_err(|e| to_py(py, &e))
}

fn rule(include_unrated: bool) -> DenominatorRule {
    if include_unrated {
        DenominatorRule::AllLocations
    } else {
        DenominatorRule::RatedOnly
    }
}

fn rule_name(rule: DenominatorRule) -> &'static str {
    match rule {
        DenominatorRule::AllLocations => "all_locations",
        DenominatorRule::RatedOnly => "rated_only",
    }
}

/// The percentage of locations rated Outstanding or Good, **unrounded** (round it for
/// publication with `round_half_away`). `include_unrated=True` counts every location in the
/// denominator; `False` only the rated ones.
#[pyfunction]
#[pyo3(signature = (outstanding, good, requires_improvement, inadequate, not_rated = None, include_unrated = true))]
pub fn rating_share(
    py: Python<'_>,
    outstanding: &Bound<'_, PyAny>,
    good: &Bound<'_, PyAny>,
    requires_improvement: &Bound<'_, PyAny>,
    inadequate: &Bound<'_, PyAny>,
    not_rated: Option<&Bound<'_, PyAny>>,
    include_unrated: bool,
) -> PyResult<f64> {
    let zero = 0i64.into_pyobject(py)?.into_any();
    let not_rated = not_rated.unwrap_or(&zero);
    counts(
        py,
        [
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ],
    )?
    .outstanding_or_good_share(rule(include_unrated))
    .map_err(|e| to_py(py, &e))
}

/// Every category's share of the denominator, as percentages (unrounded).
#[pyclass(frozen, module = "carestat", name = "RatingShares")]
pub struct RatingShares(CoreShares);

#[pymethods]
impl RatingShares {
    /// `"all_locations"` or `"rated_only"`.
    #[getter]
    fn rule(&self) -> &'static str {
        rule_name(self.0.rule)
    }
    /// The denominator: every location, or the rated ones.
    #[getter]
    fn denominator(&self) -> u64 {
        self.0.denominator
    }
    /// Percentage rated Outstanding.
    #[getter]
    fn outstanding(&self) -> f64 {
        self.0.outstanding
    }
    /// Percentage rated Good.
    #[getter]
    fn good(&self) -> f64 {
        self.0.good
    }
    /// Percentage rated Requires improvement.
    #[getter]
    fn requires_improvement(&self) -> f64 {
        self.0.requires_improvement
    }
    /// Percentage rated Inadequate.
    #[getter]
    fn inadequate(&self) -> f64 {
        self.0.inadequate
    }
    /// Percentage without a published rating (None when only rated locations count).
    #[getter]
    fn not_rated(&self) -> Option<f64> {
        self.0.not_rated
    }
    /// Percentage rated Outstanding or Good.
    #[getter]
    fn outstanding_or_good(&self) -> f64 {
        self.0.outstanding_or_good
    }

    /// Equal when every field is (NaN equals NaN, None equals None).
    fn __eq__(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        a.rule == b.rule
            && a.denominator == b.denominator
            && same(a.outstanding, b.outstanding)
            && same(a.good, b.good)
            && same(a.requires_improvement, b.requires_improvement)
            && same(a.inadequate, b.inadequate)
            && same_option(a.not_rated, b.not_rated)
            && same(a.outstanding_or_good, b.outstanding_or_good)
    }

    fn __hash__(&self) -> u64 {
        let s = &self.0;
        hash_of((
            s.rule,
            s.denominator,
            [
                s.outstanding,
                s.good,
                s.requires_improvement,
                s.inadequate,
                s.outstanding_or_good,
            ]
            .map(float_key),
            s.not_rated.map(float_key),
        ))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its fields.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let s = &self.0;
        reduce_to(
            py,
            "_restore_rating_shares",
            (
                rule_name(s.rule),
                s.denominator,
                s.outstanding,
                s.good,
                s.requires_improvement,
                s.inadequate,
                s.not_rated,
                s.outstanding_or_good,
            ),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.0;
        Ok(format!(
            "RatingShares(rule='{}', denominator={}, outstanding={}, good={}, requires_improvement={}, inadequate={}, not_rated={}, outstanding_or_good={})",
            rule_name(s.rule),
            s.denominator,
            float_repr(py, s.outstanding)?,
            float_repr(py, s.good)?,
            float_repr(py, s.requires_improvement)?,
            float_repr(py, s.inadequate)?,
            s.not_rated.map_or(Ok("None".to_owned()), |v| float_repr(py, v))?,
            float_repr(py, s.outstanding_or_good)?,
        ))
    }
}

/// A `RatingShares` from its fields, for pickle (`RatingShares.__reduce__`): `rule` is
/// `"all_locations"` or `"rated_only"`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _restore_rating_shares(
    py: Python<'_>,
    rule: &str,
    denominator: u64,
    outstanding: f64,
    good: f64,
    requires_improvement: f64,
    inadequate: f64,
    not_rated: Option<f64>,
    outstanding_or_good: f64,
) -> PyResult<RatingShares> {
    let rule = [DenominatorRule::AllLocations, DenominatorRule::RatedOnly]
        .into_iter()
        .find(|&r| rule_name(r) == rule)
        .ok_or_else(|| {
            to_py(
                py,
                &Error::Unknown {
                    field: "rule".into(),
                    kind: "denominator rule (all_locations, rated_only)".into(),
                    id: rule.to_owned(),
                },
            )
        })?;
    Ok(RatingShares(CoreShares {
        rule,
        denominator,
        outstanding,
        good,
        requires_improvement,
        inadequate,
        not_rated,
        outstanding_or_good,
    }))
}

/// Every category's share (and Outstanding or Good) under the denominator rule.
#[pyfunction]
#[pyo3(signature = (outstanding, good, requires_improvement, inadequate, not_rated = None, include_unrated = true))]
pub fn rating_shares(
    py: Python<'_>,
    outstanding: &Bound<'_, PyAny>,
    good: &Bound<'_, PyAny>,
    requires_improvement: &Bound<'_, PyAny>,
    inadequate: &Bound<'_, PyAny>,
    not_rated: Option<&Bound<'_, PyAny>>,
    include_unrated: bool,
) -> PyResult<RatingShares> {
    let zero = 0i64.into_pyobject(py)?.into_any();
    let not_rated = not_rated.unwrap_or(&zero);
    counts(
        py,
        [
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ],
    )?
    .shares(rule(include_unrated))
    .map(RatingShares)
    .map_err(|e| to_py(py, &e))
}

/// The Outstanding-or-Good percentage with its Wilson score interval.
#[pyfunction]
#[pyo3(signature = (outstanding, good, requires_improvement, inadequate, not_rated = None, include_unrated = true, confidence = None))]
#[allow(clippy::too_many_arguments)]
pub fn rating_share_estimate(
    py: Python<'_>,
    outstanding: &Bound<'_, PyAny>,
    good: &Bound<'_, PyAny>,
    requires_improvement: &Bound<'_, PyAny>,
    inadequate: &Bound<'_, PyAny>,
    not_rated: Option<&Bound<'_, PyAny>>,
    include_unrated: bool,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let zero = 0i64.into_pyobject(py)?.into_any();
    let not_rated = not_rated.unwrap_or(&zero);
    let confidence = real(confidence, "confidence", 0.95)?;
    counts(
        py,
        [
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ],
    )?
    .outstanding_or_good_estimate(rule(include_unrated), confidence)
    .map(Estimate::from)
    .map_err(|e| to_py(py, &e))
}

/// The decimals a stated figure carries when none are given: those of its shortest decimal
/// form (72.7 -> 1, 73 -> 0, 72.66 -> 2), at most 15. A trailing zero ("72.70") is not
/// in a float: pass `decimals` for it.
fn stated_decimals(stated: f64) -> i32 {
    let text = format!("{stated}");
    text.split_once('.').map_or(0, |(_, frac)| {
        i32::try_from(frac.len().min(15)).unwrap_or(15)
    })
}

/// The denominator rules (`"all_locations"`, `"rated_only"`) under which the Outstanding-or-Good
/// share, rounded half away from zero to `decimals` places, equals a `stated` percentage. An
/// empty list: the published figure does not follow from its own inputs. Without `decimals`,
/// the stated value's own decimals are used (72.7 is compared at 1 decimal, 73 at 0).
#[pyfunction]
#[pyo3(signature = (outstanding, good, requires_improvement, inadequate, not_rated, stated, decimals = None))]
#[allow(clippy::too_many_arguments)]
pub fn denominator_rules_matching(
    py: Python<'_>,
    outstanding: &Bound<'_, PyAny>,
    good: &Bound<'_, PyAny>,
    requires_improvement: &Bound<'_, PyAny>,
    inadequate: &Bound<'_, PyAny>,
    not_rated: &Bound<'_, PyAny>,
    stated: &Bound<'_, PyAny>,
    decimals: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<&'static str>> {
    let c = counts(
        py,
        [
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ],
    )?;
    let stated = real(Some(stated), "stated", f64::NAN)?;
    if !stated.is_finite() {
        return Err(to_py(
            py,
            &Error::NotFinite {
                field: "stated".into(),
                value: stated,
            },
        ));
    }
    let decimals = match decimals.filter(|d| !d.is_none()) {
        None => stated_decimals(stated),
        Some(d) => {
            let d = whole(d, "decimals")?;
            i32::try_from(d).map_err(|_| {
                to_py(
                    py,
                    &Error::OutOfRange {
                        field: "decimals".into(),
                        value: d as f64,
                        expected: "a 32-bit integer".into(),
                    },
                )
            })?
        }
    };
    Ok(
        c.rules_matching(&[Rating::Outstanding, Rating::Good], stated, decimals)
            .into_iter()
            .map(rule_name)
            .collect(),
    )
}

/// A category from its name: "outstanding", "good", `"requires_improvement"`, "inadequate",
/// `"not_rated"`, or CQC's words ("Requires improvement", "Not yet rated", ...).
fn category(py: Python<'_>, name: &str) -> PyResult<Rating> {
    let snake = match name.trim() {
        "outstanding" => Some(Rating::Outstanding),
        "good" => Some(Rating::Good),
        "requires_improvement" => Some(Rating::RequiresImprovement),
        "inadequate" => Some(Rating::Inadequate),
        "not_rated" => Some(Rating::NotRated),
        _ => None,
    };
    match snake {
        Some(r) => Ok(r),
        None => LocalScheme::cqc().rating(name).map_err(|_| {
            to_py(
                py,
                &Error::Unknown {
                    field: "scheme".into(),
                    kind: "rating category (outstanding, good, requires_improvement, inadequate, not_rated, or CQC's words)".into(),
                    id: name.to_owned(),
                },
            )
        }),
    }
}

/// A scheme: "birmingham", "cqc", or a mapping from local label to category.
fn scheme(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<LocalScheme> {
    if let Ok(name) = obj.cast::<PyString>() {
        return match name.to_cow()?.trim().to_ascii_lowercase().as_str() {
            "birmingham" => Ok(LocalScheme::birmingham()),
            "cqc" => Ok(LocalScheme::cqc()),
            other => Err(to_py(
                py,
                &Error::Unknown {
                    field: "scheme".into(),
                    kind: "built-in rating scheme (\"birmingham\" or \"cqc\")".into(),
                    id: other.to_owned(),
                },
            )),
        };
    }
    let mapping = obj.cast::<PyMapping>().map_err(|_| {
        crate::errors::invalid(
            py,
            "scheme",
            None,
            "expected \"birmingham\", \"cqc\" or a mapping from label to category".to_owned(),
        )
    })?;
    let mut pairs = Vec::new();
    for item in mapping.items()?.iter() {
        let (label, cat): (String, String) = item.extract().map_err(|_| {
            crate::errors::invalid(
                py,
                "scheme",
                None,
                "labels and categories must be strings".to_owned(),
            )
        })?;
        pairs.push((label, category(py, &cat)?));
    }
    LocalScheme::new("custom", pairs).map_err(|e| to_py(py, &e))
}

/// Counts by CQC category from counts by local label: `counts` is a mapping (or a sequence of
/// `(label, count)` pairs) and `scheme` "birmingham", "cqc" or a mapping from label to
/// category. Returns a dict with keys `outstanding`, `good`, `requires_improvement`, `inadequate`,
/// `not_rated`. An unknown label is an error.
#[pyfunction]
#[pyo3(signature = (counts, scheme = None))]
pub fn local_rating_counts<'py>(
    py: Python<'py>,
    counts: &Bound<'py, PyAny>,
    scheme: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let scheme = match scheme.filter(|s| !s.is_none()) {
        None => LocalScheme::birmingham(),
        Some(s) => self::scheme(py, s)?,
    };
    let items = match counts.cast::<PyMapping>() {
        Ok(m) => m.items()?.into_any(),
        Err(_) => counts.clone(),
    };
    let mut rows: Vec<(String, u64)> = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let (label, count): (String, Bound<'py, PyAny>) = item.extract().map_err(|_| {
            crate::errors::invalid(
                py,
                "counts",
                Some(i),
                "expected (label, count) pairs or a mapping from label to count".to_owned(),
            )
        })?;
        let n = whole(&count, "counts")?;
        let n = u64::try_from(n).map_err(|_| {
            to_py(
                py,
                &Error::Negative {
                    field: "counts".into(),
                    value: n as f64,
                }
                .at_row(i),
            )
        })?;
        rows.push((label, n));
    }
    let c = scheme.counts(&rows).map_err(|e| to_py(py, &e))?;
    let out = PyDict::new(py);
    out.set_item("outstanding", c.outstanding)?;
    out.set_item("good", c.good)?;
    out.set_item("requires_improvement", c.requires_improvement)?;
    out.set_item("inadequate", c.inadequate)?;
    out.set_item("not_rated", c.not_rated)?;
    Ok(out)
}
