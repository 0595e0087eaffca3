"""twoway fpfit/fpfitci with estcmd(weibull|ereg) and estopts() strata(), ancillary(), from() and
score() (``graphs.fpfit_weibull_ereg``, ``graphs.fpfit_weibull_ereg_start``): strata() against R's
survival::survreg with a baseline per stratum (``tests/graphs_reference/fpfit_weibull_ereg_strata.R``:
ereg's indicators in the location, weibull_c's in the location and the scale); weibull's
ancillary(x), and strata() in the hazard form (a p per stratum: not the AFT model re-expressed),
against mlm's own streg on fracpoly's degree-1 terms; from() starts ml (the curve is the one
without it) unless ml or weibull_s's AdjFrom stops on it (the note); score() makes every fit after
the first stop on ``confirm new var`` (the note)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, drawn, run
from mlmcli.distributions import norm

HERE = Path(__file__).parent / "graphs_reference"
BASE = json.loads((HERE / "fpfit_weibull_ereg.json").read_text())
STRATA = json.loads((HERE / "fpfit_weibull_ereg_strata.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    return double_session({**{k: BASE[k] for k in ("x", "y", "d")}, "g": STRATA["g"]})


@pytest.mark.parametrize("command", ["ereg", "weibull"])
def test_strata_match_survreg_with_a_baseline_per_stratum(s, command):
    ref = STRATA[command]
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd({command}) estopts(dead(d) strata(g))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-5)
    np.testing.assert_allclose(band.y2 - band.y, 2 * float(norm.ppf(0.975)) * np.asarray(ref["stdp"]), rtol=1e-4)


def test_strata_change_the_curve(s):
    plain, _ = drawn(s, "twoway fpfit y x, estcmd(ereg) estopts(dead(d))")
    strata, _ = drawn(s, "twoway fpfit y x, estcmd(ereg) estopts(dead(d) strata(g))")
    assert np.abs(plain.panels[0].series[0].y - strata.panels[0].series[0].y).max() > 1e-3


def test_strata_for_x_is_the_terms_and_cons(s):
    """fracpred's for(x): pcalc sums the terms and _b[_cons] (no indicator)."""
    ref = STRATA["ereg"]
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(ereg) estopts(dead(d) strata(g)) predopts(for(x))")
    at = np.asarray(graph.panels[0].series[0].x)
    b = np.asarray(ref["b"])
    X = np.column_stack([np.ones(at.size), at ** ref["powers"][0], at ** ref["powers"][1]])
    np.testing.assert_allclose(graph.panels[0].series[0].y, X @ b[:3], rtol=1e-5)


def _best_streg_degree1(s, at, options: str):
    """streg (after ``stset y, failure(d)``) on each of fracpoly's degree-1 terms: (design at
    ``at``, b, V) of the first equation at the largest log likelihood."""
    fits = []
    for p in (-2, -1, -0.5, 0, 0.5, 1, 2, 3):
        out, rc = run(s, "capture drop t1\ngen double t1 = %s\nstset y, failure(d)\nquietly streg t1, %s"
                      % ("ln(x)" if p == 0 else f"x^{p}", options))
        assert rc == 0, out
        X = np.column_stack([np.log(at) if p == 0 else at ** p, np.ones(at.size)])
        b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
        fits.append((s.e.scalars["ll"], X, b, V))
    return max(fits, key=lambda f: f[0])[1:]


@pytest.mark.parametrize("estopts, streg, strata", [
    ("ancillary(x)", "distribution(weibull) time ancillary(x)", False),  # ln p = a + c x
    ("strata(g) hazard", "distribution(weibull) strata(g)", True)])  # PH: p per stratum, not AFT's
def test_weibull_c_fits_match_streg(s, estopts, streg, strata):
    """degree(1): the power of streg's largest log likelihood on the same term, its x b (with
    the kept row's stratum term) and stdp."""
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(weibull) estopts(dead(d) {estopts} degree(1))")
    band, line = graph.panels[0].series
    at = np.asarray(line.x)
    X, b, V = _best_streg_degree1(s, at, streg)
    if strata:  # _t: t1, _Sg_1, _Sg_2 (streg's xi), _cons; the stratum of the row twoway keeps at each x
        g = np.asarray(STRATA["g"])[np.lexsort((BASE["y"], BASE["x"]))]
        g = g[np.r_[True, np.diff(np.sort(BASE["x"])) != 0]]
        X = np.column_stack([X[:, :1], g == 1, g == 2, X[:, 1:]])
        assert tuple(s.e.matrices["b"].colnames[:4]) == ("_t:t1", "_t:_Sg_1", "_t:_Sg_2", "_t:_cons")
    k = X.shape[1]
    b, V = b[:k], V[:k, :k]
    np.testing.assert_allclose(line.y, X @ b, rtol=1e-5)
    se = np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))
    np.testing.assert_allclose(band.y2 - band.y, 2 * float(norm.ppf(0.975)) * se, rtol=1e-4)


@pytest.mark.parametrize("text", ["estcmd(weibull) estopts(dead(d) strata(g) ancillary(x))",  # weibull_c: r(198)
                                  "estcmd(ereg) estopts(dead(d) ancillary(x))",  # ereg has none: mlopts
                                  "estcmd(weibull) estopts(dead(d) score(s*))",
                                  "estcmd(ereg) estopts(dead(d) score(s1))",
                                  "estcmd(weibull) estopts(dead(d) noconstant score(a b))"])
def test_failing_options_are_the_note(s, text):
    out, rc = run(s, f"twoway fpfit y x, {text}")
    assert rc == 0 and NOTE in out


@pytest.mark.parametrize("command, start", [
    ("weibull", "from(y:_cons=2 ln_p:_cons=0.5)"),
    ("weibull", "from(/ln_p=0.1)"),
    ("weibull", "from(b0, skip)"),
    ("ereg", "from(y:_cons=-2)"),
    ("ereg", "from(b0, skip)"),
    ("weibull", "noconstant from(ln_p:_cons=0.2)"),  # weibull_c: no _cons, no model without x
    ("ereg", "strata(g) from(y:_Sg_2=0.5 y:_cons=-1)"),
])
def test_from_starts_ml_at_the_same_maximum(s, command, start):
    setup = "matrix b0 = (0.1, 2, 0.3)\nmatrix colnames b0 = y:Ix__1 y:_cons ln_p:_cons\n"
    others = start[:start.index("from(")]
    plain, _ = drawn(s, f"{setup}twoway fpfitci y x, estcmd({command}) estopts(dead(d) {others})")
    typed, _ = drawn(s, f"twoway fpfitci y x, estcmd({command}) estopts(dead(d) {start})")
    for a, b in zip(plain.panels[0].series, typed.panels[0].series):
        np.testing.assert_allclose(b.y, a.y, rtol=1e-6)
        if getattr(a, "y2", None) is not None:  # the band
            np.testing.assert_allclose(b.y2, a.y2, rtol=1e-6)


@pytest.mark.parametrize("command, start", [
    ("weibull", "from(y:_cons=2)"),  # weibull_s's AdjFrom: must specify a value of ln_p:_cons, r(498)
    ("weibull", "from(y:Ix__1=0.1 ln_p:_cons=0)"),  # the model without x lacks Ix__1: ml's r(111)
    ("ereg", "from(b0)"),  # b0's columns name what the model without x lacks, no skip
    ("ereg", "from(nosuch)"),  # no such matrix
    ("weibull", "from(1 2 3, copy)"),  # the model without x has 2 parameters: r(503)
])
def test_from_that_ml_rejects_is_the_note(s, command, start):
    out, rc = run(s, "matrix b0 = (0.1, 2)\nmatrix colnames b0 = y:Ix__1 y:_cons\n"
                  f"twoway fpfit y x, estcmd({command}) estopts(dead(d) {start})")
    assert rc == 0 and NOTE in out, out


def test_from_without_ln_p_is_fine_after_weibull_c(s):
    """offset() sends weibull to weibull_c, whose init(`from') needs no ln_p value."""
    out, rc = run(s, "gen double o = 0\ntwoway fpfit y x, estcmd(weibull) estopts(dead(d) offset(o) from(y:_cons=2))")
    assert rc == 0 and NOTE not in out, out


def test_string_strata_are_the_numeric_ones(s):
    numeric, _ = drawn(s, "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) strata(g))")
    string, _ = drawn(s, 'gen str2 sg = "a" + string(g)\ntwoway fpfitci y x, estcmd(weibull) estopts(dead(d) strata(sg))')
    for a, b in zip(numeric.panels[0].series, string.panels[0].series):
        np.testing.assert_allclose(b.y, a.y, rtol=1e-8)


def test_constraint_on_an_indicator_merges_its_stratum_with_the_first(s):
    """constraints() name xi's indicators as ml does (``y:_Sg_2``): [y]_Sg_2 = 0 is the fit with
    levels 0 and 2 one stratum."""
    merged, _ = drawn(s, "gen h = g == 1\ntwoway fpfit y x, estcmd(ereg) estopts(dead(d) strata(h))")
    constrained, _ = drawn(s, "constraint 1 [y]_Sg_2 = 0\n"
                           "twoway fpfit y x, estcmd(ereg) estopts(dead(d) strata(g) constraints(1))")
    np.testing.assert_allclose(constrained.panels[0].series[0].y, merged.panels[0].series[0].y, rtol=1e-6)


def test_missing_strata_leave_the_row_out(s):
    """xi's indicators are missing where g is: markout drops the row, as streg's."""
    graph, _ = drawn(s, "replace g = . in 1\ntwoway fpfit y x, estcmd(ereg) estopts(dead(d) strata(g))")
    sub, _ = drawn(s, "twoway fpfit y x if _n > 1, estcmd(ereg) estopts(dead(d) strata(g))")
    a, b = graph.panels[0].series[0], sub.panels[0].series[0]
    kept = np.isfinite(np.asarray(a.y, float))
    np.testing.assert_allclose(np.asarray(a.y)[kept], np.asarray(b.y)[np.isin(b.x, np.asarray(a.x)[kept])], rtol=1e-8)
