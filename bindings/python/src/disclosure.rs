//! Disclosure control: `suppress` (counts as a publication prints them),
//! `disclosure_percentage` (from unrounded figures) and `gss_symbols`.

use carestat::disclosure::{protect_table, SuppressionRule, Symbol};
use carestat::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};

use crate::arrays::Numbers;
use crate::errors::{invalid, to_py};
use crate::params::whole;

/// The keys of a rule given as a mapping.
const RULE_KEYS: [&str; 4] = [
    "suppress_min",
    "suppress_max",
    "round_to",
    "min_denominator_for_decimals",
];

/// A rule: `"safeguarding_adults"` (default), `"nhs_digital"`, or a mapping with `suppress_min`,
/// `suppress_max`, `round_to` and optionally `min_denominator_for_decimals`.
fn rule(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<SuppressionRule> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(SuppressionRule::safeguarding_adults());
    };
    if let Ok(name) = obj.cast::<PyString>() {
        return match name.to_cow()?.as_ref() {
            "safeguarding_adults" => Ok(SuppressionRule::safeguarding_adults()),
            "nhs_digital" => Ok(SuppressionRule::nhs_digital()),
            other => Err(to_py(
                py,
                &Error::Unknown {
                    field: "rule".into(),
                    kind: "suppression rule (safeguarding_adults, nhs_digital, or a mapping)"
                        .into(),
                    id: other.to_owned(),
                },
            )),
        };
    }
    let mapping = obj.cast::<PyMapping>().map_err(|_| {
        invalid(
            py,
            "rule",
            None,
            "expected \"safeguarding_adults\", \"nhs_digital\" or a mapping".to_owned(),
        )
    })?;
    // A misspelt key ("rond_to") would otherwise leave its default in place: counts published
    // unrounded. Every key must be a known string.
    for key in mapping.keys()?.iter() {
        let name = key.str()?.to_cow()?.into_owned();
        if !(key.is_instance_of::<PyString>() && RULE_KEYS.contains(&name.as_str())) {
            return Err(to_py(
                py,
                &Error::Unknown {
                    field: "rule".into(),
                    kind: format!("suppression rule key ({})", RULE_KEYS.join(", ")).into(),
                    id: name,
                },
            ));
        }
    }
    let get = |key: &'static str| -> PyResult<Option<u64>> {
        let Ok(v) = mapping.get_item(key) else {
            return Ok(None);
        };
        if v.is_none() {
            return Ok(None);
        }
        let n = whole(&v, key)?;
        u64::try_from(n).map(Some).map_err(|_| {
            to_py(
                py,
                &Error::Negative {
                    field: key.into(),
                    value: n as f64,
                },
            )
        })
    };
    let required = |key: &'static str| -> PyResult<u64> {
        get(key)?.ok_or_else(|| invalid(py, key, None, "is required in a rule mapping".to_owned()))
    };
    let mut r = SuppressionRule::new(
        "custom",
        required("suppress_min")?,
        required("suppress_max")?,
        get("round_to")?.unwrap_or(1),
    )
    .map_err(|e| to_py(py, &e))?;
    r.min_denominator_for_decimals = get("min_denominator_for_decimals")?;
    Ok(r)
}

/// Counts as a publication prints them under a suppression rule: hidden counts as `marker`
/// (GSS `[c]` by default; the publications' `*` if you prefer), others rounded (half away
/// from zero) to the rule's multiple, missing values as `[x]`. A number gives a string, an
/// array-like a list of strings.
#[pyfunction]
#[pyo3(signature = (counts, rule = None, marker = None))]
pub fn suppress<'py>(
    py: Python<'py>,
    counts: &Bound<'py, PyAny>,
    rule: Option<&Bound<'py, PyAny>>,
    marker: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut rule = self::rule(py, rule)?;
    if let Some(m) = marker {
        rule = rule.with_marker(m);
    }
    let numbers = Numbers::extract(counts, "count")?;
    let Some(len) = numbers.len() else {
        let text = rule
            .text(numbers.scalar().unwrap_or(f64::NAN))
            .map_err(|e| to_py(py, &e))?;
        return Ok(PyString::new(py, &text).into_any());
    };
    let column = numbers.column(len);
    let texts = column
        .iter()
        .enumerate()
        .map(|(i, &c)| rule.text(c).map_err(|e| e.at_row(i)))
        .collect::<Result<Vec<String>, Error>>()
        .map_err(|e| to_py(py, &e))?;
    Ok(texts.into_pyobject(py)?.into_any())
}

/// A percentage from the **unrounded** numerator and denominator, rounded half away from
/// zero to `decimals` places. Under `"nhs_digital"` decimals need a rounded denominator of at
/// least 4,000.
#[pyfunction]
#[pyo3(signature = (numerator, denominator, decimals = None, rule = None))]
pub fn disclosure_percentage(
    py: Python<'_>,
    numerator: &Bound<'_, PyAny>,
    denominator: &Bound<'_, PyAny>,
    decimals: Option<&Bound<'_, PyAny>>,
    rule: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let rule = self::rule(py, rule)?;
    let n = crate::params::real(Some(numerator), "numerator", f64::NAN)?;
    let d = crate::params::real(Some(denominator), "denominator", f64::NAN)?;
    let decimals = match decimals.filter(|d| !d.is_none()) {
        None => 1,
        Some(obj) => {
            let v = whole(obj, "decimals")?;
            u32::try_from(v).map_err(|_| {
                to_py(
                    py,
                    &Error::OutOfRange {
                        field: "decimals".into(),
                        value: v as f64,
                        expected: "0 to 15".into(),
                    },
                )
            })?
        }
    };
    rule.percentage(n, d, decimals).map_err(|e| to_py(py, &e))
}

/// The Government Statistical Service symbols: `{"[c]": "confidential", "[x]": "not
/// available", ...}`.
#[pyfunction]
pub fn gss_symbols(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for s in Symbol::ALL {
        out.set_item(s.code(), s.meaning())?;
    }
    Ok(out)
}

/// One table's protection: each cell's printed text, published value (NaN when hidden) and
/// protection (`"shown"`, `"primary"`, `"secondary"`), row by row with the margins.
type Table = (Vec<Vec<String>>, Vec<Vec<f64>>, Vec<Vec<&'static str>>);

/// Protects a two-way table of counts (a sequence of rows) with its row, column and grand
/// totals: primary suppression by `rule`, then secondary suppression so that no hidden cell
/// can be worked out from the published cells and totals (the core's `protect_table`).
/// Returns `(texts, values, protection)`, each `(rows + 1) x (cols + 1)` with the totals
/// last. Errors name the cell's row-major position as `row`.
#[pyfunction]
#[pyo3(name = "_protect_table", signature = (rows, rule = None, marker = None))]
pub fn protect_table_rows(
    py: Python<'_>,
    rows: &Bound<'_, PyAny>,
    rule: Option<&Bound<'_, PyAny>>,
    marker: Option<&str>,
) -> PyResult<Table> {
    let mut rule = self::rule(py, rule)?;
    if let Some(m) = marker {
        rule = rule.with_marker(m);
    }
    let rows: Vec<Vec<f64>> = rows
        .extract()
        .map_err(|_| invalid(py, "counts", None, "expected rows of numbers".to_owned()))?;
    let cols = rows.first().map_or(0, Vec::len);
    if let Some(i) = rows.iter().position(|r| r.len() != cols) {
        return Err(invalid(
            py,
            "counts",
            Some(i),
            format!("expected {cols} cells as the first row"),
        ));
    }
    let flat: Vec<f64> = rows.concat();
    let t = protect_table(&flat, rows.len(), cols, &rule).map_err(|e| to_py(py, &e))?;
    let width = cols + 1;
    let mut out: Table = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..=rows.len() {
        let cells = i * width..(i + 1) * width;
        out.0.push(
            t.published[cells.clone()]
                .iter()
                .map(|p| rule.format(p))
                .collect(),
        );
        out.1
            .push(t.published[cells.clone()].iter().map(|p| p.value).collect());
        out.2
            .push(t.protection[cells].iter().map(|p| p.label()).collect());
    }
    Ok(out)
}
