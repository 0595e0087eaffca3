"""ConstraintMap without constraints (N = I): its reductions hand back their argument instead of
multiplying it by N, and every engine that maps derivatives through it (glm/fit.py's poisson and
logit, glm's generalized_linear, ml's program maximizer, cnsreg) gives the same e(b) and e(V),
bit for bit, as the explicit products did; constrained fits are unchanged (checked against
statsmodels' fit with the constrained term as an offset)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.glm.inference import ConstraintMap, constrained_maximize


def _explicit(monkeypatch):
    """ConstraintMap's reductions as they were: every product by N taken, identity or not."""
    monkeypatch.setattr(ConstraintMap, "reduced_gradient", lambda self, g: self.N.T @ g)
    monkeypatch.setattr(ConstraintMap, "reduced_hessian", lambda self, H: self.N.T @ H @ self.N)
    monkeypatch.setattr(ConstraintMap, "reduced_scores", lambda self, S: S @ self.N)
    monkeypatch.setattr(ConstraintMap, "lifted", lambda self, d: self.N @ d)
    monkeypatch.setattr(ConstraintMap, "vcov", lambda self, V: self.N @ V @ self.N.T)
    monkeypatch.setattr(ConstraintMap, "theta", lambda self, gm: self.theta0 + self.N @ gm)
    monkeypatch.setattr(ConstraintMap, "gamma", lambda self, th: self.N.T @ (np.asarray(th, float) - self.theta0))


def test_identity_map_returns_its_arguments():
    rng = np.random.default_rng(7)
    g, H, S, d = rng.normal(size=5), rng.normal(size=(5, 5)), rng.normal(size=(9, 5)), rng.normal(size=5)
    free = ConstraintMap(5)
    assert free.reduced_gradient(g) is g and free.reduced_hessian(H) is H
    assert free.reduced_scores(S) is S and free.lifted(d) is d and free.vcov(H) is H
    I = np.eye(5)
    assert np.array_equal(free.reduced_hessian(H), I.T @ H @ I) and np.array_equal(free.reduced_scores(S), S @ I)
    assert np.array_equal(free.information_inverse(H @ H.T), I @ np.linalg.pinv(I.T @ (H @ H.T) @ I) @ I.T)
    # a Fortran-ordered or integer argument comes back C-ordered float, as the product did
    SF = np.asfortranarray(S)
    out = free.reduced_scores(SF)
    assert out.flags.c_contiguous and np.array_equal(out, SF @ I)
    Hi = free.reduced_hessian(np.arange(25).reshape(5, 5))
    assert Hi.dtype == float and np.array_equal(Hi, np.arange(25.0).reshape(5, 5))


def test_active_map_multiplies():
    rng = np.random.default_rng(8)
    g, H, S, d = rng.normal(size=4), rng.normal(size=(4, 4)), rng.normal(size=(6, 4)), rng.normal(size=3)
    tied = ConstraintMap(4, np.array([[1.0, -1.0, 0.0, 0.0]]), np.array([0.0]))
    N = tied.N
    rg, rH = tied.reduced(g, H)
    assert np.array_equal(rg, N.T @ g) and np.array_equal(rH, N.T @ H @ N) and rH.shape == (3, 3)
    assert np.array_equal(tied.reduced_scores(S), S @ N) and np.array_equal(tied.lifted(d), N @ d)
    A = H @ H.T
    assert np.array_equal(tied.information_inverse(A), N @ np.linalg.pinv(N.T @ A @ N) @ N.T)


def test_constrained_maximize_identity_and_tied():
    """A concave quadratic: the free maximum is A^-1 c with V = A^-1; tied x1 = x2, the maximum
    over gamma with V = N (N'AN)^-1 N'."""
    rng = np.random.default_rng(3)
    M = rng.normal(size=(4, 4))
    A = M @ M.T + 4 * np.eye(4)
    c = rng.normal(size=4)

    def fun(x):
        return float(c @ x - 0.5 * x @ A @ x)

    def grad_hess(x):
        return c - A @ x, -A

    res, V = constrained_maximize(fun, grad_hess, np.zeros(4), None, None)
    np.testing.assert_allclose(res.x, np.linalg.solve(A, c), rtol=1e-10)
    np.testing.assert_allclose(V, np.linalg.inv(A), rtol=1e-10)
    R = np.array([[1.0, -1.0, 0.0, 0.0]])
    res, V = constrained_maximize(fun, grad_hess, np.zeros(4), R, np.zeros(1))
    T = np.array([[1.0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])  # x = T a: x1 = x2
    a = np.linalg.solve(T.T @ A @ T, T.T @ c)
    np.testing.assert_allclose(res.x, T @ a, rtol=1e-9)
    np.testing.assert_allclose(V, T @ np.linalg.inv(T.T @ A @ T) @ T.T, rtol=1e-9, atol=1e-14)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 900
    g = rng.integers(1, 31, n)
    x = rng.normal(size=n)
    eta = 0.3 * x + 0.4 * np.sin(g)
    return pd.DataFrame({"g": g.astype(float), "x": x, "z": rng.normal(size=n),
                         "y": rng.poisson(np.exp(eta)).astype(float),
                         "yb": (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float),
                         "yc": 1 + x + 0.1 * g + rng.normal(size=n),
                         "w": (1 + np.arange(n) % 3).astype(float)})


D2 = """
quietly tabulate g, generate(gd)
capture program drop ic_pois
program define ic_pois
  args todo b lnf g H
  tempvar xb mu
  mleval `xb' = `b'
  quietly gen double `mu' = exp(`xb')
  mlsum `lnf' = -`mu' + $ML_y1*`xb' - lngamma($ML_y1+1)
  if (`todo'==0 | `lnf'>=.) exit
  mlvecsum `lnf' `g' = $ML_y1 - `mu'
  if (`todo'==1 | `lnf'>=.) exit
  mlmatsum `lnf' `H' = -`mu'
end
capture program drop ic_pois_lf
program define ic_pois_lf
  args lnf xb
  quietly replace `lnf' = -exp(`xb') + $ML_y1*`xb' - lngamma($ML_y1+1)
end
"""
FITS = {
    "poisson": "poisson y x i.g",
    "poisson_robust": "poisson y x i.g, vce(robust)",
    "logit_opg": "logit yb x i.g [fw=w], vce(opg)",
    "glm": "glm y x i.g, family(poisson)",
    "glm_opg": "glm y x i.g, family(poisson) vce(opg)",
    "glm_cluster": "glm yb x i.g, family(binomial) link(probit) vce(cluster g)",
    "ml_d2": D2 + "ml model d2 ic_pois (y = x gd2-gd30)\nml maximize",
    "ml_robust": D2 + "ml model lf ic_pois_lf (y = x gd2-gd30), vce(robust)\nml maximize",
    "ml_bhhh": D2 + "ml model lf ic_pois_lf (y = x gd2-gd30), technique(bhhh)\nml maximize",
    "cnsreg": "constraint 1 x = 1\ncnsreg yc x z i.g, constraints(1)",
}


@pytest.mark.parametrize("name", sorted(FITS))
def test_identity_path_matches_explicit_products(name, data, do, monkeypatch):
    rc, printed, new = do(FITS[name], data)
    assert rc == 0, printed
    with monkeypatch.context() as m:
        _explicit(m)
        rc, printed_old, old = do(FITS[name], data)
    assert rc == 0, printed_old
    for key in ("b", "V"):
        assert np.array_equal(new.e.matrices[key].values, old.e.matrices[key].values), key
    assert printed == printed_old


@pytest.mark.parametrize("command", ["poisson y x i.g, constraints(1)",
                                     "glm y x i.g, family(poisson) constraints(1)"])
def test_constrained_poisson_is_the_offset_fit(command, data, do):
    """x's coefficient held at 0.3: the other coefficients and their V are the fit with 0.3 x as
    an offset (statsmodels), x's row and column of V exactly 0."""
    sm = pytest.importorskip("statsmodels.api")
    rc, printed, s = do("constraint 1 x = 0.3\n" + command, data)
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    names = [nm.split(":")[-1] for nm in s.e.matrices["b"].colnames]
    ix = names.index("x")
    assert b[ix] == pytest.approx(0.3, abs=1e-12) and np.all(V[ix] == 0) and np.all(V[:, ix] == 0)
    keep = [j for j, nm in enumerate(names) if nm != "x" and not nm.startswith("1b.")]
    G = pd.get_dummies(data["g"].astype(int), drop_first=True).to_numpy(float)
    X = np.column_stack([G, np.ones(len(data))])
    ref = sm.GLM(data["y"], X, family=sm.families.Poisson(), offset=0.3 * data["x"]).fit(tol=1e-12)
    assert len(keep) == X.shape[1]
    np.testing.assert_allclose(b[keep], ref.params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(V[np.ix_(keep, keep)], ref.cov_params(), rtol=1e-5, atol=1e-12)
