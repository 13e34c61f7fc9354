"""Charts as OHID Fingertips draws them, with matplotlib (the optional extra ``carestat[plot]``).

Each function takes the data and an optional ``ax`` (a matplotlib Axes to draw on; a new
figure when omitted), returns the Axes and never calls ``plt.show()``, as seaborn does.
Comparisons use carestat's own functions, so a chart shows the same verdict as the numbers:

- :func:`funnel`: proportions (``carestat.proportion_funnel_limits``) or crude rates
  (``kind="rate"``: ``carestat.rate_funnel_limits``) against the 95% and 99.8% funnel limits
  around the average, outliers labelled;
- :func:`spine`: one area across indicators against England's range and quartiles;
- :func:`caterpillar`: ranked estimates with intervals against a benchmark;
- :func:`trend`: one area's values over time (intervals optional), coloured against England
  or against the period before;
- :func:`rating_shares`: each area's share of ratings as a stacked bar (ratings spelt as
  CQC writes them or as ``carestat.rating_shares`` names them).

Colours (Fingertips): better green, similar amber, worse red; where an indicator has no
polarity, higher dark blue and lower light blue.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from carestat import plot
>>> ax = plot.funnel([30, 45, 80], [100, 150, 200], labels=["A", "B", "C"])
>>> ax.get_xlabel()
'Denominator'
>>> ax = plot.funnel([12, 30, 8], [80_000, 150_000, 60_000], kind="rate", multiplier=100_000)
>>> ax.get_ylabel()
'Rate per 100,000'
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from carestat._carestat import (
    CarestatError,
    _as_floats,
    judge_change,
    proportion_funnel_limits,
    proportion_funnel_significance,
    rate_funnel_limits,
    rate_funnel_significance,
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
#: Services not (yet) rated, drawn only with ``rating_shares(..., include_unrated=True)``.
NOT_RATED = "Not rated"
NOT_RATED_COLOUR = "#bfbfbf"
#: Each rating's name as CQC writes it, keyed by its spelling in ``carestat.rating_shares``
#: and the datasets (``requires_improvement``); names are matched whatever their case and
#: with spaces, hyphens and underscores alike.
RATING_NAMES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "not_rated": NOT_RATED,
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


#: The four limit lines of a funnel, as ``proportion_funnel_limits`` and
#: ``rate_funnel_limits`` name them.
_LIMIT_LINES = ("lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit")


def _significance_colour(significance: str, higher_is_better: Optional[bool]) -> str:
    """A point's colour from its funnel significance label: ``"High (0.001)"`` and
    ``"High (0.025)"`` (above the 99.8% or 95% line) as higher, ``"Low ..."`` as lower,
    ``"Not significant"`` similar, anything else (``"Not applicable ..."``) not compared."""
    if significance.startswith("High"):
        return comparison_colour("higher", higher_is_better)
    if significance.startswith("Low"):
        return comparison_colour("lower", higher_is_better)
    if significance == "Not significant":
        return SIMILAR
    return NOT_COMPARED


def _funnel_view(
    xs: NDArray[np.float64],
    ys: NDArray[np.float64],
    lines: Sequence[Tuple[NDArray[np.float64], NDArray[np.float64]]],
) -> Tuple[Tuple[float, float], Tuple[float, float]]:
    """Axis limits fitted to the data: x from the smallest to the largest denominator, y over
    the points and the part of each line (as drawn, straight between its points) over that
    range of denominators; 5% margins, neither axis below 0."""
    x0, x1 = float(np.min(xs)), float(np.max(xs))
    shown = [ys[np.isfinite(ys)]]
    for lx, ly in lines:
        ok = np.isfinite(lx) & np.isfinite(ly)
        lx, ly = lx[ok], ly[ok]
        if lx.size == 0:
            continue
        order = np.argsort(lx, kind="stable")
        lx, ly = lx[order], ly[order]
        shown.append(ly[(lx >= x0) & (lx <= x1)])
        ends = [e for e in (x0, x1) if lx[0] <= e <= lx[-1]]
        shown.append(np.interp(ends, lx, ly))
    y = np.concatenate(shown)
    y0, y1 = float(y.min()), float(y.max())
    x_pad = 0.05 * (x1 - x0) or 0.05 * x1
    y_pad = 0.05 * (y1 - y0) or (0.05 * abs(y1) or 1.0)
    return (max(x0 - x_pad, 0.0), x1 + x_pad), (max(y0 - y_pad, 0.0), y1 + y_pad)


def funnel(
    numerators: ArrayLike,
    denominators: ArrayLike,
    labels: Optional[Sequence[str]] = None,
    *,
    kind: Literal["proportion", "rate"] = "proportion",
    multiplier: Optional[float] = None,
    higher_is_better: Optional[bool] = None,
    label_outliers: str = "99.8",
    ax: Any = None,
) -> Any:
    """Funnel plot of each area's ``numerators / denominators x multiplier`` against its
    denominator, with the 95% and 99.8% control limits around the overall average
    (``sum(numerators) / sum(denominators)``) and each point coloured by where it sits
    against them, by carestat's own funnel functions:

    - ``kind="proportion"`` (the default): proportions, ``multiplier`` 100 unless given
      (percentages). Lines from ``carestat.proportion_funnel_limits`` (binomial, Wilson
      score), points judged by ``carestat.proportion_funnel_significance``. Each numerator
      is at most its denominator.
    - ``kind="rate"``: crude rates (events per population), ``multiplier`` 100,000 unless
      given (rates per 100,000). Lines from ``carestat.rate_funnel_limits`` (exact Poisson
      limits), points judged by ``carestat.rate_funnel_significance``, both with
      ``rate_type="crude"`` (exact limits below 10 events, Byar's from 10; areas with no
      events are plotted at 0 and judged too). For directly standardised rates use
      ``carestat.rate_funnel_limits`` and ``rate_funnel_points`` directly.

    Colours: above the 95% (or 99.8%) upper line green or red by ``higher_is_better`` (blue
    shades without polarity, as :func:`comparison_colour`), below the lower line the
    opposite, between the lines amber. Areas outside the 99.8% limits are labelled with their
    ``labels`` (``label_outliers="95"`` labels those outside 95%, ``"none"`` none).

    The axes are scaled to the data: x from the smallest to the largest denominator, y over
    the points and the limits across that range of denominators, each with a 5% margin (the
    lines run on to the left, off the chart, where a tiny area's limits are far apart). Lines
    carry the labels ``"95% limits"``, ``"99.8% limits"`` and ``"Average"``; their ``gid`` is
    the limit's key (``"upper_2s_limit"`` etc.) and ``"baseline"``, and the points' is
    ``"areas"``. The y label is ``"Percentage"`` (proportions per 100), ``"Per <multiplier>"``
    (other proportions) or ``"Rate per <multiplier>"`` (``"Rate per 100,000"``)."""
    if kind not in ("proportion", "rate"):
        raise ValueError(f"kind: expected 'proportion' or 'rate', got {kind!r}")
    if label_outliers not in ("99.8", "95", "none"):
        raise ValueError(f"label_outliers: expected '99.8', '95' or 'none', got {label_outliers!r}")
    num = _floats("numerators", numerators)
    den = _floats("denominators", denominators)
    names = [str(s) for s in labels] if labels is not None else None
    _same_length(numerators=num, denominators=den, labels=names)
    if multiplier is None:
        multiplier = 100.0 if kind == "proportion" else 100_000.0
    if kind == "proportion":
        limits = proportion_funnel_limits(num, den, multiplier=multiplier)
        significance = proportion_funnel_significance(num, den)
        line_x = {key: limits["population"] for key in _LIMIT_LINES}
    else:
        # The core checks the numerators and denominators (naming a bad one) before the rates,
        # so a zero denominator is reported as such, not as an infinite rate.
        with np.errstate(divide="ignore", invalid="ignore"):
            crude = num / den * multiplier
        limits = rate_funnel_limits(num, crude, den, rate_type="crude", multiplier=multiplier)
        significance = rate_funnel_significance(num, crude, den, rate_type="crude",
                                                multiplier=multiplier)
        line_x = {key: limits[key.replace("_limit", "_population_1_year")]
                  for key in _LIMIT_LINES}
    values = num / den * multiplier
    (x_lo, x_hi), (y_lo, y_hi) = _funnel_view(
        den, values, [(line_x[k], limits[k]) for k in _LIMIT_LINES])
    ax = _axes(ax)
    _style(ax)
    styles = {"2s": ("--", "95% limits", "#7f7f7f"), "3s": ("-", "99.8% limits", "#404040")}
    for level, (dash, text, colour) in styles.items():
        for i, side in enumerate(("lower", "upper")):
            key = f"{side}_{level}_limit"
            ax.plot(line_x[key], limits[key], dash, color=colour, linewidth=1,
                    label=text if i == 0 else "_nolegend_", gid=key)
    if kind == "proportion":
        base_x, base_y = limits["population"], limits["baseline"]
    else:
        base_x, base_y = np.array([x_lo, x_hi]), np.repeat(limits["baseline"][:1], 2)
    ax.plot(base_x, base_y, "-", color="#000000", linewidth=1.2, label="Average", gid="baseline")
    colours = [_significance_colour(str(sig), higher_is_better) for sig in significance]
    ax.scatter(den, values, c=colours, edgecolors="#404040", linewidths=0.6, zorder=3, gid="areas")
    if names is not None and label_outliers != "none":
        marks = ("(0.001)",) if label_outliers == "99.8" else ("(0.001)", "(0.025)")
        for x, y, name, sig in zip(den, values, names, significance):
            if str(sig).endswith(marks):
                ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_xlabel("Denominator")
    if kind == "rate":
        per = f"{multiplier:,.0f}" if float(multiplier).is_integer() else f"{multiplier:,g}"
        ax.set_ylabel(f"Rate per {per}")
    else:
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


def _change_direction(previous: NDArray[np.float64], current: NDArray[np.float64]) -> List[str]:
    """``"higher"``, ``"lower"``, ``"similar"`` (no change) or ``"not compared"`` (a value
    missing) for each change from ``previous`` to ``current``, by ``carestat.judge_change``
    (with a high-is-good polarity, "improved" is a rise), so that a chart coloured by it has
    the judgement of ``ascof.compare``."""
    if previous.size == 0:
        return []
    judged = judge_change(previous, current, "high_is_good")
    names = {"improved": "higher", "worsened": "lower", "no change": "similar"}
    return [names.get(str(j), "not compared") for j in judged]


def trend(
    periods: Sequence[str],
    values: ArrayLike,
    lower: Optional[ArrayLike] = None,
    upper: Optional[ArrayLike] = None,
    *,
    england: Optional[ArrayLike] = None,
    higher_is_better: Optional[bool] = None,
    compare: Optional[Literal["england", "previous"]] = None,
    area_name: str = "Area",
    ax: Any = None,
) -> Any:
    """Trend chart: one area's ``values`` over ``periods`` as a grey line with a point per
    period, the intervals ``lower`` to ``upper`` as bars when given (both or neither: a
    published table such as ASCOF's often has none), and England's values as a black line
    when ``england`` is given.

    Each point is coloured by ``compare``:

    - ``"england"``: its interval against England's value that period (higher or lower when
      the interval excludes it, ends inclusive): green / red by ``higher_is_better``, blue
      shades without polarity, amber when similar. Needs ``england``, ``lower`` and ``upper``.
    - ``"previous"``: its change from the period before, as ``carestat.judge_change`` (and
      ``ascof.compare``) judge it, on the values alone: improved green, worsened red (blue
      shades for a rise or a fall without polarity), no change amber; the first period, and a
      period after a missing value, white. ``england`` may still be drawn.
    - ``None`` (the default): ``"england"`` when ``england``, ``lower`` and ``upper`` are
      given, otherwise not compared (white).

    Artists' ``gid``: ``"area_line"``, ``"points"``, ``"intervals"`` (only with intervals),
    ``"england"``. The legend names ``area_name`` and, with ``england``, ``"England"``."""
    if compare not in (None, "england", "previous"):
        raise ValueError(f"compare: expected 'england', 'previous' or None, got {compare!r}")
    if (lower is None) != (upper is None):
        raise ValueError("lower and upper: give both (the interval of each value) or neither")
    v = _floats("values", values)
    lo = _floats("lower", lower) if lower is not None else None
    hi = _floats("upper", upper) if upper is not None else None
    eng = _floats("england", england) if england is not None else None
    labels = [str(p) for p in periods]
    _same_length(periods=labels, values=v, lower=lo, upper=hi, england=eng)
    if compare == "england" and (eng is None or lo is None or hi is None):
        raise ValueError("compare='england' needs england, lower and upper (each value's "
                         "interval is set against England's value)")
    if compare is None and eng is not None and lo is not None:
        compare = "england"
    ax = _axes(ax)
    _style(ax)
    xs = np.arange(len(labels))
    ax.plot(xs, v, color="#7f7f7f", linewidth=1, label=area_name, gid="area_line")
    if lo is not None and hi is not None:
        ax.vlines(xs, lo, hi, color="#7f7f7f", linewidth=1, gid="intervals")
    if eng is not None:
        ax.plot(xs, eng, color="#000000", linewidth=1.5, marker="o", markersize=3,
                label="England", gid="england")
    if compare == "england" and eng is not None and lo is not None and hi is not None:
        colours = [comparison_colour(_direction(lo[i], hi[i], eng[i]), higher_is_better)
                   for i in range(len(xs))]
    elif compare == "previous":
        colours = [NOT_COMPARED][: len(xs)] + [
            comparison_colour(d, higher_is_better) for d in _change_direction(v[:-1], v[1:])]
    else:
        colours = [NOT_COMPARED] * len(xs)
    ax.scatter(xs, v, c=colours, edgecolors="#404040", zorder=3, gid="points")
    ax.set_xticks(xs)
    ax.set_xticklabels(labels)
    ax.legend(frameon=False, fontsize=8)
    return ax


def _rating_key(name: str) -> str:
    """A rating's name matched loosely: lower case, spaces and hyphens as underscores
    (``"Requires improvement"`` and ``"requires_improvement"`` both give the latter)."""
    return "_".join(str(name).replace("-", " ").replace("_", " ").lower().split())


def _rating_name(name: str) -> str:
    """CQC's spelling of a rating given either way (``"requires_improvement"`` ->
    ``"Requires improvement"``); any other name (a local scheme's) unchanged."""
    return RATING_NAMES.get(_rating_key(name), str(name))


def rating_shares(
    counts: Mapping[str, Mapping[str, Optional[float]]],
    *,
    ratings: Sequence[str] = tuple(RATING_COLOURS),
    include_unrated: bool = False,
    ax: Any = None,
) -> Any:
    """Stacked horizontal bars, one per area (``counts[area][rating]`` = number of services
    with that rating), each bar the percentage of its area's services in each rating, best
    first from the left, in CQC's colours. A rating missing from an area's counts is 0.

    Ratings may be spelt as CQC writes them (``"Outstanding"``, ``"Good"``,
    ``"Requires improvement"``, ``"Inadequate"``, ``"Not rated"``) or as
    ``carestat.rating_shares`` and the datasets name them (``outstanding``, ``good``,
    ``requires_improvement``, ``inadequate``, ``not_rated``); case, spaces, hyphens and
    underscores do not matter (``plot.RATING_NAMES``), and the bars and legend use CQC's
    spelling. So ``counts`` may be a DataFrame of the datasets' columns as
    ``df.to_dict(orient="index")``.

    The shares are of the rated services (as ``carestat.rating_shares(...,
    include_unrated=False)``): a ``not_rated`` count is accepted and left out. With
    ``include_unrated=True`` they are of all services (as ``carestat.rating_shares``'s
    default) and not-rated services are a grey bar at the right, labelled ``"Not rated"``
    (as when ``ratings`` names it). ``ratings`` are the ratings drawn, in order (CQC's four
    by default, either spelling; a local scheme's names may be given, drawn in grey).

    A rating that is none of these is an error naming it and the accepted names (a misspelt
    rating would otherwise vanish from the shares), as is a rating given twice in two
    spellings, a count that is negative or missing, and an area with no services to share
    out."""
    known = list(dict.fromkeys(_rating_name(r) for r in ratings))
    if include_unrated and NOT_RATED not in known:
        known.append(NOT_RATED)
    accepted = list(dict.fromkeys(known + [NOT_RATED]))
    spellings = [_spellings(r) for r in accepted]
    areas = list(counts)
    shares: Dict[str, List[float]] = {r: [] for r in known}
    for area in areas:
        row: Dict[str, Optional[float]] = {}
        given: Dict[str, str] = {}
        for key, count in counts[area].items():
            name = _rating_name(key)
            if name not in accepted:
                raise ValueError(f"counts[{area!r}]: unknown rating {key!r}; accepted: "
                                 f"{', '.join(spellings)} (case, spaces and underscores "
                                 "do not matter)")
            if name in given:
                raise ValueError(f"counts[{area!r}]: {given[name]!r} and {key!r} are the same "
                                 f"rating ({name})")
            given[name] = str(key)
            row[name] = count
        used: Dict[str, float] = {}
        for r in known:
            raw = row.get(r, 0.0)
            number = raw is not None and not isinstance(raw, (bool, np.bool_))
            count = float(raw) if number and raw is not None else float("nan")
            if not count >= 0 or not np.isfinite(count):
                raise ValueError(f"counts[{area!r}][{given.get(r, r)!r}]: expected a count "
                                 f">= 0, got {raw}")
            used[r] = count
        total = sum(used.values())
        if total <= 0:
            raise ValueError(f"counts[{area!r}]: no "
                             + ("services" if NOT_RATED in known else "rated services"))
        for r in known:
            shares[r].append(100.0 * used[r] / total)
    ax = _axes(ax)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ys = np.arange(len(areas))[::-1]
    left = np.zeros(len(areas))
    for r in known:
        width = np.asarray(shares[r])
        colour = RATING_COLOURS.get(r, NOT_RATED_COLOUR)
        ax.barh(ys, width, left=left, color=colour, label=r, gid=r)
        left += width
    ax.set_yticks(ys)
    ax.set_yticklabels([str(a) for a in areas])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of rated services" if NOT_RATED not in known else "% of services")
    ax.legend(frameon=False, fontsize=8, ncol=len(known), loc="upper center",
              bbox_to_anchor=(0.5, -0.12))
    return ax


def _spellings(name: str) -> str:
    """A rating's accepted spellings for an error message: ``'Good' or 'good'``."""
    others = [key for key, value in RATING_NAMES.items() if value == name]
    return " or ".join(repr(n) for n in [name] + others)
