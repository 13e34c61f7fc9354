//! Directly standardised rates (DSR) with Dobson confidence limits, as PHEindicatormethods
//! `calculate_dsr`.
//!
//! For age bands `i` with events `x_i`, populations `n_i` and standard populations `w_i`:
//!
//! * `value = Σ x_i w_i / n_i / Σ w_i × multiplier`
//! * `var = Σ x_i w_i² / n_i² / (Σ w_i)²`
//! * limits `value + sqrt(var / O) (Byars(O) - O) × multiplier`, with `O = Σ x_i` and
//!   Byar's lower or upper limit for `O` events (Dobson et al. 1991).
//! * With fewer than 10 events in total the rate is unreliable and is suppressed: its
//!   estimate is [`Estimate::SUPPRESSED`], as the reference returns `NA` with the statistic
//!   "dsr NA for total count < 10".
//!
//! **Non-independent events** (one person can have several events, e.g. repeat admissions):
//! the input is the number of *people* in each band with each event frequency. The rate uses
//! the total events `Σ_f f x_if` per band; the variance becomes `Σ_f f² var_f`, where `var_f`
//! is the Dobson variance of the people with frequency `f` (PHE Fingertips technical
//! guidance, DSR chapter).
//!
//! Missing values follow the reference: a missing (NaN) event count in a band counts as zero
//! events (`na.zero`), while populations and standard populations must be present.

use crate::error::{check_len, Error, Field, Result};
use crate::estimate::{
    check_multiplier, check_overflow, count_or_zero, Confidence, Estimate, Method,
};
use crate::poisson::{byars_lower_z, byars_upper_z};

/// The European Standard Population 2013: 19 five-year bands `0-4` to `85-89` and `90+`.
///
/// ```
/// assert_eq!(carestat::dsr::ESP2013.iter().sum::<f64>(), 100_000.0);
/// ```
pub const ESP2013: [f64; 19] = [
    5000.0, 5500.0, 5500.0, 5500.0, 6000.0, 6000.0, 6500.0, 7000.0, 7000.0, 7000.0, 7000.0, 6500.0,
    6000.0, 5500.0, 5000.0, 4000.0, 2500.0, 1500.0, 1000.0,
];

/// The age bands of [`ESP2013`].
pub const ESP2013_AGE_BANDS: [&str; 19] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
];

/// The European Standard Population 1976: 18 bands `0-4` to `80-84` and `85+`.
///
/// ```
/// assert_eq!(carestat::dsr::ESP1976.iter().sum::<f64>(), 100_000.0);
/// ```
pub const ESP1976: [f64; 18] = [
    8000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 7000.0, 6000.0,
    5000.0, 4000.0, 3000.0, 2000.0, 1000.0, 1000.0,
];

/// The age bands of [`ESP1976`].
pub const ESP1976_AGE_BANDS: [&str; 18] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+",
];

/// Directly standardised rates from fewer events than this are suppressed.
pub const DSR_MIN_COUNT: f64 = 10.0;

/// Why a DSR has no value.
pub const DSR_SUPPRESSION_REASON: &str = "dsr NA for total count < 10";

/// A directly standardised rate: the sums it is made of, ready to give intervals at any
/// confidence level ([`Dsr::estimate`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dsr {
    /// Total events `O` (for non-independent events, the events, not the people).
    pub total_count: f64,
    /// Total population.
    pub total_population: f64,
    /// The standardised rate per `multiplier`, before suppression.
    pub unsuppressed_value: f64,
    /// Dobson variance of the rate per 1 (adjusted for non-independent events when
    /// [`Dsr::independent_events`] is false).
    pub variance: f64,
    /// The multiplier the rate is expressed per.
    pub multiplier: f64,
    /// False when the variance was adjusted for people with more than one event.
    pub independent_events: bool,
}

impl Dsr {
    /// True when the total count is below 10 and the rate is withheld.
    #[must_use]
    pub fn is_suppressed(&self) -> bool {
        self.total_count < DSR_MIN_COUNT
    }

    /// The reason the rate is withheld (`"dsr NA for total count < 10"`), if it is.
    #[must_use]
    pub fn suppression_reason(&self) -> Option<&'static str> {
        self.is_suppressed().then_some(DSR_SUPPRESSION_REASON)
    }

    /// The rate with its Dobson interval at `confidence` (0.9..1 or 90..100).
    ///
    /// [`Estimate::SUPPRESSED`] when the total count is below 10. A rate or limit beyond the
    /// doubles (20 events in a population of 1e-300) is an error, never infinity.
    pub fn estimate(&self, confidence: f64) -> Result<Estimate> {
        let confidence = Confidence::new(confidence)?;
        if self.is_suppressed() {
            return Ok(Estimate::SUPPRESSED);
        }
        check_overflow("counts", self.estimate_at(confidence))
    }

    fn estimate_at(&self, confidence: Confidence) -> Estimate {
        if self.is_suppressed() {
            return Estimate::SUPPRESSED;
        }
        let o = self.total_count;
        let z = confidence.z();
        let value = self.unsuppressed_value;
        let scale = (self.variance / o).sqrt() * self.multiplier;
        // From 10 events Byar's lower limit is positive.
        let lower = byars_lower_z(o, z).unwrap_or(0.0);
        Estimate {
            value,
            lower: value + scale * (lower - o),
            upper: value + scale * (byars_upper_z(o, z) - o),
            method: if self.independent_events {
                Method::Dobson
            } else {
                Method::DobsonNonIndependent
            },
        }
    }

    /// Estimates at 95% and at 99.8%, the two levels Fingertips shows; errors as
    /// [`Dsr::estimate`].
    pub fn estimates_95_998(&self) -> Result<(Estimate, Estimate)> {
        let at = |c| {
            if self.is_suppressed() {
                Ok(Estimate::SUPPRESSED)
            } else {
                check_overflow("counts", self.estimate_at(c))
            }
        };
        Ok((
            at(Confidence::NINETY_FIVE)?,
            at(Confidence::NINETY_NINE_POINT_EIGHT)?,
        ))
    }
}

/// Checks a standard population and returns its total.
fn check_standard(standard: &[f64]) -> Result<f64> {
    let mut total = 0.0;
    for (i, &w) in standard.iter().enumerate() {
        if !w.is_finite() {
            return Err(Error::invalid(
                Field::new("standard_populations").at(i),
                format!("must be a finite number (got {w})"),
            ));
        }
        if w < 0.0 {
            return Err(Error::Negative {
                field: Field::new("standard_populations").at(i),
                value: w,
            });
        }
        total += w;
    }
    if total <= 0.0 {
        return Err(Error::NotPositive {
            field: Field::new("standard_populations total"),
            value: total,
        });
    }
    Ok(total)
}

/// Checks a band population: present, finite and greater than zero.
fn check_population(row: usize, n: f64) -> Result<()> {
    if n.is_nan() {
        return Err(Error::invalid(
            Field::new("populations").at(row),
            "must not be missing",
        ));
    }
    if n.is_infinite() {
        return Err(Error::NotFinite {
            field: Field::new("populations").at(row),
            value: n,
        });
    }
    if n <= 0.0 {
        return Err(Error::NotPositive {
            field: Field::new("populations").at(row),
            value: n,
        });
    }
    Ok(())
}

/// A directly standardised rate for one area from its events and populations by band.
///
/// `counts`, `populations` and `standard_populations` are matched by position (band `i` of
/// each); use [`ESP2013`] for the usual European Standard Population. Errors name the array
/// and the band (0-based) of the first bad value: a negative or infinite count, a missing,
/// infinite or non-positive population, a negative standard population, or arrays of
/// different lengths.
///
/// ```
/// use carestat::dsr::{dsr, ESP2013};
/// let counts = [1.0, 0.0, 2.0, 1.0, 3.0, 4.0, 3.0, 5.0, 6.0, 8.0, 10.0, 14.0, 19.0, 25.0,
///               31.0, 44.0, 52.0, 50.0, 48.0];
/// let pops = [5000.0; 19];
/// let rate = dsr(&counts, &pops, &ESP2013, 100_000.0)?;
/// let (ci95, ci998) = rate.estimates_95_998()?;
/// assert!(ci998.lower < ci95.lower && ci95.lower < ci95.value && ci95.value < ci95.upper);
/// // Fewer than 10 events: suppressed.
/// let few = dsr(&[1.0; 19].map(|_| 0.0), &pops, &ESP2013, 100_000.0)?;
/// assert!(few.estimate(0.95)?.is_missing());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn dsr(
    counts: &[f64],
    populations: &[f64],
    standard_populations: &[f64],
    multiplier: f64,
) -> Result<Dsr> {
    check_multiplier(multiplier)?;
    check_len("populations", populations.len(), "counts", counts.len())?;
    check_len(
        "standard_populations",
        standard_populations.len(),
        "counts",
        counts.len(),
    )?;
    let w_total = check_standard(standard_populations)?;
    let (mut total_count, mut total_population) = (0.0, 0.0);
    let (mut weighted, mut squared) = (0.0, 0.0);
    for (i, ((&x, &n), &w)) in counts
        .iter()
        .zip(populations)
        .zip(standard_populations)
        .enumerate()
    {
        let x = count_or_zero("counts", i, x)?;
        check_population(i, n)?;
        total_count += x;
        total_population += n;
        weighted += x * w / n;
        squared += x * (w / n) * (w / n);
    }
    Ok(Dsr {
        total_count,
        total_population,
        unsuppressed_value: weighted / w_total * multiplier,
        variance: squared / (w_total * w_total),
        multiplier,
        independent_events: true,
    })
}

/// A directly standardised rate for non-independent events (PHEindicatormethods
/// `calculate_dsr(independent_events = FALSE)`).
///
/// `persons` holds, for each band, the number of people with each event frequency: band-major,
/// `persons[band * frequencies.len() + j]` people had `frequencies[j]` events. A missing (NaN)
/// number of people counts as zero. The rate is the same as [`dsr`] of the events
/// `Σ_j frequencies[j] × persons[band, j]`; the interval is wider, using the variance
/// `Σ_j frequencies[j]² × var_j`.
///
/// ```
/// use carestat::dsr::{dsr, dsr_non_independent};
/// let pops = [1000.0, 2000.0];
/// let std = [1.0, 1.0];
/// // band 1: 10 people with 1 event, 2 with 3 events; band 2: 20 with 1, 1 with 2
/// let persons = [10.0, 0.0, 2.0, 20.0, 1.0, 0.0];
/// let ni = dsr_non_independent(&persons, &[1.0, 2.0, 3.0], &pops, &std, 1000.0)?;
/// let ind = dsr(&[16.0, 22.0], &pops, &std, 1000.0)?;
/// assert_eq!(ni.total_count, 38.0);
/// assert!((ni.unsuppressed_value - ind.unsuppressed_value).abs() < 1e-12);
/// assert!(ni.variance > ind.variance);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn dsr_non_independent(
    persons: &[f64],
    frequencies: &[f64],
    populations: &[f64],
    standard_populations: &[f64],
    multiplier: f64,
) -> Result<Dsr> {
    check_multiplier(multiplier)?;
    let bands = populations.len();
    check_len(
        "standard_populations",
        standard_populations.len(),
        "populations",
        bands,
    )?;
    if frequencies.is_empty() {
        return Err(Error::TooFew {
            field: Field::new("frequencies"),
            needed: 1,
            found: 0,
        });
    }
    if persons.len() != bands * frequencies.len() {
        return Err(Error::invalid(
            "persons",
            format!(
                "length {} is not populations length {bands} times frequencies length {}",
                persons.len(),
                frequencies.len()
            ),
        ));
    }
    for (j, &f) in frequencies.iter().enumerate() {
        if !f.is_finite() || f <= 0.0 {
            return Err(Error::invalid(
                Field::new("frequencies").at(j),
                format!("must be a finite number of events greater than zero (got {f})"),
            ));
        }
    }
    let w_total = check_standard(standard_populations)?;
    let (mut total_count, mut total_population) = (0.0, 0.0);
    let (mut weighted, mut squared) = (0.0, 0.0);
    for (band, (&n, &w)) in populations.iter().zip(standard_populations).enumerate() {
        check_population(band, n)?;
        total_population += n;
        let mut events = 0.0;
        for (j, &f) in frequencies.iter().enumerate() {
            let row = band * frequencies.len() + j;
            let people = count_or_zero("persons", row, persons[row])?;
            events += f * people;
            // Σ_f f² Σ_b x_bf (w_b / n_b)²: the people with f events each contribute f² times.
            squared += f * f * people * (w / n) * (w / n);
        }
        total_count += events;
        weighted += events * w / n;
    }
    Ok(Dsr {
        total_count,
        total_population,
        unsuppressed_value: weighted / w_total * multiplier,
        variance: squared / (w_total * w_total),
        multiplier,
        independent_events: false,
    })
}

/// Directly standardised rates for many areas at once: `counts` and `populations` hold
/// `standard_populations.len()` bands for each area, area after area.
///
/// Errors name the row (0-based, in the flat arrays) of the first bad value.
///
/// ```
/// use carestat::dsr::{dsr_many, ESP2013};
/// let counts = [[20.0; 19], [0.0; 19]].concat();
/// let pops = [1000.0; 38];
/// let rates = dsr_many(&counts, &pops, &ESP2013, 100_000.0)?;
/// assert_eq!(rates.len(), 2);
/// assert!((rates[0].unsuppressed_value - 2000.0).abs() < 1e-9);
/// assert!(rates[1].is_suppressed());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn dsr_many(
    counts: &[f64],
    populations: &[f64],
    standard_populations: &[f64],
    multiplier: f64,
) -> Result<Vec<Dsr>> {
    check_len("populations", populations.len(), "counts", counts.len())?;
    let bands = standard_populations.len();
    if bands == 0 || !counts.len().is_multiple_of(bands) {
        return Err(Error::invalid(
            "counts",
            format!(
                "length {} is not a whole number of areas of {bands} bands",
                counts.len()
            ),
        ));
    }
    let one_area = |area: usize, x: &[f64], n: &[f64]| {
        dsr(x, n, standard_populations, multiplier).map_err(|e| match e.field() {
            Some(Field { row: Some(r), .. }) => {
                let row = area * bands + r;
                e.at_row(row)
            }
            _ => e,
        })
    };
    #[cfg(feature = "parallel")]
    if counts.len() >= crate::batch::PARALLEL_MIN_ROWS {
        use rayon::prelude::*;
        // Every area is computed on its own; collecting the results in order first and only
        // then looking for an error reports the first bad row, as the serial path does.
        let areas: Vec<Result<Dsr>> = counts
            .par_chunks(bands)
            .zip(populations.par_chunks(bands))
            .enumerate()
            .map(|(area, (x, n))| one_area(area, x, n))
            .collect();
        return areas.into_iter().collect();
    }
    counts
        .chunks(bands)
        .zip(populations.chunks(bands))
        .enumerate()
        .map(|(area, (x, n))| one_area(area, x, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn a_rate_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target. 20 events in 1e-300 people: a rate of 2e301, but
        // its variance 20 / (1e-300)^2 = 2e601 overflows, and so do the limits.
        let d = dsr(&[20.0], &[1e-300], &[1.0], 1.0).unwrap();
        assert!(d.estimate(0.95).is_err());
        assert!(d.estimates_95_998().is_err());
        // 20 events in 1 person with a standard population of 1: a rate of 20.
        let d = dsr(&[20.0], &[1.0], &[1.0], 1.0).unwrap();
        assert_eq!(d.estimate(0.95).unwrap().value, 20.0);
        let (e95, e998) = d.estimates_95_998().unwrap();
        assert_eq!(e95, d.estimate(0.95).unwrap());
        assert_eq!(e998, d.estimate(0.998).unwrap());
        // Fewer than 10 events: both levels suppressed, not an error.
        let d = dsr(&[9.0], &[1e-300], &[1.0], 1.0).unwrap();
        let (e95, e998) = d.estimates_95_998().unwrap();
        assert_eq!(
            (e95.method, e998.method),
            (Method::Suppressed, Method::Suppressed)
        );
    }

    #[test]
    fn hand_calculation_of_two_bands() {
        // Bands: x = (30, 20), n = (1000, 4000), w = (1, 3), W = 4, multiplier 1000.
        // value = (30 * 1/1000 + 20 * 3/4000) / 4 * 1000 = (0.03 + 0.015) / 4 * 1000 = 11.25
        // var = (30 / 1000² + 20 * 9 / 4000²) / 16 = (3e-5 + 1.125e-5) / 16 = 2.578125e-6
        let d = dsr(&[30.0, 20.0], &[1000.0, 4000.0], &[1.0, 3.0], 1000.0).unwrap();
        assert_relative_eq!(d.unsuppressed_value, 11.25, max_relative = 1e-15);
        assert_relative_eq!(d.variance, 2.578_125e-6, max_relative = 1e-14);
        assert_eq!(d.total_count, 50.0);
        assert_eq!(d.total_population, 5000.0);
        let e = d.estimate(0.95).unwrap();
        // lower = 11.25 + sqrt(var / 50) * (byars_lower(50) - 50) * 1000
        let byars = crate::poisson::byars_lower(50.0, Confidence::NINETY_FIVE).unwrap();
        let expected = 11.25 + (2.578_125e-6_f64 / 50.0).sqrt() * (byars - 50.0) * 1000.0;
        assert_relative_eq!(e.lower, expected, max_relative = 1e-14);
        assert_eq!(e.method, Method::Dobson);
    }

    #[test]
    fn errors_name_the_band() {
        let e = dsr(&[1.0, -2.0], &[10.0, 10.0], &[1.0, 1.0], 1e5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "counts at row 1: must not be negative (got -2)"
        );
        let e = dsr(&[1.0, 2.0], &[10.0, 0.0], &[1.0, 1.0], 1e5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "populations at row 1: must be greater than zero (got 0)"
        );
        let e = dsr(&[1.0, 2.0], &[10.0, 10.0], &[1.0, -1.0], 1e5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "standard_populations at row 1: must not be negative (got -1)"
        );
        let e = dsr(&[1.0, 2.0], &[10.0, f64::NAN], &[1.0, 1.0], 1e5).unwrap_err();
        assert_eq!(e.to_string(), "populations at row 1: must not be missing");
        let e = dsr(&[1.0, 2.0], &[10.0], &[1.0, 1.0], 1e5).unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { .. }));
        let e = dsr_many(&[1.0, 2.0, 3.0, -4.0], &[1.0; 4], &[1.0, 1.0], 1e5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "counts at row 3: must not be negative (got -4)"
        );
    }

    #[test]
    fn missing_counts_are_zero_events() {
        let a = dsr(&[f64::NAN, 12.0], &[10.0, 10.0], &[1.0, 1.0], 1.0).unwrap();
        let b = dsr(&[0.0, 12.0], &[10.0, 10.0], &[1.0, 1.0], 1.0).unwrap();
        assert_eq!(a, b);
    }
}
