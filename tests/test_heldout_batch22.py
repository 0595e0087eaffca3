"""Fixes from the twenty-second held-out batch (tests/realworld/README.md):

* ``mixed math ... || _all: R.school, nocons covariance(identity) || student: time, ...``
  (heldout/anon-ccrem-mobility): _mixed_parsecmd.ado reads an R. equation with the same
  ``[, noConstant COVariance(name) COLlinear ...]`` as any other and sets its constant to
  noconstant either way, so ``nocons`` is accepted and changes nothing; ParseCov refuses
  independent and unstructured for a factor with "... covariance structure not allowed for
  factor variables";
* ``reghdfe scores ${xvec}, absorb(teach_eff = i.id_teacher) resid(residual) nocons``
  (heldout/anon-va-pset): reghdfe's ``noCONstant`` (reghdfe.ado 6 and reghdfe5_parse.ado,
  "kept for backward compatibility"): report_constant = 0, so _cons is not in e(b) and the
  absorbed effects keep the intercept (d = y - xb - resid with xb free of it);
* ``di "..." ${s_A`i'} " ..." ${r_`i'}`` (the same file): the local inside the braces of a
  global is expanded first, then the global it names;
* ``margins month, nopvalues`` (heldout/anon-ivrm-ch17): the display options noci and
  nopvalues of [R] margins (_get_diopts' NOCI NOPValues) drop the interval or the test
  columns -- the file's own Stata log shows the nopvalues table (Margin, std. err., interval);
* ``contrast ar3.group#r.month`` (the same file): a contrast operator with a level number or
  numlist keeps the contrasts of those levels (ar3.: 3 vs 2) -- the file's Stata log shows the
  one group contrast "(Education vs Medication)" of ar3.group.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _vector(e, name="b"):
    m = e.matrices[name]
    return np.asarray(m.values, float), list(m.colnames)


# ----------------------------------------------------------------------------- mixed R., nocons

def _grouped(seed: int, group: str, groups: int, size: int, cons: float, slope: float, sd: float):
    """y = cons + slope x + a group effect (sd) + noise, ``groups`` groups of ``size`` rows."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), size)
    x = rng.normal(size=g.size)
    y = cons + slope * x + rng.normal(0, sd, size=groups + 1)[g] + rng.normal(size=g.size)
    return pd.DataFrame({group: g.astype(float), "x": x, "y": y})


@pytest.fixture(scope="module")
def schools():
    return _grouped(22, "school", 8, 12, 1.0, 0.5, 0.8)


def test_r_equation_takes_nocons_and_is_the_two_level_model(do, schools):
    rc, out, crossed = do("mixed y x || _all: R.school, nocons covariance(identity) reml", schools)
    assert rc == 0, out
    rc, out, plain = do("mixed y x || _all: R.school, reml", schools)
    assert rc == 0, out
    assert crossed.e.scalars["ll"] == plain.e.scalars["ll"]
    # the Stata blog's identity: || _all: R.school is the random intercept of || school:
    rc, out, nested = do("mixed y x || school:, reml", schools)
    assert rc == 0, out
    assert crossed.e.scalars["ll"] == pytest.approx(nested.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(_vector(crossed.e)[0][0, :2], _vector(nested.e)[0][0, :2], rtol=1e-6)


@pytest.mark.parametrize("cov", ["unstructured", "independent"])
def test_r_equation_refuses_independent_and_unstructured_as_parsecov(do, schools, cov):
    rc, out, s = do(f"mixed y x || _all: R.school, covariance({cov})", schools)
    assert rc == 198
    assert f"{cov} covariance structure not allowed for factor variables" in out
    assert s.e is None


# ----------------------------------------------------------------------------- reghdfe noconstant

@pytest.fixture(scope="module")
def classes():
    return _grouped(221, "teacher", 10, 6, 2.0, 0.8, 0.5)


def test_reghdfe_noconstant_leaves_cons_out_and_in_the_absorbed_effects(do, classes):
    text = """reghdfe y x, absorb(fe1 = i.teacher) resid(r1)
scalar cons = _b[_cons]
reghdfe y x, absorb(fe0 = i.teacher) resid(r0) nocons"""
    rc, out, s = do(text, classes)
    assert rc == 0, out
    b, names = _vector(s.e)
    assert names == ["x"] and s.e.scalars["report_constant"] == 0
    # the within slope and the absorbed effects by hand: d_g = mean_g(y - b x), no intercept removed
    g = classes["teacher"].to_numpy()
    xd = classes["x"] - classes.groupby("teacher")["x"].transform("mean")
    yd = classes["y"] - classes.groupby("teacher")["y"].transform("mean")
    slope = float((xd * yd).sum() / (xd * xd).sum())
    assert b[0, 0] == pytest.approx(slope, rel=1e-9)
    d = (classes["y"] - slope * classes["x"]).groupby(g).transform("mean").to_numpy()
    df = s.data.df
    np.testing.assert_allclose(df["fe0"].to_numpy(), d, rtol=1e-9)
    np.testing.assert_allclose(df["r0"].to_numpy(), df["r1"].to_numpy(), atol=1e-12)
    np.testing.assert_allclose(df["fe0"].to_numpy() - df["fe1"].to_numpy(), float(s.scalars["cons"]), rtol=1e-9)
    rc, out, _ = do("reghdfe y x, absorb(teacher) nocons", classes)
    assert rc == 0 and "_cons" not in out and " x |" in out


def test_reghdfe_reports_the_constant_by_default(do, classes):
    rc, out, s = do("reghdfe y x, absorb(teacher)", classes)
    assert rc == 0, out
    assert _vector(s.e)[1] == ["x", "_cons"] and s.e.scalars["report_constant"] == 1


# ----------------------------------------------------------------------------- ${x`i'}

def test_global_named_by_a_local_inside_braces(do):
    text = """global s_A2 = -.5
global r_2 = .25
local i 2
di "lag `i': " ${s_A`i'} " and " ${r_`i'}
local v = ${s_A`i'} * 2
di `v'"""
    rc, out, _ = do(text)
    assert rc == 0, out
    assert "lag 2: -.5 and .25" in out
    assert out.rstrip().splitlines()[-1].strip() == "-1"


# ----------------------------------------------------------------------------- margins noci / nopvalues

@pytest.fixture(scope="module")
def trial():
    rng = np.random.default_rng(17)
    group = np.repeat([1, 2, 3], 40)
    y = 350 + 10 * group + rng.normal(0, 30, size=group.size)
    return pd.DataFrame({"group": group.astype(float), "y": y})


def _header(out: str) -> str:
    return next(line for line in out.splitlines() if "Margin" in line and "|" in line)


def test_margins_nopvalues_and_noci_drop_their_columns(do, trial):
    rc, full, s = do("regress y i.group\nmargins group", trial)
    assert rc == 0, full
    table = np.asarray(s.r["table"].values, float)
    rc, nop, _ = do("regress y i.group\nmargins group, nopvalues", trial)
    assert rc == 0, nop
    assert "Conf. Interval]" in _header(nop) and "P>|t|" not in _header(nop)
    rc, noci, _ = do("regress y i.group\nmargins group, noci", trial)
    assert rc == 0, noci
    assert "P>|t|" in _header(noci) and "Interval" not in _header(noci)
    rc, both, _ = do("regress y i.group\nmargins group, noci nopv", trial)
    assert rc == 0, both
    assert _header(both).split("|")[1].split() == ["Margin", "Std.", "Err."]
    # the same numbers in each: row 1 of the nopvalues table is b, se, ll, ul of margin 1
    row = next(line for line in nop.splitlines() if line.strip().startswith("1  |"))
    values = [float(v) for v in row.split("|")[1].split()]
    np.testing.assert_allclose(values, table[[0, 1, 4, 5], 0], rtol=1e-5)


# ----------------------------------------------------------------------------- contrast ar3.

def test_contrast_operator_with_a_level_keeps_that_levels_contrast(do, trial):
    rc, out, s = do("regress y i.group\ncontrast ar3.group, nowald effects", trial)
    assert rc == 0, out
    b, names = _vector(s.e)
    V = np.asarray(s.e.matrices["V"].values, float)
    # 3 vs 2 from the regression's own coefficients: _b[3.group] - _b[2.group]
    L = np.zeros(len(names))
    L[names.index("3.group")], L[names.index("2.group")] = 1.0, -1.0
    assert np.asarray(s.r["b"].values, float).ravel() == pytest.approx([L @ b.ravel()], rel=1e-9)
    assert np.asarray(s.r["V"].values, float).ravel() == pytest.approx([L @ V @ L], rel=1e-9)
    assert "(3 vs 2)" in out and "(2 vs 1)" not in out


def test_contrast_level_numlist_and_plain_operator(do, trial):
    rc, first, _ = do("regress y i.group\ncontrast r(2/3).group, nowald", trial)
    assert rc == 0, first
    rc, second, _ = do("regress y i.group\ncontrast r3.group, nowald", trial)
    assert rc == 0, second
    assert "(2 vs 1)" in first and "(3 vs 1)" in first
    assert "(3 vs 1)" in second and "(2 vs 1)" not in second


def test_margins_noci_with_contrasts_is_refused_not_ignored(do, trial):
    rc, out, s = do("regress y i.group\nmargins r.group, nopvalues", trial)
    assert rc == 198 and "not supported by mlmcli" in out
    rc, out, _ = do("regress y i.group\nmargins r.group, contrast(pveffects)", trial)
    assert rc == 0 and "P>|t|" in out
