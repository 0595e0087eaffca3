"""``predict`` after the me commands with Stata 13's names and notes.

Stata 13's [ME] meglm postestimation predicted the random effects with ``remeans``/``remodes``
(``reses()`` beside them); Stata 14 renamed them ``reffects [ebmeans|ebmodes]`` and meglm_p
(1.3.4, read in a public copy) keeps the old names, undocumented.  The notes are meglm_p's:
``(calculating posterior means|modes of random effects)`` before the random effects,
``(predictions based on fixed effects and posterior means|modes of random effects)`` before
mu/pr/eta/residuals of a model with random effects (nothing for fixedonly, xb, stdp), then
gsem_p's ``(using # quadrature points)`` after a computation of posterior means.  A public
Stata 13 log shows::

    . predict re_school re_class, remeans reses(se_school se_class)
    (calculating posterior means of random effects)
    (using 7 quadrature points)

``intpoints(#)`` sets the nodes of the posterior means; checked against the posterior mean and
SD of u_j by adaptive scipy ``quad`` integration of f(y_j | u) phi(u; 0, var) at e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import expit


def _data(seed=5, groups=15, size=10):
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(1, groups + 1):
        u = rng.normal(0, 1.3)
        for _ in range(size):
            x = rng.normal()
            yl = -0.2 + 0.8 * x + u + rng.logistic()
            rows.append((float(g), float((g - 1) // 5 + 1), x, float(yl > 0), float(np.digitize(yl, [-1, 0.5]))))
    return pd.DataFrame(rows, columns=["id", "h", "x", "y", "k"])


@pytest.fixture(scope="module")
def fitted(do):
    df = _data()
    rc, out, s = do("melogit y x || id:, nolog\n"
                    "predict a1, remeans reses(s1)\npredict a2, reffects reses(s2)\n"
                    "predict m1, remodes reses(t1)\npredict m2, reffects ebmodes reses(t2)\n"
                    "predict double q3, remeans reses(v3) intpoints(3)\n"
                    "predict double q30, remeans reses(double v30) intpoints(30)\n"
                    "predict double p30, mu intpoints(30)\npredict p7, mu intpoints(7)\npredict p", df=df, echo=True)
    assert rc == 0, out
    return df, s, out


def _column(s, name):
    return s.data.df[name].to_numpy(float)


def _posterior(y, eta_fixed, var):
    """Posterior mean and SD of the random intercept by adaptive quadrature (scipy quad)."""
    def lik(u):
        eta = eta_fixed + u
        return np.exp(np.sum(y * eta - np.logaddexp(0, eta)) - u * u / (2 * var))
    m0 = integrate.quad(lik, -15, 15, epsabs=0, epsrel=1e-12, limit=200)[0]
    m1 = integrate.quad(lambda u: u * lik(u), -15, 15, epsabs=0, epsrel=1e-12, limit=200)[0] / m0
    m2 = integrate.quad(lambda u: u * u * lik(u), -15, 15, epsabs=0, epsrel=1e-12, limit=200)[0] / m0
    return m1, np.sqrt(m2 - m1 * m1)


def test_remeans_remodes_are_reffects(fitted):
    _, s, _ = fitted
    for a, b in (("a1", "a2"), ("s1", "s2"), ("m1", "m2"), ("t1", "t2")):
        assert np.array_equal(_column(s, a), _column(s, b)), (a, b)
    assert not np.allclose(_column(s, "a1"), _column(s, "m1"))
    assert s.data.var_labels["a1"] == "empirical Bayes' means for _cons[id]"
    assert s.data.var_labels["t1"] == "S.E. of empirical Bayes' modes for _cons[id]"


def test_notes_as_meglm_p_prints_them(fitted):
    _, _, out = fitted
    means = "(calculating posterior means of random effects)\n(using 7 quadrature points)\n"
    assert "reses(s1)\n" + means in out and "reses(s2)\n" + means in out
    assert "reses(t1)\n(calculating posterior modes of random effects)\n\n" in out
    assert "intpoints(3)\n(calculating posterior means of random effects)\n(using 3 quadrature points)\n" in out
    based = "(predictions based on fixed effects and posterior means of random effects)\n"
    assert "predict double p30, mu intpoints(30)\n" + based + "(using 30 quadrature points)\n" in out
    assert "predict p\n(option mu assumed)\n" + based + "(using 7 quadrature points)\n" in out


@pytest.mark.parametrize("line, printed", [
    ("predict f, mu fixedonly", ""),
    ("predict f, xb", ""),
    ("predict f, stdp", ""),
    ("predict f, fixedonly", "(option mu assumed)\n"),
    ("predict f, eta modes", "(predictions based on fixed effects and posterior modes of random effects)\n"),
    ("predict f, pearson", "(predictions based on fixed effects and posterior means of random effects)\n"
                           "(using 7 quadrature points)\n"),
])
def test_fixed_portion_is_silent(fitted, do, line, printed):
    _, s, _ = fitted
    rc, out, _ = do(f"capture drop f\n{line}", session=s)
    assert rc == 0 and out == printed, out


def test_intpoints_sets_the_nodes_of_the_posterior_means(fitted):
    df, s, _ = fitted
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    var = b["var(_cons[id]):_cons"]
    x, y, ids = df["x"].to_numpy(), df["y"].to_numpy(), df["id"].to_numpy()
    q3, q30, v30, p30 = (_column(s, n) for n in ("q3", "q30", "v30", "p30"))
    err3 = []
    for g in np.unique(ids):
        rows = ids == g
        want, sd = _posterior(y[rows], b["y:_cons"] + b["y:x"] * x[rows], var)
        assert q30[rows] == pytest.approx(np.full(rows.sum(), want), abs=1e-7)
        assert v30[rows] == pytest.approx(np.full(rows.sum(), sd), abs=1e-7)
        assert p30[rows] == pytest.approx(expit(b["y:_cons"] + b["y:x"] * x[rows] + want), abs=1e-7)
        err3.append(abs(q3[rows][0] - want))
    assert max(err3) > 1e-5  # three nodes are visibly coarser: the option is honoured
    assert np.array_equal(_column(s, "p7"), _column(s, "p"))  # intpoints(e(n_quad)): the default


@pytest.mark.parametrize("line, rc, message", [
    ("predict q, remeans means", 198, "option means not allowed with remeans"),
    ("predict q, remeans ebmodes", 198, "option modes not allowed with remeans"),
    ("predict q, remodes ebmeans", 198, "option means not allowed with remodes"),
    ("predict q, remodes modes", 198, "option modes not allowed with remodes"),
    ("predict q, remeans fixedonly", 198, "only one of fixedonly or means is allowed"),
    ("predict q, remeans mu", 198, "only one statistic may be specified"),
    ("predict q, remeans remodes", 198, "only one statistic may be specified"),
    ("predict q, remeans marginal", 198, "option remeans not allowed with marginal"),
    ("predict q, remodes iterate(50)", 198, "option iterate() is not implemented"),
    ("predict q, remodes tolerance(1e-8)", 198, "option tolerance() is not implemented"),
    ("predict q, remeans intpoints(1)", 198, "intpoints(1) is not allowed by predict"),
    ("predict q, mu intpoints(1)", 198, "intpoints(1) is not allowed by predict"),
    ("predict q, remeans intpoints(0)", 198, "intpoints() must be an integer between 1 and 195"),
    ("predict q r, remeans", 103, "too many variables specified"),
    ("predict a1, remeans", 110, "variable a1 already defined"),
    ("predict q, xb reses(b)", 198, "option reses() not allowed with option xb"),
    ("predict q, reses(b)", 198, "(option mu assumed)\noption reses() not allowed with option mu"),
    ("margins, predict(remeans)", 498, "stochastic quantities other than e(b)"),
])
def test_refused(fitted, do, line, rc, message):
    _, s, _ = fitted
    before = list(s.data.df.columns)
    code, out, _ = do(line, session=s)
    assert code == rc and message in out, out
    assert list(s.data.df.columns) == before


def test_ordinal_two_levels_and_laplace(do):
    df = _data(seed=9, groups=12, size=6)
    rc, out, s = do("meologit k x || id:, nolog\npredict pr*\npredict r, remeans intpoints(9)", df=df, echo=True)
    assert rc == 0, out
    assert ("predict pr*\n(option pr assumed)\n(predictions based on fixed effects and posterior means of "
            "random effects)\n(using 7 quadrature points)\n") in out
    assert "intpoints(9)\n(calculating posterior means of random effects)\n(using 9 quadrature points)\n" in out
    rc, out, s = do("melogit y x || h: || id:, nolog\npredict r1 r2, remeans reses(e1 e2) intpoints(5)\n"
                    "predict t1 t2, reffects reses(f1 f2) intpoints(5)\npredict u1 u2, remeans", df=df, echo=True)
    assert rc == 0, out
    assert "(using 5 quadrature points)" in out and "(using 7 quadrature points)" in out
    for a, b in (("r1", "t1"), ("r2", "t2"), ("e1", "f1"), ("e2", "f2")):
        assert np.array_equal(_column(s, a), _column(s, b))
    assert not np.array_equal(_column(s, "r2"), _column(s, "u2"))
    rc, out, s = do("melogit y x || id:, intmethod(laplace) nolog\npredict r, remeans\npredict p", df=df, echo=True)
    assert rc == 0, out
    assert "predict r, remeans\n(calculating posterior means of random effects)\n\n" in out
    assert "(option mu assumed)\n(predictions based on fixed effects and posterior means of random effects)\n" in out
    assert "quadrature points" not in out.split("predict r, remeans")[1]
    rc, out, _ = do("predict q, remeans intpoints(7)", session=s)
    assert rc == 198 and "option intpoints() is not implemented after intmethod(laplace)" in out


def test_no_random_effects_prints_only_the_default(do):
    rc, out, _ = do("melogit y x, nolog\npredict p", df=_data(), echo=True)
    assert rc == 0 and out.split("predict p\n")[1] == "(option mu assumed)\n", out
