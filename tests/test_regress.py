"""OLS engine against closed forms; ``regress`` output/e(); ``statsby``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlmcli.ast import Command, Option, Weight
from mlmcli.errors import StataError
from mlmcli.ols import fit_ols


def _xy(n=80, seed=5):
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    x2 = rng.uniform(size=n)
    y = 0.7 - 0.3 * x1 + 2.0 * x2 + rng.normal(scale=0.9, size=n)
    return y, np.column_stack([x1, x2, np.ones(n)])


def test_ols_closed_forms():
    y, X = _xy()
    n, k = X.shape
    f = fit_ols(y, X)
    b = np.linalg.solve(X.T @ X, X.T @ y)
    e = y - X @ b
    s2 = e @ e / (n - k)
    V = s2 * np.linalg.inv(X.T @ X)
    np.testing.assert_allclose(f.b, b)
    np.testing.assert_allclose(f.V, V)
    tss = np.sum((y - y.mean()) ** 2)
    assert f.rss == pytest.approx(e @ e)
    assert f.r2 == pytest.approx(1 - e @ e / tss)
    assert f.r2_a == pytest.approx(1 - (1 - f.r2) * (n - 1) / (n - k))
    assert f.F == pytest.approx(((tss - e @ e) / 2) / s2)
    assert f.p_F == pytest.approx(stats.f.sf(f.F, 2, n - k))
    assert f.rmse == pytest.approx(np.sqrt(s2))
    assert f.ll == pytest.approx(np.sum(stats.norm.logpdf(e, scale=np.sqrt(e @ e / n))))
    q = stats.t.ppf(0.975, n - k)
    np.testing.assert_allclose(f.ci_lo, b - q * np.sqrt(np.diag(V)))
    np.testing.assert_allclose(f.p, 2 * stats.t.sf(np.abs(b / np.sqrt(np.diag(V))), n - k))
    assert (f.df_m, f.df_r) == (2, n - k)


def test_ols_robust_and_cluster():
    y, X = _xy()
    n, k = X.shape
    f = fit_ols(y, X, vce="robust")
    A = np.linalg.inv(X.T @ X)
    e = y - X @ np.linalg.solve(X.T @ X, X.T @ y)
    V = n / (n - k) * A @ (X.T * e ** 2) @ X @ A
    np.testing.assert_allclose(f.V, V)
    g = np.repeat(np.arange(16), 5)
    fc = fit_ols(y, X, vce="cluster", cluster=g)
    U = np.array([(X[g == c] * e[g == c, None]).sum(0) for c in range(16)])
    Vc = 16 / 15 * (n - 1) / (n - k) * A @ U.T @ U @ A
    np.testing.assert_allclose(fc.V, Vc)
    assert fc.df_r == 15 and fc.n_clusters == 16


def test_ols_fweights_equal_expanded_data():
    y, X = _xy(30)
    w = np.arange(30) % 3 + 1.0
    fw = fit_ols(y, X, weight=w, weight_kind="fweight")
    rep = np.repeat(np.arange(30), w.astype(int))
    fe = fit_ols(y[rep], X[rep])
    np.testing.assert_allclose(fw.b, fe.b)
    np.testing.assert_allclose(fw.V, fe.V)
    assert fw.N == fe.N and fw.r2 == pytest.approx(fe.r2)


def test_ols_noconstant():
    y, X = _xy()
    f = fit_ols(y, X[:, :2], constant=False)
    assert f.df_m == 2 and f.tss == pytest.approx(y @ y)


# ---------------------------------------------------------------- the commands


def _frame():
    y, X = _xy(90)
    rng = np.random.default_rng(9)
    return pd.DataFrame({"y": y, "x1": X[:, 0], "x2": X[:, 1], "g": np.repeat([1.0, 2.0, 3.0], 30),
                         "k": rng.integers(1, 4, 90).astype(float)})


def _regress(s, args, options=(), **kw):
    from mlmcli.commands.estimation.regress import cmd_regress

    cmd_regress(s, Command(name="regress", args=args, options=tuple(options), **kw))


def test_regress_output_layout_and_e(new_session):
    pytest.importorskip("mlmcli.sample")
    df = _frame()
    s = new_session(df)
    buf = s.out.stream
    _regress(s, "y x1 x2")
    lines = buf.getvalue().split("\n")
    assert lines[0] == ""
    assert lines[1].startswith("      Source |       SS       df       MS")
    assert lines[1][55:].startswith("Number of obs =")
    assert any(line.startswith("          x1 |") for line in lines)
    assert "P>|t|" in buf.getvalue()
    X = np.column_stack([df.x1, df.x2, np.ones(90)])
    b = np.linalg.solve(X.T @ X, X.T @ df.y)
    np.testing.assert_allclose(s.e.matrices["b"].values[0], b)
    assert s.e.matrices["b"].colnames == ("x1", "x2", "_cons")
    assert s.e.scalars["N"] == 90 and s.e.scalars["df_r"] == 87 and s.e.macros["cmd"] == "regress"


def test_regress_factor_variables_and_vce(new_session):
    pytest.importorskip("mlmcli.sample")
    s = new_session(_frame())
    buf = s.out.stream
    _regress(s, "y i.k c.x1", [Option("vce", "robust")])
    assert s.e.matrices["b"].colnames == ("1b.k", "2.k", "3.k", "x1", "_cons")
    assert s.e.macros["vcetype"] == "Robust"
    assert "Linear regression" in buf.getvalue()
    _regress(s, "y x1", [Option("vce", "cluster g")])
    assert s.e.scalars["N_clust"] == 3 and s.e.scalars["df_r"] == 2
    V = s.e.matrices["V"].values
    # a string cluster variable is allowed (markout with strok); "" is missing
    df = _frame()
    df["gs"] = df.g.map({1.0: "a", 2.0: "b", 3.0: "c"})
    s = new_session(df)
    _regress(s, "y x1", [Option("vce", "cluster gs")])
    assert s.e.scalars["N_clust"] == 3 and s.e.scalars["N"] == 90
    np.testing.assert_allclose(s.e.matrices["V"].values, V)
    df.loc[0, "gs"] = ""
    s = new_session(df)
    _regress(s, "y x1", [Option("vce", "cluster gs")])
    assert s.e.scalars["N"] == 89


def test_regress_honours_by_mask_and_if(new_session):
    pytest.importorskip("mlmcli.sample")
    df = _frame()
    s = new_session(df)
    s.by_mask = (df["g"] == 2).to_numpy()
    _regress(s, "y x1")
    assert s.e.scalars["N"] == 30
    s.by_mask = None
    _regress(s, "y x1", if_exp="g == 1")
    assert s.e.scalars["N"] == 30


@pytest.mark.parametrize("args,kw,rc", [
    ("nosuch", {}, 111), ("y nosuch", {}, 111), ("s x1", {}, 2000), ("y s", {}, 2000),
    ("y x1", {"if_exp": "y > 1e9"}, 2000),
    ("y x1", {"weight": Weight("fweight", "x2")}, 401),
])
def test_regress_errors(new_session, args, kw, rc):
    pytest.importorskip("mlmcli.sample")
    df = _frame()
    df["s"] = "a"
    s = new_session(df)
    with pytest.raises(StataError) as ei:
        _regress(s, args, **kw)
    assert ei.value.rc == rc


def test_statsby_collects_per_group(new_session, tmp_path):
    pytest.importorskip("mlmcli.sample")
    pytest.importorskip("mlmcli.parser")
    pytest.importorskip("mlmcli.expr")
    from mlmcli.commands.data.statsby import cmd_statsby

    df = _frame()
    s = new_session(df)
    buf = s.out.stream
    out = tmp_path / "ols_by"
    cmd_statsby(s, Command(name="statsby",
                           args=f"inter=_b[_cons] slope=_b[x1], by (g) saving({out}): regress y x1"))
    text = buf.getvalue()
    assert text.startswith("(running regress on estimation sample)\n")
    assert "      command:  regress y x1" in text and "           by:  g" in text
    assert (tmp_path / "ols_by.dta").exists()
    got = pd.read_stata(tmp_path / "ols_by.dta")
    assert list(got.columns) == ["g", "inter", "slope"]
    for gval, row in got.iterrows():
        sub = df[df.g == row.g]
        slope, inter = np.polyfit(sub.x1, sub.y, 1)
        assert row.slope == pytest.approx(slope, rel=1e-6)
        assert row.inter == pytest.approx(inter, rel=1e-6)
    with pytest.raises(StataError) as ei:
        cmd_statsby(s, Command(name="statsby", args=f"b=_b[x1], by(g) saving({out}): regress y x1"))
    assert ei.value.rc == 602


def test_regress_replay(new_session):
    pytest.importorskip("mlmcli.sample")
    s = new_session(_frame())
    buf = s.out.stream
    with pytest.raises(StataError) as ei:
        _regress(s, "")
    assert ei.value.rc == 301
    _regress(s, "y x1")
    first = buf.getvalue()
    _regress(s, "")
    assert buf.getvalue() == first + first


def test_statsby_clear_default_b_and_sample_groups(new_session):
    pytest.importorskip("mlmcli.parser")
    from mlmcli.commands.data.statsby import cmd_statsby

    df = _frame()
    df.loc[df.g == 3, "x1"] = np.nan  # group 3 is outside the estimation sample: no row
    s = new_session(df)
    buf = s.out.stream
    with pytest.raises(StataError) as ei:  # data changed, no saving(), no clear
        s.data.changed = True
        cmd_statsby(s, Command(name="statsby", args="_b, by(g): regress y x1"))
    assert ei.value.rc == 4
    cmd_statsby(s, Command(name="statsby", args="_b, by(g) clear: regress y x1"))
    got = s.data.df
    assert list(got.columns) == ["g", "_b_x1", "_b_cons"]
    assert got["g"].tolist() == [1.0, 2.0]  # groups of the estimation sample only
    assert buf.getvalue().rstrip().endswith("..")
    sub = df[df.g == 1]
    assert got["_b_x1"].iloc[0] == pytest.approx(np.float32(np.polyfit(sub.x1, sub.y, 1)[0]))
    assert s.data.types["_b_x1"] == "float"


@pytest.mark.parametrize("typed", ["fw", "fweight", "freq"])
def test_regress_abbreviated_fweight_is_a_frequency_weight(new_session, typed):
    pytest.importorskip("mlmcli.sample")
    df = _frame()
    s = new_session(df)
    _regress(s, "y x1", weight=Weight(typed, "k"))
    assert s.e.scalars["N"] == df.k.sum() and s.e.macros["wtype"] == "fweight"


def test_statsby_if_in_its_expression_list_is_invalid_syntax(new_session):
    from mlmcli.commands.data.statsby import cmd_statsby

    with pytest.raises(StataError, match="invalid syntax"):
        cmd_statsby(new_session(_frame()),
                    Command(name="statsby", args="m=r(mean) if x1>0, by(g) clear: summarize y"))
