//! Finding measures by id: one measure, or the parts published under one id (old 2A is
//! 2A(1) and 2A(2)), in a named framework or in whichever framework has the id.
//!
//! An id that names anything in both frameworks is refused until the framework is named,
//! whether the meanings agree (1A) or not: a 2022-23 report's "2A" is permanent admissions
//! (lower is better, old 2A(1) and 2A(2)), a 2023-24 report's "2A" is short-term support
//! (higher is better). The same holds for 2B, 2C, 2D, 1C, 1E, 3A, 3B, 3D, 3D(1), 3D(2) and the
//! other ids of both frameworks.

use crate::change::Polarity;
use crate::error::{Error, Result};

use super::{measures_in, parse_id, Framework, Measure, YearComparison};

/// The measures one id names in one framework: a single measure (`2A(2)`) or the parts
/// published under a shorter id (`2A` up to 2022-23: 2A(1) and 2A(2); `1C`: the four parts
/// of 1C).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The framework the measures belong to.
    pub framework: Framework,
    /// The id in compact form (`2A`, `1C1`).
    pub id: String,
    /// The measures, in catalogue order; never empty.
    pub parts: Vec<&'static Measure>,
}

impl Group {
    /// The one measure, when the id names a single measure.
    #[must_use]
    pub fn single(&self) -> Option<&'static Measure> {
        match self.parts.as_slice() {
            [m] => Some(m),
            _ => None,
        }
    }

    /// The parts' published labels: `2A(1), 2A(2)`.
    #[must_use]
    pub fn labels(&self) -> String {
        let labels: Vec<&str> = self.parts.iter().map(|m| m.label.as_str()).collect();
        labels.join(", ")
    }

    /// The first part, when all parts share unit, polarity, multiplier and published
    /// decimals, so that two years of any of them compare alike.
    fn common(&self) -> Result<&'static Measure> {
        let first = self.parts[0];
        let alike = self.parts.iter().all(|m| {
            m.unit == first.unit
                && m.polarity == first.polarity
                && m.multiplier.to_bits() == first.multiplier.to_bits()
                && m.decimals == first.decimals
        });
        if alike {
            Ok(first)
        } else {
            Err(Error::invalid(
                "id",
                format!(
                    "`{}` in {} is the parts {}, which differ in unit or polarity; name the part",
                    self.id,
                    self.framework.describe(),
                    self.labels()
                ),
            ))
        }
    }

    /// The polarity all parts share.
    ///
    /// Errors: [`Error::Invalid`] when the parts differ in unit or polarity.
    pub fn polarity(&self) -> Result<Polarity> {
        Ok(self.common()?.polarity)
    }

    /// What a difference between two values is measured in, shared by all parts.
    ///
    /// Errors: as [`Group::polarity`].
    pub fn difference_unit(&self) -> Result<&'static str> {
        Ok(self.common()?.difference_unit())
    }

    /// Two years compared with the polarity all parts share ([`Measure::compare`]).
    ///
    /// Errors: as [`Group::polarity`] and [`Measure::compare`].
    pub fn compare(&self, previous: f64, current: f64) -> Result<YearComparison> {
        self.common()?.compare(previous, current)
    }

    /// What the group means, for a message: `2A(2) The number of ...` or `2A(1), 2A(2)`.
    fn describe(&self) -> String {
        match self.single() {
            Some(m) => format!("{} {}", m.label, m.name),
            None => format!("{} (parts of {})", self.labels(), self.id),
        }
    }
}

fn unknown(id: &str, kind: &'static str) -> Error {
    Error::Unknown {
        field: "id".into(),
        kind: kind.into(),
        id: id.to_owned(),
    }
}

/// The measures `key` (compact, grammar-checked) names in `framework`: the measure with that
/// id, or else the parts whose ids extend it.
fn named_in(framework: Framework, key: &str) -> Vec<&'static Measure> {
    let exact: Vec<&'static Measure> = measures_in(framework).filter(|m| m.id == key).collect();
    if !exact.is_empty() {
        return exact;
    }
    measures_in(framework)
        .filter(|m| m.id.len() > key.len() && m.id.starts_with(key))
        .collect()
}

/// What `id` names: in `framework`, or, when `None`, in whichever framework has it.
///
/// Errors: [`Error::Invalid`] for an id outside the grammar ([`parse_id`]) and, with no
/// framework, for an id that names measures in both frameworks (`2A`, `2D`, `1A`...: "name the
/// framework"); [`Error::Unknown`] for an id that names nothing.
///
/// ```
/// use carestat::ascof::{group, Framework};
/// use carestat::Judgement;
/// // A 2022-23 report's "2A": permanent admissions, 2A(1) and 2A(2), lower is better
/// let old = group("2A", Some(Framework::To2022_23))?;
/// assert_eq!(old.labels(), "2A(1), 2A(2)");
/// assert_eq!(old.compare(417.6, 587.2)?.judgement, Judgement::Worsened);
/// assert!(group("2A", None).is_err()); // 2A is also a measure from 2023-24
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn group(id: &str, framework: Option<Framework>) -> Result<Group> {
    let key = parse_id(id)?;
    let found = |f: Framework| Group {
        framework: f,
        id: key.clone(),
        parts: named_in(f, &key),
    };
    if let Some(f) = framework {
        let g = found(f);
        if g.parts.is_empty() {
            return Err(unknown(
                id,
                match f {
                    Framework::To2022_23 => "ASCOF measure (framework up to 2022-23)",
                    Framework::From2023_24 => "ASCOF measure (framework from 2023-24)",
                },
            ));
        }
        return Ok(g);
    }
    let (old, new) = (found(Framework::To2022_23), found(Framework::From2023_24));
    match (old.parts.is_empty(), new.parts.is_empty()) {
        (true, true) => Err(unknown(id, "ASCOF measure")),
        (false, true) => Ok(old),
        (true, false) => Ok(new),
        (false, false) => Err(Error::invalid(
            "id",
            format!(
                "`{key}` names measures in both frameworks ({}: {}; {}: {}); name the \
                 framework (\"2022-23\" or \"2023-24\", or the year)",
                old.framework.describe(),
                old.describe(),
                new.framework.describe(),
                new.describe(),
            ),
        )),
    }
}

fn one(g: &Group) -> Result<&'static Measure> {
    g.single().ok_or_else(|| {
        Error::invalid(
            "id",
            format!(
                "`{}` in {} is not one measure but the parts {}; name the part",
                g.id,
                g.framework.describe(),
                g.labels()
            ),
        )
    })
}

/// The measure with `id` in either framework.
///
/// Errors: [`Error::Unknown`] for an id in neither framework; [`Error::Invalid`] for an id
/// outside the grammar, an id that names measures in both frameworks (1A, 2A, 2D, 4A...: use
/// [`measure_in`] then), and an id that names several parts (old 2A: name 2A(1) or 2A(2)).
///
/// ```
/// use carestat::ascof::{measure, Framework};
/// assert_eq!(measure("2A(2)")?.framework, Framework::To2022_23);
/// assert!(measure("2C").is_err()); // old 2C(1)-(3) delayed transfers; new 2C admissions 65+
/// assert!(measure("2D").is_err()); // in both frameworks, with different meanings
/// assert!(measure("9Z").is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn measure(id: &str) -> Result<&'static Measure> {
    one(&group(id, None)?)
}

/// The measure with `id` in `framework`.
///
/// Errors: as [`measure`], without the two-framework case.
///
/// ```
/// use carestat::ascof::{measure_in, Framework};
/// let new_2c = measure_in(Framework::From2023_24, "2c")?;
/// assert_eq!(new_2c.counterpart.as_deref(), Some("2A2"));
/// assert!(measure_in(Framework::To2022_23, "2E").is_err());
/// assert!(measure_in(Framework::To2022_23, "2A").is_err()); // 2A(1) or 2A(2)?
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn measure_in(framework: Framework, id: &str) -> Result<&'static Measure> {
    one(&group(id, Some(framework))?)
}

/// Two years of the measure (or of the parts sharing a polarity) that `id` names, in
/// `framework` or, when `None`, in whichever framework has it.
///
/// Errors: as [`group`] and [`Group::compare`].
///
/// ```
/// use carestat::ascof::{compare, Framework};
/// use carestat::Judgement;
/// // Seed 000, Birmingham: permanent admissions of people aged 65+ rose from 417.6 to 587.2
/// assert_eq!(compare("2A2", None, 417.6, 587.2)?.judgement, Judgement::Worsened);
/// // labelled "2A" as a 2022-23 report may do: an error until the framework is named
/// assert!(compare("2A", None, 417.6, 587.2).is_err());
/// let c = compare("2A", Some(Framework::To2022_23), 417.6, 587.2)?;
/// assert_eq!(c.judgement, Judgement::Worsened);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn compare(
    id: &str,
    framework: Option<Framework>,
    previous: f64,
    current: f64,
) -> Result<YearComparison> {
    group(id, framework)?.compare(previous, current)
}
