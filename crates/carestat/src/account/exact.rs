//! Exact decimal arithmetic for the audit's sums, products and quotients.
//!
//! A published figure is a decimal ("GBP 1,794.52", "2.99%"), and whether a sum or a product
//! rounds to a stated figure is a question about decimals: in binary floating point
//! `2.99 + 2.0` is `4.99000000000000021...` and `0.02 * 1794.52` is `35.890400000000007...`.
//! [`Dec`] holds `m × 10^e` exactly in 128-bit integers, read from the shortest decimal that
//! reads back as the same double (so `2664.05` is `266405 × 10^-2`). Every operation is
//! checked: `None` means the digits would not fit (about 38 of them), and the caller says so
//! rather than guessing.

use std::cmp::Ordering;

/// An exact decimal `m × 10^e`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dec {
    m: i128,
    e: i32,
}

/// 10^n for 0 <= n, or None when it overflows an i128.
fn pow10(n: i32) -> Option<i128> {
    10i128.checked_pow(u32::try_from(n).ok()?)
}

impl Dec {
    /// Zero.
    pub(crate) const ZERO: Self = Self { m: 0, e: 0 };

    /// A whole number.
    pub(crate) const fn int(n: i64) -> Self {
        Self { m: n as i128, e: 0 }
    }

    /// `m × 10^e`.
    pub(crate) const fn new(m: i128, e: i32) -> Self {
        Self { m, e }
    }

    /// The decimal a finite double prints as (shortest round-trip form); `None` for NaN
    /// and infinities.
    pub(crate) fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() {
            return None;
        }
        let text = format!("{x:e}");
        let (mantissa, exp) = text.split_once('e')?;
        let exp: i32 = exp.parse().ok()?;
        let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let m: i128 = format!("{whole}{frac}").parse().ok()?;
        let e = exp.checked_sub(i32::try_from(frac.len()).ok()?)?;
        Some(Self { m, e }.normal())
    }

    /// Half a unit of the last place of a figure stated to `decimals` places:
    /// `5 × 10^(-decimals - 1)` (0.05 for 1 decimal, 50 for -2).
    pub(crate) fn half_unit(decimals: i32) -> Self {
        Self {
            m: 5,
            e: decimals.saturating_neg().saturating_sub(1),
        }
    }

    /// Trailing zeros of `m` moved into `e` (keeps numbers small).
    fn normal(mut self) -> Self {
        if self.m == 0 {
            return Self::ZERO;
        }
        while self.m % 10 == 0 && self.e < i32::MAX {
            self.m /= 10;
            self.e += 1;
        }
        self
    }

    /// Both mantissas on the smaller exponent.
    fn align(self, o: Self) -> Option<(i128, i128, i32)> {
        let e = self.e.min(o.e);
        let a = self.m.checked_mul(pow10(self.e.checked_sub(e)?)?)?;
        let b = o.m.checked_mul(pow10(o.e.checked_sub(e)?)?)?;
        Some((a, b, e))
    }

    pub(crate) fn add(self, o: Self) -> Option<Self> {
        if self.m == 0 {
            return Some(o);
        }
        if o.m == 0 {
            return Some(self);
        }
        let (a, b, e) = self.align(o)?;
        Some(
            Self {
                m: a.checked_add(b)?,
                e,
            }
            .normal(),
        )
    }

    pub(crate) fn sub(self, o: Self) -> Option<Self> {
        self.add(o.neg())
    }

    pub(crate) const fn neg(self) -> Self {
        Self {
            m: -self.m,
            e: self.e,
        }
    }

    pub(crate) const fn abs(self) -> Self {
        Self {
            m: self.m.abs(),
            e: self.e,
        }
    }

    pub(crate) fn mul(self, o: Self) -> Option<Self> {
        if self.m == 0 || o.m == 0 {
            return Some(Self::ZERO);
        }
        Some(
            Self {
                m: self.m.checked_mul(o.m)?,
                e: self.e.checked_add(o.e)?,
            }
            .normal(),
        )
    }

    /// How `self` compares with `o`; `None` when aligning overflows.
    pub(crate) fn cmp(self, o: Self) -> Option<Ordering> {
        if self.m.signum() != o.m.signum() {
            return Some(self.m.signum().cmp(&o.m.signum()));
        }
        let (a, b, _) = self.align(o)?;
        Some(a.cmp(&b))
    }

    pub(crate) const fn signum(self) -> i128 {
        self.m.signum()
    }

    /// True when the value is a whole number.
    pub(crate) fn is_whole(self) -> bool {
        self.e >= 0 || self.normal().e >= 0
    }

    /// The nearest double.
    pub(crate) fn to_f64(self) -> f64 {
        format!("{}e{}", self.m, self.e).parse().unwrap_or(f64::NAN)
    }

    /// The largest whole number not above the value.
    pub(crate) fn floor(self) -> Option<Self> {
        if self.e >= 0 {
            return Some(self);
        }
        let p = pow10(self.e.checked_neg()?)?;
        Some(Self::new(self.m.div_euclid(p), 0).normal())
    }

    /// The smallest whole number not below the value.
    pub(crate) fn ceil(self) -> Option<Self> {
        Some(self.neg().floor()?.neg())
    }

    /// `num / den` rounded half away from zero to `d` places; `den` must not be zero.
    pub(crate) fn div_round(num: Self, den: Self, d: i32) -> Option<Self> {
        if den.m == 0 {
            return None;
        }
        // num / den × 10^d = (a / b) × 10^k
        let k = num.e.checked_sub(den.e)?.checked_add(d)?;
        let (n, dd) = if k >= 0 {
            (num.m.checked_mul(pow10(k)?)?, den.m)
        } else {
            (num.m, den.m.checked_mul(pow10(k.checked_neg()?)?)?)
        };
        let (n, dd) = if dd < 0 { (-n, -dd) } else { (n, dd) };
        let q = n / dd;
        let r = (n % dd).abs();
        let q = if r.checked_mul(2)? >= dd {
            q + n.signum()
        } else {
            q
        };
        Some(Self::new(q, d.checked_neg()?).normal())
    }

    /// `self` rounded half away from zero to `d` places.
    pub(crate) fn round(self, d: i32) -> Option<Self> {
        Self::div_round(self, Self::int(1), d)
    }
}

impl PartialEq for Dec {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(*o) == Some(Ordering::Equal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(x: f64) -> Dec {
        Dec::from_f64(x).unwrap()
    }

    #[test]
    fn decimals_add_and_multiply_exactly() {
        // "2.99% + 2% = 4.99%": in floats 2.99 + 2.0 is not 4.99.
        assert_eq!(d(2.99).add(d(2.0)).unwrap(), d(4.99));
        // Cheshire West and Chester 2024-25: 2% of GBP 1,794.52 is GBP 35.8904.
        let p = d(0.02).mul(d(1794.52)).unwrap();
        assert_eq!(p, Dec::new(358_904, -4));
        assert_eq!(p.round(2).unwrap(), d(35.89));
        assert_eq!(d(491.5).sub(d(7.0)).unwrap().to_f64(), 484.5);
    }

    #[test]
    fn quotients_round_half_away() {
        // Wealden: GBP 7,000 / 870 = GBP 8.05 (8.0459...).
        assert_eq!(Dec::div_round(d(7000.0), d(870.0), 2).unwrap(), d(8.05));
        assert_eq!(Dec::div_round(d(5.0), d(2.0), 0).unwrap(), d(3.0));
        assert_eq!(Dec::div_round(d(-5.0), d(2.0), 0).unwrap(), d(-3.0));
        assert_eq!(Dec::div_round(d(1.0), d(8.0), 2).unwrap(), d(0.13));
        assert!(Dec::div_round(d(1.0), Dec::ZERO, 2).is_none());
    }

    #[test]
    fn floors_ceilings_and_halves() {
        assert_eq!(d(1549.5).floor().unwrap(), d(1549.0));
        assert_eq!(d(-0.5).floor().unwrap(), d(-1.0));
        assert_eq!(d(1544.5).ceil().unwrap(), d(1545.0));
        assert_eq!(Dec::half_unit(1), d(0.05));
        assert_eq!(Dec::half_unit(-2), d(50.0));
        assert!(d(1200.0).is_whole() && !d(12.5).is_whole());
        assert_eq!(d(3.0).cmp(d(-4.0)), Some(Ordering::Greater));
    }
}
