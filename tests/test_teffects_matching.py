"""teffects nnmatch: estimates and Abadie-Imbens SEs against R's Matching package
(tests/teffects_reference/nnmatch.R, its output nnmatch.json, on matching.csv), the layout
against _teffects_replaym.ado and a published Stata log, e() and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "teffects_reference"
REF = json.loads((HERE / "nnmatch.json").read_text())
DATA = pd.read_csv(HERE / "matching.csv")


@pytest.mark.parametrize("key, command", [
    ("ate_maha_1", "teffects nnmatch (y x1 x2 x3) (t)"),
    ("atet_maha_1", "teffects nnmatch (y x1 x2 x3) (t), atet"),
    ("ate_ivar_3_nn4", "teffects nnmatch (y x1 x2 x3) (t), nneighbor(3) metric(ivariance) vce(robust, nn(4))"),
    ("atet_euclid_2", "teffects nnmatch (y x1 x2 x3) (t), atet nneighbor(2) metric(euclidean)"),
    ("ate_maha_exact_x3", "teffects nnmatch (y x1 x2 x3) (t), ematch(x3)"),
    ("ate_ivar_bias", "teffects nnmatch (y x1 x2 x3) (t), metric(ivariance) biasadj(x1 x2 x3)"),
    ("atet_ivar_bias", "teffects nnmatch (y x1 x2 x3) (t), atet metric(ivariance) biasadj(x1 x2 x3)"),
])
def test_estimates_and_ai_standard_errors_match_r_matching(do, key, command):
    rc, printed, s = do(command, DATA.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()[0]
    se = float(np.sqrt(s.e.matrices["V"].values[0, 0]))
    assert b == pytest.approx(REF[key][0], rel=1e-8)
    assert se == pytest.approx(REF[key][1], rel=1e-7)


def test_header_and_table_layout(do):
    rc, printed, s = do("teffects nnmatch (y x1 x2 x3) (t), ematch(x3)", DATA.copy())
    assert rc == 0, printed
    lines = printed.split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("Treatment-effects estimation")))
    assert lines[at:at + 4] == [
        "Treatment-effects estimation                   Number of obs      =        400",
        "Estimator      : nearest-neighbor matching     Matches: requested =          1",
        f"Outcome model  : matching                                     min = {s.e.scalars['k_nnmin']:10.0f}",
        f"Distance metric: Mahalanobis                                  max = {s.e.scalars['k_nnmax']:10.0f}"]
    assert lines[at + 5:at + 10] == [
        "             |              AI Robust",
        "     y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]".rjust(78),
        "-------------+----------------------------------------------------------------",
        "ATE          |", "           t |"]
    assert lines[at + 10].startswith("   (1 vs 0)  |")
    assert s.e.matrices["b"].colnames == ("ATE:r1vs0.t",) and s.e.macros["vcetype"] == "AI Robust"
    assert s.e.scalars["k_robust"] == 2 and s.e.macros["emvarlist"] == "x3"


@pytest.mark.parametrize("text, message, rc", [
    ("teffects nnmatch (y x1) (t), vce(iid)", "option vce(iid) not supported by mlmcli", 198),
    ("teffects nnmatch (y x1) (t), nneighbor(0)", "nneighbor(#) must be an integer between 1", 198),
    ("teffects nnmatch (y x1) (t), vce(robust, nn(1))", "nn(#) must be an integer between 2", 198),
    ("teffects nnmatch (y x1) (t), caliper(0.1)", "option caliper() not supported by mlmcli", 198),
    ("teffects nnmatch (y x1) (t), metric(foo)", "metric(foo) is not allowed", 198),
    ("teffects nnmatch (y x1) (x3)", "must have exactly two levels", 459),
    ("teffects nnmatch (y x1) (t), ate atet", "options ate and atet cannot both be specified", 184),
    ("teffects nnmatch (y) (t)", "omvarlist or ematch(varlist) must be specified", 100),
])
def test_errors(do, text, message, rc):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed
    assert list(s.data.df.columns) == list(DATA.columns)


def test_postestimation_after_nnmatch(do):
    rc, printed, _ = do("teffects nnmatch (y x1) (t)\nteoverlap", DATA.copy())
    assert rc == 321 and "teffects overlap not supported after nnmatch estimation" in printed
    rc, printed, _ = do("teffects nnmatch (y x1) (t)\nteffects, level(90)", DATA.copy())
    assert rc == 0 and printed.count("[90% Conf. Interval]") == 1


def _psmatch_reference(df):
    """psmatch's ATE and SE written out (continuous scores: no ties): the logit by Newton, one
    nearest match by |p_i - p_j|, Abadie-Imbens (2006) with the conditional variances from an
    observation and its nearest same-group neighbour by p, less Abadie-Imbens' (2016) c' V c."""
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    t, y = df.t.to_numpy(float), df.y.to_numpy(float)
    g = np.zeros(3)
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ g))
        g += np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (t - p))
    p = 1 / (1 + np.exp(-X @ g))
    V = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    n = len(y)
    groups = {w: np.flatnonzero(t == w) for w in (0, 1)}

    def near(i, w, k, self_out):
        pool = groups[w][groups[w] != i] if self_out else groups[w]
        return pool[np.argsort(np.abs(p[pool] - p[i]), kind="stable")[:k]]
    K = np.zeros(n)
    tau_i = np.zeros(n)
    for i in range(n):
        j = near(i, 1 - int(t[i]), 1, False)[0]
        K[j] += 1
        tau_i[i] = (y[i] - y[j]) if t[i] == 1 else (y[j] - y[i])
    tau = tau_i.mean()
    sig = np.array([np.var([y[i], y[near(i, int(t[i]), 1, True)[0]]], ddof=1) for i in range(n)])
    var = np.sum((tau_i - tau) ** 2 + (K ** 2 + K) * sig) / n ** 2
    c = np.zeros(3)
    for i in range(n):
        for w, share in ((1, 1 / p[i]), (0, 1 / (1 - p[i]))):
            s = np.r_[i, near(i, w, 1, True)] if t[i] == w else near(i, w, 2, False)
            cov = np.r_[[np.cov(X[s, k], y[s])[0, 1] for k in range(2)], 0.0]  # the constant's is 0
            c += cov * share * p[i] * (1 - p[i])
    c /= n
    return tau, np.sqrt(var - c @ V @ c)


def test_psmatch_against_the_formulas_written_out(do):
    rng = np.random.default_rng(5)
    df = DATA.assign(x1=DATA.x1 + rng.normal(scale=1e-3, size=len(DATA)),
                     x2=DATA.x2 + rng.uniform(size=len(DATA)))  # continuous scores: no ties
    rc, printed, s = do("teffects psmatch (y) (t x1 x2)", df.copy())
    assert rc == 0, printed
    tau, se = _psmatch_reference(df)
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(tau, rel=1e-10)
    assert float(np.sqrt(s.e.matrices["V"].values[0, 0])) == pytest.approx(se, rel=1e-7)
    assert "Estimator      : propensity-score matching     Matches: requested =          1" in printed
    assert "Treatment model: logit                                        max =          1" in printed
    rc, printed, _ = do("teffects psmatch (y) (t x1 x2), atet", df.copy())
    assert rc == 198 and "option atet not supported by mlmcli with teffects psmatch" in printed
