//! Figures by reference (`counts.concerns`, `counts.concerns.previous`) with the interval of
//! true values their stated rounding allows.

use crate::rounding::stated_interval;

use super::claims::{ChangeUnit, ClaimKind};
use super::dataset::{Dataset, MoneyUnit};

/// What kind of figure a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureKind {
    Count,
    Population,
    Percentage,
    Money(MoneyUnit),
}

impl FigureKind {
    pub(crate) const fn unit(self) -> &'static str {
        match self {
            Self::Count | Self::Population => "",
            Self::Percentage => "%",
            Self::Money(u) => u.label(),
        }
    }
}

/// A figure with the interval `[lo, hi]` of true values consistent with its rounding (a
/// count or population is exact: `lo == hi == value`).
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub label: String,
    pub kind: FigureKind,
    pub value: f64,
    pub lo: f64,
    pub hi: f64,
    /// Decimals it was stated to; `None` for exact counts.
    pub decimals: Option<i32>,
    /// How the figure was obtained when not published as such.
    pub derived: Option<String>,
}

impl Figure {
    pub(crate) fn exact(label: &str, kind: FigureKind, value: f64) -> Self {
        Self {
            label: label.to_owned(),
            kind,
            value,
            lo: value,
            hi: value,
            decimals: None,
            derived: None,
        }
    }

    pub(crate) fn rounded(label: &str, kind: FigureKind, value: f64, d: i32) -> Self {
        let (lo, hi) = stated_interval(value, d);
        Self {
            label: label.to_owned(),
            kind,
            value,
            lo: lo.max(0.0),
            hi,
            decimals: Some(d),
            derived: None,
        }
    }

    /// The value as the document would print it, with its unit: `3,912`, `GBP 326.4m`, `76%`.
    pub(crate) fn shown(&self) -> String {
        self.fmt(self.value, self.decimals.unwrap_or(0))
    }

    /// Any value in this figure's unit: `GBP 290.4m`, `61.3%`, `21,604`.
    pub(crate) fn fmt(&self, x: f64, d: i32) -> String {
        fmt_in(self.kind, super::text::num(x, d))
    }

    /// A change in this figure's unit, with its sign: `+GBP 26.9m`, `+543`, `-1.5%`.
    pub(crate) fn fmt_signed(&self, x: f64, d: i32) -> String {
        let sign = if super::text::signed(x, d).starts_with('+') {
            "+"
        } else {
            ""
        };
        format!("{sign}{}", self.fmt(x, d))
    }
}

/// `text` (a formatted number) in the unit of `kind`.
fn fmt_in(kind: FigureKind, text: String) -> String {
    let (neg, text) = match text.strip_prefix('-') {
        Some(t) => ("-", t.to_owned()),
        None => ("", text),
    };
    match kind {
        FigureKind::Count | FigureKind::Population => format!("{neg}{text}"),
        FigureKind::Percentage => format!("{neg}{text}%"),
        FigureKind::Money(u) => {
            let suffix = match u {
                MoneyUnit::Gbp => "",
                MoneyUnit::GbpThousands => "k",
                MoneyUnit::GbpMillions => "m",
                MoneyUnit::GbpBillions => "bn",
            };
            format!("{neg}GBP {text}{suffix}")
        }
    }
}

/// A parsed reference: section, id, and whether last year's value is meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference<'a> {
    pub section: &'a str,
    pub id: &'a str,
    pub previous: bool,
}

/// Sections a reference may name.
pub(crate) const SECTIONS: [&str; 4] = ["counts", "populations", "percentages", "spend"];

/// Splits `section.id` or `section.id.previous`; `None` when malformed.
pub(crate) fn parse(reference: &str) -> Option<Reference<'_>> {
    let mut it = reference.split('.');
    let section = it.next()?;
    let id = it.next()?;
    let previous = match it.next() {
        None => false,
        Some("previous") => true,
        Some(_) => return None,
    };
    if it.next().is_some() || id.is_empty() || !SECTIONS.contains(&section) {
        return None;
    }
    Some(Reference {
        section,
        id,
        previous,
    })
}

/// True when the reference names a figure of the dataset (its previous value may still be
/// unknown).
pub(crate) fn exists(ds: &Dataset, reference: &str) -> bool {
    parse(reference).is_some_and(|r| match r.section {
        "counts" => ds.counts.contains_key(r.id),
        "populations" => !r.previous && ds.populations.contains_key(r.id),
        "percentages" => ds.percentages.contains_key(r.id),
        "spend" => ds.spend.contains_key(r.id),
        _ => false,
    })
}

/// The figure a reference names, or `None` when it names last year's value and the document
/// gives none (directly, or through an absolute change claim).
pub(crate) fn resolve(ds: &Dataset, reference: &str) -> Option<Figure> {
    let r = parse(reference)?;
    let current = format!("{}.{}", r.section, r.id);
    match (r.section, r.previous) {
        ("counts", false) => {
            let c = ds.counts.get(r.id)?;
            Some(Figure::exact(&c.label, FigureKind::Count, c.value as f64))
        }
        ("counts", true) => {
            let c = ds.counts.get(r.id)?;
            let label = format!("{} (previous)", c.label);
            match c.previous {
                Some(p) => Some(Figure::exact(&label, FigureKind::Count, p as f64)),
                None => previous_from_absolute_claim(ds, &current, c.value as f64).map(
                    |(value, how)| {
                        let mut f = Figure::exact(&label, FigureKind::Count, value);
                        f.derived = Some(how);
                        f
                    },
                ),
            }
        }
        ("populations", false) => {
            let p = ds.populations.get(r.id)?;
            Some(Figure::exact(
                &p.label,
                FigureKind::Population,
                p.value as f64,
            ))
        }
        // Last year's value keeps its own decimals when the document printed it to others
        // (`previous_decimals`, format 2).
        ("percentages", prev) => {
            let p = ds.percentages.get(r.id)?;
            let (value, label, d) = if prev {
                (
                    p.previous?,
                    format!("{} (previous)", p.label),
                    p.previous_decimals.unwrap_or(p.decimals),
                )
            } else {
                (p.value, p.label.clone(), p.decimals)
            };
            Some(Figure::rounded(&label, FigureKind::Percentage, value, d))
        }
        ("spend", prev) => {
            let m = ds.spend.get(r.id)?;
            let (value, label, d) = if prev {
                (
                    m.previous?,
                    format!("{} (previous)", m.label),
                    m.previous_decimals.unwrap_or(m.decimals),
                )
            } else {
                (m.value, m.label.clone(), m.decimals)
            };
            Some(Figure::rounded(&label, FigureKind::Money(m.unit), value, d))
        }
        _ => None,
    }
}

/// Last year's count implied exactly by a claim "X, an increase of N" (an absolute change
/// stated to 0 decimals): `X - N`, with the claim named. None when `X - N` is not a count
/// (below zero or not whole): the claim then implies no previous value.
fn previous_from_absolute_claim(
    ds: &Dataset,
    subject: &str,
    current: f64,
) -> Option<(f64, String)> {
    ds.claims.iter().find_map(|c| {
        let stated = c.stated?;
        let previous = current - stated;
        (c.kind == ClaimKind::Change
            && c.unit == Some(ChangeUnit::Absolute)
            && c.subject.as_deref() == Some(subject)
            && c.decimals == Some(0)
            && previous >= 0.0
            && previous.fract() == 0.0)
            .then(|| {
                (
                    current - stated,
                    format!(
                        "{} = {} - {} (claim {})",
                        super::text::num(current - stated, 0),
                        super::text::num(current, 0),
                        super::text::num(stated, 0),
                        c.id
                    ),
                )
            })
    })
}

/// The previous value of a figure, when known.
pub(crate) fn previous_of(ds: &Dataset, reference: &str) -> Option<Figure> {
    let r = parse(reference)?;
    if r.previous {
        return None;
    }
    resolve(ds, &format!("{}.{}.previous", r.section, r.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse() {
        assert_eq!(
            parse("counts.concerns.previous"),
            Some(Reference {
                section: "counts",
                id: "concerns",
                previous: true
            })
        );
        assert!(parse("counts").is_none());
        assert!(parse("ratings.care_homes").is_none());
        assert!(parse("counts.x.next").is_none());
        assert!(parse("counts.x.previous.y").is_none());
    }
}
