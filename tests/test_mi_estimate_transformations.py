"""mi estimate (name: exp) ... : command -- MI estimates of transformed coefficients ([MI] mi
estimate, syntax 2) -- and the esampvaryok option.  Each imputation is refitted here with
statsmodels' OLS; a sum and a ratio of coefficients get their delta-method variances by hand
and are combined by Rubin's rules in numpy, against e(b_Q_mi) and e(V_Q_mi).  With samples that
differ between imputations mi estimate stops with r(459) unless esampvaryok is given."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture(scope="module")
def wide():
    rng = np.random.default_rng(4135)
    n = 300
    x = rng.normal(size=n)
    z = (rng.random(n) < 0.5).astype(float)
    y = 1 + 0.8 * x + 0.6 * z + rng.normal(size=n)
    xmis = x.copy()
    xmis[rng.random(n) < 0.25] = np.nan
    miss = np.isnan(xmis)
    imp = [np.where(miss, x + rng.normal(0, 0.5, n), xmis) for _ in range(3)]
    return pd.DataFrame({"y": y, "z": z, "x": xmis, "x1": imp[0], "x2": imp[1], "x3": imp[2]})


def _rubin(estimates, variances):
    M = len(estimates)
    Q = np.mean(estimates, axis=0)
    W = np.mean(variances, axis=0)
    dev = np.asarray(estimates) - Q
    B = dev.T @ dev / (M - 1)
    return Q, W + (1 + 1 / M) * B


def test_sum_and_ratio_against_rubin(do, wide):
    setup = "mi import wide, imputed(x = x1 x2 x3) clear\n"
    rc, out, s = do(setup + "mi estimate (s: _b[x] + _b[z]) (_b[x]/_b[z]): regress y x z\n", df=wide)
    assert rc == 0, out
    ests, vars_ = [], []
    for k in (1, 2, 3):
        X = sm.add_constant(np.column_stack([wide[f"x{k}"], wide["z"]]))
        fit = sm.OLS(wide["y"].to_numpy(), X).fit()
        b, V = fit.params, fit.cov_params()
        G = np.array([[0, 1, 1], [0, 1 / b[2], -b[1] / b[2] ** 2]])
        ests.append(np.array([b[1] + b[2], b[1] / b[2]]))
        vars_.append(G @ V @ G.T)
    Q, T = _rubin(ests, vars_)
    bq = np.asarray(s.e.matrices["b_Q_mi"].values).ravel()
    VQ = np.asarray(s.e.matrices["V_Q_mi"].values)
    assert bq == pytest.approx(Q, rel=1e-7)
    assert VQ == pytest.approx(T, rel=1e-6)
    assert tuple(s.e.matrices["b_Q_mi"].colnames) == ("s", "_mi_2")
    assert s.e.scalars["k_exp_mi"] == 2 and s.e.macros["exp1_mi"] == "_b[x] + _b[z]"
    assert "Transformations" in out and "s: _b[x] + _b[z]" in out and "_mi_2: _b[x]/_b[z]" in out
    # the coefficients themselves are combined as without the transformations
    rc, _, plain = do(setup + "mi estimate: regress y x z\n", df=wide)
    assert np.allclose(plain.e.matrices["b_mi"].values, s.e.matrices["b_mi"].values)


def test_transformation_errors(do, wide):
    setup = "mi import wide, imputed(x = x1 x2 x3) clear\n"
    rc, out, _ = do(setup + "mi estimate (a: _b[x]) (a: _b[z]): regress y x z\n", df=wide)
    assert rc == 198
    rc, out, _ = do(setup + "mi estimate (a: _b[nosuch]): regress y x z\n", df=wide)
    assert rc == 111 and "m=1" in out


def test_esampvaryok(do, wide):
    frame = wide.copy()
    frame.loc[:39, "x2"] = np.nan  # imputation 2 leaves the incomplete rows among the first 40 missing
    setup = "mi import wide, imputed(x = x1 x2 x3) clear\n"
    rc, out, _ = do(setup + "mi estimate: regress y x z\n", df=frame)
    assert rc == 459 and "estimation sample varies" in out
    rc, out, s = do(setup + "mi estimate, esampvaryok: regress y x z\n", df=frame)
    assert rc == 0, out
    completed = {k: frame["x"].fillna(frame[f"x{k}"]) for k in (1, 2, 3)}
    assert s.e.scalars["N_mi"] == completed[2].notna().sum() < len(frame)  # the smallest sample
    ests, vars_ = [], []
    for k in (1, 2, 3):
        keep = completed[k].notna().to_numpy()
        X = sm.add_constant(np.column_stack([completed[k][keep], frame["z"][keep]]))
        fit = sm.OLS(frame["y"].to_numpy()[keep], X).fit()
        ests.append(fit.params)
        vars_.append(fit.cov_params())
    Q, T = _rubin(ests, vars_)
    b = np.asarray(s.e.matrices["b_mi"].values).ravel()
    assert b == pytest.approx(Q[[1, 2, 0]], rel=1e-7)
