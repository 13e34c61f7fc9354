//! Indirectly standardised ratios and rates, as PHEindicatormethods `calculate_ISRatio` and
//! `calculate_ISRate`.
//!
//! The expected number of events applies reference rates by band to the area's populations:
//! `E = Σ ref_count_i / ref_population_i × n_i`. Then
//!
//! * ratio `O / E × refvalue` (refvalue 1, or 100 for the familiar "SMR x 100"),
//! * rate `O / E × reference rate × multiplier`, with reference rate
//!   `Σ ref_count_i / Σ ref_population_i`,
//!
//! and limits from the observed count `O`: exact Poisson below 10 events, Byar's from 10,
//! both divided by `E` and scaled like the value.
//!
//! Missing values follow the reference (`na.zero`): a missing band count, population or
//! reference count contributes nothing. A band population of zero is allowed (it contributes
//! no expected events, while any events observed there still count). Reference populations
//! must be present and greater than zero.

use crate::error::{check_len, Error, Field, Result};
use crate::estimate::{
    check_multiplier, check_overflow, count_or_zero, Confidence, Estimate, Method,
};
use crate::poisson::count_limits;

/// The observed events of an area: by band (summed, missing counting as zero), or a total
/// supplied separately (the reference's `observed_totals`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observed<'a> {
    /// Events in each band, matched by position with the populations.
    Bands(&'a [f64]),
    /// The area's total events (NaN for missing).
    Total(f64),
}

/// An indirectly standardised comparison: observed and expected events, and the reference
/// rate, ready to give ratios ([`Isr::ratio`]) or rates ([`Isr::rate`]) at any confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Isr {
    /// Observed events `O` (NaN when a supplied total was missing).
    pub observed: f64,
    /// Expected events `E` from the reference rates.
    pub expected: f64,
    /// The reference population's crude rate per 1: `Σ ref_count / Σ ref_population`.
    pub reference_rate: f64,
}

impl Isr {
    /// The standardised ratio `O / E × refvalue` with its interval (Exact below 10 events,
    /// Byar's from 10). `refvalue` is usually 1 or 100.
    ///
    /// [`Estimate::MISSING`] when the observed total is missing.
    pub fn ratio(&self, confidence: f64, refvalue: f64) -> Result<Estimate> {
        check_scale("refvalue", refvalue)?;
        let confidence = Confidence::new(confidence)?;
        self.scaled(confidence, refvalue)
    }

    /// The standardised rate `O / E × reference rate × multiplier` with its interval.
    pub fn rate(&self, confidence: f64, multiplier: f64) -> Result<Estimate> {
        check_multiplier(multiplier)?;
        let confidence = Confidence::new(confidence)?;
        self.scaled(confidence, self.reference_rate * multiplier)
    }

    /// Ratios at 95% and 99.8%.
    pub fn ratio_95_998(&self, refvalue: f64) -> Result<(Estimate, Estimate)> {
        check_scale("refvalue", refvalue)?;
        Ok((
            self.scaled(Confidence::NINETY_FIVE, refvalue)?,
            self.scaled(Confidence::NINETY_NINE_POINT_EIGHT, refvalue)?,
        ))
    }

    /// Rates at 95% and 99.8%.
    pub fn rate_95_998(&self, multiplier: f64) -> Result<(Estimate, Estimate)> {
        check_multiplier(multiplier)?;
        let scale = self.reference_rate * multiplier;
        Ok((
            self.scaled(Confidence::NINETY_FIVE, scale)?,
            self.scaled(Confidence::NINETY_NINE_POINT_EIGHT, scale)?,
        ))
    }

    /// The estimate at `scale`; one beyond the doubles (1e300 events against 1e-300 expected)
    /// is an error, never infinity.
    fn scaled(&self, confidence: Confidence, scale: f64) -> Result<Estimate> {
        if self.observed.is_nan() {
            return Ok(Estimate::MISSING);
        }
        let (lower, upper, exact) = count_limits(self.observed, confidence);
        let s = scale / self.expected;
        check_overflow(
            "observed",
            Estimate {
                value: self.observed * s,
                lower: lower * s,
                upper: upper * s,
                method: if exact { Method::Exact } else { Method::Byars },
            },
        )
    }
}

fn check_scale(field: &'static str, value: f64) -> Result<()> {
    if !value.is_finite() || value <= 0.0 {
        return Err(Error::NotPositive {
            field: field.into(),
            value,
        });
    }
    Ok(())
}

/// Observed and expected events for one area.
///
/// `populations`, `reference_counts` and `reference_populations` are matched by band
/// position. Errors name the array and band of the first bad value: negative counts or
/// populations, a reference population that is missing or not greater than zero, arrays of
/// different lengths, or no expected events at all.
///
/// ```
/// use carestat::isr::{isr, Observed};
/// // Reference rates 1% and 10%; the area has 1000 and 200 people: E = 10 + 20 = 30.
/// let s = isr(Observed::Bands(&[12.0, 33.0]), &[1000.0, 200.0],
///             &[100.0, 1000.0], &[10_000.0, 10_000.0])?;
/// assert_eq!(s.expected, 30.0);
/// let ratio = s.ratio(0.95, 100.0)?;
/// assert!((ratio.value - 150.0).abs() < 1e-12);
/// // Reference rate 1100 / 20000 = 5.5%, so the rate per 1000 is 1.5 × 55 = 82.5.
/// assert!((s.rate(0.95, 1000.0)?.value - 82.5).abs() < 1e-12);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn isr(
    observed: Observed<'_>,
    populations: &[f64],
    reference_counts: &[f64],
    reference_populations: &[f64],
) -> Result<Isr> {
    let bands = populations.len();
    check_len(
        "reference_counts",
        reference_counts.len(),
        "populations",
        bands,
    )?;
    check_len(
        "reference_populations",
        reference_populations.len(),
        "populations",
        bands,
    )?;
    let observed = match observed {
        Observed::Bands(counts) => {
            check_len("counts", counts.len(), "populations", bands)?;
            let mut total = 0.0;
            for (i, &x) in counts.iter().enumerate() {
                total += count_or_zero("counts", i, x)?;
            }
            total
        }
        Observed::Total(total) => {
            if total.is_infinite() {
                return Err(Error::NotFinite {
                    field: "observed".into(),
                    value: total,
                });
            }
            if total < 0.0 {
                return Err(Error::Negative {
                    field: "observed".into(),
                    value: total,
                });
            }
            total
        }
    };
    let (mut expected, mut ref_count_total, mut ref_pop_total) = (0.0, 0.0, 0.0);
    for i in 0..bands {
        let n = count_or_zero("populations", i, populations[i])?;
        let ref_count = count_or_zero("reference_counts", i, reference_counts[i])?;
        let ref_pop = reference_populations[i];
        if ref_pop.is_nan() {
            return Err(Error::invalid(
                Field::new("reference_populations").at(i),
                "must not be missing",
            ));
        }
        if !ref_pop.is_finite() || ref_pop <= 0.0 {
            return Err(Error::NotPositive {
                field: Field::new("reference_populations").at(i),
                value: ref_pop,
            });
        }
        expected += ref_count / ref_pop * n;
        ref_count_total += ref_count;
        ref_pop_total += ref_pop;
    }
    if expected <= 0.0 {
        return Err(Error::NotPositive {
            field: "expected".into(),
            value: expected,
        });
    }
    Ok(Isr {
        observed,
        expected,
        reference_rate: ref_count_total / ref_pop_total,
    })
}

/// Observed and expected events for many areas at once: `populations` (and `counts`, when
/// observed by band) hold `reference_counts.len()` bands for each area, area after area;
/// `observed_totals`, when given instead, holds one total per area.
///
/// Errors name the row (0-based, in the flat arrays) of the first bad value.
///
/// ```
/// use carestat::isr::isr_many;
/// let pops = [1000.0, 200.0, 500.0, 500.0];
/// let refc = [100.0, 1000.0];
/// let refn = [10_000.0, 10_000.0];
/// let by_band = isr_many(Some(&[12.0, 33.0, 1.0, 2.0]), None, &pops, &refc, &refn)?;
/// let totals = isr_many(None, Some(&[45.0, 3.0]), &pops, &refc, &refn)?;
/// assert_eq!(by_band, totals);
/// assert_eq!(by_band[1].expected, 55.0);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn isr_many(
    counts: Option<&[f64]>,
    observed_totals: Option<&[f64]>,
    populations: &[f64],
    reference_counts: &[f64],
    reference_populations: &[f64],
) -> Result<Vec<Isr>> {
    let bands = reference_counts.len();
    if bands == 0 || !populations.len().is_multiple_of(bands) {
        return Err(Error::invalid(
            "populations",
            format!(
                "length {} is not a whole number of areas of {bands} bands",
                populations.len()
            ),
        ));
    }
    let areas = populations.len() / bands;
    match (counts, observed_totals) {
        (Some(counts), None) => {
            check_len("counts", counts.len(), "populations", populations.len())?;
        }
        (None, Some(totals)) => check_len("observed_totals", totals.len(), "areas", areas)?,
        _ => {
            return Err(Error::invalid(
                "counts",
                "give either counts by band or observed totals, not both or neither",
            ))
        }
    }
    (0..areas)
        .map(|area| {
            let range = area * bands..(area + 1) * bands;
            let observed = match (counts, observed_totals) {
                (Some(c), _) => Observed::Bands(&c[range.clone()]),
                (_, Some(t)) => Observed::Total(t[area]),
                _ => unreachable!("checked above"),
            };
            isr(
                observed,
                &populations[range],
                reference_counts,
                reference_populations,
            )
            .map_err(|e| match e.field() {
                Some(Field { row: Some(r), name }) if name == "counts" || name == "populations" => {
                    let row = area * bands + r;
                    e.at_row(row)
                }
                Some(Field { row: None, name }) if name == "observed" => e.at_row(area),
                _ => e,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn a_ratio_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target. Reference rate 1 / 1 = 1 per person and an area
        // of 1e-300 people: E = 1e-300, so 1e300 observed events give O / E = 1e600.
        let s = isr(Observed::Total(1e300), &[1e-300], &[1.0], &[1.0]).unwrap();
        assert!(s.ratio(0.95, 1.0).is_err());
        assert!(s.rate(0.95, 1.0).is_err());
        assert!(s.ratio_95_998(100.0).is_err());
        // 10 events: O / E = 1e301, finite.
        let s = isr(Observed::Total(10.0), &[1e-300], &[1.0], &[1.0]).unwrap();
        assert_relative_eq!(
            s.ratio(0.95, 1.0).unwrap().value,
            1e301,
            max_relative = 1e-15
        );
    }

    #[test]
    fn exact_below_ten_byars_from_ten() {
        let s = Isr {
            observed: 9.0,
            expected: 4.5,
            reference_rate: 0.01,
        };
        let r = s.ratio(0.95, 1.0).unwrap();
        assert_eq!(r.method, Method::Exact);
        assert_relative_eq!(r.value, 2.0, max_relative = 1e-15);
        // qchisq(0.025, 18) / 2 / 4.5 with qchisq(0.025, 18) = 8.230746 (tables)
        assert_relative_eq!(r.lower, 8.230_746 / 2.0 / 4.5, max_relative = 1e-6);
        let s = Isr {
            observed: 10.0,
            ..s
        };
        assert_eq!(s.ratio(0.95, 1.0).unwrap().method, Method::Byars);
    }

    #[test]
    fn zero_population_band_keeps_its_events() {
        let s = isr(
            Observed::Bands(&[5.0, 7.0]),
            &[0.0, 100.0],
            &[1.0, 1.0],
            &[10.0, 10.0],
        )
        .unwrap();
        assert_eq!(s.observed, 12.0);
        assert_eq!(s.expected, 10.0);
    }

    #[test]
    fn errors_name_field_and_row() {
        let e = isr(
            Observed::Bands(&[5.0, -7.0]),
            &[1.0, 1.0],
            &[1.0, 1.0],
            &[1.0, 1.0],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "counts at row 1: must not be negative (got -7)"
        );
        let e = isr(Observed::Total(5.0), &[1.0, 1.0], &[1.0, 1.0], &[1.0, 0.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "reference_populations at row 1: must be greater than zero (got 0)"
        );
        let e = isr(Observed::Total(5.0), &[0.0, 0.0], &[1.0, 1.0], &[1.0, 1.0]).unwrap_err();
        assert_eq!(e.to_string(), "expected: must be greater than zero (got 0)");
        let e = isr_many(None, Some(&[1.0, -1.0]), &[1.0; 4], &[1.0; 2], &[1.0; 2]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "observed at row 1: must not be negative (got -1)"
        );
    }
}
