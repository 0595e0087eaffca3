"""twoway fpfit/fpfitci ``estcmd(xtgee) estopts(corr(ar|stationary|nonstationary))`` with unequally
spaced times: fracpoly runs the plain xtgee, whose KeepMode (xtgee.ado; docs/xtgee_correlations.md)
drops the panels off the modal step -- no spacing check of fracpoly's own (frac_154 has none) --
so the fit is the plain xtgee's on the panels kept, and fracpred's ``if e(sample)`` leaves the
dropped panels' points undrawn.  Before, fpfit kept the old "not regularly spaced" check: the
note, nothing drawn."""
from __future__ import annotations

import numpy as np
from scipy.stats import norm

from graphs_helpers import drawn, make_session, run

SETUP = ("drop _all\nset obs 60\ngenerate id = ceil(_n/5)\ngenerate t = mod(_n-1,5)+1\n"
         "replace t = 2*t if id == 3\ngenerate x = mod(_n*7,13)/3 + 1\n"
         "generate y = x/2 + mod(_n*3,7)/2 + mod(id,3)\nxtset id t\n")


def _session():
    s = make_session()
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def test_linear_fit_is_the_plain_xtgee_on_the_panels_kept():
    s = _session()
    out, rc = run(s, "quietly xtgee y x, corr(ar 1)\npredict double xb if e(sample), xb\n"
                     "predict double se if e(sample), stdp")
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    assert s.e.scalars["N"] == 55 and s.e.scalars["N_g"] == 11  # panel 3 (step 2) dropped
    x = np.asarray(s.data.numeric("x"))
    se = np.asarray(s.data.numeric("se"))
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(xtgee) estopts(corr(ar 1) degree(1) powers(1))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, b[0] * line.x + b[1], rtol=1e-6)
    for at, half in zip(line.x, (band.y2 - band.y) / (2 * norm.ppf(0.975))):
        np.testing.assert_allclose(half, se[np.isclose(x, at) & np.isfinite(se)][0], rtol=1e-5)
    np.testing.assert_allclose(line.x, _kept_points(s))
    assert len(line.x) < len(np.unique(x))  # some x's first row is in the dropped panel


def _kept_points(s) -> np.ndarray:
    """The x drawn: twoway__fpfit_serset's row at each x (sorted by x and y, the first) when it
    is in e(sample) (not panel 3)."""
    x, y, ids = (np.asarray(s.data.numeric(v), float) for v in ("x", "y", "id"))
    order = np.lexsort((y, x))
    first = order[np.r_[True, np.diff(x[order]) != 0]]
    return x[first[ids[first] != 3]]


def test_fp_search_runs_and_force_still_takes_consecutive_rows():
    s = _session()
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(xtgee) estopts(corr(ar 1))")
    assert np.isfinite(graph.panels[0].series[0].y).all()
    np.testing.assert_allclose(graph.panels[0].series[0].x, _kept_points(s))
    forced, _ = drawn(s, "twoway fpfit y x, estcmd(xtgee) estopts(corr(ar 1) force)")
    assert len(forced.panels[0].series[0].x) == len(np.unique(s.data.numeric("x")))  # force: every panel kept


def test_no_panel_left_is_the_note():
    """Every panel with steps 3, 5, 7, 9: the modal step 3 leaves no panel -- xtgee's "no
    observations" inside fracpoly, the note (the plain xtgee's r(2000))."""
    s = _session()
    out, rc = run(s, "replace t = t*t\ntwoway fpfit y x, estcmd(xtgee) estopts(corr(ar 1))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    out, rc = run(s, "xtgee y x, corr(ar 1)", stop_on_error=False)
    assert rc == 2000 and "no observations" in out
