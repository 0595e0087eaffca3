"""Independent reference values for mixed with sampling weights / a robust VCE and a
residuals() structure (tests/test_mixed_weights_residuals.py).

Writes data.csv (simulated, seed fixed) and values.json.  Nothing here uses mlmcli: each
model's (pseudo) log likelihood is written out directly -- a dense multivariate normal per
panel for AR(1) errors, a closed-form one-dimensional integral for independent errors with
observation weights -- maximized with scipy in Stata's estimation metric, and the sandwich
is built from numerical per-panel scores and the numerical Hessian (Stata's bread: block
diagonal, fixed effects | variance parameters; meat G/(G-1) sum_c s_c s_c').

    python3 tests/mixed_weights_residuals_reference/compute.py
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
LOG2PI = np.log(2 * np.pi)


def simulate() -> pd.DataFrame:
    rng = np.random.default_rng(20261206)
    rows = []
    for j in range(1, 41):
        u = rng.normal(0, 1.2)
        T = 6 if j % 5 else 4  # unbalanced panels
        e = np.zeros(T)
        e[0] = rng.normal(0, 1)
        for t in range(1, T):
            e[t] = 0.6 * e[t - 1] + rng.normal(0, 0.8)
        for t in range(T):
            x = rng.normal()
            half = int(t >= 3)
            sd = 1.0 if half else 0.6
            y = 1.5 + 0.8 * x + u + e[t] + (rng.normal(0, sd) if j % 2 else 0.0)
            rows.append(dict(id=j, t=t + 1, x=round(x, 4), y=round(y, 4), half=half,
                             wj=1 + j % 3, wi=round(0.5 + rng.uniform(), 3), c=(j - 1) // 4 + 1))
    return pd.DataFrame(rows)


# --- the models' log likelihoods, per panel --------------------------------------------
def ar1_panels(df, beta, phi):
    """Per-panel log likelihood of y = X b + u_j + e, e AR(1) over t: phi = (lns1_1_1,
    lnsig_e, r_atr1)."""
    su2, se2, rho = np.exp(2 * phi[0]), np.exp(2 * phi[1]), np.tanh(phi[2])
    out = []
    for _, g in df.groupby("id", sort=True):
        t = g["t"].to_numpy()
        X = np.column_stack([g["x"], np.ones(len(g))])
        r = g["y"].to_numpy() - X @ beta
        V = su2 + se2 * rho ** np.abs(t[:, None] - t[None, :])
        sign, ld = np.linalg.slogdet(V)
        out.append(-0.5 * (len(g) * LOG2PI + ld + r @ np.linalg.solve(V, r)))
    return np.array(out)


def byhalf_panels(df, beta, phi, w):
    """Per-panel pseudo log likelihood of y = X b + u_j + e_ij with var(e_ij) = sigma^2
    (half 0) or sigma^2 exp(2 r) (half 1) and observation weights w (the integral over u_j
    in closed form): phi = (lns1_1_1, lnsig_e, r_lns2ose)."""
    su2 = np.exp(2 * phi[0])
    out = []
    for _, g in df.groupby("id", sort=True):
        X = np.column_stack([g["x"], np.ones(len(g))])
        r = g["y"].to_numpy() - X @ beta
        s2 = np.exp(2 * (phi[1] + phi[2] * g["half"].to_numpy()))
        wi = g[w].to_numpy() if w else np.ones(len(g))
        A = np.sum(wi / s2) + 1 / su2
        B = np.sum(wi * r / s2)
        out.append(-0.5 * np.sum(wi * (LOG2PI + np.log(s2))) - 0.5 * np.sum(wi * r * r / s2)
                   + B * B / (2 * A) - 0.5 * np.log(A * su2))
    return np.array(out)


# --- fit and sandwich --------------------------------------------------------------------
def fit(panel_ll, panel_w, x0):
    f = lambda x: -np.sum(panel_w * panel_ll(x[:2], x[2:]))
    res = minimize(f, x0, method="BFGS", options={"gtol": 1e-9, "maxiter": 2000})
    res = minimize(f, res.x, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    res = minimize(f, res.x, method="BFGS", options={"gtol": 1e-10})
    return res.x, -res.fun


def hessian(f, x, h):
    k = len(x)
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(i, k):
            ei, ej = np.eye(k)[i] * h[i], np.eye(k)[j] * h[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h[i] * h[j])
    return H


def sandwich(panel_ll, panel_w, x, clusters):
    k = len(x)
    h = 1e-4 * np.maximum(1.0, np.abs(x))
    total = lambda z: np.sum(panel_w * panel_ll(z[:2], z[2:]))
    H = hessian(total, x, h)
    S = np.array([(panel_w * panel_ll((x + e)[:2], (x + e)[2:]) - panel_w * panel_ll((x - e)[:2], (x - e)[2:]))
                  / (2 * hi) for e, hi in zip(np.eye(k) * h, h)])
    uniq, codes = np.unique(clusters, return_inverse=True)
    G = len(uniq)
    Sc = np.array([np.bincount(codes, weights=s, minlength=G) for s in S])
    meat = G / (G - 1) * Sc @ Sc.T
    bread = np.zeros((k, k))
    bread[:2, :2] = np.linalg.inv(-H[:2, :2])
    bread[2:, 2:] = np.linalg.inv(-H[2:, 2:])
    return bread @ meat @ bread, G


def case(name, cmd, df, panel_ll, panel_w, x0, clusters, names):
    x, ll = fit(panel_ll, panel_w, np.asarray(x0, float))
    V, G = sandwich(panel_ll, panel_w, x, clusters)
    return dict(name=name, command=cmd, loglik=ll, names=names, b=list(x), se=list(np.sqrt(np.diag(V))),
                n_clusters=G)


def main():
    df = simulate()
    df.to_csv(HERE / "data.csv", index=False)
    ids = np.sort(df["id"].unique())
    wj = df.groupby("id")["wj"].first().reindex(ids).to_numpy().astype(float)
    ones = np.ones(len(ids))
    cl = df.groupby("id")["c"].first().reindex(ids).to_numpy()
    ar_names = ["y:x", "y:_cons", "lns1_1_1:_cons", "lnsig_e:_cons", "r_atr1:_cons"]
    by_names = ["y:x", "y:_cons", "lns1_1_1:_cons", "lnsig_e:_cons", "r_lns2ose:_cons"]
    ar = lambda b, p: ar1_panels(df, b, p)
    x0 = [0.8, 1.5, 0.0, 0.0, 0.5]
    cases = [
        case("ar1_level_pweights", "y x || id:, pweight(wj) residuals(ar 1, t(t))", df, ar, wj, x0, ids, ar_names),
        case("ar1_robust", "y x || id:, residuals(ar 1, t(t)) vce(robust)", df, ar, ones, x0, ids, ar_names),
        case("ar1_cluster", "y x || id:, residuals(ar 1, t(t)) vce(cluster c)", df, ar, ones, x0, cl, ar_names),
        case("byhalf_obs_pweights", "y x [pw=wi] || id:, residuals(independent, by(half))", df,
             lambda b, p: byhalf_panels(df, b, p, "wi"), ones, [0.8, 1.5, 0.0, 0.0, 0.0], ids, by_names),
        case("byhalf_both_pweights", "y x [pw=wi] || id:, pweight(wj) residuals(independent, by(half))", df,
             lambda b, p: byhalf_panels(df, b, p, "wi"), wj, [0.8, 1.5, 0.0, 0.0, 0.0], ids, by_names),
    ]
    (HERE / "values.json").write_text(json.dumps(cases, indent=1) + "\n")
    for c in cases:
        print(c["name"], c["loglik"], np.round(c["b"], 6), np.round(c["se"], 6))


if __name__ == "__main__":
    main()
