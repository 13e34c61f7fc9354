"""Results in notebooks (issue 14): `Estimates` as a DataFrame keeping the input Series'
index, len, indexing, iteration and an HTML form; the audit's findings coloured by status.

Expected values: 4 events per 1,000 is 4.0 per 1,000 (exact, below 10 events) and 20 per
2,000 is 10.0 per 1,000 (Byar's): worked by hand; the limits are those of the scalar calls.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat
from carestat import results

ROOT = Path(__file__).resolve().parents[2]


def series_rates() -> carestat.Estimates:
    idx = pd.Index(["Leeds", "York", "Hull"], name="area")
    return carestat.crude_rate(
        pd.Series([4, 20, None], index=idx), pd.Series([1000, 2000, 500], index=idx), 1000
    )


def test_to_frame_keeps_the_series_index() -> None:
    r = series_rates()
    assert r.index is not None and list(r.index) == ["Leeds", "York", "Hull"]
    f = r.to_frame()
    assert list(f.columns) == ["value", "lower", "upper", "method"]
    assert f.index.name == "area" and list(f.index) == ["Leeds", "York", "Hull"]
    assert f.loc["Leeds", "value"] == 4.0 and f.loc["York", "value"] == 10.0
    assert list(f["method"]) == ["Exact", "Byars", ""]
    assert np.isnan(f.loc["Hull", "value"])
    one = carestat.crude_rate(20, 2000, 1000)
    assert f.loc["York", "lower"] == one.lower and f.loc["York", "upper"] == one.upper
    pd.testing.assert_frame_equal(r.to_pandas(), f)


def test_index_from_the_second_argument_and_none_for_arrays() -> None:
    pops = pd.Series([1000, 2000], index=[10, 20])
    assert list(carestat.wilson_proportion([1, 2], pops).to_frame().index) == [10, 20]
    plain = carestat.crude_rate(np.array([4.0, 20.0]), [1000, 2000])
    assert plain.index is None
    assert list(plain.to_frame().index) == [0, 1]


def test_len_indexing_iteration_match_the_scalar_calls() -> None:
    r = series_rates()
    assert len(r) == 3
    leeds = carestat.crude_rate(4, 1000, 1000)
    for got in (r[0], r[-3]):
        assert (got.value, got.lower, got.upper, got.method) == (
            leeds.value, leeds.lower, leeds.upper, leeds.method)
    assert r[2].method == "" and np.isnan(r[2].value)
    assert [e.method for e in r] == ["Exact", "Byars", ""]
    tail = r[1:]
    assert len(tail) == 2 and list(tail.index) == ["York", "Hull"]
    assert tail.method.tolist() == ["Byars", ""]
    # A slice is a copy: the original's arrays are not shared.
    assert not np.shares_memory(tail.value, r.value)
    with pytest.raises(IndexError, match="out of range for 3 rows"):
        r[3]
    with pytest.raises(IndexError):
        r[-4]
    with pytest.raises(TypeError, match="integers or slices"):
        r["Leeds"]  # type: ignore[call-overload]


def test_repr_html_lists_rows_and_elides_long_results() -> None:
    page = series_rates()._repr_html_()
    assert page.startswith("<p>Estimates: 3 rows</p><table>")
    assert "<td>York</td><td>10</td>" in page and "<td>Byars</td>" in page
    long = carestat.crude_rate(np.arange(100.0), np.full(100, 1000.0))
    page = long._repr_html_()
    assert page.count("<tr>") == 1 + 2 * results.HTML_ROWS + 1  # header, ends, the "..." row
    assert "<td>...</td>" in page


def test_audit_findings_are_coloured_by_status() -> None:
    findings = carestat.audit(str(ROOT / "examples/data/worcestershire-2023-24.json"))
    assert isinstance(findings, pd.DataFrame)
    assert list(findings.columns) == carestat.account.FINDING_COLUMNS
    page = findings._repr_html_()
    statuses = list(findings["status"])
    assert "inconsistent" in statuses and "consistent" in statuses
    for status in set(statuses):
        colour = results.STATUS_COLOURS[status]
        assert page.count(f'style="background-color: {colour}"') == statuses.count(status)
    # Still a DataFrame in every other way; a filtered frame keeps the styling.
    bad = findings[findings["status"] == "inconsistent"]
    assert results.STATUS_COLOURS["consistent"] not in bad._repr_html_()
