"""Disclosure control of whole tables (issue 14): `suppress` on a DataFrame hides small
counts (primary) and partners (secondary) so that no hidden cell can be worked out from the
published cells and the row, column and grand totals.

The oracle here is independent of the core's cycle search: a hidden cell is recoverable
exactly when its unit vector lies in the row space of the linear equations a reader knows
(each row and column adds to its total, the totals to the grand total) restricted to the
hidden cells: checked with NumPy's matrix rank. The 3x3 table is worked by hand below.
"""

from __future__ import annotations

from typing import Any, List, Tuple

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat

pl = pytest.importorskip("polars")


def recoverable(hidden: np.ndarray) -> List[Tuple[int, int]]:
    """Hidden cells of a (rows+1) x (cols+1) table with margins that the totals determine."""
    r, c = hidden.shape
    cells = [(i, j) for i in range(r) for j in range(c) if hidden[i, j]]
    if not cells:
        return []
    # One equation per line: the interior cells of a row minus its total = 0, etc.
    lines = []
    for i in range(r):
        lines.append([(i, j, -1.0 if j == c - 1 else 1.0) for j in range(c)])
    for j in range(c):
        lines.append([(i, j, -1.0 if i == r - 1 else 1.0) for i in range(r)])
    a = np.zeros((len(lines), len(cells)))
    pos = {cell: k for k, cell in enumerate(cells)}
    for n, line in enumerate(lines):
        for i, j, sign in line:
            if (i, j) in pos:
                a[n, pos[(i, j)]] = sign
    rank = np.linalg.matrix_rank(a)
    out = []
    for k, cell in enumerate(cells):
        e = np.zeros(len(cells))
        e[k] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            out.append(cell)
    return out


def hidden_of(t: Any) -> np.ndarray:
    return (t.protection != "shown").to_numpy()


TABLE = pd.DataFrame({"18-64": [3, 30, 20], "65-84": [40, 50, 35], "85+": [25, 60, 45]},
                     index=["Leeds", "York", "Hull"])


def test_a_3x3_table_with_one_small_cell() -> None:
    # By hand: 3 is primary (Safeguarding Adults rule, 0-4). Row total 68 - 40 - 25 would give
    # it back, so partners are needed: the cheapest rectangle through it is Leeds 85+ (25),
    # Hull 18-64 (20), Hull 85+ (45): 90, against 95 (via 65-84 and Hull) or 115, 120 (York).
    t = carestat.suppress(TABLE)
    assert t.primary == [("Leeds", "18-64")]
    assert t.secondary == [("Leeds", "85+"), ("Hull", "18-64"), ("Hull", "85+")]
    assert t.table.loc["Leeds"].tolist() == ["[c]", "40", "[c]", "70"]
    # Totals published, rounded to 5: 68 -> 70, 53 -> 55, 308 -> 310.
    assert t.table.loc["Total"].tolist() == ["55", "125", "130", "310"]
    assert np.isnan(t.values.loc["Hull", "85+"]) and t.values.loc["York", "85+"] == 60
    # The oracle: no hidden cell is determined by what is published...
    assert recoverable(hidden_of(t)) == []
    # ...while with primary suppression alone the small cell is.
    only_primary = np.zeros((4, 4), dtype=bool)
    only_primary[0, 0] = True
    assert recoverable(only_primary) == [(0, 0)]


def test_random_tables_never_publish_a_recoverable_cell() -> None:
    rng = np.random.default_rng(14)
    for _ in range(40):
        rows, cols = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        counts = rng.integers(0, 40, size=(rows, cols))
        counts[rng.random((rows, cols)) < 0.2] = int(rng.integers(1, 5))
        t = carestat.suppress(pd.DataFrame(counts))
        hidden = hidden_of(t)
        assert recoverable(hidden) == [], counts
        small = (counts >= 0) & (counts <= 4)
        assert (hidden[:rows, :cols] >= small).all()
        interior = {(i, j) for i, j in t.primary if i != "Total" and j != "Total"}
        assert interior == {(i, j) for i in range(rows) for j in range(cols) if small[i, j]}


def test_nothing_small_hides_nothing_and_rules_apply() -> None:
    t = carestat.suppress(pd.DataFrame({"a": [10, 20], "b": [30, 40]}))
    assert t.primary == [] and t.secondary == []
    assert t.table.loc["Total", "Total"] == "100"
    # NHS Digital: 1-7 hidden, 0 shown; the marker can be "*".
    t = carestat.suppress(pd.DataFrame({"a": [0, 20], "b": [6, 40]}), rule="nhs_digital",
                          marker="*")
    # 6 is hidden, and so is its row's total (0 + 6 = 6, also in 1-7).
    assert t.primary == [(0, "b"), (0, "Total")]
    # Partners: for the 6, the 0 beside it (cheaper than a total) and row 1's 20 and 40; for
    # the hidden row total, another row total (grand total 66 - 60 would give it back).
    assert t.secondary == [(0, "a"), (1, "a"), (1, "b"), (1, "Total")]
    assert carestat.suppress(0, rule="nhs_digital") == "0"
    assert t.table.loc[0, "b"] == "*"
    assert recoverable(hidden_of(t)) == []


def test_polars_labels_and_arrays() -> None:
    frame = pl.DataFrame({"area": ["Leeds", "York", "Hull"], "18-64": [3, 30, 20],
                          "65-84": [40, 50, 35], "85+": [25, 60, 45]})
    t = carestat.suppress(frame)
    assert t.primary == [("Leeds", "18-64")] and len(t.secondary) == 3
    a = carestat.suppress(TABLE.to_numpy())
    assert a.primary == [(0, 0)]
    # Counts one by one are unchanged.
    assert carestat.suppress([3, 1141]) == ["[c]", "1140"]


def test_bad_tables_and_rules_are_errors() -> None:
    bad = TABLE.astype(float)
    bad.loc["York", "65-84"] = np.nan
    with pytest.raises(carestat.InvalidInputError, match=r"65-84 at row 1 \('York'\)") as e:
        carestat.suppress(bad)
    assert (e.value.field, e.value.row) == ("65-84", 1)
    neg = TABLE.copy()
    neg.loc["Hull", "85+"] = -1
    with pytest.raises(carestat.NegativeValueError, match=r"85\+ at row 2"):
        carestat.suppress(neg)
    # A misspelt key of a custom rule is an error, never ignored.
    with pytest.raises(carestat.UnknownValueError, match="round_too") as u:
        carestat.suppress(5, rule={"suppress_min": 1, "suppress_max": 4, "round_too": 5})
    assert u.value.field == "rule"
    with pytest.raises(carestat.UnknownValueError, match="suppres_max"):
        carestat.suppress(TABLE, rule={"suppress_min": 1, "suppres_max": 4})
    custom = carestat.suppress(TABLE, rule={"suppress_min": 1, "suppress_max": 9, "round_to": 1})
    assert ("Leeds", "18-64") in custom.primary
