"""DataFrames in and out of `carestat.frames`: pandas (the optional extra ``carestat[pandas]``),
and polars DataFrames and LazyFrames, computed through pandas and given back as polars.

A polars result has no index: a grouped result's keys become its first columns (a result of
the whole frame has none), a per-row result keeps the input's columns. A LazyFrame is
collected, and the result given back lazy.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any, Callable, Optional, TypeVar

__all__ = ["PANDAS_EXTRA", "accepts_polars", "pandas"]

#: The extra that installs pandas with carestat.
PANDAS_EXTRA = "carestat[pandas]"

F = TypeVar("F", bound=Callable[..., Any])


def pandas() -> Any:
    """The pandas module, or an ImportError naming the extra to install."""
    try:
        return importlib.import_module("pandas")
    except ImportError as e:
        raise ImportError(
            "carestat.frames needs pandas, which is not installed: "
            f"pip install '{PANDAS_EXTRA}' (or pip install pandas)"
        ) from e


def _polars_kind(df: Any) -> Optional[str]:
    """"frame" or "lazy" for a polars DataFrame or LazyFrame, else None."""
    if not (type(df).__module__ or "").startswith("polars"):
        return None
    name = type(df).__name__
    if name == "LazyFrame":
        return "lazy"
    if name == "DataFrame":
        return "frame"
    return None


def _to_polars(result: Any, lazy: bool) -> Any:
    pl = importlib.import_module("polars")
    names = [n for n in result.index.names if n is not None]
    flat = result.reset_index() if names else result.reset_index(drop=True)
    out = pl.from_pandas(flat)
    return out.lazy() if lazy else out


def accepts_polars(f: F) -> F:
    """`f(df, ...)` for a pandas DataFrame, or for a polars one through pandas, as polars."""

    @functools.wraps(f)
    def wrapper(df: Any, *args: Any, **kwargs: Any) -> Any:
        kind = _polars_kind(df)
        if kind is None:
            return f(df, *args, **kwargs)
        pandas()  # the clear error when pandas is missing
        frame = df.collect() if kind == "lazy" else df
        return _to_polars(f(frame.to_pandas(), *args, **kwargs), kind == "lazy")

    return wrapper  # type: ignore[return-value]
