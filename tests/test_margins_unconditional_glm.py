"""margins, vce(unconditional) after glm ..., vce(robust|cluster) (gl90): the fit's influence
IF_j = B s_j (B the sandwich's bread -- ML: the inverse observed information; irls: the inverse
expected information at the final mean -- and s_j = w_j (y_j - mu_j) mu'_j / V_j x_j), checked
against a numpy linearization: each margin's z_j = (q_j - m)/n + J IF_j, V = n/(n-1) sum z z'
(G/(G-1) over the cluster sums), as tests/test_margins_unconditional_rule.py does for regress."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

ROOT = Path(__file__).resolve().parents[1]
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep in 1/2000\ngenerate hi = mathach > 13\n"
         "generate cnt = floor(max(mathach, 0)/5)\ngenerate w = 1 + mod(_n, 7)/3\n")


@pytest.fixture(scope="module")
def hsb(do):
    rc, printed, session = do(SETUP)
    assert rc == 0, printed
    return session


def _link(name, eta):
    """(mu, dmu/deta, d2mu/deta2)."""
    if name == "probit":
        return norm.cdf(eta), norm.pdf(eta), -eta * norm.pdf(eta)
    if name == "logit":
        p = 1 / (1 + np.exp(-eta))
        return p, p * (1 - p), p * (1 - p) * (1 - 2 * p)
    mu = np.exp(eta)  # log
    return mu, mu, mu


def _by_hand(df, b, link, family, observed, clusters=None):
    """margins sector's two SEs; e(b): ses, 0b.sector, 1.sector, _cons."""
    n = len(df)
    X = np.column_stack([df.ses, np.zeros(n), df.sector, np.ones(n)])
    keep = [0, 2, 3]
    Xk = X[:, keep]
    y = df.hi.to_numpy(float) if family == "binomial" else df.cnt.to_numpy(float)
    mu, d1, d2 = _link(link, X @ b)
    V = mu * (1 - mu) if family == "binomial" else mu
    dV = 1 - 2 * mu if family == "binomial" else np.ones(n)
    r = y - mu
    curv = d1 ** 2 / V
    if observed:  # -H: the observed information
        curv = curv - r * (d2 / V - d1 ** 2 * dV / V ** 2)
    bread = np.linalg.inv(Xk.T @ (Xk * curv[:, None]))
    IF = np.zeros((n, 4))
    IF[:, keep] = (Xk * (r * d1 / V)[:, None]) @ bread
    Z = []
    for level in (0, 1):
        Xs = X.copy()
        Xs[:, 2] = level
        q, dq, _ = _link(link, Xs @ b)
        Z.append((q - q.mean()) / n + IF @ (Xs * dq[:, None]).mean(axis=0))
    Z = np.column_stack(Z)
    if clusters is not None:
        Z = pd.DataFrame(Z).groupby(np.asarray(clusters)).sum().to_numpy()
    G = Z.shape[0]
    return np.sqrt(np.diag(G / (G - 1) * Z.T @ Z))


@pytest.mark.parametrize("fit, family, link, observed, by_cluster", [
    ("family(binomial) link(probit) vce(robust)", "binomial", "probit", True, False),
    ("family(binomial) link(logit) vce(cluster school)", "binomial", "logit", True, True),
    ("family(poisson) vce(robust)", "poisson", "log", True, False),
    ("family(binomial) link(probit) irls vce(robust)", "binomial", "probit", False, False),
    ("family(binomial) link(probit) irls vce(cluster school)", "binomial", "probit", False, True),
])
def test_glm_unconditional_by_hand(hsb, run, fit, family, link, observed, by_cluster):
    y = "hi" if family == "binomial" else "cnt"
    out, rc = run(hsb, f"quietly glm {y} ses i.sector, {fit}\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    assert "Unconditional" in out and hsb.r["vce"] == "unconditional"
    names = [n.split(":")[-1] for n in hsb.e.matrices["b"].colnames]
    assert names == ["ses", "0b.sector", "1.sector", "_cons"]
    df = hsb.data.df
    se = _by_hand(df, hsb.e.matrices["b"].values[0], link, family, observed, df.school if by_cluster else None)
    np.testing.assert_allclose(np.sqrt(np.diag(hsb.r["V"].values)), se, rtol=1e-7)


@pytest.mark.parametrize("irls", ["", "irls"])
def test_pweights_as_logit_and_non_robust_is_still_r322(hsb, run, irls):
    out, rc = run(hsb, "quietly logit hi ses i.sector [pw=w]\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    V_logit = hsb.r["V"].values
    out, rc = run(hsb, f"quietly glm hi ses i.sector [pw=w], family(binomial) {irls}\n"
                       "margins sector, vce(unconditional)")
    assert rc == 0 and "Unconditional" in out, out
    np.testing.assert_allclose(hsb.r["V"].values, V_logit, rtol=1e-6)
    out, rc = run(hsb, "quietly glm hi ses i.sector, family(binomial) irls\nmargins sector, vce(unconditional)",
                  stop_on_error=False)
    assert rc == 322 and "allowed only after estimation with robust" in out


def test_constrained_glm_is_refused(hsb, run):
    out, rc = run(hsb, "constraint 1 ses = 0.5\nquietly glm hi ses i.sector, family(binomial) vce(robust) "
                       "constraints(1)\nmargins sector, vce(unconditional)", stop_on_error=False)
    assert rc == 198 and "not allowed after constrained estimation" in out


@pytest.mark.parametrize("svyset", ["svyset school [pw=w]", "svyset school"])
def test_svy_glm_linearizes_as_svy_logit(hsb, run, svyset):
    """svy: glm, family(binomial) is svy: logit's model: the same unconditional margins."""
    out, rc = run(hsb, f"{svyset}\nquietly svy: logit hi ses i.sector\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    V_logit = hsb.r["V"].values
    out, rc = run(hsb, "quietly svy: glm hi ses i.sector, family(binomial)\nmargins sector, vce(unconditional)")
    assert rc == 0, out
    np.testing.assert_allclose(hsb.r["V"].values, V_logit, rtol=1e-6)
    run(hsb, "svyset, clear")
