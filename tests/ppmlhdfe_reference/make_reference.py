"""Independent reference values for tests/test_ppmlhdfe.py: Poisson ML by statsmodels' GLM with
the fixed effects as explicit dummy columns (small sets), on ppmlhdfe.csv (written here from a
fixed seed).  Run from this folder: ``python3 make_reference.py`` (needs statsmodels; not a test
dependency) -> ppmlhdfe.csv, ppmlhdfe.json.

What is computed independently of mlm, from the ado's definitions (ppmlhdfe.mata, reghdfe5.mata):
* the sample: groups of one row, or whose y sums to zero, dropped repeatedly for every absorbed
  factor (the ado's "fe" check, re-implemented here with pandas);
* b (slopes), the deviance and the log pseudolikelihood (statsmodels' llf: y log mu - mu -
  lgamma(y + 1)), ll_0 = sum w (y log ybar - ybar - lgamma(y + 1));
* the VCE of the slopes: vce_asymptotic's sandwich -- statsmodels' HC0 (robust) times N / (N - 1),
  or its cluster sandwich without correction times G / (G - 1) -- and the Wald chi2 b' V^-1 b;
* _cons as the ado recovers it: the mu-weighted mean of the fitted linear index without offset
  minus the mu-weighted means of the regressors times b.
"""
import json

import numpy as np
import pandas as pd
import statsmodels.api as sm


def make_data() -> pd.DataFrame:
    rng = np.random.default_rng(20261206)
    n = 240
    g = rng.integers(1, 13, n)
    t = rng.integers(1, 6, n)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    a = rng.normal(scale=0.7, size=14)[g]
    b = rng.normal(scale=0.4, size=7)[t]
    e = rng.uniform(0.5, 2.0, n)
    y = rng.poisson(np.exp(0.2 + 0.5 * x1 - 0.3 * x2 + a + b) * e).astype(float)
    y[g == 12] = 0.0          # a group of zeros: separated by the fixed effect g
    g[:1] = 13                # a singleton group
    df = pd.DataFrame({"y": y, "x1": x1.round(4), "x2": x2.round(4), "g": g, "t": t,
                       "fw": rng.integers(1, 4, n), "e": e.round(4)})
    # a regressor positive only on zero-depvar rows: those rows are separated (ReLU drops them)
    df["sep"] = (df["y"] == 0).astype(float) * (np.arange(n) % 2)
    return df


def fe_sample(df: pd.DataFrame, factors: list[str]) -> pd.DataFrame:
    while True:
        before = len(df)
        for f in factors:
            grp = df.groupby(f)["y"]
            df = df[(grp.transform("size") > 1) & (grp.transform("sum") > 0)]
        if len(df) == before:
            return df


def fit(df, factors, *, cluster=None, fweights=False, exposure=False, drop_separated=False):
    d = fe_sample(df, factors) if factors else df
    if drop_separated:  # the rows the separating regressor picks out, then singletons again
        d = fe_sample(d[d["sep"] == 0], factors)
    dummies = [pd.get_dummies(d[f].astype(str), prefix=f, drop_first=True, dtype=float) for f in factors]
    X = pd.concat([d[["x1", "x2"]]] + dummies, axis=1)
    X = sm.add_constant(X)
    w = d["fw"].to_numpy(float) if fweights else np.ones(len(d))
    offset = np.log(d["e"].to_numpy()) if exposure else None
    model = sm.GLM(d["y"], X, family=sm.families.Poisson(), freq_weights=w if fweights else None, offset=offset)
    res = model.fit(tol=1e-13)
    N = w.sum()
    if cluster:
        codes = pd.factorize(d[cluster])[0]
        G = codes.max() + 1
        rc = model.fit(tol=1e-13, cov_type="cluster", cov_kwds={"groups": codes, "use_correction": False})
        V = np.asarray(rc.cov_params())[1:3, 1:3] * G / (G - 1)
    else:
        rc = model.fit(tol=1e-13, cov_type="HC0")
        V = np.asarray(rc.cov_params())[1:3, 1:3] * N / (N - 1)
    b = res.params.to_numpy()[1:3]
    mu = res.fittedvalues.to_numpy() if not exposure else res.mu
    index = np.asarray(X) @ res.params.to_numpy()
    cons = np.average(index, weights=mu * w) - np.average(d[["x1", "x2"]].to_numpy(), axis=0, weights=mu * w) @ b
    ybar = np.average(d["y"], weights=w)
    from scipy.special import gammaln
    yv = d["y"].to_numpy()
    ll_0 = float(np.sum(w * (np.where(yv > 0, yv * np.log(ybar), 0) - ybar - gammaln(yv + 1))))
    return {"N": float(N), "b": b.tolist(), "se": np.sqrt(np.diag(V)).tolist(), "cons": float(cons),
            "deviance": float(res.deviance), "ll": float(res.llf), "ll_0": ll_0,
            "chi2": float(b @ np.linalg.solve(V, b)), "dropped": int(len(df) - len(d))}


def fit_x1(df, factors):
    """y on x1 alone after the separated rows are dropped (sep is then all zero: omitted)."""
    d = fe_sample(df, factors)
    d = fe_sample(d[d["sep"] == 0], factors)
    dummies = [pd.get_dummies(d[f].astype(str), prefix=f, drop_first=True, dtype=float) for f in factors]
    X = sm.add_constant(pd.concat([d[["x1"]]] + dummies, axis=1))
    model = sm.GLM(d["y"], X, family=sm.families.Poisson())
    res = model.fit(tol=1e-13, cov_type="HC0")
    N = len(d)
    return {"N": float(N), "b": float(res.params["x1"]),
            "se": float(np.sqrt(res.cov_params().loc["x1", "x1"] * N / (N - 1))), "ll": float(res.llf),
            "deviance": float(res.deviance)}


if __name__ == "__main__":
    df = make_data()
    df.to_csv("ppmlhdfe.csv", index=False)
    out = {
        "absorb_g": fit(df, ["g"]),
        "absorb_g_t_cluster_g": fit(df, ["g", "t"], cluster="g"),
        "absorb_g_t_fw_exposure": fit(df, ["g", "t"], fweights=True, exposure=True),
        "absorb_gt_interaction": fit(df.assign(gt=df["g"] * 10 + df["t"]), ["gt"]),
        "noabsorb_cluster_t": fit(df, [], cluster="t"),
        "relu_separated_absorb_g": fit_x1(df, ["g"]),
    }
    with open("ppmlhdfe.json", "w") as fh:
        json.dump(out, fh, indent=1)
    print(json.dumps(out, indent=1))
