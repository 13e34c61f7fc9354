"""The foundation demo in Python: the same real figures as the Rust demo
(crates/carestat/examples/demo.rs), printed in exactly the same lines (the first line says
which language). `make demo-python` runs it; `make demo` compares the languages' output.
"""

from __future__ import annotations

import carestat


def main() -> None:
    print(
        f"carestat {carestat.__version__} demo (Python): "
        "Worcestershire 2023/24 (seed 004), Birmingham 2022/23 (seed 000)"
    )

    pct = carestat.percent_change(3912, 4455)
    print("safeguarding concerns 3912 -> 4455: percent change %.6f%%" % pct)

    points = carestat.point_change(5, 6)
    relative = carestat.percent_change(5, 6)
    print(
        "long-term support 5%% -> 6%%: %.6f percentage points, percent change %.6f%%"
        % (points, relative)
    )

    r = carestat.crude_rate(4455, 485_737, 100_000, 0.95)
    print(
        "concerns per 100,000 adults (4455 / 485737): %.6f (95%% CI %.6f to %.6f, %s)"
        % (r.value, r.lower, r.upper, r.method)
    )

    # Supported living: Outstanding 3 + Good 199 of all 278 locations (unrated included).
    p = carestat.wilson_proportion(3 + 199, 3 + 199 + 64 + 1 + 11, 100, 0.95)
    print(
        "supported living Outstanding or Good (202 / 278): %.6f%% (95%% CI %.6f to %.6f, %s)"
        % (p.value, p.lower, p.upper, p.method)
    )


if __name__ == "__main__":
    main()
