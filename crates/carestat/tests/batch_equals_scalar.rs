//! The batch functions (`*_many`) against their scalar functions, row by row, to the bit.
//!
//! The expected value of every row is what the scalar function returns for that row alone:
//! the scalar functions are checked against the PHEindicatormethods fixtures elsewhere
//! (`phe_rate_proportion.rs`), and the batch kernels are a different implementation (fused
//! branch-free loops, a table of exact limits, blocks, pieces run across cores) that must give
//! the same bits. Errors must name the first bad row, the same one whichever path ran.
//!
//! With the default `parallel` feature, inputs of `PARALLEL_MIN_ROWS` rows or more take the
//! parallel path; `cargo test --no-default-features` runs the same tests serially.

use carestat::batch::{BLOCK_ROWS, MIN_PIECE_ROWS, PARALLEL_MIN_ROWS};
use carestat::{
    crude_rate, crude_rate_many, percent_change, percent_change_many, wilson_proportion,
    wilson_proportion_many, Error, Estimate, Estimates, EstimatesMut,
};
use proptest::prelude::*;

/// The same number: equal bits, or both NaN (missing).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn assert_row(out: &Estimates, i: usize, want: &Estimate, what: &str) {
    let got = (out.value[i], out.lower[i], out.upper[i]);
    assert!(
        same(got.0, want.value) && same(got.1, want.lower) && same(got.2, want.upper),
        "{what} row {i}: batch {got:?}, scalar {want:?}"
    );
    assert_eq!(out.method[i], want.method.code(), "{what} row {i}: method");
}

/// Runs a batch function twice, with and without the method column, and checks that the
/// numbers do not depend on it.
fn run_both(
    len: usize,
    f: impl Fn(EstimatesMut<'_>) -> Result<(), Error>,
) -> Result<Estimates, Error> {
    let mut with = Estimates::with_len(len);
    f(with.as_mut())?;
    let mut without = Estimates::with_len(len);
    let bare = EstimatesMut {
        value: &mut without.value,
        lower: &mut without.lower,
        upper: &mut without.upper,
        method: None,
    };
    f(bare)?;
    for i in 0..len {
        assert!(same(with.value[i], without.value[i]), "value row {i}");
        assert!(same(with.lower[i], without.lower[i]), "lower row {i}");
        assert!(same(with.upper[i], without.upper[i]), "upper row {i}");
    }
    Ok(with)
}

// Inputs whose result overflows a double (1e300 per 1e-300, say) are errors in the scalar
// functions; the batch must then fail with the first such row's error, as for any bad row.

fn check_rates(counts: &[f64], pops: &[f64], multiplier: f64, confidence: f64) {
    let scalar = |i: usize| crude_rate(counts[i], pops[i], multiplier, confidence);
    let batch = run_both(counts.len(), |o| {
        crude_rate_many(counts, pops, multiplier, confidence, o)
    });
    if let Some(want) = first_error(counts.len(), |i| scalar(i).err()) {
        assert_eq!(batch.unwrap_err(), want);
    } else {
        let out = batch.unwrap();
        for i in 0..counts.len() {
            assert_row(&out, i, &scalar(i).unwrap(), "crude rate");
        }
    }
}

fn check_wilson(xs: &[f64], ns: &[f64], multiplier: f64, confidence: f64) {
    let scalar = |i: usize| wilson_proportion(xs[i], ns[i], multiplier, confidence);
    let batch = run_both(xs.len(), |o| {
        wilson_proportion_many(xs, ns, multiplier, confidence, o)
    });
    if let Some(want) = first_error(xs.len(), |i| scalar(i).err()) {
        assert_eq!(batch.unwrap_err(), want);
    } else {
        let out = batch.unwrap();
        for i in 0..xs.len() {
            assert_row(&out, i, &scalar(i).unwrap(), "wilson");
        }
    }
}

fn check_changes(previous: &[f64], current: &[f64]) {
    let mut out = vec![0.0; previous.len()];
    let batch = percent_change_many(previous, current, &mut out);
    if let Some(want) = first_error(previous.len(), |i| {
        percent_change(previous[i], current[i]).err()
    }) {
        assert_eq!(batch.unwrap_err(), want);
    } else {
        batch.unwrap();
        for (i, (&p, &c)) in previous.iter().zip(current).enumerate() {
            let want = percent_change(p, c).unwrap();
            assert!(same(out[i], want), "change row {i}: {} vs {want}", out[i]);
        }
    }
}

// ---------------------------------------------------------------- random inputs (proptest)

/// Counts: whole counts on both sides of 10, the exact/Byar's boundary, non-whole counts
/// below 10 (the quantile-search path), huge and tiny values, missing.
fn count() -> impl Strategy<Value = f64> {
    prop_oneof![
        5 => (0_u32..30).prop_map(f64::from),
        2 => 10.0..1e7_f64,
        1 => 0.0..10.0_f64,
        1 => Just(f64::NAN),
        1 => prop::sample::select(vec![
            9.0, 9.5, 10.0, 9.999_999_999_999, 10.000_000_000_001, 0.5, -0.0, 1e300, 1e-300,
            5e-324, f64::MAX,
        ]),
    ]
}

/// Denominators: ordinary, huge, tiny (subnormal, so that `multiplier / population`
/// overflows), missing.
fn population() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 1.0..1e7_f64,
        1 => Just(f64::NAN),
        1 => prop::sample::select(vec![1.0, 1e-300, 5e-324, 1e300, f64::MAX, 0.25]),
    ]
}

fn confidence() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => prop::sample::select(vec![0.95, 0.998, 95.0, 99.8, 0.9, 90.0]),
        1 => 0.9..0.999_999_f64,
    ]
}

fn multiplier() -> impl Strategy<Value = f64> {
    prop::sample::select(vec![1.0, 100.0, 1000.0, 100_000.0, 1e-300, 1e300])
}

/// A proportion's row: numerator at most denominator, with the edges 0 and n, and missing.
fn proportion_row() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        5 => (1.0..1e7_f64, 0.0..=1.0_f64).prop_map(|(n, share)| ((n * share).floor(), n.floor().max(1.0))),
        2 => (1_u32..50).prop_flat_map(|n| (0..=n, Just(n))).prop_map(|(x, n)| (f64::from(x), f64::from(n))),
        1 => (0.0..1.0_f64).prop_map(|x| (x, 1.0)),
        1 => prop::sample::select(vec![
            (f64::NAN, 10.0), (3.0, f64::NAN), (0.0, 5e-324), (1e300, 1e300), (1e-300, 1e-300),
            (0.0, 1e300), (f64::MAX, f64::MAX), (5e-324, 1.0),
        ]),
    ]
}

/// A percentage change's row: positive previous values, non-negative current ones, missing.
fn change_row() -> impl Strategy<Value = (f64, f64)> {
    let value = prop_oneof![
        6 => 0.0..1e9_f64,
        1 => Just(f64::NAN),
        1 => prop::sample::select(vec![5e-324, 1e-300, 1e300, f64::MAX, -0.0, 1.0]),
    ];
    (value.clone(), value).prop_filter("previous must not be zero", |(p, _)| *p != 0.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn crude_rates_equal_scalar(
        rows in prop::collection::vec((count(), population()), 0..200),
        m in multiplier(),
        conf in confidence(),
    ) {
        let (counts, pops): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        check_rates(&counts, &pops, m, conf);
    }

    #[test]
    fn wilson_proportions_equal_scalar(
        rows in prop::collection::vec(proportion_row(), 0..200),
        m in multiplier(),
        conf in confidence(),
    ) {
        let (xs, ns): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        check_wilson(&xs, &ns, m, conf);
    }

    #[test]
    fn percent_changes_equal_scalar(rows in prop::collection::vec(change_row(), 0..200)) {
        let (previous, current): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        check_changes(&previous, &current);
    }

    #[test]
    fn crude_rate_errors_name_the_first_bad_row(
        rows in prop::collection::vec((count(), population()), 1..100),
        bad in prop::collection::vec((any::<prop::sample::Index>(), bad_rate_row()), 1..4),
    ) {
        let (mut counts, mut pops): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        for (at, (c, p)) in bad {
            let i = at.index(counts.len());
            counts[i] = c;
            pops[i] = p;
        }
        let want = first_error(counts.len(), |i| crude_rate(counts[i], pops[i], 100.0, 0.95).err());
        let got = crude_rate_many(&counts, &pops, 100.0, 0.95, Estimates::with_len(counts.len()).as_mut()).err();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn wilson_errors_name_the_first_bad_row(
        rows in prop::collection::vec(proportion_row(), 1..100),
        bad in prop::collection::vec((any::<prop::sample::Index>(), bad_proportion_row()), 1..4),
    ) {
        let (mut xs, mut ns): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        for (at, (x, n)) in bad {
            let i = at.index(xs.len());
            xs[i] = x;
            ns[i] = n;
        }
        let want = first_error(xs.len(), |i| wilson_proportion(xs[i], ns[i], 1.0, 0.95).err());
        let got = wilson_proportion_many(&xs, &ns, 1.0, 0.95, Estimates::with_len(xs.len()).as_mut()).err();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn change_errors_name_the_first_bad_row(
        rows in prop::collection::vec(change_row(), 1..100),
        bad in prop::collection::vec((any::<prop::sample::Index>(), bad_change_row()), 1..4),
    ) {
        let (mut previous, mut current): (Vec<f64>, Vec<f64>) = rows.into_iter().unzip();
        for (at, (p, c)) in bad {
            let i = at.index(previous.len());
            previous[i] = p;
            current[i] = c;
        }
        let want = first_error(previous.len(), |i| percent_change(previous[i], current[i]).err());
        let got = percent_change_many(&previous, &current, &mut vec![0.0; previous.len()]).err();
        prop_assert_eq!(got, want);
    }
}

/// The scalar error of the first row that has one, placed at its row.
fn first_error(len: usize, row: impl Fn(usize) -> Option<Error>) -> Option<Error> {
    (0..len).find_map(|i| row(i).map(|e| e.at_row(i)))
}

/// Rows that are errors for a crude rate (count and population each may be the bad one, or
/// both, or one bad and the other missing).
fn bad_rate_row() -> impl Strategy<Value = (f64, f64)> {
    let bad_count = prop::sample::select(vec![-1.0, -1e-300, f64::INFINITY, f64::NEG_INFINITY]);
    let bad_pop = prop::sample::select(vec![0.0, -0.0, -5.0, f64::INFINITY, f64::NEG_INFINITY]);
    prop_oneof![
        (bad_count.clone(), population()),
        (count(), bad_pop.clone()),
        (bad_count, bad_pop.clone()),
        (Just(f64::NAN), bad_pop),
    ]
}

fn bad_proportion_row() -> impl Strategy<Value = (f64, f64)> {
    let bad_x = prop::sample::select(vec![-1.0, f64::INFINITY, f64::NEG_INFINITY]);
    let bad_n = prop::sample::select(vec![0.0, -0.0, -3.0, f64::INFINITY, f64::NEG_INFINITY]);
    prop_oneof![
        (bad_x.clone(), 1.0..100.0_f64),
        (0.0..1.0_f64, bad_n.clone()),
        (bad_x, bad_n.clone()),
        (Just(f64::NAN), bad_n),
        // numerator above denominator
        (1.0..100.0_f64).prop_map(|n| (n + 0.5, n)),
        Just((f64::MAX, 1e300)),
    ]
}

fn bad_change_row() -> impl Strategy<Value = (f64, f64)> {
    let bad_previous =
        prop::sample::select(vec![0.0, -0.0, -2.0, f64::INFINITY, f64::NEG_INFINITY]);
    let bad_current = prop::sample::select(vec![-2.0, -1e-300, f64::INFINITY, f64::NEG_INFINITY]);
    prop_oneof![
        (bad_previous.clone(), 0.0..100.0_f64),
        (1.0..100.0_f64, bad_current.clone()),
        (bad_previous.clone(), bad_current),
        // zero previous with a missing current is still an error
        (bad_previous, Just(f64::NAN)),
        (Just(f64::NAN), Just(f64::INFINITY)),
    ]
}

// ------------------------------------------------- the parallel path and its boundaries

/// A length that takes the parallel path and is not a multiple of any piece or block size.
const LONG: usize = 3 * PARALLEL_MIN_ROWS + 2 * BLOCK_ROWS + 7;

/// Rows where pieces or blocks may start or end: multiples of the block and minimum piece
/// sizes and the halving points of the recursive split, each with its neighbours.
fn boundaries(len: usize) -> Vec<usize> {
    let mut at: Vec<usize> = (1..=len / BLOCK_ROWS).map(|k| k * BLOCK_ROWS).collect();
    at.extend((1..=len / MIN_PIECE_ROWS).map(|k| k * MIN_PIECE_ROWS));
    at.extend((1..8).map(|k| len >> k));
    at.extend([0, len - 1, PARALLEL_MIN_ROWS]);
    let mut rows: Vec<usize> = at
        .into_iter()
        .flat_map(|i| [i.saturating_sub(1), i, i + 1])
        .filter(|&i| i < len)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// Deterministic inputs of `len` rows: a mix of counts below and above 10, with special
/// values (missing, the boundary 9 / 9.5 / 10, huge, tiny) at every boundary row.
fn long_rates(len: usize) -> (Vec<f64>, Vec<f64>) {
    let mut counts: Vec<f64> = (0..len).map(|i| ((i * 7919) % 37) as f64).collect();
    let mut pops: Vec<f64> = (0..len)
        .map(|i| 1000.0 + ((i * 104_729) % 100_000) as f64)
        .collect();
    let special = [
        (9.0, 1000.0),
        (9.5, 1000.0),
        (10.0, 1000.0),
        (f64::NAN, 1000.0),
        (3.0, f64::NAN),
        // Huge and tiny, but with limits within the doubles (1e300 per 1e-300 overflows: an
        // error, covered by the error tests).
        (1e300, 1.0),
        (0.0, 1e-300),
        (4.25, 10.0),
    ];
    for (k, i) in boundaries(len).into_iter().enumerate() {
        (counts[i], pops[i]) = special[k % special.len()];
    }
    (counts, pops)
}

#[test]
fn long_crude_rates_equal_scalar_across_pieces_and_blocks() {
    let (counts, pops) = long_rates(LONG);
    check_rates(&counts, &pops, 100_000.0, 0.95);
    check_rates(&counts, &pops, 100.0, 99.8);
    // Mostly below 10: the table path in every block.
    let small: Vec<f64> = counts.iter().map(|c| c % 10.0).collect();
    check_rates(&small, &pops, 100_000.0, 0.95);
}

#[test]
fn long_wilson_proportions_equal_scalar_across_pieces_and_blocks() {
    let (xs, ns): (Vec<f64>, Vec<f64>) = long_rates(LONG)
        .0
        .into_iter()
        .zip(long_rates(LONG).1)
        .map(|(c, p)| if c <= p { (c, p) } else { (p, c) })
        .unzip();
    check_wilson(&xs, &ns, 100.0, 0.95);
}

#[test]
fn long_percent_changes_equal_scalar_across_pieces_and_blocks() {
    let (a, b) = long_rates(LONG);
    let previous: Vec<f64> = b.iter().map(|p| if *p == 0.0 { 1.0 } else { *p }).collect();
    check_changes(&previous, &a);
}

/// Bad rows at two places in different pieces: the error names the first, in the parallel
/// path (the whole input) and in the serial path (a prefix shorter than the threshold that
/// still holds it), and it is the scalar error of that row.
#[test]
fn long_errors_name_the_first_bad_row_in_both_paths() {
    let (mut counts, mut pops) = long_rates(LONG);
    let first = PARALLEL_MIN_ROWS - BLOCK_ROWS - 1;
    let later = LONG - 2;
    counts[later] = -1.0;
    pops[first] = 0.0;
    let want = crude_rate(counts[first], pops[first], 100.0, 0.95)
        .unwrap_err()
        .at_row(first);
    assert_eq!(
        want.to_string(),
        format!("population at row {first}: must be greater than zero (got 0)")
    );
    for len in [LONG, first + 1, PARALLEL_MIN_ROWS - 1] {
        let got = crude_rate_many(
            &counts[..len],
            &pops[..len],
            100.0,
            0.95,
            Estimates::with_len(len).as_mut(),
        )
        .unwrap_err();
        assert_eq!(got, want, "{len} rows");
    }

    // Only the last row bad: found after every piece has run.
    let (counts, mut pops) = long_rates(LONG);
    pops[LONG - 1] = f64::INFINITY;
    let got = crude_rate_many(
        &counts,
        &pops,
        100.0,
        0.95,
        Estimates::with_len(LONG).as_mut(),
    )
    .unwrap_err();
    assert_eq!(
        got.to_string(),
        format!("population at row {}: must be finite (got inf)", LONG - 1)
    );

    // The same for proportions and changes, with the bad row at a block boundary.
    let xs = vec![1.0; LONG];
    let mut ns = vec![2.0; LONG];
    ns[2 * BLOCK_ROWS] = 0.5;
    ns[LONG - 3] = -1.0;
    let got = wilson_proportion_many(&xs, &ns, 1.0, 0.95, Estimates::with_len(LONG).as_mut())
        .unwrap_err();
    assert_eq!(
        got.to_string(),
        format!(
            "numerator at row {}: numerator 1 is greater than denominator 0.5",
            2 * BLOCK_ROWS
        )
    );
    let mut previous = vec![1.0; LONG];
    previous[PARALLEL_MIN_ROWS] = 0.0;
    previous[LONG - 1] = -1.0;
    let got = percent_change_many(&previous, &xs, &mut vec![0.0; LONG]).unwrap_err();
    assert_eq!(
        got.to_string(),
        format!("previous at row {PARALLEL_MIN_ROWS}: percentage change from zero is undefined")
    );
}

/// The hand-made cases at the exact/Byar's boundary, against independently computed limits:
/// 9 events at 95% has exact limits `qchisq(0.025, 18) / 2 = 4.115_373_097_378` and
/// `qchisq(0.975, 20) / 2 = 17.084_803_451_419` (the regularised incomplete gamma function
/// inverted by mpmath at 30 digits); 10 events takes Byar's.
#[test]
fn boundary_counts_take_the_right_method() {
    let mut out = Estimates::with_len(3);
    crude_rate_many(&[9.0, 9.5, 10.0], &[1.0, 1.0, 1.0], 1.0, 0.95, out.as_mut()).unwrap();
    assert_eq!(out.method, vec![1, 1, 2]);
    assert!((out.lower[0] - 4.115_373_097_378).abs() < 1e-11);
    assert!((out.upper[0] - 17.084_803_451_419).abs() < 1e-11);
    // 9.5 lies between 9 and 10 (the limits grow with the count)
    assert!(out.lower[0] < out.lower[1] && out.upper[0] < out.upper[1]);
}

/// A row whose exact upper limit overflows while the Byar's value the kernels compute first
/// does not: 0 events, scale 4.885e307. Exact upper 3.6889 x 4.885e307 = 1.802e308 is beyond
/// `f64::MAX` (1.798e308); Byar's (1 - 1/9 + 1.96/3)^3 = 3.6681 gives 1.792e308, within it.
#[test]
fn exact_limit_overflow_is_the_scalar_error() {
    let scalar = crude_rate(0.0, 1.0, 4.885e307, 0.95).unwrap_err();
    for len in [3, LONG] {
        let counts: Vec<f64> = (0..len)
            .map(|i| if i == len - 2 { 0.0 } else { 20.0 })
            .collect();
        let got = crude_rate_many(
            &counts,
            &vec![1e10; len],
            4.885e307,
            0.95,
            Estimates::with_len(len).as_mut(),
        );
        // The other rows (20 per 1e10 at that multiplier) are within range.
        let pops: Vec<f64> = (0..len)
            .map(|i| if i == len - 2 { 1.0 } else { 1e10 })
            .collect();
        let got_mixed = crude_rate_many(
            &counts,
            &pops,
            4.885e307,
            0.95,
            Estimates::with_len(len).as_mut(),
        );
        assert!(got.is_ok(), "{len} rows: {got:?}");
        assert_eq!(got_mixed.unwrap_err(), scalar.clone().at_row(len - 2));
    }
}

/// `dsr_many` over enough areas to take the parallel path: each area is exactly what `dsr`
/// returns for that area alone, and with two bad bands in different areas the error names the
/// first one's flat row, whichever path ran.
#[test]
fn long_dsr_many_equals_dsr_per_area_and_names_the_first_bad_row() {
    use carestat::dsr::{dsr, dsr_many, ESP2013};
    let bands = ESP2013.len();
    let areas = PARALLEL_MIN_ROWS / bands + 100;
    let len = areas * bands;
    // Counts 0..39 and populations 500..4499 varying by row, so areas differ (some fall
    // below 10 events and are suppressed).
    let counts: Vec<f64> = (0..len)
        .map(|i| ((i * 7) % 40) as f64 * (i % 3) as f64)
        .collect();
    let pops: Vec<f64> = (0..len).map(|i| 500.0 + ((i * 13) % 4000) as f64).collect();
    let all = dsr_many(&counts, &pops, &ESP2013, 100_000.0).unwrap();
    assert_eq!(all.len(), areas);
    for (area, got) in all.iter().enumerate() {
        let rows = area * bands..(area + 1) * bands;
        let want = dsr(&counts[rows.clone()], &pops[rows], &ESP2013, 100_000.0).unwrap();
        assert!(
            same(got.unsuppressed_value, want.unsuppressed_value),
            "area {area}"
        );
        assert!(same(got.variance, want.variance), "area {area}");
        let (g, w) = (got.estimate(0.95).unwrap(), want.estimate(0.95).unwrap());
        assert!(
            same(g.value, w.value) && same(g.lower, w.lower) && same(g.upper, w.upper),
            "area {area}: batch {g:?}, scalar {w:?}"
        );
        assert_eq!(g.method, w.method, "area {area}: method");
    }

    let mut bad = pops.clone();
    let first = 3 * bands + 4;
    bad[len - 1] = -1.0;
    bad[first] = 0.0;
    for n in [len, PARALLEL_MIN_ROWS / bands * bands - bands] {
        let got = dsr_many(&counts[..n], &bad[..n], &ESP2013, 100_000.0).unwrap_err();
        assert_eq!(
            got.to_string(),
            format!("populations at row {first}: must be greater than zero (got 0)"),
            "{n} rows"
        );
    }
}
