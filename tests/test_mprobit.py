"""mprobit: numbers against R for two outcomes (tests/mprobit_reference/mprobit.R: a probit,
coefficients times sqrt(2) without probitparam, the observed information) and, for three
outcomes, against the exact probabilities computed here from first principles (Pr(y = j) is a
bivariate normal probability with correlation 1/2: scipy's multivariate normal cdf), mprobit's
layout (mlogit's table, Wald test), predict, test, estimates, errors."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import multivariate_normal

REF_DIR = Path(__file__).parent / "mprobit_reference"
_spec = importlib.util.spec_from_file_location("mprobit_make_data", REF_DIR / "make_data.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
DATA = pd.DataFrame(_mod.rows(), columns=["y", "x1", "x2"]).astype(float)
REF = {}
for _line in (REF_DIR / "values.txt").read_text().splitlines():
    _tag, _name, *_vals = _line.split()
    REF[(_tag, _name)] = [float(v) for v in _vals]
LABELS = "label define yl 1 one 2 two 3 three\nlabel values y yl\n"


def _fit(do, text):
    rc, printed, s = do(LABELS + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def _exact_probabilities(B, X):
    """n x 3: Pr(y = j) = P(e_k - e_j < eta_j - eta_k, k != j), the differences N(0, 2) with
    covariance 1."""
    eta = X @ B
    cov = [[2.0, 1.0], [1.0, 2.0]]
    out = np.zeros((len(X), 3))
    for j in range(3):
        others = [k for k in range(3) if k != j]
        d = eta[:, [j]] - eta[:, others]
        out[:, j] = multivariate_normal(mean=[0, 0], cov=cov).cdf(d)
    return out


def _coefficients(s):
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    B = np.zeros((3, 3))  # rows x1 x2 _cons, columns outcomes
    for k, eq in enumerate(("one", "two", "three")):
        for r, name in enumerate(("x1", "x2", "_cons")):
            B[r, k] = b.get(f"{eq}:{name}", 0.0)
    return B


@pytest.mark.parametrize("param, scale", [("", np.sqrt(2.0)), ("probitparam", 1.0)])
def test_two_outcomes_against_probit(do, param, scale):
    printed, s = _fit(do, f"mprobit y x1 x2 if y != 3, baseoutcome(1) nolog {param}")
    b = s.e.matrices["b"].values[0]
    names = s.e.matrices["b"].colnames
    got = [b[names.index(f"two:{n}")] for n in ("x1", "x2", "_cons")]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    got_se = [se[names.index(f"two:{n}")] for n in ("x1", "x2", "_cons")]
    ref = [REF[("probit", n)] for n in ("x1", "x2", "(Intercept)")]
    np.testing.assert_allclose(got, [scale * r[0] for r in ref], rtol=1e-5)
    np.testing.assert_allclose(got_se, [scale * r[1] for r in ref], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(REF[("probit", "ll")][0], abs=1e-6)
    assert s.e.scalars["k_points"] == 0


def test_three_outcomes_against_exact_probabilities(do):
    printed, s = _fit(do, "mprobit y x1 x2\npredict p1 p2 p3")
    B = _coefficients(s)
    X = np.column_stack([DATA.x1, DATA.x2, np.ones(len(DATA))])
    y = DATA.y.astype(int).to_numpy() - 1
    P = _exact_probabilities(B, X)
    ll = np.log(P[np.arange(len(y)), y]).sum()
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-4)  # 15 Gauss-Hermite nodes against the exact cdf
    free = [(r, k) for k in (0, 1) for r in range(3)]  # the base is three (most frequent)
    grad = []
    for r, k in free:  # the exact likelihood is flat at mprobit's estimates
        h = 1e-4
        up, dn = B.copy(), B.copy()
        up[r, k] += h
        dn[r, k] -= h
        lu = np.log(_exact_probabilities(up, X)[np.arange(len(y)), y]).sum()
        ld = np.log(_exact_probabilities(dn, X)[np.arange(len(y)), y]).sum()
        grad.append((lu - ld) / (2 * h))
    assert np.max(np.abs(grad)) < 2e-2
    got = np.column_stack([s.data.numeric(f"p{k}") for k in (1, 2, 3)])
    np.testing.assert_allclose(got, P, atol=2e-5)
    lines = printed.split("\n")
    assert "Multinomial probit regression                     Number of obs   =        300" in lines
    assert any(x.startswith(" " * 50 + "Wald chi2(4)    =") for x in lines)
    assert "three        |  (base outcome)" in lines
    assert s.e.scalars["ibaseout"] == 3 and s.e.scalars["k_points"] == 15
    assert s.e.macros["outeqs"] == "one two three"


def test_probitparam_rescales_and_base_by_label(do):
    _, s1 = _fit(do, "mprobit y x1 x2, nolog")
    _, s2 = _fit(do, "mprobit y x1 x2, nolog probitparam baseoutcome(three) intpoints(30)")
    b1, b2 = s1.e.matrices["b"].values[0], s2.e.matrices["b"].values[0]
    np.testing.assert_allclose(b2, b1 / np.sqrt(2.0), rtol=2e-4, atol=1e-5)  # 15 and 30 nodes
    assert s2.e.scalars["probitparam"] == 1 and s2.e.scalars["k_points"] == 30


def test_test_estimates_replay(do):
    printed, s = _fit(do, "mprobit y x1 x2, nolog\ntest [one]x1 = [two]x1\nestimates store m\nmprobit\n"
                          "estimates replay m")
    assert " ( 1)  [one]x1 - [two]x1 = 0" in printed
    assert printed.count("Multinomial probit regression") == 3


@pytest.mark.parametrize("text, message, code", [
    ("mprobit y x1, baseoutcome(7)", "baseoutcome(7) is not an outcome of y", 459),
    ("mprobit y x1 if y == 1", "there is only one outcome in y", 148),
    ("mprobit y x1, intpoints(501)", "intpoints(501) is excessive", 498),
    ("mprobit y, noconstant", "too few variables specified", 102),
    ("mprobit y x1, vce(bootstrap)", "option vce(bootstrap) not supported by mlmcli with mprobit", 198),
])
def test_errors(do, text, message, code):
    rc, printed, _ = do(LABELS + text, DATA.copy())
    assert rc == code and message in printed


@pytest.mark.parametrize("key, options", [("robust", "vce(robust)"), ("cluster", "vce(cluster cl)")])
def test_sandwich_against_r(do, key, options):
    data = DATA.copy()
    data["cl"] = np.ceil((np.arange(len(data)) + 1) / 10)
    rc, printed, s = do(LABELS + f"mprobit y x1 x2 if y != 3, baseoutcome(1) nolog probitparam {options}", data)
    assert rc == 0, printed
    names = s.e.matrices["b"].colnames
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    got = [se[names.index(f"two:{n}")] for n in ("x1", "x2", "_cons")]
    np.testing.assert_allclose(got, [REF[(key, n)][1] for n in ("x1", "x2", "(Intercept)")], rtol=1e-4)
    assert s.e.macros["vcetype"] == "Robust" and "Log pseudolikelihood" in printed
    if key == "cluster":
        assert s.e.scalars["N_clust"] == REF[("cluster", "G")][0]
        assert f"(Std. Err. adjusted for {int(REF[('cluster', 'G')][0])} clusters in cl)" in printed
