//! The foundation demo: real figures from two Local Accounts, computed by the Rust core.
//!
//! The C demo (examples/c/demo.c) and the Python demo (examples/python/demo.py) print exactly
//! the same lines; `make demo` compares the three outputs.

use carestat::ratings::{DenominatorRule, RatingCounts};
use carestat::{crude_rate, percent_change, point_change, wilson_proportion};

fn main() -> Result<(), carestat::Error> {
    println!(
        "carestat {} demo (Rust): Worcestershire 2023/24 (seed 004), Birmingham 2022/23 (seed 000)",
        carestat::VERSION
    );

    let pct = percent_change(3912.0, 4455.0)?;
    println!("safeguarding concerns 3912 -> 4455: percent change {pct:.6}%");

    let points = point_change(5.0, 6.0)?;
    let relative = percent_change(5.0, 6.0)?;
    println!(
        "long-term support 5% -> 6%: {points:.6} percentage points, percent change {relative:.6}%"
    );

    let r = crude_rate(4455.0, 485_737.0, 100_000.0, 0.95)?;
    println!(
        "concerns per 100,000 adults (4455 / 485737): {:.6} (95% CI {:.6} to {:.6}, {})",
        r.value,
        r.lower,
        r.upper,
        r.method.name()
    );

    let supported_living = RatingCounts::new(3, 199, 64, 1, 11);
    let share = supported_living.outstanding_or_good_share(DenominatorRule::AllLocations)?;
    let p = wilson_proportion(202.0, 278.0, 100.0, 0.95)?;
    println!(
        "supported living Outstanding or Good (202 / 278): {share:.6}% (95% CI {:.6} to {:.6}, {})",
        p.lower,
        p.upper,
        p.method.name()
    );
    Ok(())
}
