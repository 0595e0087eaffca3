"""tebalance overid after teffects ipw (logit): Imai and Ratkovic's (2014) over-identified GMM
test of covariate balance, computed here from the paper's definitions (mean moments, the
analytic variance of the moments, J = N g' S^-1 g minimised by Nelder-Mead then BFGS); the
ado's layout, r() and refusals."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import expit
from scipy.stats import chi2 as chi2_dist
from test_teffects import DATA


def _j_statistic(df, atet: bool, X=None, Z=None) -> float:
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))]) if X is None else X
    Z = X if Z is None else Z
    t = df.t.to_numpy() == 1
    n = len(t)

    def J(b):
        p = expit(X @ b)
        if atet:  # Imai-Ratkovic's ATT weights: treated 1, control p/(1-p), scaled by N/N1
            w = (n / t.sum()) * np.where(t, 1.0, -p / (1 - p))
            cov = np.block([[X.T @ (X * (p * (1 - p))[:, None]), X.T @ (Z * (n / t.sum() * p)[:, None])],
                            [Z.T @ (X * (n / t.sum() * p)[:, None]),
                             Z.T @ (Z * ((n / t.sum()) ** 2 * p / (1 - p))[:, None])]]) / n
        else:
            w = np.where(t, 1 / p, -1 / (1 - p))
            cov = np.block([[X.T @ (X * (p * (1 - p))[:, None]), X.T @ Z],
                            [Z.T @ X, Z.T @ (Z / (p * (1 - p))[:, None])]]) / n
        g = np.concatenate([X.T @ (t - p), Z.T @ w]) / n
        return n * g @ np.linalg.solve(cov, g)

    start = minimize(lambda b: -np.sum(np.where(t, np.log(expit(X @ b)), np.log(1 - expit(X @ b)))),
                     np.zeros(X.shape[1])).x
    # Nelder-Mead to near the minimum, BFGS to it (NM asked for fatol 1e-14 ran its 20,000 iterations
    # without getting there -- 13 s of CPU -- and ended within 2e-13 of this J)
    b = minimize(J, start, method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-10, "maxiter": 20000}).x
    return minimize(J, b, method="BFGS", options={"gtol": 1e-12}).fun


@pytest.mark.parametrize("stat", ["ate", "atet"])
def test_matches_the_papers_j_statistic(do, stat):
    rc, out, s = do(f"teffects ipw (y) (t x1 x2), {stat} nolog\ntebalance overid", DATA.copy())
    assert rc == 0, out
    j = _j_statistic(DATA, stat == "atet")
    assert s.r["chi2"] == pytest.approx(j, rel=1e-6)
    assert s.r["df"] == 3 and s.r["p"] == pytest.approx(chi2_dist.sf(j, 3), rel=1e-5)


def test_bconly_leaves_out_interactions(do):
    rc, out, s = do("teffects ipw (y) (t c.x1##c.x1 x2), nolog\ntebalance overid, bconly", DATA.copy())
    assert rc == 0, out
    X = np.column_stack([DATA.x1, DATA.x1 ** 2, DATA.x2, np.ones(len(DATA))])
    j = _j_statistic(DATA, False, X, X[:, [0, 2, 3]])
    assert s.r["df"] == 3 and s.r["chi2"] == pytest.approx(j, rel=1e-6)


def test_layout(do):
    rc, out, s = do("teffects ipw (y) (t x1 x2), nolog\ntebalance overid, nolog", DATA.copy())
    from mlmcli.render.numfmt import format_number

    assert out.splitlines()[-6:] == [
        "", "Overidentification test for covariate balance", "         H0: Covariates are balanced:", "",
        "         chi2(3)      =  " + format_number(s.r["chi2"], "%8.0g").strip().rjust(6),
        "         Prob > chi2  =   " + format_number(s.r["p"], "%5.4f")]


@pytest.mark.parametrize("text, rc, message", [
    ("teffects ipw (y) (t3 x1), nolog\ntebalance overid", 322, "more than 2 levels"),
    ("teffects ipw (y) (t x1 x2, probit), nolog\ntebalance overid", 198, "tmodel probit is not supported"),
    ("teffects ipw (y) (t x1 x2) [fw=w], nolog\ntebalance overid", 198, "with weights is not supported"),
    ("teffects ipw (y) (t x1 x2), nolog\ntebalance overid, iterate(5)", 198, "option iterate not supported"),
])
def test_refusals(do, text, rc, message):
    got, out, _ = do(text, DATA.copy())
    assert got == rc and message in out, out
