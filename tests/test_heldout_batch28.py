"""Fixes from the twenty-eighth held-out batch (tests/realworld/README.md):

* ``melogit ..., base or`` (heldout/anon-pandora-glp1, anon-anaesthesia-checklist): the display
  options take _get_diopts' abbreviations (BASElevels, ALLBASElevels, NOOMITted, NOEMPTYcells;
  Stata 16's base ado) in the me commands and the other estimation tables.
* ``mi estimate, base or cmdok: melogit ...``: u_mi_estimate.ado's CMDOK and the base levels it
  hands to _get_diopts; the pooled table groups factor rows as the fits' tables do.
* ``xtmixed ptv || cntry: || respid: ||`` (heldout/anon-ptv-welfare-support): a trailing ``||``
  after the last equation adds nothing.
* ``tabodds y phase, or`` (heldout/anon-anaesthesia-checklist): tab_or.ado's odds ratios
  against the base level, checked here against the 2 x 2 tables' Mantel-Haenszel numbers
  computed with numpy from mhodds.ado's formulas.
* ``melogit ..., noasis``: gsem's global noasis, taken where no fixed column predicts the
  outcome perfectly (the fit is the one without it), refused otherwise.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _clusters(seed=28, groups=12, per=15):
    rng = np.random.default_rng(seed)
    n = groups * per
    g = np.repeat(np.arange(1, groups + 1), per)
    f = rng.integers(1, 4, n)
    x = rng.normal(size=n)
    eta = -0.3 + 0.6 * (f == 2) + 0.9 * (f == 3) + 0.4 * x + rng.normal(0, 0.5, groups)[g - 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    cont = 1 + 0.5 * x + rng.normal(0, 0.7, groups)[g - 1] + rng.normal(size=n)
    return pd.DataFrame({"g": g.astype(float), "f": f.astype(float), "x": x, "y": y, "cont": cont})


# ---------------------------------------------------------------- display options
def test_me_base_abbreviation_shows_the_base_row(do):
    rc, out, _ = do("melogit y i.f x || g:, base or nolog", _clusters())
    assert rc == 0, out
    assert "(base)" in out and "Odds Ratio" in out
    rc, plain, _ = do("melogit y i.f x || g:, or nolog", _clusters())
    assert rc == 0 and "(base)" not in plain
    rc, out, _ = do("melogit y i.f x || g:, bas nolog", _clusters())
    assert rc == 198 and "option bas not allowed" in out  # BASElevels: four letters at least


def test_noomit_and_allbase_abbreviations(do):
    rc, out, _ = do("logit y i.f x, allbase noomit noempty nolog", _clusters())
    assert rc == 0, out
    assert "(base)" in out


# ---------------------------------------------------------------- mi estimate
def _mi_frame(M=3, seed=5):
    frame = _clusters(seed=seed)
    rng = np.random.default_rng(seed)
    z = frame["x"].to_numpy() * 0.3 + rng.normal(size=len(frame))
    missing = rng.random(len(frame)) < 0.25
    frame["z"] = np.where(missing, np.nan, z)
    for m in range(1, M + 1):
        frame[f"z{m}"] = np.where(missing, rng.normal(size=len(frame)), z)
    return frame


def test_mi_estimate_base_and_cmdok(do):
    rc, first, _ = do("mi import wide, imputed(z = z1 z2 z3)\nmi estimate, base or cmdok: logit y i.f z", _mi_frame())
    assert rc == 0, first
    rc, second, _ = do("mi import wide, imputed(z = z1 z2 z3)\nmi estimate, or: logit y i.f z", _mi_frame())
    assert rc == 0, second
    # grouped factor rows: the term heading, then its levels; the base row only with base
    assert "\n           f |\n" in first and "          1  |          1  (base)" in first
    assert "(base)" not in second and "(omitted)" not in second
    rc, out, _ = do("mi import wide, imputed(z = z1 z2 z3)\nmi estimate, cmd: logit y i.f z", _mi_frame())
    assert rc == 198 and "option cmd not allowed" in out  # CMDOK: the whole word


# ---------------------------------------------------------------- trailing ||
def test_trailing_double_bar_is_dropped(do):
    rc, out, s = do("mixed cont x || g: ||", _clusters())
    assert rc == 0, out
    ll = s.e.scalars["ll"]
    rc, _, s2 = do("mixed cont x || g:", _clusters())
    assert rc == 0 and s2.e.scalars["ll"] == pytest.approx(ll, rel=1e-12)
    rc, out, s = do("xtmixed cont x || g: , cov(un)||", _clusters())
    assert rc == 0 and s.e.scalars["ll"] == pytest.approx(ll, rel=1e-12)
    rc, out, _ = do("mixed cont x ||", _clusters())  # no equation at all: still refused
    assert rc == 198
    rc, out, _ = do("mixed cont x || g: || || g:", _clusters())
    assert rc == 198


# ---------------------------------------------------------------- tabodds, or
def _mh_single_stratum(a, b, c, d, level=95.0):
    """mhodds.ado's compare() numbers for one 2 x 2 table: a, b cases/controls at the level,
    c, d at the base level."""
    p1, p2 = a + b, c + d
    n = p1 + p2
    q, r = a * d / n, c * b / n
    v = p1 * p2 * (a + c) * (b + d) / ((n - 1) * n ** 2)
    odds = q / r
    chi2 = (q - r) ** 2 / v
    z = stats.norm.ppf(0.5 + level / 200)
    ef = math.exp(z * math.sqrt(v / (q * r)))
    return odds, chi2, stats.chi2.sf(chi2, 1), odds / ef, odds * ef


def test_tabodds_or_against_mantel_haenszel(do):
    df = _clusters(seed=9, groups=20, per=20)
    rc, out, s = do("tabodds y f, or", df)
    assert rc == 0, out
    rows = [ln for ln in out.splitlines() if ln[:12].strip() in ("1", "2", "3") and "|" in ln]
    assert len(rows) == 3
    y, f = df["y"].to_numpy(), df["f"].to_numpy()
    cases = {k: ((y == 1) & (f == k)).sum() for k in (1, 2, 3)}
    ctrls = {k: ((y == 0) & (f == k)).sum() for k in (1, 2, 3)}
    base = rows[0].split("|")[1].split()
    assert base == ["1.000000", ".", ".", ".", "."]
    for k, line in zip((2, 3), rows[1:]):
        want = _mh_single_stratum(cases[k], ctrls[k], cases[1], ctrls[1])
        got = [float(v) for v in line.split("|")[1].split()]
        assert got[0] == pytest.approx(want[0], abs=1e-6)
        assert got[1] == pytest.approx(want[1], abs=0.005)
        assert got[2] == pytest.approx(want[2], abs=5e-5)
        assert got[3] == pytest.approx(want[3], abs=1e-6) and got[4] == pytest.approx(want[4], abs=1e-6)
    # tab_or.ado's layout: the bar at column 14, chi2 ending at 37, p at 45
    assert rows[1].index("|") == 13
    assert out.splitlines()[2].startswith("           f |  Odds Ratio       chi2       P>chi2")
    # the tests and r() are tabodds's own, as without or
    rc, plain, s2 = do("tabodds y f", df)
    assert s.r["chi2_hom"] == pytest.approx(s2.r["chi2_hom"]) and s.r["chi2_tr"] == pytest.approx(s2.r["chi2_tr"])
    assert plain.splitlines()[-5:] == out.splitlines()[-5:]


def test_tabodds_or_base_and_errors(do):
    df = _clusters(seed=9, groups=20, per=20)
    rc, out, _ = do("tabodds y f, or base(2)", df)
    assert rc == 0, out
    rows = [ln for ln in out.splitlines() if ln[:12].strip() in ("1", "2", "3") and "|" in ln]
    assert rows[1].split("|")[1].split() == ["1.000000", ".", ".", ".", "."]
    rc, out, _ = do("tabodds y f, or base(4)", df)
    assert rc == 198 and "base() invalid; must be between 1 and 3" in out
    rc, out, _ = do("tabodds y f, base(2)", df)
    assert rc == 198 and "base() option only valid with OR" in out
    rc, out, _ = do("tabodds y, or", df)
    assert rc == 102 and "too few variables specified" in out


# ---------------------------------------------------------------- noasis
def test_noasis_without_perfect_predictors_is_the_same_fit(do):
    rc, out, s = do("melogit y i.f x || g:, noasis nolog", _clusters())
    assert rc == 0, out
    rc, _, s2 = do("melogit y i.f x || g:, nolog", _clusters())
    assert s.e.scalars["ll"] == pytest.approx(s2.e.scalars["ll"], rel=1e-12)


def test_noasis_refused_with_a_perfect_predictor_or_another_family(do):
    df = _clusters()
    df.loc[df["f"] == 3, "y"] = 1.0
    rc, out, s = do("melogit y i.f x || g:, noasis nolog", df)
    assert rc == 199 and "3.f predicts the outcome perfectly" in out and s.e is None
    df["cnt"] = np.arange(len(df)) % 4
    rc, out, _ = do("mepoisson cnt x || g:, noasis", df)
    assert rc == 198 and "option noasis not allowed" in out
