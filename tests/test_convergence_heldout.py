"""The held-out do-files' convergence failures (docs/convergence_heldout.md), each on a small
simulated copy of its data (tests/reference_values/make_convergence_heldout_data.py) with R's
numbers (tests/reference_values/convergence_heldout_reference.R -> convergence_heldout_reference.json):

- trpanel5.do ``xtnbreg lcoins ..., pa corr(exch)``: an outcome constant within panel puts
  xtgee.ado's exchangeable alpha above 1 at the first step, where the ado stops with r(430);
  mlm stops there too (R: the same alpha; geepack, which does not stop, above 1 as well);
- trpanel5.do ``xtnbreg mdu lcoins ..., fe``: with panel-constant regressors and no
  overdispersion within panel the conditional likelihood has no maximum, only a supremum at
  infinite lambda; ml's ``difficult`` (xtnbreg.ado's default) reaches a converged point on that
  ridge where the diagonal steps crept through all 300 iterations;
- ex_11_2.do ``meglm y ... ibn.person, family(ordinal)``: the cutpoints carry the constant, so a
  full ``ibn.`` set is collinear with them and its last level is omitted (as _rmcoll's ologit
  option does); a person answering 0 throughout has a coefficient running to -inf, the rest are
  the fit without that person (R's polr/clm)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "convergence_heldout_reference.json").read_text())


def _coef(s, name):
    names = list(s.e.matrices["b"].colnames)
    j = names.index(name)
    return s.e.matrices["b"].values[0][j], float(np.sqrt(s.e.matrices["V"].values[j, j]))


# ------------------------------------------------------------------ xtnbreg, pa corr(exch)
@pytest.fixture(scope="module")
def constant_outcome():
    return pd.read_csv(REF_DIR / "conv_gee_constant.csv").astype(float)


@pytest.mark.parametrize("command", ["xtnbreg lc x z, pa corr(exch) vce(robust)",
                                     "xtgee lc x z, family(nbinomial) link(log) corr(exch)",
                                     "xtpoisson lc x z, pa corr(exch)"])
def test_exchangeable_alpha_above_one_stops_as_xtgee(do, constant_outcome, command):
    rc, out, s = do(f"xtset id t\n{command}", df=constant_outcome)
    assert rc == 430, out
    assert out.strip().splitlines()[-2:] == ["estimates diverging (correlation > 1)", "r(430);"]
    assert "Iteration 1" not in out  # the ado stops before its first step's tolerance line


def test_first_alpha_is_rs(constant_outcome):
    """The alpha xtgee.ado computes at its first step, from the independence fit, is R's (> 1)."""
    from mlmcli.panel.gee import _glm_start, mean_and_derivative, model_pieces
    from mlmcli.panel.gee_structures import exchangeable_alpha

    d = constant_outcome
    y = d["lc"].to_numpy()
    X = np.column_stack([d["x"], d["z"], np.ones(len(d))])
    family, link, _ = model_pieces("nbinomial", "log", "exchangeable")
    b = _glm_start(y, X, np.zeros(len(y)), family, link, np.ones(len(y)))
    np.testing.assert_allclose(b[[2, 0, 1]], REF["gee"]["b_independence"], rtol=1e-7, atol=1e-8)
    mu, _ = mean_and_derivative(family, link, X @ b)
    r = (y - mu) / np.sqrt(family.variance(mu))
    bounds = np.flatnonzero(np.r_[True, np.diff(d["id"].to_numpy()) != 0, True])
    alpha = exchangeable_alpha(r, bounds[:-1], bounds[1:], np.ones(len(y)), r @ r / len(y))
    assert alpha == pytest.approx(REF["gee"]["alpha_nb"], rel=1e-7)
    assert alpha > 1 and REF["gee"]["geepack_alpha_poisson"] > 1


# ------------------------------------------------------------------ xtnbreg, fe on a ridge
@pytest.fixture(scope="module")
def ridge():
    return pd.read_csv(REF_DIR / "conv_hhg_boundary.csv")


def _ridge_arrays(ridge):
    keep = ridge.groupby("id")["y"].transform("sum") > 0
    d = ridge[keep]
    X = np.column_stack([d["w"], d["v"], d["f"], d["x"], np.ones(len(d))])
    return X, d["y"].to_numpy(float), pd.factorize(d["id"])[0]


def _exact_fe_loglik(X, y, codes, b):
    """The conditional likelihood with lgamma(a + n) - lgamma(a) = sum_{j<n} log(a + j): exact
    for integer counts however large lambda is."""
    from scipy.special import gammaln

    lam = np.exp(X @ b)
    ll = 0.0
    for g in np.unique(codes):
        i = codes == g
        Sl, Sy = lam[i].sum(), int(y[i].sum())
        ll += gammaln(Sy + 1) - np.log(Sl + np.arange(Sy)).sum()
        ll += sum(np.log(a + np.arange(int(n))).sum() for a, n in zip(lam[i], y[i])) - gammaln(y[i] + 1).sum()
    return ll


def test_ridge_reproduces_the_creeping_steps(ridge):
    """Without ``difficult`` the steps creep along the ridge (the held-out line's r(430) after 300
    iterations; 100 here, which the difficult steps need less than half of); with it they stop
    converged, higher up."""
    from mlmcli.conditional_likelihood import maximise
    from mlmcli.panel import negative_binomial as nb

    X, y, codes = _ridge_arrays(ridge)

    def run(difficult):
        return maximise(lambda Xm, yv, g, b: nb.fe_derivatives(Xm, yv, g, b), X, y, codes, max_iter=100,
                        difficult=difficult)

    _, ll_plain, _, log_plain, converged_plain = run(False)
    _, ll_difficult, _, log_difficult, converged_difficult = run(True)
    assert not converged_plain and len(log_plain) == 101
    assert converged_difficult and len(log_difficult) < 60
    assert ll_difficult > ll_plain


def test_xtnbreg_fe_on_the_ridge(do, ridge):
    rc, out, s = do("xtset id t\nxtnbreg y w v f x, fe", df=ridge)
    assert rc == 0, out
    assert "convergence not achieved" not in out
    assert s.e.scalars["N"] == REF["hhg"]["N"] and s.e.scalars["N_g"] == REF["hhg"]["N_g"]
    _, se_cons = _coef(s, "y:_cons")
    assert se_cons > 1000  # the boundary: the constant runs off with no curvature left
    X, y, codes = _ridge_arrays(ridge)
    b = s.e.matrices["b"].values[0]
    # e(ll) is the likelihood at lambda ~ e^100, computed without cancellation
    assert s.e.scalars["ll"] == pytest.approx(_exact_fe_loglik(X, y, codes, b), abs=1e-8)
    # no maximum: R's optim climbs elsewhere on the ridge, higher, to a point where mlm's
    # likelihood agrees with R's exact one
    from mlmcli.panel import negative_binomial as nb

    with np.errstate(over="ignore", invalid="ignore"):  # R's point: lambda up to e^700, its squares (the Hessian) overflow
        ll_at_r = nb.fe_derivatives(X, y, codes, np.array(REF["hhg"]["b"]))[0]
    assert ll_at_r == pytest.approx(REF["hhg"]["ll"], abs=1e-8)
    assert REF["hhg"]["start_ll"] < s.e.scalars["ll"] < REF["hhg"]["ll"]


# ------------------------------------------------------------------ ordinal with ibn.person
@pytest.fixture(scope="module")
def persons():
    return pd.read_csv(REF_DIR / "conv_ordinal_person.csv").astype(float)


@pytest.mark.parametrize("command", ["ologit y x ibn.person if !allzero",
                                     "meglm y x ibn.person if !allzero, family(ordinal) vsquish"])
def test_full_factor_set_omits_its_last_level(do, persons, command):
    rc, out, s = do(command, df=persons)
    assert rc == 0, out
    assert "note: 40.person omitted because of collinearity" in out
    assert "not concave" not in out and "convergence not achieved" not in out
    ref = REF["ordinal"]
    assert s.e.scalars["ll"] == pytest.approx(ref["ll_clm"], abs=1e-6)
    b_x, se_x = _coef(s, "y:x")
    assert b_x == pytest.approx(ref["b_x"], rel=1e-6)
    assert se_x == pytest.approx(ref["se_x"], rel=1e-4)
    cuts = [_coef(s, f"/:cut{j}")[0] if "/:cut1" in s.e.matrices["b"].colnames else _coef(s, f"cut{j}:_cons")[0]
            for j in (1, 2)]
    np.testing.assert_allclose(cuts, ref["cuts"], rtol=1e-5, atol=1e-6)
    persons_b = [_coef(s, f"y:{int(p)}.person" if p != "40" else "y:40o.person")[0] for p in ref["levels"]]
    np.testing.assert_allclose(persons_b, ref["persons"], rtol=1e-5, atol=1e-6)


def test_person_answering_zero_throughout_runs_off(do, persons):
    rc, out, s = do("meglm y x ibn.person, family(ordinal) vsquish", df=persons)
    assert rc == 0, out
    assert "convergence not achieved" not in out
    b20, se20 = _coef(s, "y:20.person")
    assert b20 < -10 and se20 > 100
    # the others are the fit without that person, up to ml's stopping rule
    b_x, _ = _coef(s, "y:x")
    assert b_x == pytest.approx(REF["ordinal"]["b_x"], abs=1e-4)


def test_constant_regressor_is_collinear_with_the_cutpoints(do, persons):
    rc, out, s = do("generate one = 1\nologit y x one if !allzero", df=persons)
    assert rc == 0, out
    assert "note: one omitted because of collinearity" in out
    assert _coef(s, "y:o.one")[0] == 0


def test_nodifficult_takes_the_old_steps(do, ridge):
    """xtnbreg's nodifficult (xtnbreg.ado: ``difficult`` unless ``nodifficult``): the plain steps,
    which creep to the iteration limit here (a typed iterate(): the note, rc 0, e(converged) 0)."""
    rc, out, s = do("xtset id t\nxtnbreg y w v f x, fe nodifficult nolog iterate(50)", df=ridge)
    assert rc == 0 and "convergence not achieved" in out
    assert s.e.scalars["converged"] == 0
    rc, out, s = do("xtnbreg y w v f x, fe difficult nolog iterate(50)\ndisplay e(converged)", session=s)
    assert rc == 0 and out.strip().splitlines()[-1] == "1"
