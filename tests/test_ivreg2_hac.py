"""ivreg2's bw()/kernel() (HAC with robust, AC without) against explicit double loops over
periods computed here (the kernel weights from their formulas), and the header's kernel lines."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _series(n=150, seed=11):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=(n, 4))
    for t in range(1, n):
        e[t] += 0.6 * e[t - 1]
    z1, z2, w, u = e.T
    x = 0.7 * z1 + 0.4 * z2 + 0.3 * w + 0.5 * u + rng.normal(size=n)
    y = 1 + 1.5 * x - 0.2 * w + u * (1 + 0.3 * np.abs(z1))
    t = np.arange(1, n + 1, dtype=float)
    keep = t != 40  # a gap: period 40 is missing
    return pd.DataFrame(dict(t=t, y=y, x=x, w=w, z1=z1, z2=z2))[keep].reset_index(drop=True)


def _kernel(name, x):
    if name == "bartlett":
        return max(0.0, 1 - x)
    z = 6 * np.pi * x / 5  # quadratic spectral
    return 25 / (12 * np.pi ** 2 * x ** 2) * (np.sin(z) / z - np.cos(z))


def _long_run(M, u, t, name, bw, robust):
    """sum over pairs of periods (t, t-j) present in the data."""
    n = len(t)
    where = {tt: i for i, tt in enumerate(t)}
    if robust:
        s = M * u[:, None]
        out = s.T @ s
    else:
        out = (u @ u / n) * M.T @ M
    for j in range(1, int(t.max() - t.min()) + 1):
        k = _kernel(name, j / bw)
        if k == 0:
            continue
        G, sig = np.zeros((M.shape[1], M.shape[1])), 0.0
        for i, tt in enumerate(t):
            if tt - j in where:
                a = where[tt - j]
                G += np.outer(M[i] * (u[i] if robust else 1), M[a] * (u[a] if robust else 1))
                sig += u[i] * u[a]
        out += k * (G + G.T) * (1 if robust else sig / n)
    return out


@pytest.mark.parametrize("name, bw, robust", [("bartlett", 3, True), ("qs", 2.5, True), ("bartlett", 4, False)])
def test_hac_and_ac_sandwich_and_hansen_j(do, name, bw, robust):
    df = _series()
    opts = f"bw({bw:g}) kernel({name})" + (" robust" if robust else "")
    rc, out, s = do(f"tsset t\nivreg2 y w (x = z1 z2), {opts}", df=df)
    assert rc == 0, out
    n = len(df)
    y = df.y.to_numpy()
    X = np.column_stack([df.x, df.w, np.ones(n)])
    Z = np.column_stack([df.w, np.ones(n), df.z1, df.z2])
    P = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    b = np.linalg.lstsq(P, y, rcond=None)[0]
    u = y - X @ b
    t = df.t.to_numpy()
    A = np.linalg.inv(P.T @ P)
    V = A @ _long_run(P, u, t, name, bw, robust) @ A
    assert np.allclose(s.e.coefficients().V, V, rtol=1e-8)
    S = _long_run(Z, u, t, name, bw, robust) / n
    W = np.linalg.inv(S)
    bg = np.linalg.solve(X.T @ Z @ W @ Z.T @ X, X.T @ Z @ W @ Z.T @ y)
    g = Z.T @ (y - X @ bg)
    assert s.e.scalars["j"] == pytest.approx(g @ W @ g / n, rel=1e-8)
    lines = out.splitlines()
    sub = "Statistics robust to heteroskedasticity and autocorrelation" if robust else \
        "Statistics robust to autocorrelation"
    i = lines.index(sub)
    label = {"bartlett": "Bartlett", "qs": "Quadratic Spectral"}[name]
    assert lines[i + 1] == f"  kernel={label}; bandwidth={bw:g}" and lines[i + 2] == "  time variable (t):  t"
    assert ("Hansen J statistic" in out) == robust and ("Sargan statistic" in out) != robust
    assert "Underidentification test (Kleibergen-Paap rk LM statistic):" in out
    assert ("|               Robust" in out) == robust


def test_kernel_errors(do):
    df = _series()
    rc, out, _ = do("ivreg2 y w (x = z1 z2), bw(3)", df=df)
    assert rc == 111 and "time variable not set" in out
    rc, out, _ = do("tsset t\nivreg2 y w (x = z1 z2), bw(500) robust", df=df)
    assert rc == 198 and "invalid bandwidth in option bw() - cannot exceed timespan of data" in out
    rc, out, _ = do("tsset t\nivreg2 y w (x = z1 z2), bw(auto) robust", df=df)
    assert rc == 198 and "bw(auto)" in out
    rc, out, _ = do("tsset t\nivreg2 y w (x = z1 z2), bw(3) kernel(nonsense)", df=df)
    assert rc == 198 and "invalid kernel" in out
