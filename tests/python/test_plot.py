"""carestat.plot: each chart rendered to PNG (Agg) and its artists checked: the funnel's
lines are carestat's funnel limits, outliers are labelled, colours follow polarity."""

from __future__ import annotations

import io

import numpy as np
import pytest

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import carestat  # noqa: E402
from carestat import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():  # type: ignore[no-untyped-def]
    yield
    plt.close("all")


def _png(ax) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png")
    data = buf.getvalue()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
    return data


def _by_gid(ax, gid):  # type: ignore[no-untyped-def]
    found = [a for a in ax.get_children() if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def _bars(ax, label):  # type: ignore[no-untyped-def]
    found = [c for c in ax.containers if c.get_label() == label]
    assert len(found) == 1, label
    return found[0]


def _face_hex(collection) -> list[str]:  # type: ignore[no-untyped-def]
    return [to_hex(c) for c in collection.get_facecolors()]


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
    # Axes scaled to the data: both outliers (90% and 10%) are inside the y limits.
    low, high = ax.get_ylim()
    assert low <= 10.0 and high >= 90.0 and high < 110.0
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == [
        "95% limits", "99.8% limits", "Average"]


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
    with pytest.raises(ValueError, match="unknown rating"):
        plot.rating_shares({"York": {"good": 3}})


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
