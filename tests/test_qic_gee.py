"""qic (qic.ado 1.1.9, J. Cui, SSC): QIC and QIC_u of a GEE working correlation.  With an
independence working correlation the robust fit is a Poisson or Gaussian GLM with a sandwich
clustered on the panel, so statsmodels' GLM (cluster-robust covariance without small-sample
factor) and numpy give every piece independently: Omega from the model-based variance, the
trace, the quasi-likelihood by the ado's family formulas, QIC and QIC_u.  Also: what is left in
e() and r(), the ado's scalars, exposure() dropped for the Gaussian family as the ado drops it,
the data left as they were, and matrix input with a row-ending comma."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(5135)
    G, T = 30, 8
    g = np.repeat(np.arange(1, G + 1), T)
    t = np.tile(np.arange(1, T + 1), G)
    x1 = rng.normal(size=G * T)
    x2 = (rng.random(G * T) < 0.4).astype(float)
    pop = np.round(np.exp(rng.normal(7, 0.4, size=G))[g - 1])
    u = rng.normal(0, 0.3, size=G)[g - 1]
    y = rng.poisson(pop * np.exp(-4 + 0.3 * x1 - 0.2 * x2 + u)).astype(float)
    z = 2 + 0.5 * x1 - x2 + u + rng.normal(size=G * T)
    return pd.DataFrame({"g": g, "t": t, "x1": x1, "x2": x2, "pop": pop, "y": y, "z": z})


def _independent_qic(frame, family, exposure=None, outcome="y"):
    X = sm.add_constant(frame[["x1", "x2"]].to_numpy())
    yv = frame[outcome].to_numpy()
    kw = {} if exposure is None else {"exposure": frame[exposure].to_numpy()}
    fit = sm.GLM(yv, X, family=family, **kw).fit(tol=1e-12)
    robust = sm.GLM(yv, X, family=family, **kw).fit(tol=1e-12, cov_type="cluster",
                                                  cov_kwds={"groups": frame["g"].to_numpy(),
                                                            "use_correction": False})
    mu = fit.fittedvalues
    if isinstance(family, sm.families.Poisson):
        q = yv * np.log(mu) - mu
        omega = X.T @ (mu[:, None] * X)  # the inverse of the independence model's variance
    else:
        q = -0.5 * (yv - mu) ** 2
        omega = X.T @ X / (np.sum((yv - mu) ** 2) / len(yv))  # xtgee's phi: divisor N
    trace = float(np.trace(omega @ robust.cov_params()))
    Q = float(q.sum())
    return -2 * Q + 2 * trace, -2 * Q + 2 * X.shape[1], trace


@pytest.mark.parametrize("command, family, exposure, outcome, names", [
    ("qic y x1 x2, i(g) t(t) family(poisson) corr(ind) exposure(pop)", "Poisson", "pop", "y", ("poisson", "log", "ind")),
    ("qic z x1 x2, i(g) family(gaussian) corr(independent)", "Gaussian", None, "z", ("gaussian", "iden", "independent")),
])
def test_independence_against_glm(do, panel, command, family, exposure, outcome, names):
    rc, out, s = do(command + "\n", df=panel)
    assert rc == 0, out
    qic, qicu, trace = _independent_qic(panel, getattr(sm.families, family)(), exposure=exposure, outcome=outcome)
    assert s.r["qic"] == pytest.approx(qic, rel=1e-6)
    assert s.r["qicu"] == pytest.approx(qicu, rel=1e-9)
    assert s.r["trace"] == pytest.approx(trace, rel=1e-5)
    assert s.r["p"] == 3
    assert (s.r["family"], s.r["link"], s.r["corr"]) == names
    assert "QIC and QIC_u" in out and "QIC_u =" in out


def test_default_exchangeable_and_robust_results_left(do, panel):
    rc, out, s = do("qic y x1 x2, i(g) t(t) family(poisson) exposure(pop) nodisplay\n", df=panel)
    assert rc == 0, out
    assert s.r["corr"] == "exc"
    assert s.e.macros["corr"] == "exchangeable" and s.e.macros["vce"] == "robust"
    assert "GEE population-averaged model" not in out
    # the trace pairs the robust V left in e() with the independence model's variance
    rc2, _, s2 = do("quietly xtgee y x1 x2, i(g) t(t) family(poisson) exposure(pop) corr(ind)\n", df=panel)
    V_ind = np.asarray(s2.e.matrices["V"].values)
    trace = np.trace(np.linalg.inv(V_ind) @ np.asarray(s.e.matrices["V"].values))
    assert s.r["trace"] == pytest.approx(trace, rel=1e-8)
    assert s.scalars["qic"] == pytest.approx(s.r["qic"]) and s.scalars["par"] == 3


def test_gaussian_ignores_exposure_as_the_ado(do, panel):
    _, _, a = do("qic z x1 x2, i(g) family(gau) corr(ind) nodisplay\n", df=panel)
    _, _, b = do("qic z x1 x2, i(g) family(gau) corr(ind) exposure(pop) nodisplay\n", df=panel)
    assert a.r["qic"] == pytest.approx(b.r["qic"], rel=1e-12)


def test_data_unchanged_and_refusals(do, panel):
    rc, out, s = do("qic y x1 x2, i(g) family(poisson) corr(ind) nodisplay\n", df=panel)
    assert rc == 0 and s.data.varnames == list(panel.columns)
    rc, out, _ = do("qic y x1 x2, i(g) family(logit)\n", df=panel)
    assert rc == 111 and "par not found" in out
    rc, out, _ = do("qic y x1 x2, i(g) family(poisson) bogus\n", df=panel)
    assert rc == 198
    rc, out, _ = do("qic y i.x2, i(g) family(poisson)\n", df=panel)
    assert rc == 101


def test_matrix_input_row_ending_comma(do):
    rc, out, s = do("matrix input a = (., ., \\ ., .,)\nmatrix a[2,1] = 7\nmatrix input b = (1, 2, \\ 3, 4, )\n")
    assert rc == 0, out
    assert s.matrices["a"].values.shape == (2, 2) and s.matrices["a"].values[1, 0] == 7
    assert np.array_equal(s.matrices["b"].values, [[1, 2], [3, 4]])
    rc, out, _ = do("matrix input c = (1,,2)\n")
    assert rc == 198
