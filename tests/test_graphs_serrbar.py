"""serrbar ([R] serrbar; serrbar.ado 3.2.2): the capped spikes from mvar - scale*svar to
mvar + scale*svar and the markers of mvar against xvar, read back from the matplotlib
objects; the ado's titles, legend, mvopts(), addplot() and its errors."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import all_texts, artists, axes, double_session, figure, legend_texts, line_xy, run


@pytest.fixture()
def s():
    x = np.arange(1, 9, dtype=float)
    session = double_session({"x": x, "m": 10 + 0.5 * x, "sd": 0.2 * x, "y": np.cos(x)})
    session.data.var_labels["m"] = "Mean score"
    return session


def ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return figure(s.graphs[-1])


def fails(s, text):
    out, rc = run(s, text, stop_on_error=True)
    assert rc != 0, out
    return out.strip().splitlines()[-2], rc


def spikes(fig):
    (coll,) = artists(fig, "p1-s1-rcap")
    return sorted((seg[0][0], min(seg[0][1], seg[1][1]), max(seg[0][1], seg[1][1])) for seg in coll.get_segments())


def test_bars_are_mean_plus_minus_scale_times_sd(s):
    fig = ok(s, "serrbar m sd x, scale(2)")
    x = np.arange(1, 9, dtype=float)
    m, sd = 10 + 0.5 * x, 0.2 * x
    np.testing.assert_allclose(spikes(fig), np.column_stack([x, m - 2 * sd, m + 2 * sd]), rtol=1e-6)
    (caps,) = artists(fig, "p1-s1-rcap-caps")
    assert len(caps.get_xdata()) == 16  # a cap at each end
    px, py = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(sorted(zip(px, py)), np.column_stack([x, m]), rtol=1e-6)
    ax = axes(fig)
    assert ax.get_ylabel() == "Mean score" and ax.get_xlabel() == "x"  # ytitle: mvar's label
    assert legend_texts(fig) == []                                     # legend(nodraw)
    (coll,) = artists(fig, "p1-s1-rcap")
    (marks,) = artists(fig, "p1-s2-scatter")
    assert to_hex(coll.get_colors()[0]) == to_hex(marks.get_markerfacecolor())   # pstyle(p1): one colour
    lo, hi = ax.get_ylim()
    assert lo <= (m - 2 * sd).min() and hi >= (m + 2 * sd).max()


def test_default_scale_if_in_and_data_untouched(s):
    before = list(s.data.df.columns)
    fig = ok(s, "serrbar m sd x if x > 2 in 1/6")
    x = np.array([3.0, 4, 5, 6])
    np.testing.assert_allclose(spikes(fig), np.column_stack([x, 10 + 0.3 * x, 10 + 0.7 * x]), rtol=1e-6)
    px, _ = line_xy(fig, "p1-s2-scatter")
    np.testing.assert_allclose(sorted(px), x)
    assert list(s.data.df.columns) == before and s.data.nobs == 8


def test_unlabelled_mvar_titles_the_y_axis_with_its_name_and_options_win(s):
    assert axes(ok(s, "serrbar y sd x")).get_ylabel() == "y"
    fig = ok(s, 'serrbar m sd x, ytitle("Typed") title("Bars") lcolor(red)')
    assert axes(fig).get_ylabel() == "Typed" and "Bars" in all_texts(fig)
    (coll,) = artists(fig, "p1-s1-rcap")
    assert to_hex(coll.get_colors()[0]) == "#ff0000"  # the typed options are the rcap's


def test_mvopts_and_addplot(s):
    fig = ok(s, "serrbar m sd x, mvopts(msymbol(D) mcolor(red)) addplot(line y x)")
    (marks,) = artists(fig, "p1-s2-scatter")
    assert marks.get_marker() == "D" and to_hex(marks.get_markerfacecolor()) == "#ff0000"
    (line,) = artists(fig, "p1-s3-line")
    assert len(line.get_segments()[0]) == 8
    assert legend_texts(fig) == ["Bottom/Top", "Mean score", "y"]  # drawn once plots are added


def test_invisible_addplot_markers_still_scale_the_axes(s):
    """The real do-file's line: labels placed by an msymbol(none) scatter beyond the bars."""
    fig = ok(s, "gen lab = m + 5\ngen str3 t = string(x)\n"
                "serrbar m sd x if x < 5, addplot(scatter lab x, mlabel(t) msymbol(none) mlabpos(0)) "
                "scale(1.96) legend(off)")
    ax = axes(fig)
    assert ax.get_ylim()[1] >= 19 and ax.get_xlim()[1] >= 8
    assert {"1", "8"} <= set(all_texts(fig))


@pytest.mark.parametrize("line, message, rc", [
    ("serrbar m sd", "too few variables specified", 102),
    ("serrbar m sd x y", "too many variables specified", 103),
    ("serrbar m sd nosuch", "variable nosuch not found", 111),
    ("serrbar m sd x, scale(two)", "option scale() incorrectly specified", 198),
    ("serrbar m sd x, mvopts(by(x))", "option mvopts() does not allow the by() option", 191),
    ("serrbar m sd x, mvopts(name(g))", "option mvopts() does not allow the name() option", 198),
    ("serrbar m sd x, mvopts(saving(g))", "option mvopts() does not allow the saving() option", 198),
    ("serrbar m sd x [fw=x]", "weights not allowed", 101),
    ("serrbar m sd x, nosuch", "option nosuch not allowed", 198),
    ("by x: serrbar m sd x", "serrbar may not be combined with by", 190),
])
def test_errors(s, line, message, rc):
    assert fails(s, line) == (message, rc)


def test_string_mean_or_sd_is_a_type_mismatch(s):
    run(s, 'gen str2 t = "a"')
    assert fails(s, "serrbar t sd x") == ("type mismatch", 109)
    assert fails(s, "serrbar m t x") == ("type mismatch", 109)
