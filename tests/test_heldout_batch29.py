"""Held-out batch 29 (tests/realworld/README.md, twenty-ninth batch): what its three files needed.

- margins after xtpcse and xtgls (their e(b)'s design, the linear prediction): an at() that fixes
  every covariate is a linear combination of e(b), checked against lincom; dydx() of a plain
  regressor is its coefficient;
- ``margins, dydx( )`` with nothing inside is margins without dydx() (Stata 16's _marg_work.class
  takes dydx() as passthru and ._parse_dydx reads it with ``dydx(string)``); two of them, even
  empty, still may not be combined;
- ``at(x==(...))`` is ``at(x=(...))``;
- a lag range inside an interaction, ``l(0/2).x##f``, is the group of its lags (checked against
  the same model on lags made by generate);
- a factor of a lagged variable (``1L.x``) is a margins covariate of its own: dydx(l.x) and
  at(l.x=(0)) after ``l(0/1).x##f`` (checked against lincom).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest


def _panel(seed=29, panels=6, periods=14):
    rng = np.random.default_rng(seed)
    pid = np.repeat(np.arange(1, panels + 1), periods)
    t = np.tile(np.arange(1, periods + 1), panels)
    f = (rng.random(len(pid)) < 0.4).astype(float)
    g = rng.integers(1, 4, len(pid)).astype(float)
    e = (rng.random(len(pid)) < 0.3).astype(float)
    x = rng.normal(size=len(pid))
    z = rng.normal(size=len(pid))
    y = 1 + 0.5 * x - 0.3 * z + 0.8 * f + 0.4 * (g == 2) + 1.5 * e + rng.normal(0, 0.2, panels)[pid - 1] \
        + rng.normal(size=len(pid))
    return pd.DataFrame({"id": pid.astype(float), "t": t.astype(float), "y": y, "x": x, "z": z, "f": f,
                         "g": g, "e": e})


def _scalar(session, name):
    return float(session.r[name])


def _rb(session):
    return np.asarray(session.r["b"].values, float).ravel()


def _lincom(do, session, expr):
    rc, out, _ = do(f"lincom {expr}", session=session)
    assert rc == 0, out
    return _scalar(session, "estimate"), _scalar(session, "se")


# ---------------------------------------------------------------- margins after xtpcse / xtgls
@pytest.mark.parametrize("fit", ["xtpcse y x z i.g, c(psar1) hetonly", "xtgls y x z i.g, panels(hetero) c(ar1)"])
def test_margins_after_panel_gls_is_a_combination_of_eb(do, fit):
    rc, out, s = do(f"xtset id t\n{fit}", _panel())
    assert rc == 0, out
    rc, out, _ = do("margins, at(x=1.5 z=-1 g=2)", session=s)
    assert rc == 0, out
    assert "Adjusted predictions" in out and "Linear prediction" in out
    b = _rb(s)[0]
    se = float(np.sqrt(np.asarray(s.r["V"].values, float)[0, 0]))
    est, lse = _lincom(do, s, "_cons + 1.5*x - z + 2.g")
    assert b == pytest.approx(est, rel=1e-9) and se == pytest.approx(lse, rel=1e-7)


def test_margins_dydx_post_after_xtgls_stores(do):
    rc, out, s = do("xtset id t\nxtgls y x z, panels(correlated) c(psar1)", _panel())
    assert rc == 0, out
    bx = float(s.e.coefficients().b[0])
    rc, out, _ = do("quietly margins, dydx(x z) post\nestimates store m1", session=s)
    assert rc == 0, out
    assert float(s.e.coefficients().b[0]) == pytest.approx(bx, rel=1e-10)
    assert s.e.cmd == "margins"


def test_margins_after_xtpcse_refuses_stdp(do):
    rc, out, s = do("xtset id t\nxtpcse y x z", _panel())
    assert rc == 0
    rc, out, _ = do("margins, predict(stdp)", session=s)
    assert rc != 0 and "stdp" in out


# ---------------------------------------------------------------- dydx( ) and at(x==...)
def test_empty_dydx_is_no_dydx(do):
    rc, out, s = do("regress y x z i.g\nmargins, dydx( ) at(x=(0 1))", _panel())
    assert rc == 0, out
    assert "Predictive margins" in out and "dy/dx" not in out
    empty = _rb(s)
    rc, out, _ = do("margins, at(x=(0 1))", session=s)
    np.testing.assert_allclose(empty, _rb(s), rtol=1e-12)
    rc, out, _ = do("margins, dydx() eyex()", session=s)
    assert rc == 198 and "may not be combined" in out


def test_doubled_equals_in_at(do):
    rc, out, s = do("regress y c.x##c.z\nmargins, dydx(x) at(z==(-1(1)1))", _panel())
    assert rc == 0, out
    doubled = _rb(s)
    rc, out, _ = do("margins, dydx(x) at(z=(-1(1)1))", session=s)
    assert rc == 0
    np.testing.assert_allclose(doubled, _rb(s), rtol=1e-12)
    assert len(doubled) == 3


# ---------------------------------------------------------------- lag ranges in interactions
def test_lag_range_in_interaction_equals_generated_lags(do):
    script = ("xtset id t\nregress y l(0/2).e##f x\nscalar r2a = e(r2)\nscalar na = e(N)\n"
              "scalar ia = _b[1L2.e#1.f]\n"
              "gen e1 = L.e\ngen e2 = L2.e\nregress y i.e##i.f i.e1##i.f i.e2##i.f x\n"
              "assert abs(e(r2) - r2a) < 1e-12 & e(N) == na\nassert abs(_b[1.e2#1.f] - ia) < 1e-10")
    rc, out, _ = do(script, _panel())
    assert rc == 0, out


def test_lag_range_of_continuous_in_interaction(do):
    script = ("xtset id t\nregress y l(0/1).c.x##c.f\nscalar ra = e(rss)\nscalar ia = _b[cL.x#c.f]\n"
              "gen x1 = L.x\nregress y c.x##c.f c.x1##c.f\n"
              "assert reldif(e(rss), ra) < 1e-8\nassert reldif(_b[c.x1#c.f], ia) < 1e-8")
    rc, out, _ = do(script, _panel())
    assert rc == 0, out


# ---------------------------------------------------------------- factors of lagged variables in margins
def test_margins_dydx_of_a_lagged_factor(do):
    rc, out, s = do("xtset id t\nregress y l(0/1).e##f x\nmargins, dydx(l.e) at(f=(0 1))", _panel())
    assert rc == 0, out
    assert "1L.e" in out
    b = _rb(s)
    est0, _ = _lincom(do, s, "1L.e")
    est1, _ = _lincom(do, s, "1L.e + 1L.e#1.f")
    np.testing.assert_allclose(b[-2:], [est0, est1], rtol=1e-9)


def test_margins_at_a_lagged_factor(do):
    rc, out, s = do("xtset id t\nregress y l(0/1).e##f\nmargins, at(f=1 e=1 l.e=0)", _panel())
    assert rc == 0, out
    assert re.search(r"L\.e\s*=\s*0", out)
    est, se = _lincom(do, s, "_cons + 1.f + 1.e + 1.e#1.f")
    rc, out, _ = do("margins, at(f=1 e=1 l.e=0)", session=s)
    assert _rb(s)[0] == pytest.approx(est, rel=1e-9)


# ---------------------------------------------------------------- marginsplot plot#opt abbreviations
def test_marginsplot_numbered_options_abbreviate(do):
    """marginsplot.ado: ``syntax [, PLOT`i'opts(string asis) *]`` -- plot1opt() is plot1opts()."""
    rc, out, s = do("regress y i.f##i.g\nmargins g#f\nmarginsplot, plot1opt(lpattern(dash)) plot2o(msymbol(diamond)) "
                    "ci1(lcolor(red)) nodraw", _panel())
    assert rc == 0, out
    rc, out, _ = do("marginsplot, plot1optsx(lpattern(dash)) nodraw", session=s)
    assert rc == 198
