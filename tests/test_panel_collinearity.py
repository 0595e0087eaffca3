"""The panel estimators on adversarial designs: a duplicated column, a constant column, a
regressor near 1e9 (an offset: the slopes must not move, _cons takes -1e9 b), a column scaled by
1e9 (its slope scaled by 1e-9) and the dummy trap (every wave dummy with the constant).  Each
must omit what is collinear (Stata's note and an o. row where the command shows one) and give the
numbers of the well-posed model -- never a traceback, a missing test or a slope of 1e-19.

The references are independent: the same model on the unshifted / unscaled columns, an
equivalent parametrisation (w1..w5 in place of w2..w6), and numpy least squares on explicit
transforms and instruments (xthtaylor's 2SLS, xtregar's fe regression with panel dummies).

Evidence for what is printed: xtregar.ado 1.7.0 runs _rmcoll on the demeaned columns (noisily
for fe) and then _regress on the AR(1)-transformed data, which omits what the transform made
collinear; xtivreg.ado 1.9.0 runs its within 2SLS under ``quietly`` and posts with
``findomitted``, so a time-invariant regressor of xtivreg, fe shows "(omitted)" without a note
(only its first, raw _rmcoll prints).  Stata's b/0 is missing, so a zero standard error has a
missing t and P."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

G, T = 40, 6


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    c = np.repeat(np.arange(1, G + 1), T)
    t = np.tile(np.arange(1, T + 1), G)
    x1, x2, x3 = (rng.normal(size=G * T) for _ in range(3))
    zinv = rng.normal(size=G)[c - 1]
    y = 1 + 0.5 * x1 - 0.3 * x2 + 0.2 * zinv + rng.normal(size=G)[c - 1] + 0.1 * t + rng.normal(size=G * T)
    df = pd.DataFrame(dict(id=c, t=t, x1=x1, x2=x2, x3=x3, zinv=zinv, y=y))
    df["zv"] = x2 + rng.normal(size=G * T)  # an instrument for x2 varying within and between panels
    df["dup"] = df.x1
    df["one"] = 1.0
    df["x1b"] = df.x1 + 1e9
    df["x3s"] = df.x3 * 1e9
    df["yb"] = (y > np.median(y)).astype(float)
    df["cnt"] = rng.poisson(np.exp(0.3 * x1)).astype(float)
    df["ya"] = df.zinv  # absorbed by the panels
    for k in range(1, T + 1):
        df[f"w{k}"] = (t == k).astype(float)
    return df


def _fit(do, df, text):
    rc, out, s = do("quietly xtset id t\n" + text, df=df)
    assert rc == 0, out
    assert "internal error" not in out and "Traceback" not in out
    e = s.e
    b, se = {}, {}
    for name, bj, vj in zip(e.matrices["b"].colnames, e.matrices["b"].values.ravel(), np.diag(e.matrices["V"].values)):
        key = name.split(":")[-1]  # the first equation's names (y:x1 of the ML fits)
        if key not in b:
            b[key], se[key] = bj, np.sqrt(max(vj, 0.0))
    return out, e, b, se


def _same_slopes(b1, b2, pairs, rel=1e-6):
    for n1, n2 in pairs:
        assert b1[n1] == pytest.approx(b2[n2], rel=rel, abs=1e-9), (n1, n2)


# -- (1) xthtaylor -----------------------------------------------------------------------------

def _ht_by_hand(df, x1, x2, z1):
    """Hausman-Taylor on a balanced panel with numpy (the estimator's four steps, instruments as
    explicit columns, the projection by lstsq)."""
    n = len(df)
    codes = df.id.to_numpy() - 1

    def pm(A):
        s = np.zeros((G, A.shape[1]))
        np.add.at(s, codes, A)
        return (s / T)[codes]

    X1, X2, Z1 = (df[v].to_numpy(float) for v in (x1, x2, z1))
    X = np.column_stack([X1, X2])
    y = df.y.to_numpy(float)
    Xb, yb = pm(X), pm(y[:, None])[:, 0]
    Xd = X - Xb
    bw = np.linalg.lstsq(Xd, y - yb, rcond=None)[0]
    se2 = np.sum((y - yb - Xd @ bw) ** 2) / (n - G)
    d = yb - Xb @ bw
    ones = np.ones((n, 1))

    def tsls(y_, W, A):
        P = A @ np.linalg.lstsq(A, W, rcond=None)[0]
        return np.linalg.lstsq(P, y_, rcond=None)[0]

    g = tsls(d, np.column_stack([Z1, ones]), np.column_stack([X1, Z1, ones]))
    r = y - X @ bw - np.column_stack([Z1, ones]) @ g
    s2 = np.sum(pm(r[:, None])[:, 0] ** 2) / G
    th = 1 - np.sqrt(se2 / s2)
    W = np.column_stack([X - th * Xb, (1 - th) * Z1, (1 - th) * ones])
    A = np.column_stack([Xd, pm(X1), Z1, ones])
    return tsls(y - th * yb, W, A)


def test_xthtaylor_wave_dummies_match_the_2sls_on_explicit_instruments(do, panel):
    """A wave dummy's panel mean is 1/T everywhere: a dependent instrument.  Unpivoted QR let its
    arbitrary direction carry later instruments' span (zinv .2534 where the 2SLS gives .2698)."""
    waves = [f"w{k}" for k in range(2, T + 1)]
    _, _, b, _ = _fit(do, panel, f"xthtaylor y x1 x2 zinv {' '.join(waves)}, endog(x2)")
    ref = _ht_by_hand(panel, ["x1"] + waves, ["x2"], ["zinv"])
    names = ["x1"] + waves + ["x2", "zinv", "_cons"]
    for name, value in zip(names, ref):
        assert b[name] == pytest.approx(value, rel=1e-7, abs=1e-9), name


def test_xthtaylor_offset_regressor_keeps_its_slopes(do, panel):
    """x near 1e9 with wave dummies: slopes of ~1e-19 and a LinAlgError before."""
    waves = " ".join(f"w{k}" for k in range(2, T + 1))
    _, e0, b0, se0 = _fit(do, panel, f"xthtaylor y x1 x2 zinv {waves}, endog(x2)")
    out, e1, b1, se1 = _fit(do, panel, f"xthtaylor y x1b x2 zinv {waves}, endog(x2)")
    _same_slopes(b1, b0, [("x1b", "x1"), ("x2", "x2"), ("zinv", "zinv"), ("w3", "w3")])
    assert se1["x1b"] == pytest.approx(se0["x1"], rel=1e-6)
    assert b1["_cons"] == pytest.approx(b0["_cons"] - 1e9 * b0["x1"], rel=1e-6)
    assert e1.scalars["chi2"] == pytest.approx(e0.scalars["chi2"], rel=1e-6) and e1.scalars["chi2"] > 0


def test_xthtaylor_dummy_trap_omits_the_last_wave(do, panel):
    out, e, b, _ = _fit(do, panel, "xthtaylor y x1 x1b x2 zinv w1-w6, endog(x2)")
    assert "note: x1b omitted because of collinearity" in out
    assert "note: w6 omitted because of collinearity" in out
    assert "w6" not in b and np.isfinite(e.scalars["chi2"]) and e.scalars["chi2"] > 0
    assert max(abs(v) for v in b.values()) < 100


# -- (2) xtregar -------------------------------------------------------------------------------

def test_xtregar_fe_checks_collinearity_after_the_ar1_transform(do, panel):
    """w1..w5 with the panel effects are dependent once transformed (b ~1e15 before)."""
    out, e, b, se = _fit(do, panel, "xtregar y x1 x2 w1-w6, fe")
    assert "note: w6 omitted because of collinearity" in out
    # the ado's regression on the transformed data runs under quietly: the o. row, no note
    assert "note: w5 omitted" not in out
    assert b["o.w5"] == 0 and se["o.w5"] == 0
    assert re.search(r"\n +w5 \| +0  \(omitted\)", out)
    # the regression xtregar.ado runs: transformed data without each panel's first row, on the
    # transformed constant and panel indicators (numpy least squares)
    rho = e.scalars["rho_ar"]
    df = panel.sort_values(["id", "t"])
    cols = ["x1", "x2", "w1", "w2", "w3", "w4"]
    M = df[["y"] + cols].to_numpy(float)
    first = df.t.to_numpy() == 1
    prev = np.vstack([M[:1], M[:-1]])
    star = (M - rho * prev)[~first]
    D = pd.get_dummies(df.id[~first]).to_numpy(float)
    A = np.column_stack([star[:, 1:], D])
    ref = np.linalg.lstsq(A, star[:, 0], rcond=None)[0]
    for j, name in enumerate(cols):
        assert b[name] == pytest.approx(ref[j], rel=1e-6), name


def test_xtregar_predict_after_an_omitted_column(do, panel):
    rc, out, s = do("quietly xtset id t\nquietly xtregar y x1 x2 w1-w6, fe\npredict double xbh, xb", df=panel)
    assert rc == 0, out
    xb = s.data.numeric("xbh")
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    cols = ["x1", "x2", "w1", "w2", "w3", "w4"]
    expect = panel[cols].to_numpy(float) @ np.array([b[c] for c in cols]) + b["_cons"]
    assert np.allclose(xb, expect)


@pytest.mark.parametrize("model", ["fe", "re"])
def test_xtregar_offset_regressor_keeps_its_slopes(do, panel, model):
    _, _, b0, _ = _fit(do, panel, f"xtregar y x1 x2, {model}")
    _, _, b1, _ = _fit(do, panel, f"xtregar y x1b x2, {model}")
    _same_slopes(b1, b0, [("x1b", "x1"), ("x2", "x2")])


# -- (3) xtivreg -------------------------------------------------------------------------------

def test_xtivreg_fe_time_invariant_regressor_is_omitted_without_a_note(do, panel):
    out, _, b, _ = _fit(do, panel, "xtivreg y x1 zinv (x2 = w2), fe")
    assert re.search(r"\n +zinv \| +0  \(omitted\)", out)
    assert "note:" not in out  # xtivreg.ado's within 2SLS runs quietly (module docstring)


@pytest.mark.parametrize("model", ["re", "be", "fd", "fe", "re ec2sls"])
def test_xtivreg_offset_regressor_keeps_its_slopes(do, panel, model):
    """re stopped with an IndexError, be omitted the regressor."""
    inst = "zv"
    _, _, b0, se0 = _fit(do, panel, f"xtivreg y x1 (x2 = {inst}), {model}")
    out, _, b1, se1 = _fit(do, panel, f"xtivreg y x1b (x2 = {inst}), {model}")
    key = "D.x1b" if model == "fd" else "x1b"
    assert "omitted" not in out
    _same_slopes(b1, b0, [(key, key.replace("x1b", "x1")), (key.replace("x1b", "x2"), key.replace("x1b", "x2"))])
    assert se1[key] == pytest.approx(se0[key.replace("x1b", "x1")], rel=1e-6)


# -- (4) areg ----------------------------------------------------------------------------------

def test_areg_depvar_absorbed_has_missing_t_and_p(do, panel):
    out, e, b, _ = _fit(do, panel, "areg ya x1, absorb(id)")
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("_cons |"))
    cells = row.split("|")[1].split()
    assert cells[1] == "0" and cells[2] == "." and cells[3] == "."


# -- (5) xtreg be / re / mle --------------------------------------------------------------------

def test_xtreg_be_omits_every_wave_dummy(do, panel):
    """Each wave dummy's panel mean is 1/T: collinear with _cons (be kept w1 at 2.5e31)."""
    out, _, b, _ = _fit(do, panel, "xtreg y x1 x2 w1-w6, be")
    for k in range(1, T + 1):
        assert f"note: w{k} omitted because of collinearity" in out
    means = panel.groupby("id")[["y", "x1", "x2"]].mean().to_numpy()
    A = np.column_stack([means[:, 1:], np.ones(G)])
    ref = np.linalg.lstsq(A, means[:, 0], rcond=None)[0]
    assert [b["x1"], b["x2"], b["_cons"]] == pytest.approx(list(ref), rel=1e-9)


def test_xtreg_re_dummy_trap_is_the_model_with_w2_to_w6(do, panel):
    """(LinAlgError before.)  w1..w5 and w2..w6 span the same model."""
    out, _, b1, _ = _fit(do, panel, "xtreg y x1 x2 w1-w6, re")
    assert "note: w6 omitted because of collinearity" in out
    _, _, b2, _ = _fit(do, panel, "xtreg y x1 x2 w2-w6, re")
    _same_slopes(b1, b2, [("x1", "x1"), ("x2", "x2")], rel=1e-8)


@pytest.mark.parametrize("cmd", ["xtreg y x1 x3 x2, re", "xtgls y x1 x3 x2", "xtpcse y x1 x3 x2, corr(ar1)",
                                 "xtreg y x1 x3 x2, mle", "xtfrontier y x1 x3 x2, ti", "xtpoisson cnt x1 x3 x2, re"])
def test_scaled_regressor_gives_the_scaled_slope(do, panel, cmd):
    """A column times 1e9: its slope times 1e-9, the others and the model test unchanged (the
    Wald chi2 was missing and e(rank) 3 of 4 for xtreg, re)."""
    _, e0, b0, se0 = _fit(do, panel, cmd)
    _, e1, b1, se1 = _fit(do, panel, cmd.replace("x3", "x3s"))
    assert b1["x3s"] * 1e9 == pytest.approx(b0["x3"], rel=1e-5)
    assert se1["x3s"] * 1e9 == pytest.approx(se0["x3"], rel=1e-5)
    _same_slopes(b1, b0, [("x1", "x1"), ("x2", "x2")], rel=1e-5)
    assert e1.scalars["chi2"] == pytest.approx(e0.scalars["chi2"], rel=1e-5)
    assert e1.scalars.get("rank") == e0.scalars.get("rank")


@pytest.mark.parametrize("cmd", ["xtlogit yb x1 x3 x2, fe", "xtpoisson cnt x1 x3 x2, fe"])
def test_conditional_fe_scaled_regressor_converges(do, panel, cmd):
    """r(430) after 300 'not concave' iterations before."""
    out0, _, b0, se0 = _fit(do, panel, cmd)
    out1, _, b1, se1 = _fit(do, panel, cmd.replace("x3", "x3s"))
    assert "not concave" not in out1
    assert b1["x3s"] * 1e9 == pytest.approx(b0["x3"], rel=1e-6)
    assert se1["x3s"] * 1e9 == pytest.approx(se0["x3"], rel=1e-6)
    _same_slopes(b1, b0, [("x1", "x1"), ("x2", "x2")])


@pytest.mark.parametrize("cmd", ["xtgls y x1 x2", "xtgls y x1 x2, panels(hetero) corr(ar1)", "xtpcse y x1 x2",
                                 "xtreg y x1 x2, mle", "xtabond y x1 x2", "xtdpdsys y x1 x2, twostep vce(robust)",
                                 "xtfrontier y x1 x2, ti", "xtreg y x1 x2, re", "xtreg y x1 x2, be",
                                 "xtlogit yb x1 x2, fe", "xtpoisson cnt x1 x2, fe vce(robust)"])
def test_offset_regressor_keeps_its_slopes(do, panel, cmd):
    """x near 1e9: xtgls dropped _cons, xtpcse printed chi2 -3.72, xtreg mle LR chi2 -281,
    xtabond every b ~1e-19, xtfrontier r(430)."""
    _, e0, b0, se0 = _fit(do, panel, cmd)
    _, e1, b1, se1 = _fit(do, panel, cmd.replace("x1 ", "x1b ", 1))
    _same_slopes(b1, b0, [("x1b", "x1"), ("x2", "x2")], rel=1e-5)
    assert se1["x1b"] == pytest.approx(se0["x1"], rel=1e-5)
    if "_cons" in b0:  # the conditional (fe) models have none
        assert b1["_cons"] == pytest.approx(b0["_cons"] - 1e9 * b0["x1"], rel=1e-5)


def test_xtlogit_fe_pc1_with_an_offset_regressor(do, panel):
    """exp(x b) near exp(4e8) overflowed: every pc1 missing."""
    rc, out, s = do("quietly xtset id t\nquietly xtlogit yb x1b x2, fe\npredict double pb, pc1\n"
                    "quietly xtlogit yb x1 x2, fe\npredict double pa, pc1", df=panel)
    assert rc == 0, out
    pa, pb = s.data.numeric("pa"), s.data.numeric("pb")
    assert np.isfinite(pa).sum() == np.isfinite(pb).sum() > 0
    assert np.allclose(pa, pb, atol=1e-6, equal_nan=True)


@pytest.mark.parametrize("cmd", ["xtreg y x1 dup x2, be", "xtreg y x1 dup x2, re", "xtreg y x1 dup x2, mle",
                                 "xtgls y x1 dup x2", "xtpcse y x1 dup x2", "xtlogit yb x1 dup x2, fe",
                                 "xtpoisson cnt x1 dup x2, fe", "xtabond y x1 dup x2", "xtdpdsys y x1 dup x2",
                                 "xtfrontier y x1 dup x2, ti", "xtregar y x1 dup x2, fe",
                                 "xthtaylor y x1 dup x2 zinv, endog(x2)", "xtivreg y x1 dup (x2 = zv), re",
                                 "xtivreg y x1 dup (x2 = zv), be", "xtivreg y x1 dup (x2 = zv), fd"])
@pytest.mark.parametrize("column", ["dup", "one"])
def test_duplicate_and_constant_columns_are_omitted_with_the_note(do, panel, cmd, column):
    out, _, b, _ = _fit(do, panel, cmd.replace("dup", column))
    # clogit's wording for a column constant within every group (xtlogit, fe; xtpoisson, fe)
    why = "of no within-group variance" if column == "one" and cmd.startswith(("xtlogit", "xtpoisson")) else "of collinearity"
    assert f"note: {column} omitted because {why}" in out
    assert all(abs(v) < 1e3 for v in b.values())


def test_xtivreg_fd_predict_after_a_column_the_2sls_omits(do, panel):
    """D.w1..D.w5 and the constant are dependent once differenced: the 2SLS omits D.w5, and
    predict's columns follow (an internal ValueError before)."""
    rc, out, s = do("quietly xtset id t\nxtivreg y x1 w1-w6 (x2 = zv), fd\npredict double p1", df=panel)
    assert rc == 0, out
    assert re.search(r"\n +w5 \|\n +D1\. \| +0  \(omitted\)", out)
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    cols = ["x2", "x1", "w1", "w2", "w3", "w4"]
    expect = panel[cols].to_numpy(float) @ np.array([b[f"D.{c}"] for c in cols]) + b["_cons"]
    assert np.allclose(s.data.numeric("p1"), expect)


def test_xtregar_re_keeps_a_time_invariant_regressor_and_omits_a_duplicate(do, panel):
    """xtregar.ado's first _rmcoll is noisy for re too (dup: note and o. row); its within
    _rmcoll decides fe's columns only, so re estimates a time-invariant regressor (it was left
    out silently)."""
    out, e, b, _ = _fit(do, panel, "xtregar y x1 dup zinv x2, re")
    assert "note: dup omitted because of collinearity" in out and b["o.dup"] == 0
    assert "zinv" in out and "dropped" not in out
    _, _, b0, _ = _fit(do, panel, "xtregar y x1 zinv x2, re")
    _same_slopes(b, b0, [("x1", "x1"), ("zinv", "zinv"), ("x2", "x2"), ("_cons", "_cons")], rel=1e-10)
    assert b0["zinv"] != 0
