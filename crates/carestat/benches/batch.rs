//! Batch kernels of the core on 5,000,000 rows, with a plain copy of one column as the
//! memory-bandwidth reference. `make bench-rust` (or `cargo bench -p carestat`).
//!
//! Output buffers are allocated once, outside the timed loop; from Python the output is a
//! fresh array each call (see `benchmarks/bench.py` for those figures).
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use carestat::dsr::{dsr_many, ESP2013};
use carestat::{crude_rate_many, percent_change_many, wilson_proportion_many, Estimates};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const ROWS: usize = 5_000_000;

/// A small deterministic generator (xorshift64*), so the inputs are the same every run.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in `lo..hi`.
    fn whole(&mut self, lo: f64, hi: f64) -> f64 {
        (lo + self.next_f64() * (hi - lo)).floor()
    }
}

fn batch(c: &mut Criterion) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let populations: Vec<f64> = (0..ROWS).map(|_| rng.whole(1_000.0, 500_000.0)).collect();
    // Mostly 10 or more (Byar's): counts 0..2000, about 0.5% below 10.
    let counts_big: Vec<f64> = (0..ROWS).map(|_| rng.whole(0.0, 2_000.0)).collect();
    // Mostly below 10 (exact): counts 0..12, about 83% below 10.
    let counts_small: Vec<f64> = (0..ROWS).map(|_| rng.whole(0.0, 12.0)).collect();
    let numerators: Vec<f64> = populations
        .iter()
        .map(|&n| (n * rng.next_f64()).floor())
        .collect();
    let previous: Vec<f64> = (0..ROWS).map(|_| rng.whole(1.0, 10_000.0)).collect();
    let current: Vec<f64> = (0..ROWS).map(|_| rng.whole(0.0, 10_000.0)).collect();

    let mut out = Estimates::with_len(ROWS);
    let mut column = vec![0.0; ROWS];

    let mut group = c.benchmark_group("batch_5M");
    group
        .throughput(Throughput::Elements(ROWS as u64))
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));

    group.bench_function("copy (memory reference)", |b| {
        b.iter(|| column.copy_from_slice(black_box(&previous)));
    });
    group.bench_function("percent_change_many", |b| {
        b.iter(|| percent_change_many(black_box(&previous), &current, &mut column).unwrap());
    });
    group.bench_function("crude_rate_many, counts mostly >= 10", |b| {
        b.iter(|| {
            crude_rate_many(
                black_box(&counts_big),
                &populations,
                1e5,
                0.95,
                out.as_mut(),
            )
            .unwrap();
        });
    });
    group.bench_function("crude_rate_many, counts mostly < 10", |b| {
        b.iter(|| {
            crude_rate_many(
                black_box(&counts_small),
                &populations,
                1e5,
                0.95,
                out.as_mut(),
            )
            .unwrap();
        });
    });
    group.bench_function("wilson_proportion_many", |b| {
        b.iter(|| {
            wilson_proportion_many(
                black_box(&numerators),
                &populations,
                100.0,
                0.95,
                out.as_mut(),
            )
            .unwrap();
        });
    });
    // Directly standardised rates: 5,000,000 band rows are 263,157 areas of 19 ESP2013 bands
    // (the last 13 rows unused); counts 0..12 per band give about 100 events per area.
    let dsr_rows = ROWS / ESP2013.len() * ESP2013.len();
    group.throughput(Throughput::Elements(dsr_rows as u64));
    group.bench_function("dsr_many (rows are age bands)", |b| {
        b.iter(|| {
            dsr_many(
                black_box(&counts_small[..dsr_rows]),
                &populations[..dsr_rows],
                &ESP2013,
                1e5,
            )
            .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
