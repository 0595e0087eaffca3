"""estat icc, estat group and predict reffects/reses after the less common mixed fits --
three levels with random slopes, a crossed factor (``_all: R.a``) beside a nested level,
residuals() structures -- against a dense computation from the fit's own e(b): BLUPs
u = G Z' V^-1 (y - X b) and, after ML, their standard errors sqrt(diag(G - G Z' V^-1 Z G));
the ICCs as _estat_icc.ado defines them (intercept variances only, cumulated outwards, over
their sum plus the residual variance; logit-scale CIs; SEs by the delta method on e(V)); and
_estat_icc.ado's refusals (crossed models, residual structures, by() residuals, levels
without an intercept: r(321))."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError

WR = Path(__file__).resolve().parent / "mixed_weights_residuals_reference" / "data.csv"


@pytest.fixture(scope="module")
def three() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rows = []
    for s in range(12):
        us, vs = rng.normal(0, 1.0), rng.normal(0, 0.3)
        for c in range(4):
            uc, vc = rng.normal(0, 0.7), rng.normal(0, 0.2)
            for i in range(8):
                x = rng.normal()
                a = int(rng.integers(0, 5)) + 1
                rows.append((s + 1, s * 4 + c + 1, x, a, i % 2,
                             1 + 0.5 * x + us + vs * x + uc + vc * x + rng.normal()))
    return pd.DataFrame(rows, columns=["school", "class", "x", "a", "h", "y"]).astype(float)


def _fit(new_session, run, df, cmd):
    s = new_session(df)
    out, rc = run(s, cmd + " nolog")
    assert rc == 0, out
    return s


def _b(s) -> dict:
    b = s.e.matrices["b"]
    return {n: float(v) for n, v in zip(b.colnames, b.values[0])}


def _fixed_part(df, b):
    """(y, x, X = [x, 1], beta) of a ``y x`` fit."""
    y, x = df.y.to_numpy(), df.x.to_numpy()
    return y, x, np.column_stack([x, np.ones(len(x))]), np.array([b["y:x"], b["y:_cons"]])


def _dense_blups(y, X, beta, Z, G, R):
    V = Z @ G @ Z.T + R
    Vi = np.linalg.inv(V)
    u = G @ Z.T @ Vi @ (y - X @ beta)
    cond = G - G @ Z.T @ Vi @ Z @ G
    return u, np.sqrt(np.diag(cond))


def _blocks(codes, n_groups, cols):
    """Z for one level: per group, the columns ``cols`` (n x k) placed in that group's block."""
    n, k = cols.shape
    Z = np.zeros((n, n_groups * k))
    for j in range(k):
        Z[np.arange(n), codes * k + j] = cols[:, j]
    return Z


def _predicted(s, stub, k):
    return np.column_stack([s.data.df[f"{stub}{j}"].to_numpy() for j in range(1, k + 1)])


def test_three_levels_random_slopes(new_session, run, three):
    s = _fit(new_session, run, three, "mixed y x || school: x || class: x,")
    b = _b(s)
    y, x, X, beta = _fixed_part(three, b)
    sc = three.school.to_numpy().astype(int) - 1
    cl = three["class"].to_numpy().astype(int) - 1
    cols = np.column_stack([x, np.ones(len(x))])
    Z = np.hstack([_blocks(sc, 12, cols), _blocks(cl, 48, cols)])
    var = {k: np.exp(2 * b[f"{k}:_cons"]) for k in ("lns1_1_1", "lns1_1_2", "lns2_1_1", "lns2_1_2", "lnsig_e")}
    G = np.diag(np.concatenate([np.tile([var["lns1_1_1"], var["lns1_1_2"]], 12),
                                np.tile([var["lns2_1_1"], var["lns2_1_2"]], 48)]))
    u, se = _dense_blups(y, X, beta, Z, G, var["lnsig_e"] * np.eye(len(y)))
    out, rc = run(s, "predict u*, reffects\npredict s*, reses")
    assert rc == 0, out
    got_u, got_s = _predicted(s, "u", 4), _predicted(s, "s", 4)
    want_u = np.column_stack([u[:24].reshape(12, 2)[sc], u[24:].reshape(48, 2)[cl]])
    want_s = np.column_stack([se[:24].reshape(12, 2)[sc], se[24:].reshape(48, 2)[cl]])
    np.testing.assert_allclose(got_u, want_u, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(got_s, want_s, rtol=1e-6)

    out, rc = run(s, "estat icc")
    assert rc == 0
    assert "Conditional intraclass correlation" in out
    assert "Note: ICC is conditional on zero values of random-effects covariates." in out
    v3, v2, ve = var["lns1_1_2"], var["lns2_1_2"], var["lnsig_e"]
    total = v3 + v2 + ve
    assert s.r["icc3"] == pytest.approx(v3 / total, rel=1e-7)
    assert s.r["icc2"] == pytest.approx((v3 + v2) / total, rel=1e-7)
    # delta method on e(V) over (lns1_1_2, lns2_1_2, lnsig_e)
    names = list(s.e.matrices["b"].colnames)
    idx = [names.index(f"{k}:_cons") for k in ("lns1_1_2", "lns2_1_2", "lnsig_e")]
    V = s.e.matrices["V"].values[np.ix_(idx, idx)]
    for key, num in (("icc3", v3), ("icc2", v3 + v2)):
        p = num / total
        # d p / d lns_k = 2 var_k (1{k in num} - p) / total
        inside = [1.0, 1.0 if key == "icc2" else 0.0, 0.0]
        g = np.array([2 * vk * (ink - p) / total for vk, ink in zip((v3, v2, ve), inside)])
        se_p = float(np.sqrt(g @ V @ g))
        k = key[-1]
        assert s.r[f"se{k}"] == pytest.approx(se_p, rel=1e-6)
        half = 1.959963984540054 * se_p / (p * (1 - p))
        lo, hi = 1 / (1 + np.exp(-(np.log(p / (1 - p)) - half))), 1 / (1 + np.exp(-(np.log(p / (1 - p)) + half)))
        np.testing.assert_allclose(s.r[f"ci{k}"].values[0], [lo, hi], rtol=1e-6)

    out, rc = run(s, "estat group")
    assert "         school |       12         32       32.0         32" in out
    assert "          class |       48          8        8.0          8" in out


def test_crossed_factor_beside_a_level(new_session, run, three):
    s = _fit(new_session, run, three, "mixed y x || _all: R.a || school:,")
    b = _b(s)
    y, x, X, beta = _fixed_part(three, b)
    a = three.a.to_numpy().astype(int) - 1
    sc = three.school.to_numpy().astype(int) - 1
    one = np.ones((len(y), 1))
    Z = np.hstack([_blocks(a, 5, one), _blocks(sc, 12, one)])
    va, vs, ve = (np.exp(2 * b[f"{k}:_cons"]) for k in ("lns1_1_1", "lns2_1_1", "lnsig_e"))
    G = np.diag(np.concatenate([np.full(5, va), np.full(12, vs)]))
    u, se = _dense_blups(y, X, beta, Z, G, ve * np.eye(len(y)))
    out, rc = run(s, "predict u*, reffects\npredict s*, reses")
    assert rc == 0, out
    np.testing.assert_allclose(_predicted(s, "u", 2), np.column_stack([u[:5][a], u[5:][sc]]), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(_predicted(s, "s", 2), np.column_stack([se[:5][a], se[5:][sc]]), rtol=1e-6)
    out, rc = run(s, "estat icc", stop_on_error=False)
    assert rc == 321 and "estat icc not allowed after crossed-effects models" in out
    out, rc = run(s, "estat group")
    assert "           _all |        1        384      384.0        384" in out
    assert "         school |       12         32       32.0         32" in out


def test_ar1_residuals_blups_and_refusals(new_session, run):
    df = pd.read_csv(WR).astype(float)
    s = _fit(new_session, run, df, "mixed y x || id:, residuals(ar 1, t(t))")
    b = _b(s)
    y, x, X, beta = _fixed_part(df, b)
    ids = df.id.to_numpy().astype(int) - 1
    t = df.t.to_numpy()
    vu, ve, rho = np.exp(2 * b["lns1_1_1:_cons"]), np.exp(2 * b["lnsig_e:_cons"]), np.tanh(b["r_atr1:_cons"])
    same = ids[:, None] == ids[None, :]
    R = np.where(same, ve * rho ** np.abs(t[:, None] - t[None, :]), 0.0)
    Z = _blocks(ids, ids.max() + 1, np.ones((len(y), 1)))
    u, se = _dense_blups(y, X, beta, Z, vu * np.eye(Z.shape[1]), R)
    out, rc = run(s, "predict u1, reffects\npredict s1, reses")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.df["u1"].to_numpy(), u[ids], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(s.data.df["s1"].to_numpy(), se[ids], rtol=1e-6)
    out, rc = run(s, "estat icc", stop_on_error=False)
    assert rc == 321 and "residual structures other than the default independent structure" in out
    out, rc = run(s, "estat group")
    assert "             id |       40          4        5.6          6" in out


def test_estat_icc_refusals(new_session, run, three):
    """by() residuals are refused even with independent errors (_estat_icc.ado finds "by" in
    e(resopt)); a level whose equations have no intercept is refused."""
    s = _fit(new_session, run, three, "mixed y x || school:, residuals(independent, by(h))")
    out, rc = run(s, "estat icc", stop_on_error=False)
    assert rc == 321 and "residual structures other than the default independent structure" in out
    s = _fit(new_session, run, three, "mixed y x || school: x, noconstant || class:,")
    out, rc = run(s, "estat icc", stop_on_error=False)
    assert rc == 321 and "do not contain random intercepts" in out
