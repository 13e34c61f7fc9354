//! Structure-aware: the real datasets (`examples/data/*.json`) with some of
//! their numbers replaced, so the fuzzer starts past the parser and the validation and
//! spends its time in the audit and the report.
//!
//! Each edit picks one number slot of the dataset (counts and their previous values,
//! populations, percentages, spend, breakdown parts, rating counts, ASCOF scores, decimals,
//! claims' stated values and multipliers, CQC statement scores) and puts an arbitrary value
//! there: any double (NaN, infinities, subnormals, huge, negative), any 64-bit count, any
//! decimals, any score byte, or removes an optional one. The edited dataset is then audited and reported as in the `audit` target
//! (`check_account`), and when it validates it must also round-trip through its JSON text.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use carestat::account::Dataset;
use carestat_fuzz::Num;
use libfuzzer_sys::fuzz_target;

/// The real datasets, read once.
fn bases() -> &'static [Dataset; 3] {
    static BASES: OnceLock<[Dataset; 3]> = OnceLock::new();
    BASES.get_or_init(|| {
        let read = |t: &str| Dataset::from_json_str(t).expect("bundled dataset reads");
        [
            read(include_str!("../../examples/data/birmingham-2022-23.json")),
            read(include_str!(
                "../../examples/data/worcestershire-2023-24.json"
            )),
            read(include_str!("../../examples/data/birmingham-cqc-2023.json")),
        ]
    })
}

/// A count as the fuzzer proposes it.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Count {
    Small(u16),
    Raw(u64),
    Special(u8),
}

const COUNT_SPECIALS: [u64; 10] = [
    0,
    1,
    2,
    u32::MAX as u64,
    1 << 53,
    (1 << 53) + 1,
    9_000_000_000_000_000,
    i64::MAX as u64,
    u64::MAX / 2,
    u64::MAX,
];

impl Count {
    fn get(self) -> u64 {
        match self {
            Self::Small(v) => u64::from(v),
            Self::Raw(v) => v,
            Self::Special(k) => COUNT_SPECIALS[usize::from(k) % COUNT_SPECIALS.len()],
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Edit {
    slot: u16,
    float: Num,
    count: Count,
    int: i8,
    remove: bool,
}

#[derive(Debug, Arbitrary)]
struct Input {
    which: u8,
    edits: Vec<Edit>,
}

/// One number of a dataset, borrowed for editing.
enum Slot<'a> {
    F(&'a mut f64),
    OptF(&'a mut Option<f64>),
    U(&'a mut u64),
    OptU(&'a mut Option<u64>),
    I(&'a mut i32),
    OptI(&'a mut Option<i32>),
    Score(&'a mut u8),
}

/// Every editable number of `ds`, in a fixed order.
fn slots(ds: &mut Dataset) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for p in ds.populations.values_mut() {
        out.push(Slot::U(&mut p.value));
        out.push(Slot::OptI(&mut p.year));
    }
    for c in ds.counts.values_mut() {
        out.push(Slot::U(&mut c.value));
        out.push(Slot::OptU(&mut c.previous));
    }
    for p in ds.percentages.values_mut() {
        out.push(Slot::F(&mut p.value));
        out.push(Slot::OptF(&mut p.previous));
        out.push(Slot::I(&mut p.decimals));
    }
    for m in ds.spend.values_mut() {
        out.push(Slot::F(&mut m.value));
        out.push(Slot::OptF(&mut m.previous));
        out.push(Slot::I(&mut m.decimals));
    }
    for b in ds.breakdowns.values_mut() {
        // Format 2: a breakdown's decimals may be left out (each part gives its own).
        if let Some(d) = &mut b.decimals {
            out.push(Slot::I(d));
        }
        for part in &mut b.parts {
            out.push(Slot::F(&mut part.value));
        }
    }
    for r in ds.ratings.values_mut() {
        out.push(Slot::U(&mut r.outstanding));
        out.push(Slot::U(&mut r.good));
        out.push(Slot::U(&mut r.requires_improvement));
        out.push(Slot::U(&mut r.inadequate));
        out.push(Slot::U(&mut r.not_rated));
        out.push(Slot::U(&mut r.inadequate_or_not_rated));
    }
    for a in &mut ds.ascof {
        out.push(Slot::F(&mut a.value));
        out.push(Slot::OptF(&mut a.previous));
    }
    if let Some(cqc) = &mut ds.cqc {
        for s in cqc.statements.values_mut() {
            out.push(Slot::Score(&mut s.score));
        }
    }
    for c in &mut ds.claims {
        out.push(Slot::OptF(&mut c.stated));
        out.push(Slot::OptI(&mut c.decimals));
        out.push(Slot::OptF(&mut c.multiplier));
    }
    out
}

fn apply(slot: &mut Slot<'_>, e: &Edit) {
    let int = i32::from(e.int);
    match slot {
        Slot::F(x) => **x = e.float.get(),
        Slot::OptF(x) => **x = (!e.remove).then(|| e.float.get()),
        Slot::U(x) => **x = e.count.get(),
        Slot::OptU(x) => **x = (!e.remove).then(|| e.count.get()),
        Slot::I(x) => **x = int,
        Slot::OptI(x) => **x = (!e.remove).then_some(int),
        // Any byte: 0 and 5..=255 must be refused by validation, naming the statement.
        Slot::Score(x) => **x = e.int.to_ne_bytes()[0],
    }
}

fuzz_target!(|input: Input| {
    let bases = bases();
    let mut ds = bases[usize::from(input.which) % bases.len()].clone();
    {
        let mut slots = slots(&mut ds);
        for e in input.edits.iter().take(16) {
            let n = slots.len();
            apply(&mut slots[usize::from(e.slot) % n], e);
        }
    }
    // The JSON functions are checked by the `audit` target; here the time goes to the audit.
    carestat_fuzz::account::check_account(&ds, false);
});
