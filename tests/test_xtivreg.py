"""``xtivreg`` fe/fd/be/re against R's plm (tests/xtivreg_reference/reference.R over the panels
make_panels.py writes), Stata's small-sample factors computed here from first principles
(regress's (N-1)/(N-K) G/(G-1), the within df N-n-k), the ado's layout and messages."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "xtivreg_reference"
REF = json.loads((REF_DIR / "reference.json").read_text())
MODEL = "y x1 w (x2 = z1 z2)"


def _data(kind):
    return pd.read_csv(REF_DIR / f"{kind}.csv").astype(float)


def _fit(do, kind, options, model=MODEL):
    rc, out, s = do(f"xtset id t\nxtivreg {model}, {options}", df=_data(kind))
    assert rc == 0, out
    c = s.e.coefficients()
    return out, s, dict(zip(c.names, c.b)), c


def _ref(key):
    r = REF[key]
    k = len(r["b"])
    return dict(zip(r["names"], r["b"])), np.array(r["V"]).reshape(k, k), r["names"]


def _sub_V(c, names):
    idx = [c.names.index(n) for n in names]
    return c.V[np.ix_(idx, idx)]


@pytest.mark.parametrize("kind", ["balanced", "unbalanced"])
def test_fe_matches_plm_within_iv(do, kind):
    out, s, b, c = _fit(do, kind, "fe")
    rb, rV, names = _ref(f"{kind}_fe")
    for n in names:
        assert b[n] == pytest.approx(rb[n], rel=1e-7)
    assert _sub_V(c, names) == pytest.approx(rV, rel=1e-6)
    assert b["w"] == 0 and "w |          0  (omitted)" in out  # time-invariant
    assert s.e.macros["model"] == "fe" and s.e.macros["instd"] == "x2"


@pytest.mark.parametrize("kind", ["balanced", "unbalanced"])
def test_fe_cluster_is_regress_scaled_sandwich(do, kind):
    out, s, b, c = _fit(do, kind, "fe vce(cluster id)")
    rb, rV0, names = _ref(f"{kind}_fe_cluster_hc0")
    N, G, K = s.e.scalars["N"], s.e.scalars["N_clust"], len(names) + 1  # K: slopes and the constant
    assert _sub_V(c, names) == pytest.approx(rV0 * (N - 1) / (N - K) * G / (G - 1), rel=1e-6)
    assert "(Std. Err. adjusted for" in out and "F  test that all u_i=0" not in out
    assert s.e.macros["vce"] == "cluster" and s.e.macros["vcetype"] == "Robust"


def test_fd_matches_plm_first_differences(do):
    out, s, b, c = _fit(do, "balanced", "fd", model="y x1 (x2 = z1 z2)")
    rb, rV, names = _ref("balanced_fd")
    mine = {"(Intercept)": "_cons", "x1": "D.x1", "x2": "D.x2"}
    for n in names:
        assert b[mine[n]] == pytest.approx(rb[n], rel=1e-7)
    assert _sub_V(c, [mine[n] for n in names]) == pytest.approx(rV, rel=1e-6)
    assert s.e.scalars["N"] == 240 and s.e.macros["depvar"] == "D.y"
    assert "First-differenced IV regression" in out and "Time variable:     t" in out


def test_fd_cluster(do):
    out, s, b, c = _fit(do, "balanced", "fd vce(cluster id)", model="y x1 (x2 = z1 z2)")
    rb, rV0, names = _ref("balanced_fd_cluster_hc0")
    N, G, K = 240, 60, 3
    mine = {"(Intercept)": "_cons", "x1": "D.x1", "x2": "D.x2"}
    assert _sub_V(c, [mine[n] for n in names]) == pytest.approx(rV0 * (N - 1) / (N - K) * G / (G - 1), rel=1e-6)


@pytest.mark.parametrize("kind", ["balanced", "unbalanced"])
def test_be_matches_plm_between_iv(do, kind):
    out, s, b, c = _fit(do, kind, "be")
    rb, rV, names = _ref(f"{kind}_be")
    mine = {n: ("_cons" if n == "(Intercept)" else n) for n in names}
    for n in names:
        assert b[mine[n]] == pytest.approx(rb[n], rel=1e-7)
    assert _sub_V(c, [mine[n] for n in names]) == pytest.approx(rV, rel=1e-6)
    assert "Between-effects IV regression:" in out and "sd(u_i + avg(e_i.))" in out


@pytest.mark.parametrize("option,key", [("re", "balanced_g2sls"), ("re ec2sls", "balanced_ec2sls")])
def test_re_balanced_matches_plm(do, option, key):
    out, s, b, c = _fit(do, "balanced", option)
    rb, rV, names = _ref(key)
    mine = {n: ("_cons" if n == "(Intercept)" else n) for n in names}
    sigma2 = REF[key]["sigma2"]  # plm's (idios, id)
    assert s.e.scalars["sigma_e"] ** 2 == pytest.approx(sigma2[0], rel=1e-7)
    assert s.e.scalars["sigma_u"] ** 2 == pytest.approx(sigma2[1], rel=1e-7)
    for n in names:
        assert b[mine[n]] == pytest.approx(rb[n], rel=1e-7)
    # regress's s^2 = rss/(N-K) over the K transformed regressors (plm: the same)
    assert _sub_V(c, [mine[n] for n in names]) == pytest.approx(rV, rel=1e-5)
    title = "EC2SLS" if "ec2sls" in option else "G2SLS"
    assert f"{title} random-effects IV regression" in out and "corr(u_i, X)   = 0 (assumed)" in out


def test_fe_layout(do):
    out, s, b, c = _fit(do, "unbalanced", "fe")
    lines = out.splitlines()
    top = next(i for i, ln in enumerate(lines) if ln.startswith("Fixed-effects (within) IV regression"))
    assert lines[top].index("Number of obs") == 48 and lines[top][67] == "="
    assert lines[top + 3].startswith("R-sq:  within  = ")
    f_line = next(ln for ln in lines if ln.startswith("F  test that all u_i=0:     F(79,"))
    assert f_line.index("Prob > F    = ") == 58
    assert lines[-3] == "Instrumented:   x2" and lines[-2] == "Instruments:    x1 w z1 z2"
    assert lines[-1] == "-" * 78
    # the Wald chi2 tests _cons too (the ado's test of coefs_ts with _cons); header df k
    from mlmcli.panel.instrumental_variables import wald

    k = 2
    est = [i for i in range(len(c.names)) if c.V[i, i] > 0]  # w omitted
    assert s.e.scalars["chi2"] == pytest.approx(wald(c.b[est], c.V[np.ix_(est, est)], range(k + 1)), rel=1e-9)
    assert "Wald chi2(2)" in out


def test_fe_sigma_and_f_test_from_first_principles(do):
    df = _data("unbalanced")
    out, s, b, c = _fit(do, "unbalanced", "fe")
    g = df.groupby("id")
    within = lambda v: v - g[v.name].transform("mean")  # noqa: E731
    # structural residuals on the within data: sigma_e^2 = rss/(N-n-k)
    u = within(df.y) - b["x1"] * within(df.x1) - b["x2"] * within(df.x2)
    N, n = len(df), df.id.nunique()
    assert s.e.scalars["sigma_e"] == pytest.approx(np.sqrt(float(u @ u) / (N - n - 2)), rel=1e-8)
    # sigma_u: sd over panels of mean(y) - mean(x b)
    xb = b["x1"] * df.x1 + b["x2"] * df.x2 + b["_cons"]
    ui = (df.y - xb).groupby(df.id).mean()
    assert s.e.scalars["sigma_u"] == pytest.approx(ui.std(ddof=1), rel=1e-8)
    # F test: first-stage fe fit x2hat = x b + u_i, then pooled and within OLS of y on [x2hat x1 w]
    Z = np.column_stack([within(df.x1), within(df.z1), within(df.z2)])
    beta = np.linalg.lstsq(Z, within(df.x2), rcond=None)[0]
    x2hat = df.x2 - (within(df.x2) - Z @ beta)
    R = np.column_stack([x2hat, df.x1, df.w])  # the ado pools on every exogenous term
    pooled = np.column_stack([R, np.ones(N)])
    r1 = df.y - pooled @ np.linalg.lstsq(pooled, df.y, rcond=None)[0]
    Rw = R - pd.DataFrame(R).groupby(df.id.values).transform("mean").to_numpy()
    yw = within(df.y)
    r2 = yw - Rw @ np.linalg.lstsq(Rw, yw, rcond=None)[0]
    F = (r1 @ r1 - r2 @ r2) / float(u @ u) * (N - n - 2) / (n - 1)
    assert s.e.scalars["F_f"] == pytest.approx(F, rel=1e-7)


def test_small_gives_t_and_F(do):
    out, s, b, c = _fit(do, "unbalanced", "fe small")
    assert "P>|t|" in out and "F(2," in out and s.e.macros["small"] == "small"


@pytest.mark.parametrize("text,msg,rc", [
    ("xtivreg y x1 x2, fe", "no endogenous variables specified", 198),
    ("xtivreg y x1 (x2 = z1), fe be", "only one model may be specified", 198),
    ("xtivreg y x1 (x2 = z1), fe ec2sls", "option ec2sls may not be specified with fe", 198),
    ("xtivreg y x1 (x2 = z1), fe noconstant", "option noconstant invalid in fe model", 198),
    ("xtivreg y x1 (x2 x1b = z1), fe", "variable x1b not found", 111),
    ("xtivreg y (x2 x1 = z1), fe", "equation not identified", 481),
    ("xtivreg y x1 (x2 = z1), fd vce(bootstrap)", "vce(bootstrap) with xtivreg, fd is not implemented", 198),
    ("xtivreg y x1 (x2 = z1), fe vce(jackknife)", "vce(jackknife) is not implemented", 198),
])
def test_messages(do, text, msg, rc):
    got, out, s = do("xtset id t\n" + text, df=_data("balanced"))
    assert got == rc, out
    if msg:
        assert msg in out


def test_failed_command_leaves_data(do):
    df = _data("balanced")
    rc, out, s = do("xtset id t\nxtivreg y x1 (x2 = z1), fe first vce(nonsense)", df=df)
    assert rc == 198 and list(s.data.varnames) == list(df.columns)


def test_fe_first_prints_the_within_first_stage(do):
    out, s, b, c = _fit(do, "balanced", "fe first")
    assert "First-stage within regression" in out
    head = out.split("First-stage within regression")[1]
    assert "Fixed-effects (within) regression" in head and "Fixed-effects (within) IV regression" in head
    assert list(s.data.varnames) == list(_data("balanced").columns)
    assert s.e.macros["cmd"] == "xtivreg"


def test_fd_first_prints_the_differenced_first_stage(do):
    out, s, b, c = _fit(do, "balanced", "fd first", model="y x1 (x2 = z1 z2)")
    first = out.split("First-stage first-differenced regression")[1].split("First-differenced IV regression")[0]
    assert "D.x2" in first and "Number of obs =     240" in first
    assert s.e.macros["cmd"] == "xtivreg" and s.e.macros["insts"] == "x1 z1 z2" and s.e.macros["instd"] == "x2"
    assert list(s.data.varnames) == list(_data("balanced").columns)
    table = out.split("First-differenced IV regression")[1]
    assert "          x2 |\n         D1. |" in table and "          x1 |\n         D1. |" in table


def test_fe_bootstrap_is_the_replicates_covariance(do, tmp_path):
    saved = tmp_path / "reps.dta"
    out, s, b, c = _fit(do, "unbalanced", f"fe vce(bootstrap, reps(25) seed(7) nodots saving({saved}, double))")
    rb, _, names = _ref("unbalanced_fe")
    for n in names:  # the point estimates are the full sample's
        assert b[n] == pytest.approx(rb[n], rel=1e-7)
    rc, _, s2 = do(f"use {saved}, clear")
    reps = np.column_stack([s2.data.numeric(v) for v in s2.data.varnames])
    assert reps.shape == (25, 3)  # x2 x1 _cons (w omitted)
    assert _sub_V(c, ["x2", "x1", "_cons"]) == pytest.approx(np.cov(reps, rowvar=False, ddof=1), rel=1e-9)
    assert "(Replications based on 80 clusters in id)" in out and "Bootstrap" in out
    assert s.e.macros["vce"] == "bootstrap" and s.e.macros["vcetype"] == "Bootstrap"
    assert "F  test that all u_i=0" not in out and "Wald chi2(2)" in out


def _tsls(y, X, Z):
    """Textbook 2SLS: b, residuals, (Xhat'Xhat)^-1."""
    Xh = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    A = np.linalg.inv(Xh.T @ Xh)
    b = A @ Xh.T @ y
    return b, y - X @ b, A


@pytest.mark.parametrize("nosa", [False, True])
def test_re_unbalanced_from_the_ado_formulas(do, nosa):
    """Unbalanced panels: Swamy-Arora as xtivreg.ado computes it (s_e^2 = rss_w/(N-n-q-1), the
    trace correction) or nosa's Baltagi-Chang components, then G2SLS on v - theta_i vbar_i."""
    df = _data("unbalanced")
    out, s, b, c = _fit(do, "unbalanced", "re nosa" if nosa else "re")
    g = df.groupby("id")
    T = g.y.transform("size").to_numpy()
    N, n = len(df), df.id.nunique()
    mean = lambda v: g[v].transform("mean").to_numpy()  # noqa: E731
    dm = lambda v: df[v].to_numpy() - mean(v)  # noqa: E731
    _, u_w, _ = _tsls(dm("y"), np.column_stack([dm("x2"), dm("x1")]), np.column_stack([dm("x1"), dm("z1"), dm("z2")]))
    rss_w = float(u_w @ u_w)
    gm = g[["y", "x1", "x2", "w", "z1", "z2"]].mean()
    Ti = g.size().to_numpy()
    one = np.ones(n)
    Xb = np.column_stack([gm.x2, gm.x1, gm.w, one])
    bb, e_b, _ = _tsls(gm.y.to_numpy(), Xb, np.column_stack([gm.x1, gm.w, gm.z1, gm.z2, one]))
    ubPub = float(np.sum(Ti * e_b ** 2))
    if nosa:
        se2 = rss_w / (N - n)
        su2 = (ubPub - n * se2) / N
    else:
        se2 = rss_w / (N - n - 2 - 1)  # q = 2 included exogenous terms
        tr = np.trace(np.linalg.inv((Xb * Ti[:, None]).T @ Xb) @ ((Xb * (Ti ** 2)[:, None]).T @ Xb))
        su2 = (ubPub - (n - 3 - 1) * se2) / (N - tr)
    su2 = max(su2, 0.0)
    assert s.e.scalars["sigma_e"] ** 2 == pytest.approx(se2, rel=1e-8)
    assert s.e.scalars["sigma_u"] ** 2 == pytest.approx(su2, rel=1e-8)
    theta = 1 - np.sqrt(se2 / (T * su2 + se2))
    gls = lambda v: df[v].to_numpy() - theta * mean(v)  # noqa: E731
    cons = 1 - theta
    X = np.column_stack([gls("x2"), gls("x1"), gls("w"), cons])
    bg, ug, A = _tsls(gls("y"), X, np.column_stack([gls("x1"), gls("w"), gls("z1"), gls("z2"), cons]))
    assert [b[n] for n in ("x2", "x1", "w", "_cons")] == pytest.approx(bg, rel=1e-8)
    assert _sub_V(c, ["x2", "x1", "w", "_cons"]) == pytest.approx(float(ug @ ug) / (N - 4) * A, rel=1e-7)
    thetas = np.sort(theta)
    assert s.e.scalars["thta_min"] == pytest.approx(thetas[0]) and s.e.scalars["thta_max"] == pytest.approx(thetas[-1])


def test_be_first_is_the_between_regression_of_the_endogenous(do):
    df = _data("unbalanced")
    out, s, b, c = _fit(do, "unbalanced", "be first")
    gm = df.groupby("id")[["x2", "x1", "w", "z1", "z2"]].mean()
    X = np.column_stack([gm.x1, gm.w, gm.z1, gm.z2, np.ones(len(gm))])
    beta = np.linalg.lstsq(X, gm.x2.to_numpy(), rcond=None)[0]
    first = out.split("First-stage between regression")[1].split("Between-effects IV regression:")[0]
    row = next(ln for ln in first.splitlines() if ln.strip().startswith("z1 |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(beta[2], abs=5e-7)
    rc, out2, _ = do("xtset id t\nxtivreg y x1 w (x2 = z1 z2), be first vce(cluster id)", df=df)
    assert rc == 198 and "option first and model between may not be specified together with vce cluster" in out2


@pytest.mark.parametrize("setup,option,msg", [
    ("", "fe", "must specify panelvar; use xtset"),
    ("", "fd", "must specify panelvar and timevar; use xtset"),
    ("xtset id\n", "fd", "must specify timevar; use xtset"),
])
def test_panel_settings_messages(do, setup, option, msg):
    rc, out, _ = do(setup + f"xtivreg {MODEL}, {option}", df=_data("balanced"))
    assert rc == 459 and msg in out


def test_re_first_is_ols_on_the_gls_transformed_instruments(do):
    df = _data("unbalanced")
    out, s, b, c = _fit(do, "unbalanced", "re first")
    g = df.groupby("id")
    T = g.y.transform("size").to_numpy()
    se2, su2 = s.e.scalars["sigma_e"] ** 2, s.e.scalars["sigma_u"] ** 2
    theta = 1 - np.sqrt(se2 / (T * su2 + se2))
    gls = lambda v: df[v].to_numpy() - theta * g[v].transform("mean").to_numpy()  # noqa: E731
    X = np.column_stack([gls("x1"), gls("w"), gls("z1"), gls("z2"), 1 - theta])
    beta = np.linalg.lstsq(X, gls("x2"), rcond=None)[0]
    u = gls("x2") - X @ beta
    se = np.sqrt(np.diag(float(u @ u) / (len(df) - 5) * np.linalg.inv(X.T @ X)))
    first = out.split("First-stage G2SLS regression")[1].split("G2SLS random-effects IV regression")[0]
    lines = first.splitlines()
    assert lines[1].index("Number of obs") == 49 and lines[1].index("=") == 66
    assert lines[2].startswith(" " * 49 + "Wald chi(4)")
    for name, bj, sj in zip(("x1", "w", "z1", "z2", "_cons"), beta, se):
        row = next(ln for ln in lines if ln.split("|")[0].strip() == name).split("|")[1].split()
        assert float(row[0]) == pytest.approx(bj, abs=5e-7) and float(row[1]) == pytest.approx(sj, abs=5e-7)


def test_regress_treats_the_endogenous_as_exogenous(do):
    """``regress``: the ado's instruments become the endogenous variables: fe is then xtreg, fe."""
    out, s, b, c = _fit(do, "unbalanced", "fe regress")
    rc, _, s2 = do("xtset id t\nxtreg y x2 x1 w, fe", df=_data("unbalanced"))
    c2 = s2.e.coefficients()
    ref = dict(zip(c2.names, c2.b))
    for n in ("x2", "x1", "_cons"):
        assert b[n] == pytest.approx(ref[n], rel=1e-9)
    assert s.e.macros["insts"] == "x1 w x2"


def test_fe_lm_test_from_first_principles(do):
    df = _data("unbalanced")
    out, s, b, c = _fit(do, "unbalanced", "fe lm")
    within = lambda v: np.asarray(v) - pd.Series(np.asarray(v)).groupby(df.id.values).transform("mean").to_numpy()  # noqa: E731
    one = np.ones(len(df))
    _, r, _ = _tsls(df.y.to_numpy(), np.column_stack([df.x2, df.x1, df.w, one]),
                    np.column_stack([df.x1, df.w, df.z1, df.z2, one]))
    Z = np.column_stack([within(df.x1), within(df.z1), within(df.z2)])
    x2hat = df.x2.to_numpy() - (within(df.x2) - Z @ np.linalg.lstsq(Z, within(df.x2), rcond=None)[0])
    Rw = np.column_stack([within(x2hat), within(df.x1)])
    e = within(r) - Rw @ np.linalg.lstsq(Rw, within(r), rcond=None)[0]
    lm = len(df) * (r @ r - e @ e) / (r @ r)
    assert s.e.scalars["lm_u"] == pytest.approx(lm, rel=1e-8)
    assert "LM test that all u_i=0:      Chi2(79) = " in out
    rc, out2, _ = do("xtset id t\nxtivreg y x1 w (x2 = z1 z2), re lm", df=df)
    assert rc == 198 and "option lm not allowed" in out2
