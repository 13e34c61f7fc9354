"""Disclosure control of whole tables: `suppress` on a DataFrame of counts hides the counts
the rule suppresses (primary) and then further cells (secondary) so that no hidden cell can
be worked out from the published cells, the row and column totals and the grand total. The
algorithm is the Rust core's (`carestat::disclosure::protect_table`), so C and Python give
the same table.

>>> import pandas as pd
>>> import carestat
>>> df = pd.DataFrame({"18-64": [3, 30, 20], "65-84": [40, 50, 35], "85+": [25, 60, 45]},
...                   index=["Leeds", "York", "Hull"])
>>> t = carestat.suppress(df)
>>> t.primary, t.secondary
([('Leeds', '18-64')], [('Leeds', '85+'), ('Hull', '18-64'), ('Hull', '85+')])
>>> t.table.loc["Total"].tolist()
['55', '125', '130', '310']
"""

from __future__ import annotations

import importlib
from typing import Any, List, Optional, Tuple

import numpy as np

from carestat import _carestat
from carestat._carestat import CarestatError, InvalidInputError

__all__ = ["ProtectedTable", "suppress"]


class ProtectedTable:
    """A table after primary and secondary suppression, with a total row and column.

    ``table``: the cells as printed (the rule's marker for a hidden cell); ``values``: the
    published numbers (NaN when hidden); ``protection``: "shown", "primary" or "secondary"
    for each cell; ``primary`` and ``secondary``: the hidden cells as (row, column) labels.
    """

    def __init__(self, table: Any, values: Any, protection: Any) -> None:
        self.table = table
        self.values = values
        self.protection = protection

    def _cells(self, kind: str) -> List[Tuple[Any, Any]]:
        return [(r, c) for r in self.protection.index for c in self.protection.columns
                if self.protection.loc[r, c] == kind]

    @property
    def primary(self) -> List[Tuple[Any, Any]]:
        """The cells hidden because the rule suppresses them, row by row."""
        return self._cells("primary")

    @property
    def secondary(self) -> List[Tuple[Any, Any]]:
        """The cells hidden so that no primary cell can be worked out, row by row."""
        return self._cells("secondary")

    def __repr__(self) -> str:
        return (f"ProtectedTable({len(self.primary)} primary, {len(self.secondary)} secondary)"
                f"\n{self.table}")

    def _repr_html_(self) -> str:
        html: str = self.table.to_html()
        return html


def _is_table(x: Any) -> bool:
    module = type(x).__module__ or ""
    if module.startswith(("pandas", "polars")) and hasattr(x, "columns"):
        return True
    return isinstance(x, np.ndarray) and x.ndim == 2


def _frame(x: Any) -> Any:
    """The counts as a pandas DataFrame: non-numeric columns become the row labels."""
    pd = importlib.import_module("carestat.frame_io").pandas()
    module = type(x).__module__ or ""
    if module.startswith("polars"):
        x = x.to_pandas()
    elif isinstance(x, np.ndarray):
        x = pd.DataFrame(x)
    labels = [c for c in x.columns if not pd.api.types.is_numeric_dtype(x[c])
              or pd.api.types.is_bool_dtype(x[c])]
    return x.set_index(labels) if labels else x


def _cell_error(e: CarestatError, frame: Any) -> CarestatError:
    """`e` (naming a row-major position) again, naming the cell's row and column."""
    cols = len(frame.columns)
    if e.row is None or cols == 0:
        return e
    r, c = divmod(int(e.row), cols)
    text = str(e)
    rest = text.split(": ", 1)[1] if ": " in text else text
    column = frame.columns[c]
    error = type(e)(f"{column} at row {r} ({frame.index[r]!r}): {rest}")
    error.field = str(column)
    error.row = r
    return error


def suppress(counts: Any, rule: Any = None, marker: Optional[str] = None,
             total: str = "Total") -> Any:
    """Counts as a publication prints them under a suppression rule (``"safeguarding_adults"``,
    the default, ``"nhs_digital"``, or a mapping with ``suppress_min``, ``suppress_max``,
    ``round_to`` and ``min_denominator_for_decimals``: any other key is an error).

    A number gives a string and an array-like a list of strings, each count on its own. A
    table (a pandas or polars DataFrame, its non-numeric columns taken as row labels, or a
    2-D array) gives a `ProtectedTable`: every count cell, and the row, column and grand
    totals (labelled `total`), are protected together, secondary suppression hiding enough
    further cells that no hidden one can be worked out from what is published.
    """
    if not _is_table(counts):
        return _carestat.suppress(counts, rule, marker)
    pd = importlib.import_module("carestat.frame_io").pandas()
    frame = _frame(counts)
    for c in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[c]):
            error = InvalidInputError(f"{c}: expected counts, got {frame[c].dtype}")
            error.field = str(c)
            raise error
    rows = [[float(v) for v in row] for row in frame.to_numpy(dtype=float, na_value=np.nan)]
    try:
        texts, values, protection = _carestat._protect_table(rows, rule, marker)
    except CarestatError as e:
        raise _cell_error(e, frame) from e
    index = list(frame.index) + [total]
    columns = list(frame.columns) + [total]

    def make(data: Any) -> Any:
        return pd.DataFrame(data, index=index, columns=columns)

    return ProtectedTable(make(texts), make(values), make(protection))
