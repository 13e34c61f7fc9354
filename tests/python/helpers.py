"""Comparison helpers for the tests (imported as `helpers`)."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Dict, Iterable, List, Sequence

import numpy as np

REL = 1e-9
PHE = Path(__file__).resolve().parents[1] / "data" / "phe"

Row = Dict[str, str]


def read_phe(name: str) -> List[Row]:
    """Rows of a PHEindicatormethods fixture CSV, by column name."""
    with open(PHE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_excel_csv(name: str) -> List[Row]:
    """Rows of a funnel fixture written by Excel: a byte-order mark is dropped and header cells
    are stripped (one is broken over two lines, `"Observed_events\n"`)."""
    with open(PHE / name, newline="", encoding="utf-8-sig") as f:
        return [{k.strip(): v for k, v in row.items()} for row in csv.DictReader(f)]


def printed_close(actual: float, text: str) -> bool:
    """Agreement with a fixture cell printed to a few decimals: within 1e-9 relative or half a
    unit in its last printed decimal (the funnel fixtures were written by Excel). An empty or
    NA cell agrees with NaN only."""
    if text.strip() in ("", "NA"):
        return math.isnan(actual)
    want = float(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    tol = max(1e-9 * abs(want), 0.5 * 10.0 ** -decimals * (1 + 1e-9))
    return abs(actual - want) <= tol


def num(row: Row, column: str) -> float:
    """A numeric cell; empty or NA is missing (NaN)."""
    text = row[column].strip()
    return math.nan if text in ("", "NA") else float(text)


def close(actual: float, expected: float, rel: float = REL) -> bool:
    """Agreement within `rel` relative (absolute 1e-15 near zero); missing agrees with missing."""
    if math.isnan(expected):
        return math.isnan(actual)
    diff = abs(actual - expected)
    return diff <= rel * abs(expected) or diff <= 1e-15


def assert_close(actual: float, expected: float, what: str, rel: float = REL) -> None:
    assert close(actual, expected, rel), f"{what}: got {actual!r}, expected {expected!r}"


def assert_all_close(actual: Iterable[float], expected: Sequence[float], what: str) -> None:
    actual = list(actual)
    assert len(actual) == len(expected), what
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert_close(a, e, f"{what} row {i}")


def same_bits(a: "np.typing.ArrayLike", b: "np.typing.ArrayLike") -> bool:
    """Identical float64 values, NaN included (bit for bit)."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    return x.shape == y.shape and bool(np.all(x.view(np.int64) == y.view(np.int64)))
