//! Exact interval arithmetic for values the document's figures imply.
//!
//! A stated figure carries its rounding ("+18%" is any true value from 17.5 to 18.5), so a
//! value derived from stated figures is an interval, and it stays one through every step:
//! last year's count from "+18%", then a rate from that count, then the population that
//! rate implies. The ends are exact rationals ([`Q`], `i128` over `i128`), read from the
//! decimal the figure was written as (18.5 is 37/2, never 18.499999...), so no step adds a
//! binary rounding error; every operation is checked and gives `None` on overflow rather
//! than a wrong number.
//!
//! Intervals are closed: an end the stated rounding itself would exclude (18.5 rounds to
//! 19, not 18) is kept, which can only widen the interval. A verdict that rests on such an
//! end is reported as "at the edge" ([`Fit::Edge`]).

use std::cmp::Ordering;

/// An exact rational number `num / den` with `den > 0`, in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Q {
    num: i128,
    den: i128,
}

/// The greatest common divisor of `|a|` and `|b|` (1 when it does not fit an `i128`, which
/// only `i128::MIN` and 0 can give: the fraction is then left unreduced).
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    i128::try_from(a).unwrap_or(1)
}

impl Q {
    /// `num / den`, `None` when `den` is 0 or on overflow.
    pub(crate) fn new(num: i128, den: i128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (mut n, mut d) = (num / g, den / g);
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        Some(Self { num: n, den: d })
    }

    /// A whole number.
    pub(crate) const fn int(n: i128) -> Self {
        Self { num: n, den: 1 }
    }

    /// `10^e` for `e` from -30 to 30.
    pub(crate) fn pow10(e: i32) -> Option<Self> {
        let p = 10i128.checked_pow(e.unsigned_abs())?;
        if e >= 0 {
            Some(Self::int(p))
        } else {
            Self::new(1, p)
        }
    }

    /// The decimal a finite `f64` was written as (its shortest representation that reads
    /// back as it): 18.5 is 37/2, 0.1 is 1/10. `None` for NaN, infinities and values whose
    /// digits do not fit.
    pub(crate) fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() {
            return None;
        }
        let text = format!("{x:e}");
        let (mantissa, exp) = text.split_once('e')?;
        let exp: i32 = exp.parse().ok()?;
        let (neg, mantissa) = mantissa
            .strip_prefix('-')
            .map_or((false, mantissa), |m| (true, m));
        let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: i128 = format!("{whole}{frac}").parse().ok()?;
        let e = exp.checked_sub(i32::try_from(frac.len()).ok()?)?;
        let q = Self::int(if neg { -digits } else { digits }).mul(Self::pow10(e)?)?;
        Some(q)
    }

    /// The nearest `f64`, keeping order: `a <= b` gives `a.to_f64() <= b.to_f64()`, so an
    /// interval's ends never cross when converted. The value is written as a decimal
    /// truncated after 40 significant digits (truncation keeps order) and parsed, which rounds
    /// correctly (keeps order too). Dividing the two ends as doubles does not: the fuzzer
    /// found a change whose interval -99.99999999999996 to -99.99999999999997 came out
    /// reversed.
    pub(crate) fn to_f64(self) -> f64 {
        const SIGNIFICANT: usize = 40;
        let (n, d) = (self.num.unsigned_abs(), self.den.unsigned_abs());
        let whole = n / d;
        let mut rest = n % d;
        let mut text = String::with_capacity(SIGNIFICANT + 48);
        if self.num < 0 {
            text.push('-');
        }
        text.push_str(&whole.to_string());
        text.push('.');
        let mut significant = if whole == 0 { 0 } else { text.len() };
        // 10^-400 is far below the smallest double: past it the digits cannot matter.
        for _ in 0..400 {
            if rest == 0 || significant >= SIGNIFICANT {
                break;
            }
            let Some(r10) = rest.checked_mul(10) else {
                // A denominator above 2^128 / 10: the plain quotient (ends of such tiny
                // steps cannot be told apart by a double anyway).
                return self.num as f64 / self.den as f64;
            };
            let digit = r10 / d;
            rest = r10 % d;
            text.push(char::from(b'0' + digit as u8));
            if digit != 0 || significant > 0 {
                significant += 1;
            }
        }
        text.parse().unwrap_or(self.num as f64 / self.den as f64)
    }

    pub(crate) fn add(self, o: Self) -> Option<Self> {
        let g = gcd(self.den, o.den).max(1);
        let l = self.den / g;
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_add(o.num.checked_mul(l)?)?;
        Self::new(num, l.checked_mul(o.den)?)
    }

    pub(crate) fn neg(self) -> Option<Self> {
        Some(Self {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    pub(crate) fn sub(self, o: Self) -> Option<Self> {
        self.add(o.neg()?)
    }

    pub(crate) fn mul(self, o: Self) -> Option<Self> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        Self::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        )
    }

    /// `None` when `o` is 0.
    pub(crate) fn div(self, o: Self) -> Option<Self> {
        self.mul(Self::new(o.den, o.num)?)
    }

    pub(crate) const fn is_positive(self) -> bool {
        self.num > 0
    }

    pub(crate) const fn is_negative(self) -> bool {
        self.num < 0
    }

    /// The smallest whole number not below `self`.
    pub(crate) fn ceil(self) -> Self {
        Self::int(
            self.num
                .div_euclid(self.den)
                .saturating_add(i128::from(self.num.rem_euclid(self.den) != 0)),
        )
    }

    /// The largest whole number not above `self`.
    pub(crate) fn floor(self) -> Self {
        Self::int(self.num.div_euclid(self.den))
    }

    /// The rounding half-unit of a figure stated to `decimals` places: `5 x 10^(-decimals-1)`.
    pub(crate) fn half_unit(decimals: i32) -> Option<Self> {
        Self::int(5).mul(Self::pow10(decimals.checked_neg()?.checked_sub(1)?)?)
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Q {
    fn cmp(&self, o: &Self) -> Ordering {
        // Both denominators are positive; compare a/b with c/d by a*d and c*b, falling back
        // to the quotients' f64 only if the products overflow (values that large are never
        // a council's figures).
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&o.to_f64()),
        }
    }
}

/// A closed interval `[lo, hi]` of exact values, with the value at the figures' face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Iv {
    /// The value computed from every figure at face value.
    pub face: Q,
    pub lo: Q,
    pub hi: Q,
}

/// How an interval meets the set of values a stated figure rounds from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// The face value rounds to the stated figure.
    AtFace,
    /// Values well inside the interval do.
    Within,
    /// Only an end of the interval does (consistent only at the edge of the rounding).
    Edge,
    /// No value in the interval does.
    No,
}

impl Iv {
    /// One exact value.
    pub(crate) const fn exact(x: Q) -> Self {
        Self {
            face: x,
            lo: x,
            hi: x,
        }
    }

    /// The values a figure stated as `value` to `decimals` places can stand for.
    pub(crate) fn stated(value: f64, decimals: i32) -> Option<Self> {
        let v = Q::from_f64(value)?;
        let h = Q::half_unit(decimals)?;
        Some(Self {
            face: v,
            lo: v.sub(h)?,
            hi: v.add(h)?,
        })
    }

    pub(crate) fn add(self, o: Self) -> Option<Self> {
        Some(Self {
            face: self.face.add(o.face)?,
            lo: self.lo.add(o.lo)?,
            hi: self.hi.add(o.hi)?,
        })
    }

    pub(crate) fn sub(self, o: Self) -> Option<Self> {
        Some(Self {
            face: self.face.sub(o.face)?,
            lo: self.lo.sub(o.hi)?,
            hi: self.hi.sub(o.lo)?,
        })
    }

    pub(crate) fn mul(self, o: Self) -> Option<Self> {
        let ends = [
            self.lo.mul(o.lo)?,
            self.lo.mul(o.hi)?,
            self.hi.mul(o.lo)?,
            self.hi.mul(o.hi)?,
        ];
        Some(Self {
            face: self.face.mul(o.face)?,
            lo: *ends.iter().min()?,
            hi: *ends.iter().max()?,
        })
    }

    /// `None` when `o` contains 0 (the quotient has no bound) or on overflow.
    pub(crate) fn div(self, o: Self) -> Option<Self> {
        if !(o.lo.is_positive() || o.hi.is_negative()) {
            return None;
        }
        let inv = Self {
            face: Q::int(1).div(o.face)?,
            lo: Q::int(1).div(o.hi)?,
            hi: Q::int(1).div(o.lo)?,
        };
        self.mul(inv)
    }

    /// Times an exact number.
    pub(crate) fn scale(self, k: Q) -> Option<Self> {
        self.mul(Self::exact(k))
    }

    /// The part not below zero (counts, amounts and percentages never are); `None` when
    /// nothing is left.
    pub(crate) fn non_negative(self) -> Option<Self> {
        let zero = Q::int(0);
        (self.hi >= zero).then(|| Self {
            face: self.face.max(zero),
            lo: self.lo.max(zero),
            hi: self.hi,
        })
    }

    /// The whole numbers in the interval (a count is one); `None` when there are none.
    pub(crate) fn whole(self) -> Option<Self> {
        let (lo, hi) = (self.lo.ceil(), self.hi.floor());
        let nearest = self.face.add(Q::new(1, 2)?)?.floor();
        (lo <= hi).then(|| Self {
            face: nearest.clamp(lo, hi),
            lo,
            hi,
        })
    }

    /// The overlap of two intervals (face: the midpoint's nearest end-respecting value,
    /// here this interval's face clamped into the overlap); `None` when they do not meet.
    pub(crate) fn intersect(self, o: Self) -> Option<Self> {
        let (lo, hi) = (self.lo.max(o.lo), self.hi.min(o.hi));
        (lo <= hi).then(|| Self {
            face: self.face.clamp(lo, hi),
            lo,
            hi,
        })
    }

    pub(crate) fn contains(self, x: Q) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// How this interval meets the values that round, half away from zero, to `stated` at
    /// `decimals` places: `[s - h, s + h)` for a positive figure, `(s - h, s + h]` for a
    /// negative one, `(-h, h)` for 0.
    pub(crate) fn fits(self, stated: f64, decimals: i32) -> Option<Fit> {
        let s = Iv::stated(stated, decimals)?;
        let zero = Q::int(0);
        let (lo_in, hi_in) = match s.face.cmp(&zero) {
            Ordering::Greater => (true, false),
            Ordering::Less => (false, true),
            Ordering::Equal => (false, false),
        };
        let inside =
            |x: Q| (x > s.lo || (lo_in && x == s.lo)) && (x < s.hi || (hi_in && x == s.hi));
        if inside(self.face) {
            return Some(Fit::AtFace);
        }
        let (lo, hi) = (self.lo.max(s.lo), self.hi.min(s.hi));
        if lo > hi {
            return Some(Fit::No);
        }
        if lo == hi {
            // The two meet in one point: an end of one of them.
            return Some(if inside(lo) { Fit::Edge } else { Fit::No });
        }
        // A proper overlap: values strictly inside both exist.
        if self.lo == self.hi {
            return Some(Fit::No);
        }
        Some(Fit::Within)
    }

    /// The ends as `f64`.
    pub(crate) fn f64s(self) -> (f64, f64, f64) {
        (self.face.to_f64(), self.lo.to_f64(), self.hi.to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(x: f64) -> Q {
        Q::from_f64(x).unwrap()
    }

    #[test]
    fn conversion_to_f64_rounds_correctly_and_keeps_order() {
        // Correctly rounded: the same double as the decimal literal.
        assert_eq!(Q::new(1, 3).unwrap().to_f64(), 1.0 / 3.0);
        assert_eq!(Q::new(-7, 2).unwrap().to_f64(), -3.5);
        assert_eq!(
            Q::new(2_000_000_000_000_000_001, 20).unwrap().to_f64(),
            1e17
        );
        // Order kept for rationals closer than a double's step, around -100 (the fuzzer's
        // reversed change interval) and elsewhere: with 3^k denominators (no power of ten)
        // the plain quotient of two rounded i128s may cross.
        let mut den: i128 = 1;
        for _ in 0..70 {
            den *= 3;
            for centre in [-100, -1, 0, 7, 1_000_000] {
                let a = Q::new(centre * den - 1, den).unwrap();
                let b = Q::new(centre * den, den).unwrap();
                let c = Q::new(centre * den + 1, den).unwrap();
                assert!(
                    a.to_f64() <= b.to_f64() && b.to_f64() <= c.to_f64(),
                    "{den}"
                );
            }
            if den > i128::MAX / 3 / 2_000_000 {
                break;
            }
        }
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(q(18.5), Q::new(37, 2).unwrap());
        assert_eq!(q(0.1).add(q(0.2)).unwrap(), q(0.3));
        assert_eq!(q(-2.25), Q::new(-9, 4).unwrap());
        assert_eq!(q(485_737.0), Q::int(485_737));
        assert_eq!(Q::new(7, 2).unwrap().ceil(), Q::int(4));
        assert_eq!(Q::new(-7, 2).unwrap().floor(), Q::int(-4));
    }

    #[test]
    fn last_years_count_from_a_rounded_percent_change() {
        // Worcestershire 2023/24: "3933 DoLS applications were completed, which is an
        // increase of 18% from last year". 18% means 17.5 to 18.5, so last year was
        // 3933 / 1.185 = 3318.99 to 3933 / 1.175 = 3347.23: whole numbers 3319 to 3347.
        let cur = Iv::exact(Q::int(3933));
        let factor = Iv::stated(18.0, 0)
            .unwrap()
            .scale(Q::new(1, 100).unwrap())
            .unwrap()
            .add(Iv::exact(Q::int(1)))
            .unwrap();
        let prev = cur.div(factor).unwrap().whole().unwrap();
        assert_eq!((prev.lo, prev.hi), (Q::int(3319), Q::int(3347)));
        assert_eq!(prev.face, Q::int(3333)); // 3933 / 1.18 = 3333.05, the nearest whole: 3333
    }

    #[test]
    fn fits_follow_half_away_rounding() {
        let e = |a: f64, b: f64| Iv {
            face: q(a),
            lo: q(a),
            hi: q(b),
        };
        // 7.45 rounds to 7.5, so [7.45, 7.5] meets "7.4" only nowhere, "7.5" at face.
        assert_eq!(e(7.45, 7.5).fits(7.4, 1), Some(Fit::No));
        assert_eq!(e(7.45, 7.5).fits(7.5, 1), Some(Fit::AtFace));
        // [7.2, 7.35] meets "7.4" only at its upper end.
        assert_eq!(e(7.2, 7.35).fits(7.4, 1), Some(Fit::Edge));
        assert_eq!(e(7.2, 7.4).fits(7.4, 1), Some(Fit::Within));
        // -10.5 rounds to -11.
        assert_eq!(e(-10.5, -10.5).fits(-11.0, 0), Some(Fit::AtFace));
        assert_eq!(e(-11.5, -11.5).fits(-11.0, 0), Some(Fit::No));
    }

    #[test]
    fn division_by_an_interval_holding_zero_has_no_bound() {
        let x = Iv::exact(Q::int(1));
        let d = Iv::stated(0.0, 0).unwrap();
        assert!(x.div(d).is_none());
        assert!(Q::new(1, 0).is_none());
        assert!(Q::int(i128::MAX).add(Q::int(1)).is_none());
        // The extremes never panic: a denominator that cannot be made positive gives no
        // value, a ceiling saturates.
        assert!(Q::new(i128::MIN, i128::MIN).is_none()); // -MIN does not fit: no value
        assert!(Q::new(1, i128::MIN).is_none());
        assert_eq!(Q::int(i128::MAX).ceil(), Q::int(i128::MAX));
        assert!(Q::from_f64(1e300).is_none() && Q::from_f64(f64::NAN).is_none());
    }
}
