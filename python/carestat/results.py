"""Results in notebooks: the pandas and HTML forms of carestat's result types.

`Estimates.to_frame()` (and its alias ``to_pandas()``) gives a DataFrame with columns
``value``, ``lower``, ``upper`` and ``method``, indexed as the input Series was:

>>> import pandas as pd
>>> import carestat
>>> deaths = pd.Series([4, 20], index=["Leeds", "York"])
>>> r = carestat.crude_rate(deaths, pd.Series([1000, 2000], index=deaths.index), 1000)
>>> r.to_frame().loc["York", "value"], len(r), r[0].method, [e.method for e in r]
(10.0, 2, 'Exact', ['Exact', 'Byars'])

`FindingsFrame` is the DataFrame `carestat.audit` returns: a plain pandas DataFrame whose
notebook display colours each finding by its status (see `STATUS_COLOURS`).

pandas is optional for carestat: these functions import it when they run, and without it raise
an ImportError that names the extra to install (``pip install carestat[pandas]``).
"""

from __future__ import annotations

import html
import importlib
from typing import Any, Dict, List

__all__ = ["STATUS_COLOURS", "estimates_frame", "estimates_html", "findings_frame", "findings_html", "pandas"]

#: Background colours of the audit's statuses (Fingertips' palette: green better, red worse,
#: grey not compared).
STATUS_COLOURS: Dict[str, str] = {
    "consistent": "#92d050",
    "inconsistent": "#ff6961",
    "ambiguous": "#ffc000",
    "unchecked": "#c9c9c9",
}

#: Rows shown at each end of a long result's HTML table.
HTML_ROWS = 10


def pandas() -> Any:
    """The pandas module, or an ImportError naming the extra that installs it."""
    try:
        # Imported by name: pandas is optional and ships no type information.
        return importlib.import_module("pandas")
    except ImportError as e:
        raise ImportError(
            "this needs pandas, which carestat does not install by default: "
            "pip install 'carestat[pandas]'"
        ) from e


def estimates_frame(estimates: Any) -> Any:
    """The DataFrame of an `Estimates`: value, lower, upper, method, with the input's index."""
    pd = pandas()
    index = estimates.index
    return pd.DataFrame(
        {
            "value": estimates.value,
            "lower": estimates.lower,
            "upper": estimates.upper,
            "method": estimates.method.astype(object),
        },
        index=index if index is not None else pd.RangeIndex(len(estimates)),
    )


def _cell(x: Any) -> str:
    if isinstance(x, float):
        return "" if x != x else f"{x:.6g}"
    return html.escape(str(x))


def _table(columns: List[str], rows: List[List[Any]], styles: List[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        f"<tr{style}>" + "".join(f"<td>{_cell(x)}</td>" for x in row) + "</tr>"
        for row, style in zip(rows, styles)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def estimates_html(estimates: Any) -> str:
    """An HTML table of an `Estimates` (without pandas): the first and last `HTML_ROWS` rows."""
    n = len(estimates)
    index = estimates.index
    labels = list(index) if index is not None else list(range(n))
    shown = list(range(n)) if n <= 2 * HTML_ROWS else [
        *range(HTML_ROWS), -1, *range(n - HTML_ROWS, n)]
    rows: List[List[Any]] = []
    for i in shown:
        if i < 0:
            rows.append(["...", "...", "...", "...", "..."])
            continue
        e = estimates[i]
        rows.append([labels[i], e.value, e.lower, e.upper, e.method])
    caption = f"<p>Estimates: {n} rows</p>"
    return caption + _table(["", "value", "lower", "upper", "method"], rows, [""] * len(rows))


def findings_html(frame: Any) -> str:
    """The audit's findings as an HTML table, each row coloured by its ``status``."""
    columns = [str(c) for c in frame.columns]
    rows = frame.astype(object).where(frame.notna(), "").values.tolist()
    status = list(frame["status"]) if "status" in frame.columns else [""] * len(rows)
    styles = [
        f' style="background-color: {STATUS_COLOURS[s]}"' if s in STATUS_COLOURS else ""
        for s in status
    ]
    return _table(columns, rows, styles)


_FINDINGS_CLASS: List[Any] = []


def _findings_class() -> Any:
    """`FindingsFrame`, made once (pandas is imported only when first needed)."""
    if not _FINDINGS_CLASS:
        pd = pandas()

        class FindingsFrame(pd.DataFrame):  # type: ignore[misc, name-defined]
            """A DataFrame of audit findings; notebooks show each row coloured by status."""

            @property
            def _constructor(self) -> Any:
                return FindingsFrame

            def _repr_html_(self) -> str:
                return findings_html(self)

        # Found by pickle as carestat.results.FindingsFrame (the module's __getattr__ makes
        # it on first use), so a pickled audit loads back as a FindingsFrame.
        FindingsFrame.__module__ = __name__
        FindingsFrame.__qualname__ = "FindingsFrame"
        _FINDINGS_CLASS.append(FindingsFrame)
    return _FINDINGS_CLASS[0]


def findings_frame(rows: List[Dict[str, Any]], columns: List[str]) -> Any:
    """The audit's DataFrame: a pandas DataFrame shown in notebooks styled by status."""
    return _findings_class()(rows, columns=columns)


def __getattr__(name: str) -> Any:
    """``carestat.results.FindingsFrame``, made on first use (pandas is optional)."""
    if name == "FindingsFrame":
        return _findings_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
