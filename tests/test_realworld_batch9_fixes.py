"""Forms the ninth held-out batch of real do-files (tests/realworld/README.md) used that mlm
refused, each checked here:

- ``gllapred condprob0, mu us(zeta)`` (Paul Johnson's toenail file, MLMUS ch. 10): the
  conditional mean at the random-effect values held in ``zeta1``;
- ``predict yhat, fitted`` after ``melogit`` (meglm_p.ado's undocumented synonym of eta);
- ``margins ..., plot(__swapxp)``: marginsplot.ado's undocumented swap of the x and plot
  dimensions;
- ``reg ln_wage l.l.ln_wage``: two chained lag operators are L2.;
- ``reghdfe ..., absorb(i.idcode i.year)``: factor notation in absorb();
- a Mata block with ``qrinv()`` and ``st_store((1,rows(x)), "v", x)`` (a textbook's Cholesky
  residuals).

(``adopath +`` is tested in tests/test_system_directories.py, the harness's graph combine /
erase paths in tests/test_realworld_rewrite.py.)  Numbers are checked against numpy computed
here from the fit's own coefficients (gllapred us()) or from first principles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _binary_clusters(seed: int = 12, groups: int = 60, size: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    gid = np.repeat(np.arange(1, groups + 1), size)
    x = rng.normal(size=gid.size)
    u = rng.normal(0, 1.5, groups)[gid - 1]
    y = (rng.random(gid.size) < 1 / (1 + np.exp(-(-0.5 + x + u)))).astype(float)
    return pd.DataFrame({"id": gid.astype(float), "x": x, "y": y})


def _coefs(s, run) -> np.ndarray:
    run(s, "matrix bb = e(b)")
    return np.asarray(s.matrices["bb"].values, float).ravel()


def _expit(v):
    return 1 / (1 + np.exp(-v))


def test_gllapred_us_sets_the_random_effect(new_session, run):
    s = new_session(_binary_clusters())
    out, rc = run(s, "gllamm y x, i(id) link(logit) family(binomial) nip(8) adapt\n"
                     "gen zeta1 = 0\ngllapred p0, mu us(zeta)\n"
                     "gen lo1 = -2\ngllapred pm2, mu us(lo)\ngllapred lp, linpred us(lo)")
    assert rc == 0, out
    assert "(mu will be stored in pm2)" in out and "(linear predictor will be stored in lp)" in out
    run(s, "scalar bx = _b[x]\nscalar bc = _b[_cons]")
    df = s.data.df
    xb = s.scalars["bx"] * df["x"].to_numpy() + s.scalars["bc"]
    np.testing.assert_allclose(df["p0"], _expit(xb), rtol=1e-12)
    np.testing.assert_allclose(df["pm2"], _expit(xb - 2), rtol=1e-12)
    np.testing.assert_allclose(df["lp"], xb - 2, rtol=1e-12)


def test_gllapred_us_refusals(new_session, run):
    s = new_session(_binary_clusters())
    run(s, "quietly gllamm y x, i(id) link(logit) family(binomial) nip(8) adapt\ngen z1 = 1")
    out, rc = run(s, "gllapred a, u us(z)")
    assert rc == 198 and "us() is available with mu or linpred only" in out
    out, rc = run(s, "gllapred a, mu us(nosuch)")
    assert rc == 111 and "a" not in s.data.varnames
    out, rc = run(s, "gllapred a, mu marginal us(z)")
    assert rc == 198


def test_predict_fitted_after_melogit_is_eta(new_session, run):
    s = new_session(_binary_clusters())
    out, rc = run(s, "quietly melogit y x || id:\npredict f, fitted\npredict e, eta")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.df["f"], s.data.df["e"])
    assert s.data.var_labels.get("f") == s.data.var_labels.get("e")


def _plot_session(new_session, run):
    rng = np.random.default_rng(3)
    n = 200
    t = (np.arange(n) % 2).astype(float)
    m = (np.arange(n) % 5 + 1).astype(float)
    y = (rng.random(n) < _expit(-1 + t + 0.2 * m)).astype(float)
    s = new_session(pd.DataFrame({"y": y, "t": t, "m": m}))
    out, rc = run(s, "quietly logit y i.t##c.m")
    assert rc == 0, out
    return s


def test_margins_plot_swapxp_swaps_x_and_plot_dimensions(new_session, run):
    from graphs_helpers import axes, figure, legend_texts, tick_texts

    s = _plot_session(new_session, run)
    out, rc = run(s, "quietly margins t, at(m=(1/5))\nmarginsplot")
    assert rc == 0, out
    plain = figure(s.graphs[-1])
    out, rc = run(s, "quietly margins t, at(m=(1/5)) plot(__swapxp)")
    assert rc == 0, out
    swapped = figure(s.graphs[-1])
    # margins' own choice: at() values on x, t as plots; swapped: t on x, one plot per m
    assert len(legend_texts(plain)) == 2 and len(tick_texts(axes(plain), "x")) == 5
    assert len(legend_texts(swapped)) == 5 and len(tick_texts(axes(swapped), "x")) == 2
    # one dimension only: nothing to swap (marginsplot.ado swaps only with a plot dimension)
    out, rc = run(s, "quietly margins, at(m=(1/5)) atmeans asbalanced plot(__swapxp)")
    assert rc == 0, out
    assert len(tick_texts(axes(figure(s.graphs[-1])), "x")) == 5
    out, rc = run(s, "marginsplot, __swap")
    assert rc == 198 and "option __swap not allowed" in out


def _ts_panel() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    ids = np.repeat(np.arange(1, 21), 8).astype(float)
    t = np.tile(np.arange(1, 9), 20).astype(float)
    return pd.DataFrame({"id": ids, "t": t, "y": rng.normal(size=ids.size).cumsum()})


def test_chained_lag_operators_are_one_operator(new_session, run):
    from mlmcli.time_series_ops import split_operated

    assert split_operated("L.L.y") == ("LL", "y") and split_operated("l.D.y") == ("lD", "y")
    s = new_session(_ts_panel())
    out, rc = run(s, "xtset id t\nregress y l.l.y")
    assert rc == 0, out
    chained = _coefs(s, run)
    out, rc = run(s, "regress y L2.y")
    np.testing.assert_array_equal(chained, _coefs(s, run))
    # first principles: OLS of y on its second lag within panels
    df = s.data.df.sort_values(["id", "t"])
    lag2 = df.groupby("id")["y"].shift(2)
    keep = lag2.notna()
    X = np.column_stack([lag2[keep], np.ones(keep.sum())])
    beta = np.linalg.lstsq(X, df["y"][keep], rcond=None)[0]
    np.testing.assert_allclose(chained, beta, rtol=1e-10)
    out, rc = run(s, "summarize L.L.y")
    assert rc == 0 and "L2.y" in out


def test_reghdfe_absorb_takes_factor_notation(new_session, run):
    df = _ts_panel()
    df["x"] = np.random.default_rng(1).normal(size=len(df))
    s = new_session(df)
    out, rc = run(s, "quietly reghdfe y x, absorb(id t)")
    assert rc == 0, out
    plain = _coefs(s, run)
    out, rc = run(s, "quietly reghdfe y x, absorb(i.id i.t)")
    assert rc == 0, out
    np.testing.assert_array_equal(plain, _coefs(s, run))
    out, rc = run(s, "reghdfe y x, absorb(i.id#i.t)")  # one observation a cell: every one a singleton
    assert rc == 2001 and "singleton observations" in out, out


def test_mata_qrinv_and_st_store(new_session, run):
    s = new_session(pd.DataFrame({"res": np.arange(1.0, 6.0), "v": np.full(5, np.nan)}),
                    types={"res": "double", "v": "float"})
    out, rc = run(s, "mata\nA = 2*I(5) :+ 1\nB = qrinv(A)\nx = B*st_data(., (\"res\"))\n"
                     "st_store((1,rows(x)), \"v\", x[,1])\nend")
    assert rc == 0, out
    A = 2 * np.eye(5) + 1
    expected = np.linalg.solve(A, np.arange(1.0, 6.0)).astype(np.float32).astype(float)
    np.testing.assert_array_equal(s.data.df["v"].to_numpy(), expected)  # float storage
    out, rc = run(s, "mata\nst_store((2\\4), \"res\", (10\\20))\nend")
    assert rc == 0, out
    assert s.data.df["res"].tolist() == [1.0, 10.0, 3.0, 20.0, 5.0]
    out, rc = run(s, "mata\nst_store((1,2), \"res\", (1\\2\\3))\nend")
    assert "3200  conformability error" in out  # the values left as they were
    assert s.data.df["res"].tolist() == [1.0, 10.0, 3.0, 20.0, 5.0]
    out, rc = run(s, "mata\nC = qrinv((1,2\\2,4))\nend")
    assert "qrinv() of a singular or non-square matrix is not available" in out


def test_a_parenthesised_varname_after_the_command_word(new_session, run):
    """``hist(re1pred)`` (heldout/paul-johnson/ex_5_1): the command word, then a group with no
    operator, which is its variable (as in time-series and factor varlists)."""
    s = new_session(pd.DataFrame({"re1pred": np.random.default_rng(2).normal(size=50)}))
    plain, rc = run(s, "histogram re1pred")
    assert rc == 0, plain
    grouped, rc = run(s, "hist(re1pred)")
    assert rc == 0 and grouped == plain and grouped.startswith("(bin=")
    out, rc = run(s, "hist(re1pred nosuch)")
    assert rc == 111


def test_estimates_table_drop_and_keep_take_patterns(new_session, run):
    """``est tab re cre fe, drop(bar_*) b stats(N)`` (heldout/anon-union-mundlak): est_table.ado
    1.6.4 expands keep()/drop() items against the coefficient names (``_unab ..., matrix(b)``)."""
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"x": rng.normal(size=40), "bar_a": rng.normal(size=40), "bar_b": rng.normal(size=40)})
    df["y"] = df["x"] + rng.normal(size=40)
    s = new_session(df)
    out, rc = run(s, "quietly regress y x bar_a bar_b\nest store m1\nquietly regress y x\nest store m2")
    assert rc == 0, out
    out, rc = run(s, "est tab m1 m2, drop(bar_*) b stats(N)")
    assert rc == 0, out
    rows = [line.split("|")[0].strip() for line in out.splitlines() if "|" in line]
    assert rows == ["Variable", "x", "_cons", "N"]
    out, rc = run(s, "est tab m1 m2, keep(bar_? x)")
    rows = [line.split("|")[0].strip() for line in out.splitlines() if "|" in line]
    assert rc == 0 and rows == ["Variable", "bar_a", "bar_b", "x"]
    out, rc = run(s, "est tab m1 m2, drop(zz*)")
    assert rc == 111 and "coefficient zz* does not appear in any of the models" in out


def test_translate_graph_window_writes_the_graph(new_session, run, tmp_path):
    """``translate @Graph "marginsplot-1.pdf", name("Graph")`` (Paul Johnson's toenail file):
    the Graph window's translators write what graph export writes."""
    s = new_session(pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10.0) ** 2}))
    target = tmp_path / "g.pdf"
    out, rc = run(s, f'scatter y x\ntranslate @Graph "{target}", name("Graph")')
    assert rc == 0 and target.read_bytes().startswith(b"%PDF")
    out, rc = run(s, f'translate @Graph "{target}"')
    assert rc == 602 and "already exists" in out
    out, rc = run(s, f'translate @Graph "{target}", replace')
    assert rc == 0, out
    out, rc = run(s, f'translate @Results "{tmp_path / "r.txt"}"')
    assert rc == 198 and not (tmp_path / "r.txt").exists()


def _xttest2_panel(n_panels: int = 4, periods: int = 10, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, n_panels + 1), periods).astype(float)
    t = np.tile(np.arange(1, periods + 1), n_panels).astype(float)
    common = np.tile(rng.normal(size=periods), n_panels)  # some cross-sectional dependence
    x = rng.normal(size=ids.size)
    y = x + ids * 0.5 + 0.6 * common + rng.normal(size=ids.size)
    return pd.DataFrame({"id": ids, "t": t, "x": x, "y": y})


def test_xttest2_breusch_pagan_lm_from_first_principles(new_session, run):
    """``xttest2`` (he-ian's FE comparison; xttest2.ado 1.0.5): within residuals laid out by
    panel, their correlation matrix R, LM = (trace(R R') - N) T_min / 2 on N(N-1)/2 df."""
    from scipy import stats

    df = _xttest2_panel()
    df = df.drop(index=[3, 17]).reset_index(drop=True)  # t=4 of panel 1 and t=8 of panel 2 missing
    s = new_session(df)
    run(s, "quietly xtset id t\nquietly xtreg y x, fe")
    out, rc = run(s, "xttest2")
    assert rc == 0, out
    # first principles: the within (FE) slope, residuals e_it = y - xb - u_i
    d = df.copy()
    dm = d.groupby("id")[["x", "y"]].transform(lambda v: v - v.mean())
    beta = float((dm["x"] * dm["y"]).sum() / (dm["x"] ** 2).sum())
    raw = d["y"] - beta * d["x"]
    d["e"] = raw - raw.groupby(d["id"]).transform("mean")
    wide = d.pivot(index="t", columns="id", values="e").dropna()
    assert len(wide) == 8
    corr = np.corrcoef(wide.to_numpy(), rowvar=False)
    n, t_min = 4, 9
    lm = (np.trace(corr @ corr.T) - n) * t_min / 2
    assert abs(s.r["chi2_bp"] - lm) < 1e-9 * max(1, lm)
    assert s.r["df_bp"] == 6 and s.r["n_bp"] == 8
    lines = out.splitlines()
    assert lines[0] == " " and lines[1] == "Correlation matrix of residuals:"
    assert lines[3].split() == ["__e1", "__e2", "__e3", "__e4"]
    assert lines[5].split() == ["__e2", f"{corr[1, 0]:.4f}", "1.0000"]
    assert lines[-2] == (f"Breusch-Pagan LM test of independence: chi2(6) = {lm:9.3f}, "
                         f"Pr = {stats.chi2.sf(lm, 6):6.4f}")
    assert lines[-1] == "Based on 8 complete observations over panel units"


def test_xttest2_refusals(new_session, run):
    s = new_session(_xttest2_panel(n_panels=12, periods=5))
    out, rc = run(s, "xtset id t\nquietly xtreg y x, fe\nxttest2")
    assert rc == 131 and "Correlation matrix of residuals is singular." in out  # 12 panels, 5 times
    out, rc = run(s, "quietly xtreg y x, re\nxttest2")
    assert rc == 301 and "last estimates not xtreg, fe" in out
    out, rc = run(s, "quietly xtreg y x, fe\nxttest2 x")
    assert rc == 198


def test_distinct_under_by(new_session, run):
    """``bysort year: distinct idcode`` (the TA session): distinct.ado 1.2.1 is byable(recall),
    one table per group, r() of the last group."""
    s = new_session(pd.DataFrame({"g": [1.0, 1, 1, 2, 2], "x": [1.0, 2, 2, 5, np.nan]}))
    out, rc = run(s, "bysort g: distinct x")
    assert rc == 0, out
    assert "-> g = 1" in out and "-> g = 2" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("x |")]
    assert rows == [["x", "|", "3", "2"], ["x", "|", "1", "1"]]
    assert s.r["N"] == 1 and s.r["ndistinct"] == 1
