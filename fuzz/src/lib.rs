//! Helpers shared by the fuzz targets: doubles that reach the interesting values often.

use arbitrary::Arbitrary;

/// A double as the fuzzer proposes it: any bit pattern, a small integer (valid counts and
/// populations), or one of the values where code tends to break.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Num {
    /// Any bit pattern: NaN payloads, infinities, subnormals, huge values.
    Raw(f64),
    /// A small whole number (counts, populations, decimals).
    Int(i32),
    /// A value from [`SPECIALS`].
    Special(u8),
}

/// Values at the edges of the accepted ranges and of the doubles.
pub const SPECIALS: [f64; 24] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    f64::MIN_POSITIVE,
    f64::MIN_POSITIVE / 1024.0, // subnormal
    5e-324,                     // smallest subnormal
    f64::MAX,
    -f64::MAX,
    f64::EPSILON,
    1.0 - f64::EPSILON / 2.0,
    0.9,
    0.95,
    0.998,
    1.0,
    90.0,
    95.0,
    99.8,
    100.0,
    100_000.0,
    9.0,
    10.0,
    1e300,
];

impl Num {
    /// The double this stands for.
    #[must_use]
    pub fn get(self) -> f64 {
        match self {
            Self::Raw(v) => v,
            Self::Int(i) => f64::from(i),
            Self::Special(k) => SPECIALS[usize::from(k) % SPECIALS.len()],
        }
    }
}

/// Doubles from a slice of [`Num`].
#[must_use]
pub fn nums(values: &[Num]) -> Vec<f64> {
    values.iter().map(|n| n.get()).collect()
}

/// A length near `base`: `base + delta`, never negative, at most `base + 127`.
#[must_use]
pub fn len_near(base: usize, delta: i8) -> usize {
    base.saturating_add_signed(isize::from(delta))
}
