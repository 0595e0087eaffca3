"""pv (Kevin Macdonald, SSC; pv.ado's revised syntax): a command run for each plausible value
and combined by Rubin's rules.  The evidence is a direct computation here: numpy least squares
for each plausible value, the mean of the b's, U = mean V + (1 + 1/M) B with B the variance of
the b's (divisor M - 1), the degrees of freedom 1 / (f^2/(M-1) + (1-f)^2/df) and
p = 2 ttail(dof, |t|) as pv.ado writes them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

M = 5


@pytest.fixture(scope="module")
def scores():
    rng = np.random.default_rng(139)
    n = 240
    x = rng.normal(size=n)
    theta = 480 + 25 * x + rng.normal(0, 60, n)
    df = pd.DataFrame({"x": x, "school": np.repeat(np.arange(24), 10).astype(float)})
    for k in range(1, M + 1):
        df[f"pvm{k}"] = theta + rng.normal(0, 30, n)
    return df


def _ols(y, X):
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = y - X @ b
    df = len(y) - X.shape[1]
    V = (e @ e / df) * np.linalg.inv(X.T @ X)
    return b, V, df


def _direct(df, first_v=False):
    X = np.column_stack([df.x, np.ones(len(df))])
    fits = [_ols(df[f"pvm{k}"].to_numpy(), X) for k in range(1, M + 1)]
    bs = np.array([f[0] for f in fits])
    b = bs.mean(0)
    V = fits[0][1] if first_v else np.mean([f[1] for f in fits], 0)
    B = (bs - b).T @ (bs - b) / (M - 1)
    U = V + (1 + 1 / M) * B
    f = (1 + 1 / M) * np.diag(B) / np.diag(U)
    dof = 1 / (f ** 2 / (M - 1) + (1 - f) ** 2 / fits[-1][2])
    t = b / np.sqrt(np.diag(U))
    return b, U, B, dof, 2 * stats.t.sf(np.abs(t), dof)


def test_estimates_and_variance_follow_rubins_rules(do, scores):
    rc, printed, s = do("pv, pv(pvm*): regress @pv x", scores.copy())
    assert rc == 0, printed
    b, U, B, dof, p = _direct(scores)
    e = s.e
    assert e.macros["cmd"] == "pv" and e.scalars["pv_n"] == M
    np.testing.assert_allclose(np.asarray(e.matrices["b"].values).ravel(), b, rtol=1e-10)
    np.testing.assert_allclose(np.asarray(e.matrices["V"].values), U, rtol=1e-8)
    np.testing.assert_allclose(np.asarray(e.matrices["B"].values), B, rtol=1e-8, atol=1e-10)
    assert e.scalars["df_p"] == len(scores) - 2 and e.scalars["N"] == len(scores)
    assert tuple(e.matrices["b"].colnames) == ("x", "_cons")
    for k in range(1, M + 1):
        assert f"Estimates for pvm{k}   complete" in printed
    assert "command(s) run for each plausible value:" in printed
    row = next(line for line in printed.splitlines() if line.strip().startswith("x "))
    values = [float(v) for v in row.split()[1:]]
    np.testing.assert_allclose(values, [b[0], np.sqrt(U[0, 0]), b[0] / np.sqrt(U[0, 0]), dof[0], p[0]],
                               rtol=1e-4)  # shown in %10.0g


def test_timss_takes_the_first_plausible_values_sampling_variance(do, scores):
    rc, printed, s = do("pv, pv(pvm1-pvm5) timss: regress @pv x", scores.copy())
    assert rc == 0, printed
    _, U, *_ = _direct(scores, first_v=True)
    np.testing.assert_allclose(np.asarray(s.e.matrices["V"].values), U, rtol=1e-8)


def test_the_variable_pv_is_created_as_pv_ado_creates_it(do, scores):
    rc, printed, s = do("pv, pv(pvm*): regress @pv x", scores.copy())
    assert rc == 0 and "pv" in s.data.varnames
    assert np.isnan(s.data.numeric("pv")).all()
    low = scores.copy()
    low["pvm5"] = 0.5  # the last plausible value's first value is not above 1: no variable
    rc, printed, s = do("pv, pv(pvm*): regress @pv x", low)
    assert rc == 0 and "pv" not in s.data.varnames


def test_mean_keeps_the_first_runs_name(do, scores):
    # pv.ado names the results from the first run and renames only the last plausible value
    rc, printed, s = do("pv, pv(pvm*): mean @pv", scores.copy())
    assert rc == 0, printed
    assert tuple(s.e.matrices["b"].colnames) == ("pvm1",)
    np.testing.assert_allclose(s.e.matrices["b"].values[0, 0],
                               np.mean([scores[f"pvm{k}"].mean() for k in range(1, M + 1)]))


def test_refusals_and_syntax_errors(do, scores):
    rc, printed, s = do("pv, pv(pvm*) jrr jkzone(school) jkrep(school): regress @pv x", scores.copy())
    assert rc == 198 and "option jrr not allowed" in printed
    rc, printed, _ = do("pv, pv(pvm*) regress @pv x", scores.copy())
    assert rc == 100 and "':' missing" in printed
    rc, printed, _ = do("pv, pv(pvm*): regress @pv1 x", scores.copy())
    assert rc == 100
    rc, printed, _ = do("pv, pv(pvm*): regress pvm1 x", scores.copy())
    assert rc == 198
    rc, printed, s = do("pv, pv(nosuch*): regress @pv x", scores.copy())
    assert rc == 111 and "pv" not in s.data.varnames
