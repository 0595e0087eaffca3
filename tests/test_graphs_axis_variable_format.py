"""A twoway axis labels its ticks in the first plot's variable's display format unless
``xlabel(, format())`` or ``xvarformat()`` says otherwise (Stata 16's ``plotregion.dimformat``,
``twowaygraph_g``; mlmcli/graphs/axis_formats.py).  Expected texts are derived here by hand
from the tick positions (the calendar, Python's own number formatting), not by mlmcli."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from graphs_helpers import axes, double_session, drawn, make_session, run

EPOCH = dt.date(1960, 1, 1)


def shown(ax, which="x"):
    """(position, text) of the labelled major ticks inside the axis' limits."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    lo, hi = sorted(ax.get_xlim() if which == "x" else ax.get_ylim())
    out = [(t.get_loc(), t.label1.get_text()) for t in axis.get_major_ticks()
           if lo - 1e-9 <= t.get_loc() <= hi + 1e-9 and t.label1.get_text()]
    assert out, "no labels drawn"
    return out


def td(v):
    return (EPOCH + dt.timedelta(days=int(np.floor(v)))).strftime("%d%b%Y").lower()


@pytest.fixture()
def s():
    session = double_session({"t": 14700 + 30 * np.arange(20), "y": np.linspace(1, 5, 20),
                              "y3": np.linspace(1, 5, 20), "g": np.arange(20) % 2})
    run(session, "format t %td")
    run(session, "format y %9.2f")
    run(session, "format y3 %9.3f")
    return session


def test_date_x_and_fixed_y_labels(s):
    _, fig = drawn(s, "twoway line y t")
    ax = axes(fig)
    for v, text in shown(ax, "x"):
        assert text == td(v)
    assert any(text.endswith("2000") for _, text in shown(ax, "x"))
    for v, text in shown(ax, "y"):
        assert text == f"{v:.2f}"
    assert "1.00" in [t for _, t in shown(ax, "y")]


def test_the_first_plot_decides(s):
    _, fig = drawn(s, "twoway (line y t) (line y3 t)")
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "y"))
    _, fig = drawn(s, "twoway (line y3 t) (line y t)")
    assert all(t == f"{v:.3f}" for v, t in shown(axes(fig), "y"))


def test_typed_formats_win(s):
    _, fig = drawn(s, "twoway line y t, xlabel(, format(%9.1f)) ylabel(, format(%9.0f))")
    ax = axes(fig)
    assert all(t == f"{v:.1f}" for v, t in shown(ax, "x"))
    assert all(t == f"{v:.0f}" for v, t in shown(ax, "y"))
    _, fig = drawn(s, "twoway line y t, xvarformat(%tdCCYY) yvarformat(%9.1f)")
    ax = axes(fig)
    assert all(t == td(v)[-4:] for v, t in shown(ax, "x"))
    assert all(t == f"{v:.1f}" for v, t in shown(ax, "y"))


def test_by_panels_take_the_format(s):
    _, fig = drawn(s, "twoway scatter y t, by(g)")
    labelled = [ax for ax in fig.axes if (ax.get_gid() or "").startswith("panel")]
    assert len(labelled) >= 2
    seen = 0
    for ax in labelled:
        for v, text in [(t.get_loc(), t.label1.get_text()) for t in ax.xaxis.get_major_ticks()
                        if t.label1.get_text() and ax.get_xlim()[0] <= t.get_loc() <= ax.get_xlim()[1]]:
            assert text == td(v)
            seen += 1
    assert seen


@pytest.mark.parametrize("fmt, expected", [
    ("%tq", lambda v: f"{1960 + int(v) // 4}q{int(v) % 4 + 1}"),
    ("%tm", lambda v: f"{1960 + int(v) // 12}m{int(v) % 12 + 1}"),
    ("%tw", lambda v: f"{1960 + int(v) // 52}w{int(v) % 52 + 1}"),
    ("%ty", lambda v: f"{int(v)}"),
])
def test_other_date_formats(fmt, expected):
    start = {"%tq": 160, "%tm": 480, "%tw": 2100, "%ty": 1990}[fmt]
    s = double_session({"t": start + np.arange(30), "y": np.arange(30.0)})
    run(s, f"format t {fmt}")
    _, fig = drawn(s, "scatter y t")
    for v, text in shown(axes(fig), "x"):
        assert v == int(v) and text == expected(v)


def test_clock_format():
    ms = 86400000.0 * (14700 + np.arange(10) / 4)  # every 6 hours from 01apr2000
    s = double_session({"t": ms, "y": np.arange(10.0)})
    run(s, "format t %tc")
    _, fig = drawn(s, "scatter y t")
    for v, text in shown(axes(fig), "x"):
        stamp = dt.datetime(1960, 1, 1) + dt.timedelta(milliseconds=v)
        assert text == stamp.strftime("%d%b%Y %H:%M:%S").lower()


def test_comma_and_general_formats():
    s = double_session({"x": np.arange(10.0), "big": 1e6 * np.arange(1, 11), "huge": 1e7 * np.arange(1, 11)})
    run(s, "format big %10.0fc")
    _, fig = drawn(s, "scatter big x")
    labels = shown(axes(fig), "y")
    assert all(t == f"{v:,.0f}" for v, t in labels) and "10,000,000" in [t for _, t in labels]
    # %8.0g: a number too wide for 8 columns is written in e-notation, 2 significant digits
    run(s, "format huge %8.0g")
    _, fig = drawn(s, "scatter huge x")
    for v, text in shown(axes(fig), "y"):
        if v >= 1e8:
            mantissa, exponent = f"{v:.1e}".split("e")
            assert text == f"{mantissa}e+{int(exponent):02d}"
    assert "1.0e+08" in [t for _, t in shown(axes(fig), "y")]


def test_commands_built_on_twoway(s):
    # histogram: the bars' midpoints carry the variable's format (twoway__histogram_gen)
    _, fig = drawn(s, "histogram y, bin(4)")
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "x"))
    # lowess: scatter y t first -- both axes the variables'
    _, fig = drawn(s, "lowess y t")
    assert all(t == td(v) for v, t in shown(axes(fig), "x"))
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "y"))
    # kdensity's x is a grid it makes: plain numbers, as lfit's (_gs_x_create) unless atobs
    _, fig = drawn(s, "kdensity y")
    assert not any(t.endswith("0") and "." in t for _, t in shown(axes(fig), "x"))
    _, fig = drawn(s, "twoway (lfit y t) (scatter y t)")
    assert not any("2000" in t for _, t in shown(axes(fig), "x"))
    _, fig = drawn(s, "twoway (lfit y t, atobs) (scatter y t)")
    assert all(t == td(v) for v, t in shown(axes(fig), "x"))


def test_horizontal_view_swaps(s):
    _, fig = drawn(s, "twoway bar y t, horizontal")
    ax = axes(fig)
    assert all(t == td(v) for v, t in shown(ax, "y"))
    assert all(t == f"{v:.2f}" for v, t in shown(ax, "x"))


def test_default_formats_keep_plain_labels():
    s = make_session()  # float variables, %9.0g: the labels as before (.5, 2.5, 10)
    _, fig = drawn(s, "scatter y x")
    texts = [t for _, t in shown(axes(fig), "x")]
    assert "0" in texts and "10" in texts and not any("." in t and t.endswith("0") for t in texts)


def test_distribution_plots_take_their_ado_formats(s):
    # qnorm.ado formats the normal quantiles as the variable: both axes %9.2f
    _, fig = drawn(s, "qnorm y")
    for which in ("x", "y"):
        assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), which))
    # pnorm.ado: `format F Psubi %9.2f` whatever the variable's format
    _, fig = drawn(s, "pnorm y3")
    for which in ("x", "y"):
        assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), which))
    # qchi: the variable on y; the expected quantiles are new (plain)
    _, fig = drawn(s, "qchi y")
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "y"))
    assert not all("." in t for _, t in shown(axes(fig), "x"))
    # dotplot.ado: yvarformat() of the yvars' one format
    _, fig = drawn(s, "dotplot y")
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "y"))
    # quantile: its columns are gen'd anew -- plain, even beside an addplot() of y's
    _, fig = drawn(s, "quantile y, addplot(scatter y y)")
    assert not all("." in t for _, t in shown(axes(fig), "y"))


def test_a_short_date_span_is_labelled_at_whole_periods():
    # tickset_g.class: a %t[dwmqhy] axis' default ticks come from tsnatscale (whole periods);
    # three quarters would otherwise get ticks at .5 steps, two labels per quarter
    s = double_session({"t": 160.0 + np.arange(3), "y": np.arange(3.0)})
    run(s, "format t %tq")
    _, fig = drawn(s, "scatter y t")
    labels = shown(axes(fig), "x")
    assert all(v == int(v) for v, _ in labels)
    texts = [t for _, t in labels]
    assert len(texts) == len(set(texts)) and "2000q1" in texts


def test_second_y_axis_takes_its_first_plot_format(s):
    run(s, "gen big = 1e6 * _n")
    run(s, "format big %12.0fc")
    _, fig = drawn(s, "twoway (line y t) (line big t, yaxis(2))")
    assert all(t == f"{v:.2f}" for v, t in shown(axes(fig), "y"))
    right = axes(fig, "panel1-axis2")
    lo, hi = right.get_ylim()
    texts = [(t.get_loc(), t.label2.get_text()) for t in right.yaxis.get_major_ticks()
             if lo <= t.get_loc() <= hi and t.label2.get_text()]
    assert texts and all(t == f"{v:,.0f}" for v, t in texts)


def test_pnorm_and_pchi_label_quarters_of_the_unit_interval(s):
    # pnorm.ado and pchi.ado: xlabel(0(.25)1) ylabel(0(.25)1) with their %9.2f columns
    for command in ("pnorm y3", "pchi y"):
        _, fig = drawn(s, command)
        for which in ("x", "y"):
            assert shown(axes(fig), which) == [(0.0, "0.00"), (0.25, "0.25"), (0.5, "0.50"), (0.75, "0.75"),
                                               (1.0, "1.00")], (command, which)
