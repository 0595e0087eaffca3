"""The random-intercept ML fits (xtlogit/xtprobit/xtcloglog/xtpoisson re, xtpoisson re normal,
xtnbreg re/fe) on a regressor scaled by 1e9 (big = x*1e9 + 1e9) or near 1e9 (x + 1e9).

They are fitted on rescaled columns (``panel.centred_fit.ColumnRescaling``: the quadrature
engine through ``glmm.rescaled_fit``, the gamma and xtnbreg likelihoods directly) and mapped
back, so the reference is the same model on x itself: b_big = b_x / 1e9, its SE likewise,
_cons = _cons_x - b_x, everything else -- the log likelihood, the variance parameters, the
other slopes -- printed the same.  Before: vce(robust) SEs off by orders of magnitude (the
scores' central differences stepped 1e-5 in a coefficient near 1e-9), xtnbreg re r(430) with
every SE missing, xtnbreg fe 'convergence not achieved', a bootstrap of xtpoisson re r(2000),
and x + 1e9 'not concave' to the iteration limit.  A regressor near 1e300 keeps the raw
metric's stop (X'X is not representable there: ml's r(430))."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from tests.cached_fits import cached_fits, estimates

G, T = 40, 6


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """40 panels of 6: a binary and a count outcome with a panel effect, regressors x1 and x2,
    and x1 scaled by 1e9 (big) or moved near 1e9 (near)."""
    rng = np.random.default_rng(3)
    panel_of, wave = np.divmod(np.arange(G * T), T)
    x1, x2, _ = rng.normal(size=(3, G * T))
    effect = rng.normal(size=G)[panel_of]
    latent = 1 + 0.5 * x1 - 0.3 * x2 + effect + 0.1 * (wave + 1) + rng.normal(size=G * T)
    df = pd.DataFrame({"id": panel_of + 1, "t": wave + 1, "x1": x1, "x2": x2,
                       "yb": (latent > np.median(latent)).astype(float)})
    df["cnt"] = rng.poisson(np.exp(0.3 * x1 + 0.5 * effect)).astype(float)
    df["big"] = x1 * 1e9 + 1e9
    df["near"] = x1 + 1e9
    return df


@pytest.fixture(scope="module")
def fitted(panel, new_session, run):
    """``fitted(line) -> (printed, session)``: each line fitted once in its own session."""
    return cached_fits(panel, new_session, run)


def _printed_rows(out):
    """{row name: the printed row} of the coefficient table and the header's log likelihood."""
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^ *(\S+) \|.*\d.*$", out, re.M)}
    rows["ll"] = re.search(r"^Log (pseudo)?likelihood.*$", out, re.M).group(0)
    return rows


COMMANDS = ["xtlogit yb {x} x2, re", "xtprobit yb {x} x2, re", "xtpoisson cnt {x} x2, re",
            "xtpoisson cnt {x} x2, re normal", "xtnbreg cnt {x} x2, re", "xtnbreg cnt {x} x2, fe",
            "xtlogit yb {x} x2, re vce(robust)", "xtpoisson cnt {x} x2, re normal vce(cluster id)"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_regressor_scaled_by_1e9_gives_the_unscaled_fit(fitted, command):
    out0, e0, b0, se0 = estimates(fitted, command.format(x="x1"))
    out1, e1, b1, se1 = estimates(fitted, command.format(x="big"))
    assert "convergence not achieved" not in out1 and out1.count("not concave") == out0.count("not concave")
    assert b1["big"] * 1e9 == pytest.approx(b0["x1"], rel=1e-8)
    assert se1["big"] * 1e9 == pytest.approx(se0["x1"], rel=1e-6)
    assert b1["_cons"] == pytest.approx(b0["_cons"] - b0["x1"], rel=1e-8)  # big = 1e9 x1 + 1e9
    assert e1.scalars["ll"] == pytest.approx(e0.scalars["ll"], rel=1e-12)
    rows0, rows1 = _printed_rows(out0), _printed_rows(out1)
    same = set(rows0) - {"x1", "_cons"}
    assert len(same) >= 3
    for name in same:  # printed alike; xtnbreg re's Hessian differences its gradient numerically,
        # and a value on a rounding boundary may print one unit apart in the 7th digit
        if rows1[name] != rows0[name]:
            assert command.startswith("xtnbreg"), (rows0[name], rows1[name])
            t0, t1 = (re.findall(r"-?\d*\.\d+", r[name]) for r in (rows0, rows1))
            assert len(t0) == len(t1)
            for a, b in zip(t0, t1):  # one unit of the last printed digit apart at most
                assert abs(float(a) - float(b)) <= 1.01 * 10.0 ** -len(a.split(".")[1]), (rows0[name], rows1[name])
    assert e1.scalars["chi2"] == pytest.approx(e0.scalars["chi2"], rel=1e-7)


@pytest.mark.parametrize("command", ["xtlogit yb {x} x2, re", "xtnbreg cnt {x} x2, fe"])
def test_a_regressor_near_1e9_keeps_its_slope(fitted, command):
    """x + 1e9 (unit variation): the comparison logit was 'not concave' to the limit and the
    full model stuck at SEs of 1e-19.  The slopes are x's (to the rounding of x + 1e9 itself)."""
    out0, _, b0, se0 = estimates(fitted, command.format(x="x1"))
    out1, _, b1, se1 = estimates(fitted, command.format(x="near"))
    assert "convergence not achieved" not in out1 and out1.count("not concave") == out0.count("not concave")
    for name in ("x2", "near"):
        ref = "x1" if name == "near" else name
        assert b1[name] == pytest.approx(b0[ref], rel=1e-6)
        assert se1[name] == pytest.approx(se0[ref], rel=1e-6)
    assert b1["_cons"] == pytest.approx(b0["_cons"] - 1e9 * b0["x1"], rel=1e-6)


def test_the_logs_of_a_rescaled_fit_follow_the_unscaled_ones(fitted):
    """Newton's steps do not depend on a linear reparametrisation: the comparison logit's log
    is the same lines, the full model's the same steps (to the last digit's rounding)."""
    log = re.compile(r"^Iteration \d+: +log likelihood = +(\S+)", re.M)
    out0, out1 = (fitted(f"xtlogit yb {x} x2, re")[0] for x in ("x1", "big"))
    for part in (0, 1):
        ll0, ll1 = (np.array(log.findall(o.split("Fitting full model")[part]), float) for o in (out0, out1))
        assert len(ll0) > 3 and len(ll1) == len(ll0)
        np.testing.assert_allclose(ll1, ll0, rtol=0 if part == 0 else 1e-7)


@pytest.mark.parametrize("command", ["xtpoisson cnt {x} x2, re vce(bootstrap, reps(3) seed(2))",
                                     "xtlogit yb {x} x2, re vce(bootstrap, reps(3) seed(2))"])
def test_replicates_refit_on_the_rescaled_columns(fitted, command):
    """The gamma model's replicates refitted the raw columns from the rescaled estimates
    (every one failed: r(2000))."""
    _, _, b0, se0 = estimates(fitted, command.format(x="x1"))
    _, _, b1, se1 = estimates(fitted, command.format(x="big"))
    assert b1["big"] * 1e9 == pytest.approx(b0["x1"], rel=1e-8)
    assert se1["big"] * 1e9 == pytest.approx(se0["x1"], rel=1e-6)
    assert se1["x2"] == pytest.approx(se0["x2"], rel=1e-6)


@pytest.mark.parametrize("command,statistics", [("xtlogit yb {x} x2, re", ("pu0", "stdp")),
                                                ("xtpoisson cnt {x} x2, re normal", ("nu0",))])
def test_predictions_after_a_rescaled_fit(fitted, run, command, statistics):
    """The fit kept is the user's model: predict reads the user's columns."""
    values = []
    for x in ("x1", "big"):
        session = fitted(command.format(x=x))[1]
        for k, stat in enumerate(statistics):
            out, rc = run(session, f"capture drop p{k}\npredict double p{k}, {stat}")
            assert rc == 0, out
        values.append([session.data.numeric(f"p{k}") for k in range(len(statistics))])
    np.testing.assert_allclose(values[1], values[0], rtol=1e-7)


def test_margins_unconditional_after_a_rescaled_robust_fit(fitted, run):
    """margins' vce(unconditional) differenced each panel's scores in the user's units (SE
    .2398 for .2258); the rescaled fit keeps them from its own metric."""
    ses = []
    for x in ("x1", "big"):
        session = fitted(f"xtlogit yb {x} x2, re vce(robust)")[1]
        out, rc = run(session, "margins, dydx(x2) vce(unconditional)")
        assert rc == 0, out
        ses.append(re.search(r"^ +x2 \| +\S+ +(\S+)", out, re.M).group(1))  # the printed SE
    assert ses[1] == ses[0]


@pytest.mark.parametrize("line", ["xtprobit yb huge x1, re", "xtpoisson cnt huge, re"])
def test_a_regressor_near_1e300_keeps_the_raw_metric_stop(do, panel, line):
    """X'X is past the double range in the user's units: the fit stays in Stata's metric and
    stops as ml does there (the gamma model's own rescaling had fitted it)."""
    df = panel.assign(huge=panel.x1 * 1e300)
    rc, out, s = do("quietly xtset id t\n" + line, df=df)
    assert rc == 430, out
    assert list(s.data.df.columns) == list(df.columns)


# ------------------------------------------------------------------ the column map itself
def test_column_rescaling_maps_theta_and_v_exactly():
    from mlmcli.panel.centred_fit import far_column_rescaling

    rng = np.random.default_rng(5)
    n = 50
    x = rng.normal(size=n)
    X = np.column_stack([x * 1e9 + 1e9, x + 1e9, (rng.random(n) < 0.3).astype(float), rng.normal(size=n),
                         np.ones(n)])
    r = far_column_rescaling(X, constant=True)
    assert r is not None
    assert r.shift[0] == 0 and r.scale[0] == 2.0 ** -32  # only scaled: its mean is not far beyond its spread
    assert r.shift[1] == pytest.approx(1e9) and r.scale[1] == 1.0  # only shifted
    assert list(r.shift[2:]) == [0, 0, 0] and list(r.scale[2:]) == [1, 1, 1]  # the dummy, x and _cons as they are
    theta_p = rng.normal(size=X.shape[1] + 2)
    A = rng.normal(size=(len(theta_p), len(theta_p)))
    V_p = A @ A.T
    theta, V = r.to_user(theta_p, V_p)
    # the same linear predictor, the ancillary parameters unchanged
    np.testing.assert_allclose(X @ theta[:5], r.apply(X) @ theta_p[:5], rtol=1e-9, atol=1e-6)
    assert list(theta[5:]) == list(theta_p[5:])
    np.testing.assert_allclose(r.from_user(theta), theta_p, rtol=1e-9, atol=1e-6)  # _cons ~ 1e9 rounds
    Tm = r.parameter_map(2)
    np.testing.assert_allclose(V, Tm @ V_p @ Tm.T)


def test_ordinary_columns_and_1e300_are_not_rescaled():
    from mlmcli.panel.centred_fit import far_column_rescaling

    rng = np.random.default_rng(6)
    n = 60
    ordinary = np.column_stack([rng.normal(size=n), 1990 + rng.integers(0, 20, n), 5e4 + 1e4 * rng.normal(size=n),
                                np.ones(n)])
    assert far_column_rescaling(ordinary, constant=True) is None  # fitted as before, bit for bit
    huge = np.column_stack([rng.normal(size=n) * 1e300, np.ones(n)])
    assert far_column_rescaling(huge, constant=True) is None
    # without a constant a shift has nowhere to go: the column is only scaled
    r = far_column_rescaling(np.column_stack([rng.normal(size=n) * 1e9 + 1e9]), constant=False)
    assert r is not None and r.shift[0] == 0 and r.scale[0] != 1


# ------------------------------------------------------------------ xtpcse's model test
def test_xtpcse_with_every_wave_dummy_reports_test_s_reduced_chi2(fitted, run):
    """xtpcse.ado posts ``qui test `varlist'``'s r(chi2), r(df), r(p).  With the constant and
    every wave dummy the OLS residuals sum to zero in each period, so the correlated-panels
    meat has nothing in the dummies' directions and V has rank 2 (x1, x2): test drops the
    dummies' constraints and reports chi2(2) -- mlm printed 'Wald chi2(3) = .'."""
    out, s = fitted("xtpcse yb x1 x2 i.t")
    e = s.e
    names = list(e.matrices["b"].colnames)
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    j = [names.index("x1"), names.index("x2")]
    chi2 = float(b[j] @ np.linalg.solve(V[np.ix_(j, j)], b[j]))
    assert e.scalars["df"] == 2 and e.scalars["chi2"] == pytest.approx(chi2, rel=1e-10)
    assert re.search(r"Wald chi2\(2\) += +%.2f" % chi2, out), out
    printed, rc = run(s, "test x1 x2 2.t 3.t 4.t 5.t 6.t")
    assert rc == 0 and "Constraint 7 dropped" in printed
    assert s.r["chi2"] == pytest.approx(e.scalars["chi2"], rel=1e-12) and s.r["df"] == 2


# ------------------------------------------------------------------ predict after xtivreg
@pytest.fixture(scope="module")
def iv_panel(panel) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    df = panel.copy()
    df["z"] = df.x2 + rng.normal(size=len(df))
    df["y"] = 1 + 0.5 * df.x1 - 0.3 * df.x2 + np.repeat(rng.normal(size=G), T) + rng.normal(size=len(df))
    return df


def _iv_predictions(new_session, run, df, model, extra=""):
    session = new_session(df)
    out, rc = run(session, f"quietly xtset id t\nquietly xtivreg y x1 (x2 = z), {model}\n"
                           "predict double xb\npredict double e, e\npredict double u, u\npredict double ue, ue\n"
                           "predict double xbu, xbu" + extra)
    assert rc == 0, out
    return out, session


@pytest.mark.parametrize("model", ["fe", "re", "be"])
def test_xtivreg_predicts_xtivp_1_s_error_components(iv_panel, new_session, run, model):
    """xtivp_1.ado's mku: u_i = mean(y) - mean(xb) over the panel's estimation rows (no
    shrinkage after re either), e = y - xb - u, ue = y - xb, xbu = xb + u ('option e not
    allowed' before)."""
    out, s = _iv_predictions(new_session, run, iv_panel, model)
    assert "(option xb assumed; fitted values)" in out
    d = s.data
    y, xb = iv_panel.y.to_numpy(), d.numeric("xb")
    resid = pd.Series(y - xb).groupby(iv_panel.id.to_numpy()).transform("mean").to_numpy()
    np.testing.assert_allclose(d.numeric("u"), resid, atol=1e-12)
    np.testing.assert_allclose(d.numeric("e"), y - xb - resid, atol=1e-12)
    np.testing.assert_allclose(d.numeric("ue"), y - xb, atol=1e-12)
    np.testing.assert_allclose(d.numeric("xbu"), xb + resid, atol=1e-12)
    assert [d.var_labels[v] for v in ("u", "e", "ue", "xbu")] == [
        "u[idcode]", "e[idcode,t]", "u[idcode] + e[idcode,t]", "Xb + u[idcode]"]  # the ado's own text


def test_xtivreg_fe_e_is_the_within_residual(iv_panel, new_session, run):
    """After fe, e is the within 2SLS residual (y - ybar_i) - (x - xbar_i)'b; with x2 its own
    instrument it is xtreg, fe's predict e."""
    _, s = _iv_predictions(new_session, run, iv_panel, "fe")
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    dm = iv_panel[["y", "x1", "x2"]] - iv_panel.groupby("id")[["y", "x1", "x2"]].transform("mean")
    np.testing.assert_allclose(s.data.numeric("e"), dm.y - b["x1"] * dm.x1 - b["x2"] * dm.x2, atol=1e-10)
    session = new_session(iv_panel)
    out, rc = run(session, "quietly xtset id t\nquietly xtreg y x1 x2, fe\npredict double e0, e\n"
                           "quietly xtivreg y x1 (x2 = x2), fe\npredict double e1, e")
    assert rc == 0, out
    np.testing.assert_allclose(session.data.numeric("e1"), session.data.numeric("e0"), atol=1e-10)


def test_xtivreg_predict_if_follows_the_ado(iv_panel, new_session, run):
    """mku ignores if/in (u and xbu on the whole estimation sample); e and ue keep them; the
    ado's ``qui gen`` reports no missing values; one statistic at a time."""
    _, s = _iv_predictions(new_session, run, iv_panel, "fe")
    out, rc = run(s, "predict double e5 if id <= 5, e\npredict double u5 if id <= 5, u\npredict double ue5 in 1/12, ue")
    assert rc == 0 and "missing values generated" not in out, out
    d = s.data
    assert np.isfinite(d.numeric("e5")).sum() == 30 and np.isfinite(d.numeric("ue5")).sum() == 12
    np.testing.assert_array_equal(d.numeric("u5"), d.numeric("u"))
    out, rc = run(s, "predict double q, e u")
    assert rc == 198 and "you can only predict one statistic at a time" in out and "q" not in d.df.columns
