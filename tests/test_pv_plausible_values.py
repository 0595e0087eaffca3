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
    rc, printed, s = do("pv, pv(pvm*) bs: regress @pv x", scores.copy())
    assert rc == 198 and "option bs not allowed" in printed
    rc, printed, _ = do("pv, pv(pvm*) regress @pv x", scores.copy())
    assert rc == 100 and "':' missing" in printed
    rc, printed, _ = do("pv, pv(pvm*): regress @pv1 x", scores.copy())
    assert rc == 100
    rc, printed, _ = do("pv, pv(pvm*): regress pvm1 x", scores.copy())
    assert rc == 198
    rc, printed, s = do("pv, pv(nosuch*): regress @pv x", scores.copy())
    assert rc == 111 and "pv" not in s.data.varnames


@pytest.fixture(scope="module")
def replicated(scores):
    rng = np.random.default_rng(1391)
    df = scores.copy()
    n = len(df)
    df["w"] = rng.uniform(0.5, 1.5, n)
    for r in range(1, 5):
        df[f"rw{r}"] = df.w * np.where(rng.random(n) < 0.5, 1.5, 0.5)
    df["zone"] = np.floor(np.arange(n) / 20).astype(float)
    df["rep"] = (np.arange(n) % 2).astype(float)
    return df


def _wls(y, x, w):
    X = np.column_stack([np.asarray(x, float), np.ones(len(y))])
    sw = np.sqrt(np.asarray(w, float))
    return np.linalg.lstsq(X * sw[:, None], y * sw, rcond=None)[0]


def _rubin(bs, Vs):
    bs = np.array(bs)
    b = bs.mean(0)
    B = (bs - b).T @ (bs - b) / (len(bs) - 1)
    return b, np.mean(Vs, 0) + (1 + 1 / len(bs)) * B


def test_brr_variance_over_replicate_weights(do, replicated):
    df = replicated
    rc, printed, s = do("pv, pv(pvm*) weight(w) brr rw(rw*) fays(0.5): regress @pv x [aw=@w]", df.copy())
    assert rc == 0, printed
    assert "command(s) run for each plausible value and replicate weight:" in printed
    bs, Vs = [], []
    for k in range(1, M + 1):
        y = df[f"pvm{k}"].to_numpy()
        b = _wls(y, df.x, df.w)
        reps = [_wls(y, df.x, df[f"rw{r}"]) - b for r in range(1, 5)]
        bs.append(b)
        Vs.append(sum(np.outer(d, d) for d in reps) / (4 * 0.5 ** 2))
    b, U = _rubin(bs, Vs)
    np.testing.assert_allclose(np.asarray(s.e.matrices["b"].values).ravel(), b, rtol=1e-9)
    np.testing.assert_allclose(np.asarray(s.e.matrices["V"].values), U, rtol=1e-7)
    assert s.e.scalars["df_p"] == 4


@pytest.mark.parametrize("halves", [False, True])
def test_jackknife_zones(do, replicated, halves):
    df = replicated
    option = "jrrt2" if halves else "jrr"
    rc, printed, s = do(f"pv, pv(pvm*) weight(w) {option} jkzone(zone) jkrep(rep): regress @pv x [aw=@w]",
                        df.copy())
    assert rc == 0, printed
    assert "__pv_rw" not in s.data.varnames
    zones = np.unique(df.zone)
    bs, Vs = [], []
    for k in range(1, M + 1):
        y = df[f"pvm{k}"].to_numpy()
        b = _wls(y, df.x, df.w)
        V = np.zeros((2, 2))
        for z in zones:
            inside = df.zone.to_numpy() == z
            if not halves:
                w = np.where(inside, df.w * df.rep * 2, df.w).astype(np.float32)
                d = _wls(y, df.x, w.astype(float)) - b
                V += np.outer(d, d)
                continue
            part = np.zeros((2, 2))
            for z2 in (0, 1):
                w = np.where(~inside, df.w, np.where(df.rep == z2, df.w * 2, 0.0)).astype(np.float32)
                d = _wls(y, df.x, w.astype(float)) - b
                part += np.outer(d, d)
            V += part / 2
        bs.append(b)
        Vs.append(V)
    b, U = _rubin(bs, Vs)
    np.testing.assert_allclose(np.asarray(s.e.matrices["V"].values), U, rtol=1e-5)
    assert s.e.scalars["df_p"] == len(zones)


def test_replicate_option_checks(do, replicated):
    rc, printed, _ = do("pv, pv(pvm*) weight(w) brr: regress @pv x [aw=@w]", replicated.copy())
    assert rc == 100 and "fays adjustment" in printed
    rc, printed, _ = do("pv, pv(pvm*) weight(w) brr rw(rw*) fays(0.5): regress @pv x", replicated.copy())
    assert rc == 100 and "@w required" in printed
    rc, printed, _ = do("pv, pv(pvm*) brr jrr rw(rw*) fays(.5): regress @pv x [aw=@w]", replicated.copy())
    assert rc == 100
