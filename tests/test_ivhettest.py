"""``ivhettest`` after ivreg2: the White/Koenker statistic as N R2 of e^2 on the indicators and
Breusch-Pagan as the explained sum of squares over 2 sigma^4 (the classical forms, computed
here), Pagan-Hall from Pagan and Hall's (1983) variance written out here, the ado's layout and
messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(n=300, seed=5):
    rng = np.random.default_rng(seed)
    x1, z1, z2, z3 = rng.normal(size=(4, n))
    u = rng.normal(size=n) * np.exp(0.4 * z1)
    e1 = 0.6 * z1 + 0.5 * z2 + 0.4 * z3 + 0.5 * u + rng.normal(size=n)
    y = 1 + 0.5 * x1 + e1 + u
    return pd.DataFrame(dict(y=y, x1=x1, e1=e1, z1=z1, z2=z2, z3=z3))


def _pieces(df):
    n = len(df)
    X = np.column_stack([df.e1, df.x1, np.ones(n)])
    Z = np.column_stack([df.x1, df.z1, df.z2, df.z3, np.ones(n)])
    Xh = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(Xh, df.y.to_numpy(), rcond=None)[0]
    e = df.y.to_numpy() - X @ b
    return X, Xh, e


def test_nr2_bpg_and_pagan_hall(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3)\nivhettest, all", df=df)
    assert rc == 0, out
    X, Xh, e = _pieces(df)
    n = len(e)
    psi = df[["x1", "z1", "z2", "z3"]].to_numpy()
    psi = psi - psi.mean(axis=0)
    e2 = e * e
    fitted = psi @ np.linalg.lstsq(psi, e2 - e2.mean(), rcond=None)[0]
    nr2 = n * (fitted @ fitted) / ((e2 - e2.mean()) @ (e2 - e2.mean()))
    bpg = (fitted @ fitted) / (2 * np.mean(e2) ** 2)
    assert s.r["nr2"] == pytest.approx(nr2, rel=1e-9)
    assert s.r["bpg"] == pytest.approx(bpg, rel=1e-9)
    s2, m3, m4 = np.mean(e2), np.mean(e ** 3), np.mean(e ** 4)
    Q = np.linalg.inv(Xh.T @ Xh / n)
    G = psi.T @ (X * e[:, None]) / n
    B2 = -2 * m3 * (psi.T @ Xh / n) @ Q @ G.T
    B = (m4 - s2 ** 2) * psi.T @ psi / n + B2 + B2.T + 4 * s2 * G @ Q @ G.T
    D = psi.T @ (e2 - s2) / n
    assert s.r["ph"] == pytest.approx(n * D @ np.linalg.solve(B, D), rel=1e-9)
    lines = out.splitlines()
    i = lines.index("IV heteroskedasticity test(s) using levels of IVs only")
    assert lines[i + 1] == "Ho: Disturbance is homoskedastic"
    assert lines[i + 2].startswith("    Pagan-Hall general test statistic   : ")
    assert "  Chi-sq(4) P-value = " in lines[i + 2]
    assert [ln[4:39] for ln in lines[i + 2:i + 6]] == [
        "Pagan-Hall general test statistic  ", "Pagan-Hall test w/assumed normality",
        "White/Koenker nR2 test statistic   ", "Breusch-Pagan/Godfrey/Cook-Weisberg"]


def test_indicator_sets_and_messages(do):
    df = _data()
    rc, out, s = do("ivreg2 y x1 (e1 = z1 z2 z3)\nivhettest z1, nr2\nivhettest, ivsq nr2", df=df)
    assert rc == 0, out
    assert "IV heteroskedasticity test(s) using user-supplied indicator variables" in out
    assert "IV heteroskedasticity test(s) using levels and squares of IVs" in out and s.r["df"] == 8
    rc, out, _ = do("ivreg2 y x1 (e1 = z1 z2 z3)\nivhettest, ivsq fitlev", df=df)
    assert rc == 197 and "Incompatible choice of options; may specify one set of indicators only" in out
    rc, out, _ = do("ivreg2 y x1 z1\nivhettest, ph", df=df)
    assert rc == 197 and "Pagan-Hall test not applicable to OLS" in out
    rc, out, _ = do("ivreg2 y x1 (e1 = z1 z2 z3), partial(x1)\nivhettest", df=df)
    assert rc == 499 and "ivhettest not allowed after ivreg2 with partial (previously fwl) option" in out
    rc, out, _ = do("ivregress 2sls y x1 (e1 = z1 z2 z3)\nivhettest", df=df)
    assert rc == 301
