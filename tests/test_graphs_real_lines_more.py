"""Graph lines of the public do-files added to tests/graphs_reference/real_graph_lines.txt in the
second round (agrogan1's multilevel notes, panel/econometrics courses) that mlm stopped on though
Stata takes them: each drawn here and read back from the matplotlib objects."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import axes, drawn, make_session, run, segments

REF = Path(__file__).parent / "graphs_reference"


@pytest.fixture()
def s():
    return make_session(n=60)


# ------------------------------------------------------------------ tden(), chi2den(), Fden()
def test_density_functions_match_r():
    # ParkSeungR's ProbFun.do draws `twoway function y = tden(5, x)`, `Fden(10,2,x)`,
    # `chi2den(5,x)`: [FN] Statistical functions; values from R's dt/dchisq/df (densities.R)
    ref = json.loads((REF / "densities.json").read_text())
    s = make_session(n=3)
    for name, rows in ref.items():
        for *args, want in rows:
            out, rc = run(s, f"display {name}({', '.join(repr(float(a)) for a in args)})")
            assert rc == 0, out
            assert float(out.strip().splitlines()[-1]) == pytest.approx(want, rel=1e-6), (name, args)
    out, _ = run(s, "display tden(0, 1)")
    assert out.strip().splitlines()[-1] == "."  # df <= 0: missing


def test_function_plot_of_t_density(s):
    _, fig = drawn(s, "twoway function y = tden(5, x), range(-5 5) lpattern(solid) lwidth(thick) "
                      "|| function y = chi2den(5,x), range(0 20) ||, legend(off)")
    (seg,) = segments(fig, "p1-s1-line")
    x, y = seg[:, 0], seg[:, 1]
    assert x.min() == pytest.approx(-5) and x.max() == pytest.approx(5)
    from scipy.stats import t

    np.testing.assert_allclose(y, t.pdf(x, 5), rtol=1e-9)
    assert len(x) == 300  # [G-2] twoway function: n(300) points by default


# ------------------------------------------------------------------ tsline's t-options with dates
@pytest.fixture()
def days():
    # zhangyiceee/stata_learn's section2.do (Mitchell's Visual Guide): tsline of a daily close
    s = make_session(n=3)
    run(s, "clear\nset obs 400\ngen tradeday = td(01jan2001) + _n - 1\nformat tradeday %td\n"
           "gen close = 1000 + _n\ntsset tradeday")
    return s


def _day(text):
    from mlmcli.expr.dates import literal_value

    return literal_value("td", text)


def test_tsline_tlabel_dates_are_the_time_variables_days(days):
    _, fig = drawn(days, "twoway tsline close,tlabel(01jan2001 31mar2001 21jun2001 30sep2001 01jan2002)")
    ax = axes(fig)
    want = [_day(d) for d in ("01jan2001", "31mar2001", "21jun2001", "30sep2001", "01jan2002")]
    assert want[0] == 14976 and want[-1] == 15341  # 1jan1960 + 41 years of days
    np.testing.assert_allclose(ax.get_xticks(), want)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "01jan2001", "31mar2001", "21jun2001", "30sep2001", "01jan2002"]


def test_tsline_tmlabel_tmtick_tline_ttext_take_dates(days):
    _, fig = drawn(days, "twoway tsline close ,tlabel(01jan2001 30jun2001 01jan2002) tmlabel(31mar2001 30sep2001)")
    ax = axes(fig)
    np.testing.assert_allclose(ax.get_xticks(minor=True), [_day("31mar2001"), _day("30sep2001")])
    assert [t.get_text() for t in ax.get_xticklabels(minor=True)] == ["31mar2001", "30sep2001"]
    _, fig = drawn(days, "twoway tsline close ,tlabel(01jan2001 30jun2001 01jan2002) tmtick(31mar2001 30sep2001)")
    ax = axes(fig)
    np.testing.assert_allclose(ax.get_xticks(minor=True), [_day("31mar2001"), _day("30sep2001")])
    assert not any(t.get_text() for t in ax.get_xticklabels(minor=True))
    graph, fig = drawn(days, "twoway tsline close,tline(01apr2001 01jul2001 01oct2001)")
    xs = sorted(float(l.get_xdata()[0]) for l in fig.findobj(lambda a: a.__class__.__name__ == "Line2D")
                if len(l.get_xdata()) == 2 and l.get_xdata()[0] == l.get_xdata()[1])
    assert [_day(d) for d in ("01apr2001", "01jul2001", "01oct2001")] == pytest.approx(
        [x for x in xs if x > 14000])
    _, fig = drawn(days, 'twoway tsline close,ttext(1035 01apr2001 "Start of Q2",orientation(vertical))')
    (text,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text() == "Start of Q2")]
    assert text.get_position() == pytest.approx((_day("01apr2001"), 1035))
    assert text.get_rotation() == 90


def test_tin_and_twithin_select_the_time_variables_range(days):
    out, _ = run(days, "count if tin(01jan2001,31mar2001)")
    assert out.split()[-1] == "90"
    out, _ = run(days, "count if twithin(01jan2001,31mar2001)")
    assert out.split()[-1] == "88"
    out, _ = run(days, "count if tin(,10jan2001)")
    assert out.split()[-1] == "10"
    _, fig = drawn(days, "twoway tsline close if tin(01jan2001,31mar2001)")
    (seg,) = segments(fig, "p1-s1-line")
    assert len(seg) == 90 and seg[0][0] == _day("01jan2001") and seg[-1][0] == _day("31mar2001")
    out, rc = run(make_session(n=3), "count if tin(1,2)", stop_on_error=False)
    assert rc == 111 and "time variable not set" in out


# ------------------------------------------------------------------ text()/diagonal() boxes' old names
def _text_artist(fig, text):
    (art,) = [a for a in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text() == text)]
    return art


def test_text_box_blwidth_is_lwidth(s):
    # zhangyiceee/stata_learn section2.do: text(47 62 "Washington,DC", ... blwidth(vthick) box);
    # titles took the box's b-prefixed names already (gl31): text() boxes now do too
    _, old = drawn(s, 'twoway scatter y x ,text(4 6 "Washington,DC",size(large) margin(medsmall) blwidth(vthick) box)')
    _, new = drawn(s, 'twoway scatter y x ,text(4 6 "Washington,DC",size(large) margin(medsmall) lwidth(vthick) box)')
    _, plain = drawn(s, 'twoway scatter y x ,text(4 6 "Washington,DC",size(large) margin(medsmall) box)')
    width = _text_artist(old, "Washington,DC").get_bbox_patch().get_linewidth()
    assert width == _text_artist(new, "Washington,DC").get_bbox_patch().get_linewidth()
    assert width > _text_artist(plain, "Washington,DC").get_bbox_patch().get_linewidth()


def test_matrix_diagonal_bfcolor_fills_the_box(s):
    # section3.do: graph matrix urban propval100 borninstate, diagonal("%Urban" . "...", bfcolor(eggshell))
    _, fig = drawn(s, 'graph matrix y x z, diagonal("%Urban" . "% Born in States",bfcolor(eggshell))')
    face = _text_artist(fig, "%Urban").get_bbox_patch().get_facecolor()
    np.testing.assert_allclose(face[:3], np.array([253, 253, 230]) / 255)  # eggshell: 253 253 230
    assert _text_artist(fig, "% Born in States").get_bbox_patch() is not None


# ------------------------------------------------------------------ twoway kdensity's old kernel words
def test_twoway_kdensity_takes_the_old_kernel_words(s):
    # section2.do: twoway kdensity ttl_exp, biweight -- twoway__kdensity_gen's help: "kernel_names
    # are the names for kernel weight functions accepted by kdensity.  This old syntax may not be
    # combined with the new syntax kernel()"; and "The old width() option is also available"
    (old,) = segments(drawn(s, "twoway kdensity x, biweight")[1], "p1-s1-line")
    (new,) = segments(drawn(s, "twoway kdensity x, kernel(biweight)")[1], "p1-s1-line")
    (epan,) = segments(drawn(s, "twoway kdensity x")[1], "p1-s1-line")
    np.testing.assert_allclose(old, new)
    assert not np.allclose(old[:, 1], epan[:, 1])
    # the biweight kernel at the data's own bandwidth, by hand at the middle point
    x = s.data.numeric("x")
    n = len(x)
    sd = x.std(ddof=1)
    xs = np.sort(x)  # summarize, detail's quartiles: n p/100 = 45, 15 whole -> mean of two
    iqr = (xs[44] + xs[45]) / 2 - (xs[14] + xs[15]) / 2
    h = 0.9 * min(sd, iqr / 1.349) * n ** (-0.2)
    at, dens = old[150]
    u = (at - x) / h
    want = np.sum(np.where(np.abs(u) < 1, 15 / 16 * (1 - u ** 2) ** 2, 0)) / (n * h)
    assert dens == pytest.approx(want, rel=1e-6)
    (w,) = segments(drawn(s, "twoway kdensity x, width(2)")[1], "p1-s1-line")
    (bw,) = segments(drawn(s, "twoway kdensity x, bwidth(2)")[1], "p1-s1-line")
    np.testing.assert_allclose(w, bw)
    out, rc = run(s, "twoway kdensity x, biweight kernel(gaussian)", stop_on_error=False)
    assert rc == 198 and "old syntax may not be combined" in out


# ------------------------------------------------------------------ numlist ranges with blanks
@pytest.mark.parametrize("rule", ["0 (20)100", "0 (20) 100", "0(20)100"])
def test_axis_label_numlist_range_with_blanks(s, rule):
    # ParkSeungR's MonteHetero.do: (line yhat x, ylabel(0 (20)100) ...); numlists allow blanks
    # around the parentheses (mlmcli.syntax.numlist, as forvalues' ranges)
    _, fig = drawn(s, f"twoway (scatter y x) (line y x, ylabel({rule}) lwidth(thick)), legend(off)")
    np.testing.assert_allclose(axes(fig).get_yticks(), [0, 20, 40, 60, 80, 100])


def test_axis_label_quoted_text_after_range_stays_text(s):
    from graphs_helpers import tick_texts

    _, fig = drawn(s, 'twoway scatter y x, ylabel(0 "zero" 20 "(a)")')
    assert tick_texts(axes(fig), "y") == ["zero", "(a)"]
