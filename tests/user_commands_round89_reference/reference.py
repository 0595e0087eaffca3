"""Independent values for tests/test_user_commands_round89.py, written to reference_values.json.

xttest1: pooled OLS residuals of y on x z (numpy lstsq on the complete rows), then the
statistics of Sosa-Escudero and Bera (2008, Stata Journal 8(1), "Tests for unbalanced
error-components models under local misspecification"; xttest1.ado 10/8/2006) written out
term by term with pandas: the lag found by merging on (id, t - 1), B's denominator without
each panel's first row of the data.

eventstudyinteract (Sun and Abraham 2021, J. Econometrics 225(2)): the interacted regression
with explicit unit and year dummies (lstsq on the full design, no absorption), the cluster
sandwich with reghdfe's small-sample factor G/(G-1) (N-1)/(N-K-(T-1)-1) (id nested in the
cluster: only the T-1 free year effects count); cohort shares by one regression per cohort;
their variance as the sum over rows of the outer products of (D'D)^-1 d_t e_ct; the IW
estimates and variance as weighted sums in loops.
"""
import json

import numpy as np
import pandas as pd
from scipy import stats

HERE = __file__.rsplit("/", 1)[0]


def xttest1_values():
    df = pd.read_csv(f"{HERE}/ec_panel.csv").sort_values(["id", "t"]).reset_index(drop=True)
    ok = df[["y", "x", "z"]].notna().all(axis=1)
    X = np.column_stack([df.loc[ok, "x"], df.loc[ok, "z"], np.ones(ok.sum())])
    coef, *_ = np.linalg.lstsq(X, df.loc[ok, "y"].to_numpy(), rcond=None)
    df["e"] = np.nan
    df.loc[ok, "e"] = df.loc[ok, "y"] - X @ coef
    N = int(ok.sum())
    n = df.loc[ok, "id"].nunique()
    T = df[ok].groupby("id").size()
    A = 1 - (df.groupby("id")["e"].sum() ** 2).sum() / (df["e"] ** 2).sum()
    lagged = df[["id", "t", "e"]].assign(t=df["t"] + 1).rename(columns={"e": "e_lag"})
    df = df.merge(lagged, on=["id", "t"], how="left")
    first = df.groupby("id").cumcount() == 0
    B = (df["e"] * df["e_lag"]).sum() / (df.loc[~first, "e"] ** 2).sum()
    a = float((T ** 2).sum())
    lm_re = N ** 2 * A ** 2 / (2 * (a - N))
    lm_sc = N ** 2 * B ** 2 / (N - n)
    alm_re = N ** 2 * (A + 2 * B) ** 2 / (2 * (a - 3 * N + 2 * n))
    alm_sc = lm_sc - lm_re + alm_re
    joint = lm_re + alm_sc
    one = -np.sqrt(N ** 2 / (2 * (a - N))) * A
    alm_one = -np.sqrt(N ** 2 / (2 * (a - 3 * N + 2 * n))) * (A + 2 * B)
    return {"N": N, "rets_lm": lm_re, "rets_alm": alm_re, "rets_alm_p": stats.chi2.sf(alm_re, 1),
            "reos_lm": one, "reos_lm_p": stats.norm.sf(one), "reos_alm": alm_one,
            "reos_alm_p": stats.norm.sf(alm_one), "sc_lm": lm_sc, "sc_lm_p": stats.chi2.sf(lm_sc, 1),
            "sc_alm": alm_sc, "sc_alm_p": stats.chi2.sf(alm_sc, 1), "jt_lm": joint,
            "jt_lm_p": stats.chi2.sf(joint, 2), "var_y": float(df.loc[ok, "y"].var(ddof=1))}


def eventstudy_values():
    df = pd.read_csv(f"{HERE}/es_panel.csv")
    rel = ["g_4", "g_3", "g0", "g1", "g2", "g3"]
    cohorts = sorted(df.loc[df["never"] == 0, "first"].dropna().unique())
    D = df[rel].to_numpy(float) * (df["never"] != 1).to_numpy()[:, None]
    R, C = len(rel), len(cohorts)
    # cohort shares and their variance
    treated = (df["never"] == 0).to_numpy()
    Dt = D[treated]
    XtXi = np.linalg.pinv(Dt.T @ Dt)
    w = np.zeros((C, R))
    resid = np.zeros((Dt.shape[0], C))
    for c, g in enumerate(cohorts):
        ind = (df.loc[treated, "first"] == g).to_numpy(float)
        w[c] = XtXi @ Dt.T @ ind
        resid[:, c] = ind - Dt @ w[c]
    Sigma = np.zeros((C * R, C * R))
    for t in range(Dt.shape[0]):
        h = XtXi @ Dt[t]
        infl = np.concatenate([h * resid[t, c] for c in range(C)])
        Sigma += np.outer(infl, infl)
    # interacted regression with dummies
    inter = np.column_stack([(df["first"] == g).to_numpy(float) * D[:, r] for r in range(R) for g in cohorts])
    Xr = np.column_stack([inter, df["x"].to_numpy()])
    ids = pd.get_dummies(df["id"]).to_numpy(float)
    years = pd.get_dummies(df["year"]).to_numpy(float)[:, 1:]
    Z = np.column_stack([Xr, ids, years])
    y = df["y"].to_numpy()
    Zp = np.linalg.pinv(Z)
    beta = Zp @ y
    e = y - Z @ beta
    K = Xr.shape[1]
    keep = np.abs(np.diag(np.linalg.pinv(Z.T @ Z))[:K]) > 1e-12
    A = Zp[:K]
    G = df["id"].nunique()
    N, T = len(df), df["year"].nunique()
    meat = np.zeros((K, K))
    for _, rows in df.groupby("id").indices.items():
        s = A[:, rows] @ e[rows]
        meat += np.outer(s, s)
    q = G / (G - 1) * (N - 1) / (N - int(keep.sum()) - (T - 1) - 1)
    V = q * meat
    delta = beta[:R * C].reshape(R, C).T
    b_iw = (w * delta).sum(axis=0)
    V_iw = np.zeros((R, R))
    Vd = V[:R * C, :R * C]
    for i in range(R):
        for j in range(R):
            for c in range(C):
                for d in range(C):
                    V_iw[i, j] += w[c, i] * w[d, j] * Vd[i * C + c, j * C + d]
                    V_iw[i, j] += delta[c, i] * delta[d, j] * Sigma[c * R + i, d * R + j]
    return {"b_iw": b_iw.tolist(), "V_iw": V_iw.tolist(), "ff_w": w.tolist(), "b_interact": delta.tolist(),
            "Sigma_ff": Sigma.tolist(), "N": N, "N_clust": G, "df_r": G - 1}


if __name__ == "__main__":
    values = {"xttest1": xttest1_values(), "eventstudyinteract": eventstudy_values()}
    with open(f"{HERE}/reference_values.json", "w") as fh:
        json.dump(values, fh, indent=1, default=float)
