"""The standing held-out failures, round 89 (tests/realworld/README.md, standing failures):

- ``estadd scalar x = m[1,4]``: estadd.ado's ``syntax anything(equalok) ... [, *]`` -- Stata's
  parser binds ``[ ]`` as it binds ``( )``, so the comma of a matrix subscript is not the
  options comma (the command was r(198) 'invalid syntax');
- ``catplot``: Nick Cox's SSC bar/hbar/dot charts of category frequencies or percents, drawn
  with mlm's graph bar/hbar/dot (bars checked against counts computed here with pandas).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _regression_data(n=60, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": 1 + 2 * x + rng.normal(size=n)})


def test_estadd_scalar_takes_a_matrix_element(new_session, run):
    s = new_session(_regression_data())
    out, rc = run(s, "quietly regress y x\nmatrix m = (1,2,3,4\\5,6,7,8)\nestadd scalar x14 = m[1,4]\n"
                     "estadd scalar y23 = m[2, 3]")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 4 and s.e.scalars["y23"] == 7
    # the options after the subscript are still estadd's
    out, rc = run(s, "estadd scalar x14 = m[2,4], replace")
    assert rc == 0, out
    assert s.e.scalars["x14"] == 8
    out, rc = run(s, "estadd scalar x14 = m[1,1]", stop_on_error=False)
    assert rc == 110, out  # e(x14) already defined: the comma did not hide a replace
    out, rc = run(s, "estadd scalar z = m[1,1], nosuch", stop_on_error=False)
    assert rc == 198, out
    # into stored estimates: the colon after the subscript still names them
    out, rc = run(s, "estimates store one\nestadd scalar w = m[2,1] : one\nestimates restore one")
    assert rc == 0, out
    assert s.e.scalars["w"] == 5


# ---------------------------------------------------------------- catplot
def _catplot_session():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from graphs_helpers import make_session

    s = make_session(n=90)
    s.data.df.loc[[3, 10], "h"] = np.nan  # missing categories leave the sample unless `missing`
    return s


def _drawn(s, text):
    from graphs_helpers import run

    out, rc = run(s, text)
    assert rc == 0, out
    return s.graphs[-1]


def _bar_lengths(graph, horizontal: bool):
    """The drawn bars' lengths: widths on an hbar chart, heights on a bar chart."""
    from graphs_helpers import bars, figure

    rects = bars(figure(graph), "p1-s1-bar")
    return [r.get_width() if horizontal else r.get_height() for r in rects]


def test_catplot_frequencies_and_percents(new_session):
    s = _catplot_session()
    h, g = s.data.numeric("h"), s.data.numeric("g")
    ok = np.isfinite(h)
    counts = [np.sum(ok & (h == k)) for k in (0, 1)]
    graph = _drawn(s, "catplot h")  # hbar of frequencies by default
    np.testing.assert_allclose(graph.panels[0].series[0].y, counts)
    assert sorted(np.round(_bar_lengths(graph, True), 9)) == sorted(counts)
    assert graph.command == "catplot h"
    # percent: of the whole sample; vertical bars with the label of the variable below
    graph = _drawn(s, "catplot h, perc vertical")
    np.testing.assert_allclose(graph.panels[0].series[0].y, [100 * c / ok.sum() for c in counts])
    np.testing.assert_allclose(sorted(_bar_lengths(graph, False)), sorted(100 * c / ok.sum() for c in counts))
    # fraction within the groups of g: each g's shares of h sum to 1
    graph = _drawn(s, "catplot h g, fraction(g) recast(bar)")
    want = [np.sum(ok & (h == a) & (g == b)) / np.sum(ok & (g == b)) for b in (1, 2, 3) for a in (0, 1)]
    np.testing.assert_allclose(graph.panels[0].series[0].y, want)
    # weights: frequency = sum of the weights; `missing` keeps the missing category
    w = s.data.numeric("w")
    graph = _drawn(s, "catplot h [fw=w], missing")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               [w[h == 0].sum(), w[h == 1].sum(), w[~ok].sum()])


def test_catplot_the_heldout_form_and_refusals(new_session):
    from graphs_helpers import run

    s = _catplot_session()
    out, rc = run(s, "catplot g if h==1, title(Plot, c(black) size(medsmall)) ytitle(Percent, c(black) "
                     "size(medsmall)) graphregion(color(white) lcolor(white)) perc blabel(bar, position(outside) "
                     "format(%3.1f)) ylabel(, nogrid) vert bar(1, bcolor(edkblue)) var1opts(relabel(1 `\"\"a\" "
                     "\"b\"\"' 2 \"c\") label(labsize(vsmall) angle(0))) name(dist, replace) nodraw")
    assert rc == 0, out
    graph = s.graphs[-1]
    assert graph.name == "dist"
    g, h = s.data.numeric("g"), s.data.numeric("h")
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               [100 * np.mean(g[h == 1] == k) for k in (1, 2, 3)])
    for text, rc_want in (("catplot h, recast(pie)", 198), ("catplot h, percent fraction", 198),
                          ("catplot h g y x", 103), ("catplot h if h == 7", 2000),
                          ("catplot h, nosuchoption", 198)):
        out, rc = run(s, text, stop_on_error=False)
        assert rc == rc_want, (text, out)
    assert s.graphs[-1].name == "dist"  # a refused chart leaves the graphs as they were
