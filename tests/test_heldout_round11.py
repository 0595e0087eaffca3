"""Round 11 of the held-out real do-files: cls with text after it, graph close, greshape,
seeout, dummies, xtpqml, reghdfe's savefe and newvar=absvar, set dp comma and names with
Unicode letters (Stata 14's rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed=12, n_panels=60, t=5):
    rng = np.random.default_rng(seed)
    idv = np.repeat(np.arange(1, n_panels + 1), t)
    a = np.repeat(rng.normal(0, 0.5, n_panels), t)
    x1 = rng.normal(size=idv.size)
    x2 = rng.uniform(size=idv.size)
    y = rng.poisson(np.exp(0.3 * x1 - 0.5 * x2 + a)).astype(float)
    return pd.DataFrame({"id": idv.astype(float), "time": np.tile(np.arange(1, t + 1), n_panels).astype(float),
                         "x1": x1, "x2": x2, "y": y, "cl": np.ceil(idv / 3).astype(float)})


# ----------------------------------------------------------------------------- (c) cls, (b) graph close
def test_cls_reads_nothing_after_its_word(do):
    rc, out, s = do("cls, clear all\ncount", df=pd.DataFrame({"x": [1.0, 2.0]}))
    assert rc == 0 and out.strip() == "2" and s.data.nobs == 2


def test_graph_close_accepts_names_and_all_and_keeps_the_graphs(do):
    rc, out, s = do("scatter y x\ngr close\ngraph close Graph\ngraph close _all\ngraph close G*\ngraph dir",
                    df=pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 1.0, 3.0]}))
    assert rc == 0 and "Graph" in out
    assert do("graph close, bogus")[0] == 198


# ----------------------------------------------------------------------------- (e) greshape
def test_greshape_is_reshape_with_by_and_keys(do):
    wide = pd.DataFrame({"id": [1.0, 2.0], "w1": [5.0, 7.0], "w2": [6.0, 8.0]})
    rc, out, s = do("greshape long w, by(id) keys(t)", df=wide)
    assert rc == 0
    rc2, out2, s2 = do("reshape long w, i(id) j(t)", df=wide)
    assert out == out2 and s.data.df.equals(s2.data.df)
    rc, out, s = do("greshape long w, i(id) j(t)\ngreshape wide w, by(id) key(t)", df=wide)
    assert rc == 0 and list(s.data.df["w2"]) == [6.0, 8.0]
    for text in ("greshape long w, by(id) keys(t) unsorted", "greshape gather w*, values(v)",
                 "greshape long w, by(id) i(id) keys(t)"):
        rc, out, s = do(text, df=wide)
        assert rc == 198 and "w1" in s.data.varnames, text


# ----------------------------------------------------------------------------- (g) seeout, dummies
def test_seeout_prints_the_table_file_and_leaves_the_data(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "table2.txt").write_text("\t(1)\nVARIABLES\ty\n\t\nx\t1.5***\n\t(0.2)\n")
    rc, out, s = do('seeout using "table2", label', df=pd.DataFrame({"x": [1.0]}))
    assert rc == 0 and "Data Browser" in out
    assert [ln for ln in out.splitlines() if ln.startswith("x")] == ["x          1.5***"]
    assert s.data.varnames == ["x"]
    assert do("seeout using nosuch.txt")[0] == 601
    assert do("seeout")[0] == 198


def test_seeout_label_shows_the_labels_column():
    from mlmcli.commands.community.seeout import _with_labels

    rows = [["VARIABLES", "LABELS", "(1)"], ["x", "Weight", "1.5"], ["z", "", "2"]]
    assert _with_labels(rows) == [["VARIABLES", "(1)"], ["Weight", "1.5"], ["z", "2"]]


def test_dummies_names_by_value(do):
    df = pd.DataFrame({"race": [1.0, 2.0, 3.0, np.nan, 2.0]})
    rc, out, s = do("dummies race", df=df)
    assert rc == 0
    d = s.data.df
    assert list(d["race2"].fillna(-1)) == [0, 1, 0, -1, 1] and list(d["race3"].fillna(-1)) == [0, 0, 1, -1, 0]
    assert s.data.var_labels["race1"] == "race==1" and s.data.types["race1"] == "byte"
    rc, out, s = do("dummies race if race > 1, prefix(r_)", df=df)
    assert rc == 0 and "r_2" in s.data.varnames and np.isnan(s.data.df["r_2"][0])
    rc, out, s = do("gen race2 = 0\ndummies race", df=df)
    assert rc == 110 and "race1" not in s.data.varnames
    assert do("gen h = race/2\ndummies h", df=df)[0] == 459


# ----------------------------------------------------------------------------- (f) xtpqml
def _scores_by_hand(df, b, A, groups):
    """Wooldridge's (1999) variance written out panel by panel (the ado-file's loops)."""
    X = df[["x1", "x2"]].to_numpy()
    B = np.zeros((2, 2))
    for _, rows in df.groupby(groups).groups.items():
        s = np.zeros(2)
        for pid in df.loc[rows, "id"].unique():
            g = df.loc[rows][df.loc[rows, "id"] == pid]
            Xg = g[["x1", "x2"]].to_numpy()
            mu = np.exp(Xg @ b)
            p = mu / mu.sum()
            xbar = (Xg * mu[:, None]).sum(0) / mu.sum()
            s += ((g["y"].to_numpy() - p * g["y"].sum())[:, None] * (Xg - xbar)).sum(0)
        B += np.outer(s, s)
    return A @ B @ A


@pytest.mark.parametrize("cluster", [False, True])
def test_xtpqml_variance_is_wooldridges(do, cluster):
    df = _panel()
    opts = ", fe cluster(cl)" if cluster else ", fe"
    rc, out, s = do("xtset id\nxtpoisson y x1 x2, fe\nmatrix A = e(V)\nxtpqml y x1 x2" + opts, df=df)
    assert rc == 0, out
    e = s.e
    assert e.cmd == "xtpqml" and "Calculating Robust Standard Errors..." in out
    sample = e.sample_mask(s.data)
    used = df[sample].reset_index(drop=True)
    b = e.matrices["b"].values.ravel()
    V = _scores_by_hand(used, b, s.matrices["A"].values, used["cl"] if cluster else used["id"])
    np.testing.assert_allclose(e.matrices["V"].values, V, rtol=1e-9)
    chi2 = b @ np.linalg.solve(V, b)
    assert e.scalars["chi2"] == pytest.approx(chi2, rel=1e-9)
    assert f"Wald chi2(2) = {chi2:8.2f}" in out


def test_xtpqml_matches_xtpoisson_fe_robust_and_checks_its_input(do):
    df = _panel(seed=4)
    rc, out, s = do("xtset id\nxtpoisson y x1 x2, fe vce(robust)\nmatrix R = e(V)\nxtpqml y x1 x2, irr", df=df)
    assert rc == 0
    np.testing.assert_allclose(s.e.matrices["V"].values, s.matrices["R"].values, rtol=1e-9)
    assert "IRR" in out
    assert do("xtpqml y x1 x2", df=df)[0] == 198  # no panel variable
    bad = df.assign(cl=np.where(df["time"] > 2, 1.0, 2.0))
    rc, out, _ = do("xtpqml y x1 x2, i(id) cluster(cl)", df=bad)
    assert rc == 198 and "nested within clusters" in out


# ----------------------------------------------------------------------------- (d) reghdfe savefe
def _two_way(seed=3):
    rng = np.random.default_rng(seed)
    firm = np.repeat(np.arange(1, 26), 8).astype(float)
    year = np.tile(np.arange(1, 9), 25).astype(float)
    x = rng.normal(size=200)
    return pd.DataFrame({"firm": firm, "year": year, "x": x, "y": x + firm / 10 + year / 5 + rng.normal(size=200)})


def test_reghdfe_one_saved_effect_is_aregs_d(do):
    rc, out, s = do("areg y x, absorb(firm)\npredict double d0, d\nreghdfe y x, absorb(F = firm)", df=_two_way())
    assert rc == 0
    np.testing.assert_allclose(s.data.df["F"], s.data.df["d0"], atol=1e-9)
    assert s.data.var_labels["F"] == "[FE] firm"


def test_reghdfe_savefe_two_effects_add_up_and_are_group_constant(do):
    rc, out, s = do("reghdfe y x, absorb(firm year, savefe) resid(r)\nreghdfe y x, absorb(firm year, savefe) resid(r2)",
                    df=_two_way())
    assert rc == 0  # the second savefe replaces the first's __hdfe#__
    d = s.data.df
    b = s.e.matrices["b"].values.ravel()
    total = d["y"] - b[0] * d["x"] - b[1] - d["r2"]
    np.testing.assert_allclose(d["__hdfe1__"] + d["__hdfe2__"], total, atol=1e-8)
    assert d.groupby("firm")["__hdfe1__"].nunique().max() == 1 and d.groupby("year")["__hdfe2__"].nunique().max() == 1
    rc, out, s = do("gen F = 1\nreghdfe y x, absorb(F=firm)", df=_two_way())
    assert rc == 110
    rc, out, s = do("gen F = 1\nreghdfe y x, absorb(F=firm, replace)", df=_two_way())
    assert rc == 0 and s.data.df["F"].nunique() > 1
    assert do("reghdfe y x, absorb(firm, bogus)", df=_two_way())[0] == 198


# ----------------------------------------------------------------------------- (a) set dp comma
def test_set_dp_comma_changes_the_numbers_shown_not_the_code(do):
    from mlmcli.render.numfmt import decimal_comma

    rc, out, s = do('set dp comma\ndisplay 3.25\ndisplay %9.2fc 12345.678\nlocal a = 1.5\ndisplay "`a\'"\n'
                    'display string(2.5)\ndisplay c(dp)\nsummarize x', df=pd.DataFrame({"x": [1.5, 2.0]}))
    assert rc == 0
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines[:5] == ["3,25", "12.345,68", "1.5", "2.5", "comma"]
    assert "1,75" in out  # summarize's mean
    rc, out, s = do("set dp period, permanently\ndisplay 3.25", session=s)
    assert rc == 0 and out.strip() == "3.25" and not decimal_comma()
    assert do("set dp bogus")[0] == 198


# ----------------------------------------------------------------------------- (l) Unicode names
def test_names_may_hold_unicode_letters(do):
    from mlmcli.syntax.varlist import NAME_RE

    assert NAME_RE.match("cl_desarrollo_sin_acompañamiento") and NAME_RE.match("año")
    assert not NAME_RE.match("1año") and not NAME_RE.match("a٣b") and not NAME_RE.match("a" * 33)
    rc, out, s = do("rename p acompañamiento\ngen año = acompañamiento * 2\ntab año\nsummarize año if acompañamiento > 1",
                    df=pd.DataFrame({"p": [1.0, 2.0, 3.0]}))
    assert rc == 0 and list(s.data.df["año"]) == [2.0, 4.0, 6.0]
    assert do("rename p 1x", df=pd.DataFrame({"p": [1.0]}))[0] == 198


# ----------------------------------------------------------------------------- (h) margins saving() with contrasts
def _logit_data(seed=1, n=400):
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"female": (rng.uniform(size=n) < .5).astype(float), "deam": (rng.uniform(size=n) < .5).astype(float),
                      "g": 1 + np.floor(rng.uniform(size=n) * 3), "t": rng.uniform(size=n), "x": rng.normal(size=n)})
    d["y"] = ((d.x + d.deam + d.female + d.g * d.t + rng.normal(size=n)) > 1).astype(float)
    return d


def test_margins_saving_with_contrasts_writes_each_contrast(do, tmp_path):
    fit = "logit y i.g##c.t i.deam##i.female x\n"
    rc, out, s = do(fit + f"margins r.g, dydx(t) saving({tmp_path}/c1)\nmatrix T = r(table)\n"
                    f"margins r.deam, over(female) saving({tmp_path}/c2)\nmatrix U = r(table)\n"
                    f"margins g, dydx(t) saving({tmp_path}/m1)\n"
                    f"use {tmp_path}/m1, clear\nappend using {tmp_path}/c1, gen(analysis)", df=_logit_data())
    assert rc == 0, out
    d = s.data.df
    assert list(d["analysis"]) == [0, 0, 0, 1, 1] and list(d["_m1"][3:]) == [2, 3]
    T = s.matrices["T"]
    np.testing.assert_allclose(d["_margin"][3:], T.values[0], rtol=1e-6)
    np.testing.assert_allclose(d["_ci_ub"][3:], T.values[T.rownames.index("ul")], rtol=1e-6)
    rc, out, s = do(f"use {tmp_path}/c2, clear", session=s)
    d = s.data.df
    assert list(d["_m1"]) == [1, 1] and list(d["_by1"]) == [0, 1]
    np.testing.assert_allclose(d["_margin"], s.matrices["U"].values[0], rtol=1e-6)
    # pairwise comparisons are saved too since mg89 (tests/test_margins_round89.py)
    assert do(fit + f"margins g, pwcompare saving({tmp_path}/p1)", df=_logit_data())[0] == 0


# ----------------------------------------------------------------------------- (i) marginsplot after contrasts
def test_marginsplot_draws_margins_contrasts(do):
    fit = "logit y i.g##c.t i.deam##i.female x\n"
    rc, out, s = do(fit + "margins r.deam, over(female)\nmatrix B = r(b)\nmarginsplot", df=_logit_data())
    assert rc == 0, out
    assert "Variables that uniquely identify margins: female" in out
    res = s.margins
    assert res.plot_title == "Contrasts of Predictive Margins of deam" and res.ylabel == "Contrasts of Pr(y)"
    assert [r.b for r in res.rows] == list(s.matrices["B"].values[0])
    assert [dict((d, (v, t)) for d, v, t in r.dims)["deam"] for r in res.rows] == [(1.0, "(1 vs 0)")] * 2
    assert [dict((d, v) for d, v, _ in r.dims)["female"] for r in res.rows] == [0.0, 1.0]
    rc, out, s = do(fit + "margins, over(female) at(deam=(0 1)) contrast(effects overjoint)\nmarginsplot, noci",
                    df=_logit_data())
    assert rc == 0 and "Variables that uniquely identify margins: deam" in out
    assert [dict((d, v) for d, v, _ in r.dims)["deam"] for r in s.margins.rows] == [0.0, 1.0]
    rc, out, s = do(fit + "contrast deam\nmarginsplot", df=_logit_data())
    assert rc == 301  # marginsplot follows margins, not contrast


# ----------------------------------------------------------------------------- (j) coefplot bycoefs
def test_coefplot_bycoefs_flips_subgraphs_and_coefficients():
    from mlmcli.graphs import coefplot as cp

    plots = [cp.PlotSpec("a", [cp.Coef("_", "1.female", 0.1, [(0.0, 0.2)]), cp.Coef("_", "x", 1.0, [(0.5, 1.5)])],
                         number=1, by=1),
             cp.PlotSpec("b", [cp.Coef("_", "1.female", 0.2, [(0.1, 0.3)])], number=2, by=1),
             cp.PlotSpec("c", [cp.Coef("_", "1.female", 0.3, [(0.2, 0.4)])], number=1, by=2)]
    keys = cp.arrange(plots)
    flipped, new_keys, labels, titles = cp.by_coefficients(
        plots, keys, {("_", "1.female"): "Female", ("_", "x"): "X"}, {1: "1979", 2: "1984"})
    assert new_keys == [("_", "1"), ("_", "2")] and labels == {("_", "1"): "1979", ("_", "2"): "1984"}
    assert titles == {1: "Female", 2: "X"}
    assert [(p.by, p.number, p.label, [(c.name, c.b) for c in p.coefs]) for p in flipped] == [
        (1, 1, "a", [("1", 0.1), ("2", 0.3)]), (1, 2, "b", [("1", 0.2)]), (2, 1, "a", [("1", 1.0)])]


def test_coefplot_bycoefs_draws_one_graph_for_one_coefficient(do):
    df = _logit_data()
    rc, out, s = do("quietly regress y i.female x if g == 1\nestimates store A\nquietly regress y i.female x if g == 2\n"
                    "estimates store B\ncoefplot A, bylabel(first) || B, bylabel(second) keep(1.female) bycoef vertical",
                    df=df)
    assert rc == 0, out
    assert len(s.graphs[-1].panels) == 1  # one coefficient: one graph, the subgraphs along its axis
    rc, out, s = do("quietly regress y i.female x\nestimates store A\ncoefplot A || A, keep(1.female x) bycoefs",
                    df=df)
    assert rc == 0, out
    assert [p.title for p in s.graphs[-1].panels] == ["female=1", "x"]  # a subgraph per coefficient


def test_a_title_box_may_have_a_negative_height(do, tmp_path):
    # ytitle("...", height(-3)) in the published do-file of (j): accepted and the title still drawn
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0]})
    rc, out, s = do(f'scatter y x, ytitle("t", size(medsmall) height(-3))\ngraph export {tmp_path}/g.png', df=df)
    assert rc == 0, out
    assert (tmp_path / "g.png").stat().st_size > 0
    assert do('scatter y x, ytitle("t", width(-3))', df=df)[0] == 198
