"""carestat.plot: each chart rendered to PNG (Agg) and its artists checked: the funnel's
lines are carestat's funnel limits (proportions and rates), its points' colours are the core's
significance, its axes fit the data, outliers are labelled, colours follow polarity; trends
without intervals and coloured year on year; rating shares in either spelling of the ratings.
Expected values are worked by hand or taken from the core functions (never from plot.py)."""

from __future__ import annotations

import io
from typing import Any, Dict, List

import numpy as np
import pytest

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import carestat  # noqa: E402
from carestat import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    yield
    plt.close("all")


def _png(ax: Any) -> bytes:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png")
    data = buf.getvalue()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
    return data


def _by_gid(ax: Any, gid: str) -> Any:
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def _has_gid(ax: Any, gid: str) -> bool:
    return any(a.get_gid() == gid for a in ax.get_children())


def _bars(ax: Any, label: str) -> Any:
    found = [c for c in ax.containers if c.get_label() == label]
    assert len(found) == 1, label
    return found[0]


def _face_hex(collection: Any) -> List[str]:
    return [to_hex(c) for c in collection.get_facecolors()]


def _legend(ax: Any) -> List[str]:
    return sorted(t.get_text() for t in ax.get_legend().get_texts())


def _expected_colours(significance: Any, higher_is_better: Any) -> List[str]:
    """The colour each core significance label should give, by the module's documented rule
    (above a line: better or worse by polarity; below: the opposite; else amber)."""
    up, down = {True: (plot.BETTER, plot.WORSE), False: (plot.WORSE, plot.BETTER),
                None: (plot.HIGHER, plot.LOWER)}[higher_is_better]
    table = {"High (0.001)": up, "High (0.025)": up, "Low (0.001)": down,
             "Low (0.025)": down, "Not significant": plot.SIMILAR}
    return [table[str(s)] for s in significance]


# 20 areas near 50%, one far above (90 of 200) and one far below (10 of 200): with the
# average about 47%, 90/200 = 45% is inside, so the outliers are made clearly extreme.
NUM = np.array([50.0] * 20 + [180.0, 20.0])
DEN = np.array([100.0] * 20 + [200.0, 200.0])
LABELS = [f"Council {i}" for i in range(20)] + ["High council", "Low council"]


def test_funnel_lines_are_carestats_limits_and_outliers_are_labelled() -> None:
    ax = plot.funnel(NUM, DEN, labels=LABELS, higher_is_better=True)
    _png(ax)
    limits = carestat.proportion_funnel_limits(NUM, DEN)
    for key in ("lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit", "baseline"):
        line = _by_gid(ax, key)
        np.testing.assert_array_equal(line.get_ydata(), limits[key])
        np.testing.assert_array_equal(line.get_xdata(), limits["population"])
    # The average is sum(num) / sum(den): (1000 + 200) / 2400 = 50%.
    assert _by_gid(ax, "baseline").get_ydata()[0] == pytest.approx(50.0, abs=1e-12)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["High council", "Low council"]
    points = _by_gid(ax, "areas")
    np.testing.assert_allclose(points.get_offsets()[:, 1], NUM / DEN * 100)
    colours = _face_hex(points)
    assert colours[20] == plot.BETTER and colours[21] == plot.WORSE
    assert colours[0] == plot.SIMILAR
    # Axes scaled to the data. x: denominators 100 to 200, 5% of the range (5) either side.
    # y: the points run from 10% to 90%; the 99.8% limits over n = 100..200 around 50% are
    # within 50 +- 3.1 x 5 (about 35% to 65%), so the points set the range: 10 - 4, 90 + 4.
    assert ax.get_xlim() == pytest.approx((95.0, 205.0))
    assert ax.get_ylim() == pytest.approx((6.0, 94.0))
    assert ax.get_ylabel() == "Percentage" and ax.get_xlabel() == "Denominator"
    assert _legend(ax) == ["95% limits", "99.8% limits", "Average"]


def test_funnel_polarity_reversed_and_none() -> None:
    worse_high = _face_hex(_by_gid(plot.funnel(NUM, DEN, higher_is_better=False), "areas"))
    assert worse_high[20] == plot.WORSE and worse_high[21] == plot.BETTER
    neutral = _face_hex(_by_gid(plot.funnel(NUM, DEN), "areas"))
    assert neutral[20] == plot.HIGHER and neutral[21] == plot.LOWER


def test_funnel_draws_on_the_given_axes_and_refuses_bad_input() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    assert plot.funnel(NUM, DEN, ax=right) is right
    assert not left.lines
    with pytest.raises(ValueError, match="lengths differ"):
        plot.funnel(NUM, DEN, labels=["only one"])
    with pytest.raises(ValueError, match="label_outliers"):
        plot.funnel(NUM, DEN, label_outliers="all")
    with pytest.raises(carestat.CarestatError):
        plot.funnel([120.0], [100.0])


def test_funnel_y_axis_ignores_limits_below_the_smallest_denominator() -> None:
    # Rates per 100,000 (the analyst's case): with the limits taken down to a population of
    # 1 the axis ran to thousands. 5 to 25 per 100,000 over populations of 50,000 to 1m.
    rng = np.random.default_rng(7)
    den = np.round(rng.uniform(50_000, 1_000_000, 60))
    num = rng.poisson(den * 15e-5).astype(float)
    for kind in ("proportion", "rate"):
        ax = plot.funnel(num, den, kind=kind, multiplier=100_000)
        _png(ax)
        low, high = ax.get_ylim()
        # Hand bound: at 50,000 people, 7.5 events are expected; the 99.8% upper line is near
        # 7.5 + 3.1 x sqrt(7.5) + 3 = 19 events, 38 per 100,000. The old axis went past 1,000.
        assert 0.0 <= low < 10.0 and 25.0 < high < 60.0, (kind, low, high)
        values = num / den * 100_000
        assert low <= values.min() and values.max() <= high
        assert ax.get_xlim()[0] > 0.0 and ax.get_xlim()[1] < 1.1e6


def test_rate_funnel_lines_are_rate_funnel_limits_and_axes_fit_them() -> None:
    # 160 events over 1m people: 16 per 100,000. Points 15, 20, 15, 15, all inside the lines.
    num = np.array([15.0, 40.0, 60.0, 45.0])
    den = np.array([100_000.0, 200_000.0, 400_000.0, 300_000.0])
    ax = plot.funnel(num, den, kind="rate", higher_is_better=False)
    _png(ax)
    rates = num / den * 100_000
    limits = carestat.rate_funnel_limits(num, rates, den, rate_type="crude", multiplier=100_000)
    for level in ("2s", "3s"):
        for side in ("lower", "upper"):
            line = _by_gid(ax, f"{side}_{level}_limit")
            np.testing.assert_array_equal(line.get_ydata(), limits[f"{side}_{level}_limit"])
            np.testing.assert_array_equal(line.get_xdata(),
                                          limits[f"{side}_{level}_population_1_year"])
    baseline = _by_gid(ax, "baseline")
    np.testing.assert_allclose(baseline.get_ydata(), 16.0)
    assert tuple(baseline.get_xdata()) == pytest.approx(ax.get_xlim())
    np.testing.assert_allclose(_by_gid(ax, "areas").get_offsets()[:, 1], [15, 20, 15, 15])
    assert _face_hex(_by_gid(ax, "areas")) == [plot.SIMILAR] * 4
    # x: 100,000 to 400,000 with 15,000 either side. y: the upper line falls and the lower one
    # rises with the population, so both extremes are at the smallest population (100,000),
    # read off the core's lines (about 30.2 and 4.7 per 100,000: 16 +- 3.1 x 4 events,
    # skewed); then 5% of that range either side.
    assert ax.get_xlim() == pytest.approx((85_000.0, 415_000.0))
    top = float(np.interp(100_000, limits["upper_3s_population_1_year"], limits["upper_3s_limit"]))
    bottom = float(np.interp(100_000, limits["lower_3s_population_1_year"],
                             limits["lower_3s_limit"]))
    assert 29.0 < top < 32.0 and 4.0 < bottom < 6.0
    pad = 0.05 * (top - bottom)
    assert ax.get_ylim() == pytest.approx((bottom - pad, top + pad))
    assert ax.get_ylabel() == "Rate per 100,000"
    assert _legend(ax) == ["95% limits", "99.8% limits", "Average"]


def _areas(seed: int, n: int = 150) -> Dict[str, Any]:
    """A table of `n` simulated areas: populations of 5,000 to 1m, rates around 20 per
    100,000 (some areas with fewer than 10 events, some with none)."""
    rng = np.random.default_rng(seed)
    den = np.round(rng.lognormal(np.log(60_000), 0.9, n))
    num = rng.poisson(den * 20e-5 * rng.lognormal(0.0, 0.35, n)).astype(float)
    return {"num": num, "den": den, "labels": [f"Area {i}" for i in range(n)]}


def test_rate_funnel_colours_and_labels_are_rate_funnel_significance() -> None:
    t = _areas(1)
    num, den = t["num"], t["den"]
    rates = num / den * 100_000
    crude = carestat.rate_funnel_significance(num, rates, den, rate_type="crude",
                                              multiplier=100_000)
    # The table tells the candidates apart: every label occurs; some areas with fewer than
    # 10 events are significant (rate_type="dsr" calls them "Not applicable"); and the
    # proportion funnel gives some areas another colour.
    assert set(map(str, crude)) == {"High (0.001)", "High (0.025)", "Low (0.001)",
                                    "Low (0.025)", "Not significant"}
    dsr = carestat.rate_funnel_significance(num, rates, den, rate_type="dsr", multiplier=100_000)
    assert any(str(s).startswith("Not applicable") and str(c) != "Not significant"
               for s, c in zip(dsr, crude))
    proportion = carestat.proportion_funnel_significance(num, den)
    assert _expected_colours(proportion, False) != _expected_colours(crude, False)
    for polarity in (False, True, None):
        ax = plot.funnel(num, den, labels=t["labels"], kind="rate", multiplier=100_000,
                         higher_is_better=polarity)
        points = _by_gid(ax, "areas")
        assert _face_hex(points) == _expected_colours(crude, polarity)
        np.testing.assert_allclose(points.get_offsets()[:, 0], den)
        np.testing.assert_allclose(points.get_offsets()[:, 1], rates)
    _png(ax)
    outside_998 = sorted(n for n, s in zip(t["labels"], crude) if str(s).endswith("(0.001)"))
    assert sorted(a.get_text() for a in ax.texts) == outside_998
    ax95 = plot.funnel(num, den, labels=t["labels"], kind="rate", label_outliers="95")
    outside_95 = sorted(n for n, s in zip(t["labels"], crude) if str(s) != "Not significant")
    assert sorted(a.get_text() for a in ax95.texts) == outside_95
    assert len(outside_95) > len(outside_998) > 0


def test_proportion_funnel_colours_are_proportion_funnel_significance() -> None:
    rng = np.random.default_rng(11)
    den = np.round(rng.uniform(40, 3000, 150))
    num = rng.binomial(den.astype(int), np.clip(rng.normal(0.6, 0.06, 150), 0, 1)).astype(float)
    expected = carestat.proportion_funnel_significance(num, den)
    assert {"High", "Low", "Not"} <= {str(s).split()[0] for s in expected}
    for polarity in (True, None):
        ax = plot.funnel(num, den, higher_is_better=polarity)
        assert _face_hex(_by_gid(ax, "areas")) == _expected_colours(expected, polarity)
    _png(ax)
    limits = carestat.proportion_funnel_limits(num, den)
    np.testing.assert_array_equal(_by_gid(ax, "upper_3s_limit").get_ydata(),
                                  limits["upper_3s_limit"])
    # Every point inside the axes; the top no higher than 100% plus the margin.
    low, high = ax.get_ylim()
    values = num / den * 100
    assert low <= values.min() and values.max() <= high <= 105.0


def test_funnel_kind_is_checked_and_rate_errors_name_the_input() -> None:
    with pytest.raises(ValueError, match="kind: expected 'proportion' or 'rate', got 'dsr'"):
        plot.funnel(NUM, DEN, kind="dsr")  # type: ignore[arg-type]
    with pytest.raises(carestat.CarestatError, match="denominators"):
        plot.funnel([3.0, 4.0], [1000.0, 0.0], kind="rate")
    # A rate funnel takes counts above the denominator's scale that a proportion refuses.
    assert plot.funnel([120.0, 30.0], [100.0, 50.0], kind="rate", multiplier=1.0) is not None
    with pytest.raises(carestat.CarestatError):
        plot.funnel([120.0, 30.0], [100.0, 50.0])
    assert plot.funnel(NUM, DEN, kind="proportion", multiplier=1000).get_ylabel() == "Per 1000"


def test_spine_scales_england_to_centre_and_colours_by_polarity() -> None:
    # Indicator 0 (higher is better): England 60, range 40..80, area 75 (70 to 79): better.
    # Indicator 1 (higher is worse): England 20, range 10..40, area 35 (31 to 39): worse.
    dists = [np.linspace(40, 80, 9), np.linspace(10, 40, 7)]
    ax = plot.spine(["Satisfaction", "Admissions"], [75, 35], [60, 20], dists,
                    higher_is_better=[True, False], area_lower=[70, 31], area_upper=[79, 39])
    _png(ax)
    assert _by_gid(ax, "england").get_xdata()[0] == 0.5
    a0 = _by_gid(ax, "area:0")
    # Half-width 20 (England 60 to either end): 75 -> 0.5 + 15 / 40 = 0.875.
    assert a0.get_offsets()[0, 0] == pytest.approx(0.875)
    assert _face_hex(a0) == [plot.BETTER]
    a1 = _by_gid(ax, "area:1")
    # Half-width 20 (England 20 to 40), flipped: 35 -> 0.5 - 15 / 40 = 0.125.
    assert a1.get_offsets()[0, 0] == pytest.approx(0.125)
    assert _face_hex(a1) == [plot.WORSE]
    # Range of indicator 0: 40..80 -> 0 .. 1.
    rect = _by_gid(ax, "range:0")
    assert rect.get_x() == pytest.approx(0.0) and rect.get_width() == pytest.approx(1.0)
    quart = _by_gid(ax, "quartiles:0")
    assert quart.get_x() == pytest.approx(0.25) and quart.get_width() == pytest.approx(0.5)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Admissions", "Satisfaction"]


def test_caterpillar_ranks_and_compares_with_benchmark() -> None:
    ax = plot.caterpillar([50, 30, 70, np.nan], [45, 20, 65, np.nan], [55, 40, 75, np.nan],
                          ["Mid", "Low", "High", "Missing"], 52.0, higher_is_better=True)
    _png(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Low", "Mid", "High"]
    est = _by_gid(ax, "estimates")
    np.testing.assert_array_equal(est.get_offsets()[:, 1], [30, 50, 70])
    assert _face_hex(est) == [plot.WORSE, plot.SIMILAR, plot.BETTER]
    assert list(_by_gid(ax, "benchmark").get_ydata()) == [52.0, 52.0]


def test_trend_colours_each_period_against_england() -> None:
    ax = plot.trend(["2021/22", "2022/23", "2023/24"], [10, 12, 15], [8, 11.5, 14], [12, 13, 16],
                    england=[11, 11, 11], higher_is_better=False)
    _png(ax)
    assert _face_hex(_by_gid(ax, "points")) == [plot.SIMILAR, plot.WORSE, plot.WORSE]
    np.testing.assert_array_equal(_by_gid(ax, "england").get_ydata(), [11, 11, 11])
    plain = plot.trend(["a", "b"], [1, 2], [0, 1], [2, 3])
    assert _face_hex(_by_gid(plain, "points")) == [plot.NOT_COMPARED] * 2


def test_trend_without_intervals_draws_the_values_only() -> None:
    # A published ASCOF table: two years' values and no intervals.
    ax = plot.trend(["2021-22", "2022-23"], [417.6, 587.2], area_name="Birmingham")
    _png(ax)
    np.testing.assert_array_equal(_by_gid(ax, "area_line").get_ydata(), [417.6, 587.2])
    np.testing.assert_array_equal(_by_gid(ax, "points").get_offsets()[:, 1], [417.6, 587.2])
    assert not _has_gid(ax, "intervals") and not _has_gid(ax, "england")
    assert _face_hex(_by_gid(ax, "points")) == [plot.NOT_COMPARED] * 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021-22", "2022-23"]
    assert _legend(ax) == ["Birmingham"]
    # England may be drawn without intervals; with nothing to compare, the points stay white.
    with_england = plot.trend(["a", "b"], [1, 2], england=[1.5, 1.5], higher_is_better=True)
    assert _face_hex(_by_gid(with_england, "points")) == [plot.NOT_COMPARED] * 2
    assert _legend(with_england) == ["Area", "England"]


def test_trend_coloured_year_on_year() -> None:
    periods = ["2019", "2020", "2021", "2022", "2023", "2024"]
    values = [70.0, 72.0, 72.0, 68.0, np.nan, 71.0]
    # By hand: first year not compared; 70 -> 72 up, 72 -> 72 no change, 72 -> 68 down; a
    # missing year and the year after it not compared.
    ax = plot.trend(periods, values, compare="previous", higher_is_better=True)
    _png(ax)
    w = plot.NOT_COMPARED
    assert _face_hex(_by_gid(ax, "points")) == [w, plot.BETTER, plot.SIMILAR, plot.WORSE, w, w]
    low_is_good = plot.trend(periods, values, compare="previous", higher_is_better=False)
    assert _face_hex(_by_gid(low_is_good, "points")) == [
        w, plot.WORSE, plot.SIMILAR, plot.BETTER, w, w]
    neutral = plot.trend(periods, values, compare="previous")
    assert _face_hex(_by_gid(neutral, "points")) == [
        w, plot.HIGHER, plot.SIMILAR, plot.LOWER, w, w]
    # Intervals and England may be drawn too; the colours are still year on year.
    both = plot.trend(periods[:3], values[:3], [69, 71, 71], [71, 73, 73], england=[60, 60, 60],
                      compare="previous", higher_is_better=False)
    assert _face_hex(_by_gid(both, "points")) == [w, plot.WORSE, plot.SIMILAR]
    assert _has_gid(both, "intervals") and _has_gid(both, "england")


def test_trend_year_on_year_agrees_with_judge_change() -> None:
    rng = np.random.default_rng(3)
    values = np.round(rng.normal(60, 3, 40))  # rounded: some years unchanged
    colour = {"improved": plot.BETTER, "worsened": plot.WORSE, "no change": plot.SIMILAR}
    for polarity, higher_is_better in (("high_is_good", True), ("low_is_good", False)):
        judged = carestat.judge_change(values[:-1], values[1:], polarity)
        assert {"improved", "worsened", "no change"} <= set(map(str, judged))
        ax = plot.trend([str(y) for y in range(40)], values, compare="previous",
                        higher_is_better=higher_is_better)
        assert _face_hex(_by_gid(ax, "points")) == [plot.NOT_COMPARED] + [
            colour[str(j)] for j in judged]


def test_trend_refuses_half_an_interval_and_impossible_comparisons() -> None:
    with pytest.raises(ValueError, match="lower and upper"):
        plot.trend(["a", "b"], [1, 2], [0, 1])
    with pytest.raises(ValueError, match="lower and upper"):
        plot.trend(["a", "b"], [1, 2], upper=[2, 3])
    with pytest.raises(ValueError, match="compare='england' needs"):
        plot.trend(["a", "b"], [1, 2], england=[1, 1], compare="england")
    with pytest.raises(ValueError, match="compare='england' needs"):
        plot.trend(["a", "b"], [1, 2], [0, 1], [2, 3], compare="england")
    with pytest.raises(ValueError, match="compare: expected"):
        plot.trend(["a", "b"], [1, 2], compare="benchmark")  # type: ignore[arg-type]
    ax = plot.trend(["a", "b"], [10, 12], [8, 11.5], [12, 13], england=[11, 11],
                    compare="england", higher_is_better=False)
    assert _face_hex(_by_gid(ax, "points")) == [plot.SIMILAR, plot.WORSE]


def test_rating_shares_stacks_percentages() -> None:
    counts = {"Leeds": {"Outstanding": 10, "Good": 70, "Requires improvement": 15, "Inadequate": 5},
              "York": {"Good": 3, "Inadequate": 1}}
    ax = plot.rating_shares(counts)
    _png(ax)
    good = _bars(ax, "Good").patches
    assert [p.get_width() for p in good] == pytest.approx([70.0, 75.0])
    assert [p.get_x() for p in good] == pytest.approx([10.0, 0.0])
    inadequate = _bars(ax, "Inadequate").patches
    assert [p.get_x() + p.get_width() for p in inadequate] == pytest.approx([100.0, 100.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert ax.get_xlabel() == "% of rated services"


def test_rating_shares_takes_the_datasets_names() -> None:
    # The keys of carestat.rating_shares and the datasets, with services not rated.
    counts = {"Care homes": {"outstanding": 13, "good": 432, "requires_improvement": 123,
                             "inadequate": 7, "not_rated": 25},
              "Home support": {"Good": 3, "requires-improvement": 1, "NOT RATED": 4}}
    ax = plot.rating_shares(counts)
    _png(ax)
    assert [c.get_label() for c in ax.containers] == [
        "Outstanding", "Good", "Requires improvement", "Inadequate"]
    # Rated only, as the core with include_unrated=False: care homes 13 / 575 and so on.
    core = [carestat.rating_shares(13, 432, 123, 7, 25, include_unrated=False),
            carestat.rating_shares(0, 3, 1, 0, 4, include_unrated=False)]
    assert core[0].outstanding == pytest.approx(100 * 13 / 575)
    for field, label in (("outstanding", "Outstanding"), ("good", "Good"),
                         ("requires_improvement", "Requires improvement"),
                         ("inadequate", "Inadequate")):
        widths = [p.get_width() for p in _bars(ax, label).patches]
        assert widths == pytest.approx([getattr(c, field) for c in core]), label
    # With the unrated: shares of all services (the core's default), a grey "Not rated" bar.
    everyone = plot.rating_shares(counts, include_unrated=True)
    core_all = [carestat.rating_shares(13, 432, 123, 7, 25), carestat.rating_shares(0, 3, 1, 0, 4)]
    assert [c.get_label() for c in everyone.containers][-1] == "Not rated"
    unrated = _bars(everyone, "Not rated").patches
    assert [p.get_width() for p in unrated] == pytest.approx([c.not_rated for c in core_all])
    assert [p.get_width() for p in unrated] == pytest.approx([100 * 25 / 600, 50.0])
    assert [to_hex(p.get_facecolor()) for p in unrated] == [plot.NOT_RATED_COLOUR] * 2
    assert [to_hex(p.get_facecolor()) for p in _bars(everyone, "Good").patches] == [
        plot.RATING_COLOURS["Good"]] * 2
    assert [p.get_x() + p.get_width() for p in unrated] == pytest.approx([100.0, 100.0])
    assert everyone.get_xlabel() == "% of services"
    # The ratings to draw may be given in either spelling too (others are then unknown).
    two = plot.rating_shares({"York": {"good": 3, "requires_improvement": 1}},
                             ratings=["Good", "requires improvement"])
    assert [c.get_label() for c in two.containers] == ["Good", "Requires improvement"]
    assert [p.get_width() for p in _bars(two, "Good").patches] == pytest.approx([75.0])
    with pytest.raises(ValueError, match="unknown rating 'inadequate'"):
        plot.rating_shares({"York": {"good": 3, "inadequate": 1}}, ratings=["good"])


def test_rating_shares_names_an_unknown_rating_and_the_accepted_ones() -> None:
    with pytest.raises(ValueError) as e:
        plot.rating_shares({"York": {"good": 3, "Requires improvment": 1}})
    message = str(e.value)
    assert "counts['York']: unknown rating 'Requires improvment'" in message
    for name in ("'Outstanding' or 'outstanding'", "'Requires improvement' or "
                 "'requires_improvement'", "'Not rated' or 'not_rated'"):
        assert name in message
    with pytest.raises(ValueError, match="'Good' and 'good' are the same rating"):
        plot.rating_shares({"York": {"Good": 3, "good": 1}})
    with pytest.raises(ValueError, match=r"counts\['York'\]\['good'\]: expected a count >= 0"):
        plot.rating_shares({"York": {"good": -1}})
    with pytest.raises(ValueError, match="no rated services"):
        plot.rating_shares({"York": {"not_rated": 3}})


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("matplotlib"):
            raise ImportError("No module named 'matplotlib'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match=r"carestat\[plot\]"):
        plot.funnel(NUM, DEN)


def test_an_interval_touching_england_is_similar() -> None:
    # 12 (11 to 13) against England's 11: the interval includes 11, so not significantly
    # different (Fingertips compares with the interval's ends inclusive).
    ax = plot.trend(["2022/23"], [12], [11], [13], england=[11], higher_is_better=False)
    assert _face_hex(_by_gid(ax, "points")) == [plot.SIMILAR]


def test_numbers_follow_the_cores_input_rules() -> None:
    # A bool or a string is refused as crude_rate refuses it, naming the argument; never 0/1.
    with pytest.raises(carestat.InvalidInputError, match="numerators"):
        plot.funnel([True, False], [10, 10])
    with pytest.raises(carestat.InvalidInputError, match="denominators"):
        plot.funnel([1, 2], np.array(["10", "20"]))
