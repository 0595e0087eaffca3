"""natscale's rule (docs/graphs_natural_scale.md) on the axes gx77 left out: log axes, axes in a
date format (tsnatscale's calendar labels), xtick(#k)/xmtick(#k), a second axis whose plots are
drawn into another Axes, and graph matrix -- each read back from the drawn matplotlib figure."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from graphs_helpers import axes, double_session, drawn, run

from mlmcli.graphs.date_scale import date_ticks
from mlmcli.graphs.nice_numbers import natural_ticks


def _labels(ax, which="x"):
    labels = ax.get_xticklabels() if which == "x" else ax.get_yticklabels()
    lo, hi = sorted(ax.get_xlim() if which == "x" else ax.get_ylim())
    return [t.get_text() for t in labels if t.get_text() and lo <= t.get_position()[which == "y"] <= hi]


def _td(y, m, d):
    return float((dt.date(y, m, d) - dt.date(1960, 1, 1)).days)


# ------------------------------------------------------------------ log axes
def test_log_axis_labels_are_natscale_values_above_zero():
    # tickset_g.class set_transform: a log scale keeps natscale's min(delta)max labels from the
    # first one above 0 -- so labels stay evenly spaced in the original units (Cox, Statalist
    # 2003-11: "range x 1 120 / scatter y x, xscale(log)" is labelled 50 100 150, 0 dropped)
    s = double_session({"x": np.linspace(1, 120, 100), "y": np.arange(100.0)})
    graph, fig = drawn(s, "scatter y x, xscale(log)")
    ax = axes(fig)
    assert ax.get_xscale() == "log"
    expected = [v for v in natural_ticks(1, 120, 5) if v > 0]
    assert expected[0] > 0 and 0.0 in natural_ticks(1, 120, 5)
    assert list(ax.get_xticks()) == expected
    assert _labels(ax) == [f"{v:g}" for v in expected]
    lo, hi = ax.get_xlim()
    assert 0 < lo < 1 and hi > max(expected)  # the axis reaches its outer label, a margin beyond
    assert not any(t.get_text() for t in ax.get_xminorticklabels())  # no 10^k text


def test_log_axis_of_data_starting_above_zero_keeps_every_label():
    s = double_session({"x": np.linspace(12, 41, 30), "y": np.linspace(1760, 4840, 30)})
    graph, fig = drawn(s, "scatter y x, xscale(log) yscale(log)")
    ax = axes(fig)
    assert _labels(ax, "x") == ["10", "20", "30", "40"]
    assert _labels(ax, "y") == ["2000", "3000", "4000", "5000"]
    assert ax.get_xlim()[0] < 10 and ax.get_ylim()[1] > 5000


def test_log_axis_typed_labels_win():
    s = double_session({"x": np.linspace(1, 120, 100), "y": np.arange(100.0)})
    graph, fig = drawn(s, "scatter y x, xscale(log) xlabel(1 10 100)")
    assert _labels(axes(fig)) == ["1", "10", "100"]


# ------------------------------------------------------------------ date axes
def test_daily_axis_is_labelled_at_first_days_of_quarters():
    # sp500's closes, 02jan2001-31dec2001: Stata labels 01jan2001 01apr2001 01jul2001 01oct2001
    # 01jan2002 (help mydays, Cox and Merryman; Mitchell's Visual Guide, tsline close)
    days = np.arange(_td(2001, 1, 2), _td(2001, 12, 31) + 1)
    s = double_session({"date": days, "close": np.sin(days / 30.0)})
    run(s, "format date %td")
    graph, fig = drawn(s, "line close date")
    ax = axes(fig)
    assert _labels(ax) == ["01jan2001", "01apr2001", "01jul2001", "01oct2001", "01jan2002"]
    assert ax.get_xlim()[0] < _td(2001, 1, 1) and ax.get_xlim()[1] > _td(2002, 1, 1)


def test_daily_axis_in_a_display_format_of_its_own():
    days = np.arange(_td(2001, 1, 2), _td(2001, 12, 31) + 1)
    s = double_session({"date": days, "close": np.sin(days / 30.0)})
    run(s, "format date %tdMon_CCYY")
    graph, fig = drawn(s, "line close date")
    assert _labels(axes(fig)) == ["Jan 2001", "Apr 2001", "Jul 2001", "Oct 2001", "Jan 2002"]


@pytest.mark.parametrize("fmt, values, expected", [
    ("%tq", np.arange(0, 124.0), ["1960q1", "1970q1", "1980q1", "1990q1"]),  # 1960q1-1990q4
    ("%tm", np.arange(480, 492.0), ["2000m1", "2000m4", "2000m7", "2000m10", "2001m1"]),
    ("%tm", np.arange(360, 600.0), ["1990m1", "1995m1", "2000m1", "2005m1", "2010m1"]),
    ("%ty", np.arange(1900, 2000.0), ["1900", "1920", "1940", "1960", "1980", "2000"]),
    ("%th", np.arange(80, 100.0), ["2000h1", "2002h1", "2004h1", "2006h1", "2008h1", "2010h1"]),
])
def test_period_axes_are_labelled_at_whole_calendar_periods(fmt, values, expected):
    s = double_session({"t": values, "y": np.arange(len(values), dtype=float)})
    run(s, f"format t {fmt}")
    graph, fig = drawn(s, "line y t")
    assert _labels(axes(fig)) == expected


def test_date_axis_with_label_count_and_short_span():
    days = np.arange(_td(2001, 1, 2), _td(2001, 12, 31) + 1)
    s = double_session({"date": days, "close": np.sin(days / 30.0)})
    run(s, "format date %td")
    graph, fig = drawn(s, "line close date, xlabel(#12)")  # about 12: every month
    shown = _labels(axes(fig))
    assert shown[:3] == ["01jan2001", "01feb2001", "01mar2001"] and shown[-1] == "01jan2002"
    # under two months: natscale's whole days (multiples of its step, counted from 01jan1960)
    found = date_ticks(_td(2001, 1, 1), _td(2001, 1, 20), 5, "d")
    assert found == natural_ticks(_td(2001, 1, 1), _td(2001, 1, 20), 5) and np.diff(found).tolist() == [5.0] * 4
    assert date_ticks(_td(2001, 1, 1), _td(2001, 1, 3), 5, "d") == (_td(2001, 1, 1), _td(2001, 1, 2), _td(2001, 1, 3))
    # a span shorter than a period: one whole period each, never a fraction
    assert date_ticks(480, 482, 5, "q") == (480.0, 481.0, 482.0)


def test_date_axis_typed_format_in_xlabel():
    days = np.arange(_td(2001, 1, 2), _td(2001, 12, 31) + 1)
    s = double_session({"date": days, "close": np.sin(days / 30.0)})
    run(s, "format date %td")
    graph, fig = drawn(s, "line close date, xlabel(, format(%tdmd))")  # (UCLA's grdate FAQ)
    assert _labels(axes(fig))[:2] == ["Jan1", "Apr1"]


# ------------------------------------------------------------------ xtick(#k), xmtick(#k)
def test_tick_rules_follow_natscale_like_the_labels():
    s = double_session({"mpg": np.linspace(12, 41, 30), "y": np.linspace(0, 1, 30)})
    graph, fig = drawn(s, "scatter y mpg, xtick(#10)")
    ax = axes(fig)
    assert list(ax.get_xticks()) == list(natural_ticks(12, 41, 10)) == [10, 15, 20, 25, 30, 35, 40]
    assert _labels(ax) == ["10", "20", "30", "40"]  # the labels stay natscale's 5
    graph, fig = drawn(s, "scatter y mpg, xmtick(#10)")
    ax = axes(fig)
    assert list(ax.xaxis.get_minorticklocs()) == [15, 25, 35]  # (10 ... 40 are major ticks)
    graph, fig = drawn(s, "scatter y mpg, ymtick(#10)")
    assert list(axes(fig).yaxis.get_minorticklocs()) == [0.1, 0.3, 0.5, 0.7, 0.9]
    graph, fig = drawn(s, "scatter y mpg, xlabel(#10)")
    assert _labels(axes(fig)) == ["10", "15", "20", "25", "30", "35", "40"]


# ------------------------------------------------------------------ second axes
def test_second_axes_reach_their_own_labels():
    s = double_session({"mpg": np.linspace(12, 41, 30), "y": np.linspace(0, 1, 30),
                        "w": np.linspace(1760, 4840, 30)})
    # both scales another axis': the plot is drawn into an Axes of its own (x2y2); the axes
    # that show those scales still reach their labels, as axis 1 does
    graph, fig = drawn(s, "scatter y mpg || scatter mpg w, yaxis(2) xaxis(2)")
    y2, x2 = axes(fig, "panel1-axis2"), axes(fig, "panel1-xaxis2")
    assert _labels(y2, "y") == ["10", "20", "30", "40"] and y2.get_ylim()[0] < 10
    assert _labels(x2, "x") == ["2000", "3000", "4000", "5000"] and x2.get_xlim()[1] > 5000
    graph, fig = drawn(s, "scatter y w || scatter mpg w, yaxis(2)")
    y2 = axes(fig, "panel1-axis2")
    assert _labels(y2, "y") == ["10", "20", "30", "40"] and y2.get_ylim()[0] < 10 < 12


def test_second_axis_on_a_log_scale():
    s = double_session({"x": np.linspace(1, 10, 30), "y": np.linspace(0, 1, 30), "z": np.linspace(12, 41, 30)})
    graph, fig = drawn(s, "scatter y x || scatter z x, yaxis(2) yscale(log axis(2))")
    y2 = axes(fig, "panel1-axis2")
    assert y2.get_yscale() == "log" and _labels(y2, "y") == ["10", "20", "30", "40"]


# ------------------------------------------------------------------ graph matrix
def test_matrix_labels_follow_natscale_with_three_values():
    s = double_session({"mpg": np.linspace(12, 41, 30), "w": np.linspace(1760, 4840, 30)})
    graph, fig = drawn(s, "graph matrix mpg w")
    bottom = axes(fig, "panel3")  # row 2 (w) against column 1 (mpg): mpg's x labels
    assert list(bottom.get_xticks()) == list(natural_ticks(12, 41, 3)) == [10, 20, 30, 40]
    assert bottom.get_xlim()[0] < 10  # the cell reaches its outer label, as any automatic axis
    assert list(axes(fig, "panel2").get_xticks()) == list(natural_ticks(1760, 4840, 3))
    graph, fig = drawn(s, "graph matrix mpg w, maxes(xlabel(#6))")  # typed: its own rule
    assert list(axes(fig, "panel3").get_xticks()) != [10, 20, 30, 40]


def test_matrix_log_scale_keeps_labels_above_zero():
    s = double_session({"a": np.linspace(1, 120, 30), "b": np.linspace(2, 9, 30)})
    graph, fig = drawn(s, "graph matrix a b, maxes(xscale(log) yscale(log))")
    ticks = axes(fig, "panel3").get_xticks()
    assert all(t > 0 for t in ticks) and list(ticks) == [v for v in natural_ticks(1, 120, 3) if v > 0]
