"""twoway fpfit/fpfitci: fracpoly's sample, not the estimation command's, for frac_xo's shift and
scale and fracgen's centring (graphs.fpfit_st_common.with_fracpoly_sample,
graphs.fpfit_command_sample.best_fp_on_fracpoly_rows).

frac_154 marks ``touse`` over the plot's y, x and _t (st form) or y, x and dead() only; fracgen
``rhs pwrs if touse`` centres over it.  Rows the command then drops (a missing offset()) stay in
the centring; rows with dead() missing are out of it.  The line and band are checked against the
plain command fitted by hand on terms centred over fracpoly's rows (the commands' numbers are
checked against R survival elsewhere: tests/test_survival_stcrreg*.py, test_survival_stcox*.py);
stcox's here also against R's coxph (fracpoly_sample_coxph.R, fracpoly_sample_coxph.json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

HERE = Path(__file__).parent / "survival_reference"
DROPPED = 6  # rows 1/6: o (or d) missing


def _session(new_session, setup):
    from graphs_helpers import run

    s = new_session(pd.read_csv(HERE / "melanoma.csv").astype(float))
    out, rc = run(s, setup)
    assert rc == 0, out
    return s


def _terms(v, touse, shift=0.0, scale=10.0):
    """fracgen's powers (0, 0) terms of (v + shift)/scale centred at the mean over ``touse``."""
    z = (v + shift) / scale
    zbar = z[touse].mean()
    return np.column_stack([np.log(z) - np.log(zbar), np.log(z) ** 2 - np.log(zbar) ** 2])


def _first(x, y):
    """twoway's kept row at each distinct x (sorted by x, then y)."""
    order = np.lexsort((y, x))
    return order[np.r_[True, np.diff(x[order]) != 0]]


def _by_hand(s, command, T, x, fitted, offset=None):
    """(x b, stdp) at the kept rows from ``command`` run on the hand-made terms T (columns t1 t2)
    and x; missing outside the command's rows ``fitted``."""
    from graphs_helpers import run

    ds = s.data
    ds.set_variable("t1", T[:, 0], vtype="double")
    ds.set_variable("t2", T[:, 1], vtype="double")
    out, rc = run(s, command)
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()[:3]
    V = np.asarray(s.e.matrices["V"].values, float)[:3, :3]
    first = _first(x, ds.numeric("thickness"))
    X0 = np.column_stack([T[first], x[first]])
    xb = X0 @ b + (0.0 if offset is None else offset[first])
    se = np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0))
    out_of = ~fitted[first]
    return np.where(out_of, np.nan, xb), np.where(out_of, np.nan, se)


def _drawn(s, command):
    """(the line's y, the band's half-width over the normal quantile): the points drawn (twoway
    leaves out those fracpred left missing)."""
    from graphs_helpers import drawn

    graph, _ = drawn(s, command)
    band, line = graph.panels[0].series
    return line.y, (band.y2 - band.y) / (2 * norm.ppf(0.975))


def _assert_drawn(line, se, xb, stdp, rtol=1e-6):
    """The drawn points are the hand values where those are not missing (out of e(sample))."""
    kept = np.isfinite(xb)
    assert 0 < kept.sum() < kept.size  # some kept rows are out of the command's sample
    np.testing.assert_allclose(line, xb[kept], rtol=rtol, atol=rtol * 1e-2)
    np.testing.assert_allclose(se, stdp[kept], rtol=rtol, atol=rtol * 1e-2)


OFFSET = "stset time, failure(status==1)\ngen o = 0\nreplace o = . in 1/6"


@pytest.mark.parametrize("command, plain", [
    ("stcrreg", "stcrreg t1 t2 age, compete(status==3) offset(o)"),
    ("stcox", "stcox t1 t2 age, offset(o)"),
])
def test_centred_over_fracpoly_sample_with_an_offset_missing(new_session, command, plain):
    s = _session(new_session, OFFSET)
    ds = s.data
    thick, age = ds.numeric("thickness"), ds.numeric("age")
    touse = np.ones(ds.nobs, bool)  # fracpoly: y, x, _t -- the offset is stcrreg's/stcox's markout
    fitted = np.isfinite(ds.numeric("o"))
    line, se = _drawn(s, f"twoway fpfitci thickness age, estcmd({command}) "
                         f"estopts({'compete(status==3) ' if command == 'stcrreg' else ''}powers(0) offset(o))")
    xb, stdp = _by_hand(s, plain, _terms(thick, touse), age, fitted, ds.numeric("o"))
    _assert_drawn(line, se, xb, stdp)
    # centred over the command's rows instead, the line moves (what the test guards against)
    xb_wrong, _ = _by_hand(s, plain, _terms(thick, fitted), age, fitted, ds.numeric("o"))
    assert np.nanmax(np.abs(xb_wrong - xb)) > 1e-2


def test_shift_and_scale_over_fracpoly_sample(new_session):
    """x <= 0 only on a row stcox drops: frac_xo's shift (-min + the rounding interval) and the
    scale are fracpoly's, over every row with y, x and _t."""
    s = _session(new_session, OFFSET + "\ngen v = thickness - 1\nreplace v = -3 in 2")
    ds = s.data
    v, age = ds.numeric("v"), ds.numeric("age")
    fitted = np.isfinite(ds.numeric("o"))
    distinct = np.unique(v)
    shift = 3.0 + np.diff(distinct).min()
    span = (v + shift).max() - (v + shift).min()
    scale = 10.0 ** np.trunc(np.log10(span))
    line, se = _drawn(s, "twoway fpfitci v age, estcmd(stcox) estopts(powers(0) offset(o))")
    xb, stdp = _by_hand(s, "stcox t1 t2 age, offset(o)", _terms(v, np.ones(ds.nobs, bool), shift, scale), age,
                        fitted, ds.numeric("o"))
    _assert_drawn(line, se, xb, stdp)


def test_streg_shift_over_fracpoly_sample(new_session):
    """streg (a constant: the centring moves nothing) -- frac_xo's shift over fracpoly's rows."""
    s = _session(new_session, OFFSET + "\ngen v = thickness - 1\nreplace v = -3 in 2")
    ds = s.data
    v, age = ds.numeric("v"), ds.numeric("age")
    fitted = np.isfinite(ds.numeric("o"))
    shift = 3.0 + np.diff(np.unique(v)).min()
    scale = 10.0 ** np.trunc(np.log10((v + shift).max() - (v + shift).min()))
    T = _terms(v, np.ones(ds.nobs, bool), shift, scale)
    line, se = _drawn(s, "twoway fpfitci v age, estcmd(streg) estopts(distribution(weibull) powers(0) offset(o))")
    from graphs_helpers import run

    ds.set_variable("t1", T[:, 0], vtype="double")
    ds.set_variable("t2", T[:, 1], vtype="double")
    out, rc = run(s, "streg t1 t2 age, distribution(weibull) offset(o)")
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()[:4]
    V = np.asarray(s.e.matrices["V"].values, float)[:4, :4]
    first = _first(age, v)
    X0 = np.column_stack([T[first], age[first], np.ones(first.size)])
    xb = np.where(fitted[first], X0 @ b + ds.numeric("o")[first], np.nan)
    stdp = np.where(fitted[first], np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), np.nan)
    _assert_drawn(line, se, xb, stdp, rtol=1e-5)


def test_cox_dead_missing_is_out_of_the_centring(new_session):
    """estcmd(cox) estopts(dead(d)): fracpoly marks out dead(), so rows with d missing are out of
    fracgen's mean (they stay among twoway's points, missing: out of e(sample))."""
    s = _session(new_session, "gen d = status == 1\nreplace d = . in 1/6")
    ds = s.data
    thick, time = ds.numeric("thickness"), ds.numeric("time")
    touse = np.isfinite(ds.numeric("d"))
    line, se = _drawn(s, "twoway fpfitci time thickness, estcmd(cox) estopts(dead(d) powers(0))")
    from graphs_helpers import run

    T = _terms(thick, touse)
    ds.set_variable("t1", T[:, 0], vtype="double")
    ds.set_variable("t2", T[:, 1], vtype="double")
    out, rc = run(s, "stset time, failure(d)\nstcox t1 t2 if d < .")
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    V = np.asarray(s.e.matrices["V"].values, float)
    first = _first(thick, time)
    X0 = T[first]
    xb = np.where(touse[first], X0 @ b, np.nan)
    stdp = np.where(touse[first], np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), np.nan)
    _assert_drawn(line, se, xb, stdp)


def test_stcox_against_r_coxph(new_session):
    """stcox's line and band against R's coxph with offset(), on terms centred over all rows
    (fracpoly_sample_coxph.R)."""
    ref = json.loads((HERE / "fracpoly_sample_coxph.json").read_text())
    s = _session(new_session, OFFSET)
    line, se = _drawn(s, "twoway fpfitci thickness age, estcmd(stcox) estopts(powers(0) offset(o))")
    np.testing.assert_allclose(line, ref["xb"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5, atol=1e-7)
