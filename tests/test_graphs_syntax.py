"""twoway syntax, numlists, titles, and the lfit/lfitci numbers."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.ast import InRange, Option
from mlmcli.errors import StataError
from mlmcli.graphs import fits
from mlmcli.graphs.spec import Series, grid_shape
from mlmcli.graphs.syntax import parse_twoway, title_text
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.options import read_options


def test_handout_scatter_with_lfitci_for_one_country():
    call = parse_twoway("(lfitci pbw EDUCM2) (scatter pbw EDUCM2) if cntryid==2, "
                        "xtitle(Education) ytitle(Anti-immigrant Prejudice)")
    assert [p.kind for p in call.plots] == ["lfitci", "scatter"]
    assert call.plots[0].varlist == "pbw EDUCM2"
    assert call.if_exp == "cntryid==2"
    assert call.options == (Option("xtitle", "Education"), Option("ytitle", "Anti-immigrant Prejudice"))


def test_by_with_a_space_before_the_parenthesis():
    call = parse_twoway("(lfitci pbw EDUCM2) (scatter pbw EDUCM2), by (cntryid) xtitle(Education)")
    assert call.options[0] == Option("by", "cntryid")
    assert call.if_exp is None


def test_plot_options_inside_parentheses():
    call = parse_twoway("(line prede EDUCM2, connect(ascending)), xtitle(Education) ytitle(Fitted regression lines)")
    assert call.plots[0].options == (Option("connect", "ascending"),)
    assert call.options[1] == Option("ytitle", "Fitted regression lines")


def test_bar_separated_plots_with_their_own_if_and_in():
    call = parse_twoway('sc y x if g==1 in 1/50, mcolor(red) || lfit y x in 5 || , title("A" "B")')
    assert [p.kind for p in call.plots] == ["scatter", "lfit"]
    assert call.plots[0].if_exp == "g==1"
    assert call.plots[0].in_range == InRange("1", "50")
    assert call.plots[1].in_range == InRange("5")
    assert title_text(call.options[0].arg) == "A\nB"


def test_in_before_if_and_quoted_if_with_keywords_inside():
    call = parse_twoway('scatter y x in 1/10 if name=="in if", sort')
    plot = call.plots[0]
    assert plot.in_range == InRange("1", "10")
    assert plot.if_exp == 'name=="in if"'


@pytest.mark.parametrize("text", ["", "(scatter y x", "foo y x", "(barbar y x)", "scatter y x if"])
def test_bad_twoway_text_is_a_stata_error(text):
    with pytest.raises(StataError) as err:
        parse_twoway(text)
    assert err.value.rc == 198


def test_unknown_plot_type_message():
    with pytest.raises(StataError, match="foo is not a twoway plot type"):
        parse_twoway("foo y x")


def test_options_and_titles():
    assert read_options('legend(off) sort  by (g, cols(2))') == (
        Option("legend", "off"), Option("sort"), Option("by", "g, cols(2)"))
    assert title_text('"Anti-immigrant, prejudice", size(small)') == "Anti-immigrant, prejudice"
    assert title_text("Education") == "Education"
    assert title_text('""') == ""


def test_numlists():
    assert numlist("0(5)20") == [0, 5, 10, 15, 20]
    assert numlist("1 2.5 -3") == [1, 2.5, -3]
    assert numlist("1/3") == [1, 2, 3]
    with pytest.raises(StataError):
        numlist("a b")


def test_grid_shape_is_about_square():
    assert grid_shape(1) == (1, 1)
    assert grid_shape(6) == (2, 3)
    assert grid_shape(20) == (4, 5)
    assert grid_shape(5, cols=2) == (3, 2)


def test_series_runs_from_breaks():
    s = Series("line", np.arange(6.0), np.zeros(6), breaks=(2, 4))
    assert s.runs() == [(0, 2), (2, 4), (4, 6)]
    assert s.n_lines == 3


def test_lfitci_band_matches_statsmodels():
    sm = pytest.importorskip("statsmodels.api")
    rng = np.random.default_rng(7)
    x = rng.normal(10, 3, 80)
    y = 1.5 - 0.2 * x + rng.normal(size=80)
    at = fits.eval_points(x, 100)
    band = fits.linear_fit(y, x, at, "stdp", 95.0)
    pred = sm.OLS(y, sm.add_constant(x)).fit().get_prediction(sm.add_constant(at)).summary_frame(alpha=0.05)
    np.testing.assert_allclose(band.fit, pred["mean"], rtol=1e-10)
    np.testing.assert_allclose(band.lower, pred["mean_ci_lower"], rtol=1e-10)
    np.testing.assert_allclose(band.upper, pred["mean_ci_upper"], rtol=1e-10)
    forecast = fits.linear_fit(y, x, at, "stdf", 95.0)
    np.testing.assert_allclose(forecast.lower, pred["obs_ci_lower"], rtol=1e-10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3)), min_size=3, max_size=40),
       st.floats(50, 99))
def test_band_contains_the_fit_and_widens_with_level(pairs, level):
    x = np.array([p[0] for p in pairs])
    y = np.array([p[1] for p in pairs])
    at = fits.eval_points(x, 10)
    lo = fits.linear_fit(y, x, at, "stdp", level)
    hi = fits.linear_fit(y, x, at, "stdp", min(level + 0.5, 99.5))
    ok = np.isfinite(lo.lower)
    assert np.all(lo.lower[ok] <= lo.fit[ok] + 1e-9) and np.all(lo.fit[ok] <= lo.upper[ok] + 1e-9)
    assert np.all(hi.upper[ok] - hi.lower[ok] >= lo.upper[ok] - lo.lower[ok] - 1e-9)


def test_constant_x_gives_the_mean_and_no_data_is_an_error():
    fit = fits.linear_fit(np.array([1.0, 2.0, 3.0]), np.array([5.0, 5.0, 5.0]), np.array([5.0]), "stdp")
    assert fit.fit[0] == pytest.approx(2.0)
    with pytest.raises(StataError) as err:
        fits.linear_fit(np.array([np.nan]), np.array([1.0]), np.array([1.0]))
    assert err.value.rc == 2000


_PIECES = st.sampled_from(["(", ")", "scatter", "lfitci", "line", "y", "x", "g", ",", "||", "if", "in",
                           "g==1", "1/5", "by(g)", "by (g", 'title("a', '"', "`\"q\"'", "legend(off)",
                           "connect(L)", "sort", "xlabel(0(5)20)", "[aw=x]", "name(", "n(3)", "range(. 5)",
                           "level(101)", "xline(a)", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map(" ".join))
def test_any_text_gives_a_graph_or_a_stata_error(text):
    """Nothing typed after twoway may crash: a Graph or a StataError, never another exception."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.graphs.build import TwowayBuilder

    ds = Dataset(df=pd.DataFrame({"y": [1.0, 2.0, 3.0, 5.0], "x": [1.0, 2.0, 4.0, 3.0], "g": [1, 1, 2, 2]}),
                 types={"y": "float", "x": "float", "g": "byte"})

    def mark(if_exp, in_range, names):
        return np.ones(ds.nobs, dtype=bool)

    try:
        TwowayBuilder(ds, mark).build(parse_twoway(text))
    except StataError:
        pass


def test_real_world_forms_from_public_do_files():
    """Seen in public multilevel do-files: a second comma among the options, matrix and
    coefficient subscripts in function plots, xt()/yt() abbreviations, c(asc)."""
    call = parse_twoway("scatter re mle if first || function y=x, range(-1 1) ,title(T) xtitle(X)")
    assert [o.name for o in call.plots[1].options] == ["range", "title", "xtitle"]
    call = parse_twoway("function y = fe[1,2] + fe[1,1]*x, range(5 15) || "
                        "function y = _b[sc] * cos(_pi * x/6), range(0.84 9.36) xt(X) yt(Y)")
    assert call.plots[0].varlist.strip() == "y = fe[1,2] + fe[1,1]*x"
    assert call.plots[1].varlist.strip() == "y = _b[sc] * cos(_pi * x/6)"
    assert call.plots[0].weight is None
    from mlmcli.graphs.plot_options import connect_list
    assert connect_list("asc L l", []) == ["ascending", "ascending", "direct"]
