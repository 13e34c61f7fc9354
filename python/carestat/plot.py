"""Charts as OHID Fingertips draws them, with matplotlib (the optional extra ``carestat[plot]``).

Each function takes the data and an optional ``ax`` (a matplotlib Axes to draw on; a new
figure when omitted), returns the Axes and never calls ``plt.show()``, as seaborn does.
Comparisons use carestat's own functions, so a chart shows the same verdict as the numbers:

- :func:`funnel`: proportions against the 95% and 99.8% funnel limits around the average
  (``carestat.proportion_funnel_limits``), outliers labelled;
- :func:`spine`: one area across indicators against England's range and quartiles;
- :func:`caterpillar`: ranked estimates with intervals against a benchmark;
- :func:`trend`: one area's values over time with intervals, coloured against England;
- :func:`rating_shares`: each area's share of ratings as a stacked bar.

Colours (Fingertips): better green, similar amber, worse red; where an indicator has no
polarity, higher dark blue and lower light blue.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from carestat import plot
>>> ax = plot.funnel([30, 45, 80], [100, 150, 200], labels=["A", "B", "C"])
>>> ax.get_xlabel()
'Denominator'
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from carestat._carestat import (
    CarestatError,
    _as_floats,
    proportion_funnel_limits,
    proportion_funnel_significance,
)

#: Fingertips' comparison colours (lower-case hex, as matplotlib's ``to_hex`` gives them).
BETTER = "#92d050"
SIMILAR = "#ffc000"
WORSE = "#c00000"
HIGHER = "#3260c9"
LOWER = "#bed2ff"
NOT_COMPARED = "#ffffff"
#: Spine chart: England's range (worst to best) and its interquartile range.
RANGE_GREY = "#c9c9c9"
QUARTILE_GREY = "#8b8b8b"
ENGLAND_RED = "#c00000"
#: CQC's rating colours, best first.
RATING_COLOURS = {
    "Outstanding": "#00875a",
    "Good": "#4caf50",
    "Requires improvement": "#f5a623",
    "Inadequate": "#d0021b",
}

__all__ = [
    "BETTER",
    "SIMILAR",
    "WORSE",
    "HIGHER",
    "LOWER",
    "comparison_colour",
    "funnel",
    "spine",
    "caterpillar",
    "trend",
    "rating_shares",
]


def _pyplot() -> Any:
    """matplotlib.pyplot, or an ImportError naming the extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(
            "carestat.plot needs matplotlib: pip install 'carestat[plot]' (or pip install matplotlib)"
        ) from e
    return plt


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=(8, 5))
    return new


def _style(ax: Any) -> None:
    """Fingertips' plain look: no top/right spines, light horizontal grid."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)


def _floats(name: str, values: ArrayLike) -> NDArray[np.float64]:
    """Numbers by the core's rules for every numeric argument (those of ``crude_rate``):
    None and NaN are missing; bools, strings, datetimes and complex numbers are refused."""
    try:
        out: NDArray[np.float64] = _as_floats(values)
    except CarestatError as e:
        error = type(e)(f"{name}: {e}")
        error.field = name
        error.row = getattr(e, "row", None)
        raise error from e
    if out.ndim != 1:
        raise ValueError(f"{name}: expected one number per area, got shape {out.shape}")
    return out


def _same_length(**arrays: Any) -> int:
    lengths = {k: len(v) for k, v in arrays.items() if v is not None}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"lengths differ: {lengths}")
    return next(iter(lengths.values()), 0)


def comparison_colour(direction: str, higher_is_better: Optional[bool]) -> str:
    """Fingertips colour for a comparison ``"higher"``, ``"lower"``, ``"similar"`` or
    ``"not compared"``: green / red by polarity, blue shades without polarity."""
    if direction == "similar":
        return SIMILAR
    if direction == "not compared":
        return NOT_COMPARED
    if direction not in ("higher", "lower"):
        raise ValueError(f"direction: expected higher, lower, similar or not compared, got {direction!r}")
    if higher_is_better is None:
        return HIGHER if direction == "higher" else LOWER
    good = (direction == "higher") == higher_is_better
    return BETTER if good else WORSE


def _direction(lower: float, upper: float, benchmark: float) -> str:
    """Higher / lower when the interval excludes the benchmark (Fingertips' rule)."""
    if not (np.isfinite(lower) and np.isfinite(upper) and np.isfinite(benchmark)):
        return "not compared"
    if lower > benchmark:
        return "higher"
    if upper < benchmark:
        return "lower"
    return "similar"


def funnel(
    numerators: ArrayLike,
    denominators: ArrayLike,
    labels: Optional[Sequence[str]] = None,
    *,
    multiplier: float = 100.0,
    higher_is_better: Optional[bool] = None,
    label_outliers: str = "99.8",
    ax: Any = None,
) -> Any:
    """Funnel plot of proportions (``numerators / denominators x multiplier``) against
    their denominators, with the 95% and 99.8% limits and the average from
    ``carestat.proportion_funnel_limits`` and each point coloured by
    ``carestat.proportion_funnel_significance``. Areas outside the 99.8% limits are labelled
    (``label_outliers="95"`` labels those outside 95%, ``"none"`` none). Axes are scaled to
    the points and limits. Lines carry the labels ``"95% limits"``, ``"99.8% limits"`` and
    ``"Average"`` (their ``gid`` is ``"upper_2s_limit"`` etc.)."""
    if label_outliers not in ("99.8", "95", "none"):
        raise ValueError(f"label_outliers: expected '99.8', '95' or 'none', got {label_outliers!r}")
    num = _floats("numerators", numerators)
    den = _floats("denominators", denominators)
    names = [str(s) for s in labels] if labels is not None else None
    _same_length(numerators=num, denominators=den, labels=names)
    limits = proportion_funnel_limits(num, den, multiplier=multiplier)
    significance = proportion_funnel_significance(num, den)
    ax = _axes(ax)
    _style(ax)
    pop = limits["population"]
    styles = {"2s": ("--", "95% limits", "#7f7f7f"), "3s": ("-", "99.8% limits", "#404040")}
    for level, (dash, text, colour) in styles.items():
        for i, side in enumerate(("lower", "upper")):
            key = f"{side}_{level}_limit"
            ax.plot(pop, limits[key], dash, color=colour, linewidth=1,
                    label=text if i == 0 else "_nolegend_", gid=key)
    ax.plot(pop, limits["baseline"], "-", color="#000000", linewidth=1.2, label="Average",
            gid="baseline")
    values = num / den * multiplier
    colours = []
    for sig in significance:
        sig = str(sig)
        if sig.startswith("High"):
            colours.append(comparison_colour("higher", higher_is_better))
        elif sig.startswith("Low"):
            colours.append(comparison_colour("lower", higher_is_better))
        else:
            colours.append(SIMILAR)
    ax.scatter(den, values, c=colours, edgecolors="#404040", linewidths=0.6, zorder=3, gid="areas")
    if names is not None and label_outliers != "none":
        marks = ("(0.001)",) if label_outliers == "99.8" else ("(0.001)", "(0.025)")
        for x, y, name, sig in zip(den, values, names, significance):
            if str(sig).endswith(marks):
                ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
    finite = np.isfinite(values)
    ys = np.concatenate([values[finite]] + [limits[k] for k in
                        ("lower_3s_limit", "upper_3s_limit")])
    ys = ys[np.isfinite(ys)]
    pad = 0.05 * (ys.max() - ys.min() or 1.0)
    ax.set_ylim(max(ys.min() - pad, 0.0), ys.max() + pad)
    ax.set_xlim(0, max(float(np.nanmax(den)), float(pop.max())) * 1.05)
    ax.set_xlabel("Denominator")
    ax.set_ylabel("Percentage" if multiplier == 100.0 else f"Per {multiplier:g}")
    ax.legend(frameon=False, fontsize=8)
    return ax


def spine(
    indicators: Sequence[str],
    area_values: ArrayLike,
    england_values: ArrayLike,
    distributions: Sequence[ArrayLike],
    *,
    higher_is_better: Sequence[Optional[bool]],
    area_lower: Optional[ArrayLike] = None,
    area_upper: Optional[ArrayLike] = None,
    area_name: str = "Area",
    ax: Any = None,
) -> Any:
    """Spine chart: for each indicator (one row), England's range over all areas
    (``distributions[i]``) from worst (left) to best (right) in light grey, the 25th to 75th
    percentile in dark grey, England's value as a red line at the centre, and the area as a
    circle coloured by its comparison with England (its interval excludes England's value:
    better / worse by ``higher_is_better[i]``, blue shades without polarity; without
    intervals, not compared). Each row is scaled so that England sits at 0.5 and the
    farther end of the range at 0 or 1, as Fingertips does."""
    vals = _floats("area_values", area_values)
    eng = _floats("england_values", england_values)
    lo = _floats("area_lower", area_lower) if area_lower is not None else None
    hi = _floats("area_upper", area_upper) if area_upper is not None else None
    n = _same_length(indicators=list(indicators), area_values=vals, england_values=eng,
                     distributions=list(distributions), higher_is_better=list(higher_is_better),
                     area_lower=lo, area_upper=hi)
    ax = _axes(ax)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for row in range(n):
        dist = _floats(f"distributions[{row}]", distributions[row])
        dist = dist[np.isfinite(dist)]
        if dist.size == 0:
            raise ValueError(f"distributions[{row}]: no finite values")
        flip = higher_is_better[row] is False
        half = max(abs(dist.max() - eng[row]), abs(eng[row] - dist.min()), abs(vals[row] - eng[row]))
        half = half or 1.0

        def scale(v: Any, e: float = eng[row], h: float = half, f: bool = flip) -> Any:
            s = (np.asarray(v, dtype=np.float64) - e) / (2 * h)
            return 0.5 - s if f else 0.5 + s

        y = n - 1 - row
        q25, q75 = np.percentile(dist, [25, 75])
        lo_end, hi_end = sorted(scale([dist.min(), dist.max()]))
        ax.barh(y, hi_end - lo_end, left=lo_end, height=0.6, color=RANGE_GREY, gid=f"range:{row}")
        q_lo, q_hi = sorted(scale([q25, q75]))
        ax.barh(y, q_hi - q_lo, left=q_lo, height=0.6, color=QUARTILE_GREY, gid=f"quartiles:{row}")
        direction = ("not compared" if lo is None or hi is None
                     else _direction(lo[row], hi[row], eng[row]))
        colour = comparison_colour(direction, higher_is_better[row])
        ax.scatter([float(scale(vals[row]))], [y], s=70, c=[colour], edgecolors="#404040",
                   zorder=3, gid=f"area:{row}")
    ax.axvline(0.5, color=ENGLAND_RED, linewidth=1.5, gid="england")
    ax.set_yticks(range(n))
    ax.set_yticklabels(list(reversed([str(s) for s in indicators])))
    ax.set_xlim(-0.02, 1.02)
    ax.set_xticks([0, 0.5, 1])
    ax.set_xticklabels(["Worst / lowest", "England", "Best / highest"])
    ax.set_title(area_name, loc="left")
    return ax


def caterpillar(
    values: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    labels: Sequence[str],
    benchmark: float,
    *,
    higher_is_better: Optional[bool] = None,
    benchmark_label: str = "England",
    ax: Any = None,
) -> Any:
    """Caterpillar plot: estimates ranked from lowest to highest with their intervals, a
    horizontal line at ``benchmark`` and each point coloured by whether its interval
    excludes the benchmark (polarity colours as :func:`comparison_colour`). Tick labels are
    the areas in ranked order; missing values are left out."""
    v, lo, hi = (_floats(k, a) for k, a in (("values", values), ("lower", lower), ("upper", upper)))
    names = [str(s) for s in labels]
    _same_length(values=v, lower=lo, upper=hi, labels=names)
    keep = np.flatnonzero(np.isfinite(v))
    order = keep[np.argsort(v[keep], kind="stable")]
    ax = _axes(ax)
    _style(ax)
    xs = np.arange(order.size)
    ax.vlines(xs, lo[order], hi[order], color="#7f7f7f", linewidth=1, gid="intervals")
    colours = [comparison_colour(_direction(lo[i], hi[i], benchmark), higher_is_better) for i in order]
    ax.scatter(xs, v[order], c=colours, edgecolors="#404040", zorder=3, gid="estimates")
    ax.axhline(benchmark, color="#000000", linewidth=1.2, label=benchmark_label, gid="benchmark")
    ax.set_xticks(xs)
    ax.set_xticklabels([names[i] for i in order], rotation=90, fontsize=7)
    ax.legend(frameon=False, fontsize=8)
    return ax


def trend(
    periods: Sequence[str],
    values: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    *,
    england: Optional[ArrayLike] = None,
    higher_is_better: Optional[bool] = None,
    area_name: str = "Area",
    ax: Any = None,
) -> Any:
    """Trend chart: one area's values over ``periods`` with interval bars, England's values
    as a black line when given, and each point coloured by its comparison with England that
    period (not compared without England)."""
    v, lo, hi = (_floats(k, a) for k, a in (("values", values), ("lower", lower), ("upper", upper)))
    eng = _floats("england", england) if england is not None else None
    labels = [str(p) for p in periods]
    _same_length(periods=labels, values=v, lower=lo, upper=hi, england=eng)
    ax = _axes(ax)
    _style(ax)
    xs = np.arange(len(labels))
    ax.plot(xs, v, color="#7f7f7f", linewidth=1, label=area_name, gid="area_line")
    ax.vlines(xs, lo, hi, color="#7f7f7f", linewidth=1, gid="intervals")
    if eng is not None:
        ax.plot(xs, eng, color="#000000", linewidth=1.5, marker="o", markersize=3,
                label="England", gid="england")
        colours = [comparison_colour(_direction(lo[i], hi[i], eng[i]), higher_is_better)
                   for i in range(len(xs))]
    else:
        colours = [NOT_COMPARED] * len(xs)
    ax.scatter(xs, v, c=colours, edgecolors="#404040", zorder=3, gid="points")
    ax.set_xticks(xs)
    ax.set_xticklabels(labels)
    ax.legend(frameon=False, fontsize=8)
    return ax


def rating_shares(
    counts: Mapping[str, Mapping[str, float]],
    *,
    ratings: Sequence[str] = tuple(RATING_COLOURS),
    ax: Any = None,
) -> Any:
    """Stacked horizontal bars, one per area (``counts[area][rating]`` = number of services
    with that rating), each bar the percentage of its area's rated services in each rating,
    best first from the left, in CQC's colours. A rating not in ``ratings`` is an error
    (a misspelt rating would otherwise vanish from the shares)."""
    known = list(ratings)
    areas = list(counts)
    shares: Dict[str, List[float]] = {r: [] for r in known}
    for area in areas:
        row = counts[area]
        unknown = sorted(set(row) - set(known))
        if unknown:
            raise ValueError(f"counts[{area!r}]: unknown rating(s) {unknown}; expected {known}")
        total = float(sum(row.values()))
        if total <= 0:
            raise ValueError(f"counts[{area!r}]: no rated services")
        for r in known:
            count = float(row.get(r, 0.0))
            if count < 0 or not np.isfinite(count):
                raise ValueError(f"counts[{area!r}][{r!r}]: expected a count >= 0, got {count}")
            shares[r].append(100.0 * count / total)
    ax = _axes(ax)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ys = np.arange(len(areas))[::-1]
    left = np.zeros(len(areas))
    for r in known:
        width = np.asarray(shares[r])
        ax.barh(ys, width, left=left, color=RATING_COLOURS.get(r, "#bfbfbf"), label=r, gid=r)
        left += width
    ax.set_yticks(ys)
    ax.set_yticklabels(areas)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of rated services")
    ax.legend(frameon=False, fontsize=8, ncol=len(known), loc="upper center",
              bbox_to_anchor=(0.5, -0.12))
    return ax
