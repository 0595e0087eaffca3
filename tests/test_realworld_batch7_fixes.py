"""Forms the seventh held-out batch of real do-files (tests/realworld/README.md) used that mlm
refused, each checked here:

- estout's ``stats(N r2_a, nostar labels() fmt())`` (estout.ado 3.x ParseStatsSubopts: NOStar),
  ``preh()`` and ``prefoot()`` (PREHead, PREFoot: the user's lines before the table and before
  the statistics rows);
- ``xi, noomit prefix("di") gen i.firm`` (xi.ado 2.3.4: the option words right after the comma,
  then items whose words other than i. terms are skipped): difirm_1 ... for every level;
- ``testparm time_d1-time_d5``: a variable range in testparm's varlist;
- ``xttest3`` (Baum's SSC command, xttest3.ado 1.0.8): the modified Wald test for groupwise
  heteroskedasticity after ``xtreg, fe``, checked against Greene's formula computed by loops here;
- ``xtpatternvar, gen(pattern)`` (Cox's SSC command, xtpatternvar.ado 1.0.0): each panel's
  pattern of presence, one string per row;
- ``ivregress 2sls D.n (D.nL1 = nL2) D.(w z)``: an operated depvar and an operated group among
  the exogenous regressors (only the parenthesised group with ``=`` is the equation);

Numbers are checked against numpy computed here from first principles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def test_estout_stats_nostar_prehead_prefoot(do, tmp_path, monkeypatch):
    x = np.random.default_rng(7).normal(size=60)
    df = pd.DataFrame({"x": x, "y": 1 + 2 * x + np.cos(np.arange(60.0))})
    X = np.column_stack([df.x, np.ones(len(df))])
    beta, *_ = np.linalg.lstsq(X, df.y, rcond=None)
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("quietly regress y x\nestimates store m1\n"
                    'estout m1 using t.tex, keep(x) sty(tex) mlab(none) coll(none) cells(b(fmt(3))) '
                    'preh("\\begin{tabular}{lc}" "\\hline") prefoot("\\hline") '
                    'stats(N, nostar labels("Observations") fmt(%9.0fc)) postfoot("\\end{tabular}") replace\n', df)
    assert rc == 0, out
    lines = (tmp_path / "t.tex").read_text().splitlines()
    assert lines[:2] == ["\\begin{tabular}{lc}", "\\hline"]
    assert lines[2].split("&")[1].strip().rstrip("\\").strip() == f"{beta[0]:.3f}"
    assert lines[3] == "\\hline" and lines[4].startswith("Observations") and "60" in lines[4]
    assert lines[-1] == "\\end{tabular}"
    # estout's @ codes are filled in (es78: @title is the title); those mlm lacks stay refused
    rc, out, _ = do('quietly regress y x\nestout, prefoot("[@title]") title(T)\n', df)
    assert rc == 0 and "[T]" in out
    assert do('quietly regress y x\nestout, prefoot("@note")\n', df)[0] == 198


def test_xi_leading_options_make_every_level(do):
    df = pd.DataFrame({"firm": [3, 1, 2, 3, 1, 2, 2], "y": np.arange(7.0)})
    rc, out, s = do('xi, noomit prefix("di") gen i.firm\n', df)
    assert rc == 0, out
    for level in (1, 2, 3):
        assert list(s.data.numeric(f"difirm_{level}")) == list((df.firm == level).astype(float))
        assert s.data.var_labels[f"difirm_{level}"] == f"firm=={level}"
    rc, out, s = do("xi, prefix(_D) i.firm\n", df)  # without noomit the first level is dropped
    assert rc == 0, out
    assert [v for v in s.data.varnames if v.startswith("_D")] == ["_Dfirm_2", "_Dfirm_3"]
    assert do("xi, prefix(toolong) i.firm\n", df)[0] == 198


def test_testparm_variable_range(do):
    rng = np.random.default_rng(3)
    t = np.tile(np.arange(1, 7), 10)
    y = 0.3 * (t == 2) - 0.2 * (t == 5) + rng.normal(size=t.size)
    df = pd.DataFrame({"t": t, "y": y})
    rc, out, s = do("quietly tabulate t, gen(td)\nquietly regress y td1-td5\ntestparm td2-td4\n", df)
    assert rc == 0, out
    X = np.column_stack([(t == k).astype(float) for k in range(1, 6)] + [np.ones(t.size)])
    ssr_u = np.sum((y - X @ np.linalg.lstsq(X, y, rcond=None)[0]) ** 2)
    Xr = X[:, [0, 4, 5]]
    ssr_r = np.sum((y - Xr @ np.linalg.lstsq(Xr, y, rcond=None)[0]) ** 2)
    F = ((ssr_r - ssr_u) / 3) / (ssr_u / (t.size - 6))
    assert np.isclose(s.r["F"], F) and s.r["df"] == 3
    assert do("quietly tabulate t, gen(td)\nquietly regress y td1-td5\ntestparm td4-td2\n", df)[0] == 111


def test_ivregress_operated_depvar_and_group(do):
    rng = np.random.default_rng(21)
    firms, years = 25, 8
    firm = np.repeat(np.arange(1, firms + 1), years)
    year = np.tile(np.arange(1, years + 1), firms)
    n, w, z = (rng.normal(size=firm.size) for _ in range(3))
    df = pd.DataFrame({"firm": firm, "year": year, "n": n, "w": w, "z": z})
    rc, out, s = do("xtset firm year\ngen nL1 = L.n\ngen nL2 = L2.n\n"
                    "ivregress 2sls D.n (D.nL1 = nL2) D.(w z)\n", df)
    assert rc == 0, out
    lag = lambda v, k: pd.Series(v).groupby(firm).shift(k).to_numpy()  # noqa: E731
    nL1, nL2 = lag(n, 1), lag(n, 2)
    d = lambda v: v - lag(v, 1)  # noqa: E731
    y, x_en = d(n), d(nL1)
    X = np.column_stack([x_en, d(w), d(z), np.ones(firm.size)])
    Z = np.column_stack([d(w), d(z), nL2, np.ones(firm.size)])
    ok = ~np.isnan(np.column_stack([y, X, Z])).any(axis=1)
    y, X, Z = y[ok], X[ok], Z[ok]
    Xhat = Z @ np.linalg.lstsq(Z, X, rcond=None)[0]
    beta = np.linalg.solve(Xhat.T @ X, Xhat.T @ y)
    assert s.e.scalars["N"] == ok.sum()
    assert np.allclose(s.e.matrices["b"].values.ravel(), beta)
    assert s.e.macros["depvar"] == "D.n"
    # two equations, or an operator on the depvar's group alone, stay refused
    assert do("xtset firm year\nivregress 2sls n (w = z) (z = w)\n", df)[0] == 198


def _greene_modified_wald(e, panel):
    """Greene (2000, p. 598) as xttest3.ado 1.0.8 computes it, written out by panels."""
    e = np.asarray(e, float)
    s2 = np.mean((e - e.mean()) ** 2)
    total = 0.0
    for g in np.unique(panel):
        r = e[panel == g]
        t = r.size
        s_i = np.mean(r ** 2)
        if t < 2:
            continue
        v_i = np.sum((r ** 2 - s_i) ** 2) / t / (t - 1)
        if v_i >= 1e-12:
            total += (s_i - s2) ** 2 / v_i
    return total


def test_xttest3_after_xtreg_fe(do):
    from scipy import stats

    rng = np.random.default_rng(33)
    sizes = rng.integers(1, 9, size=30)  # unbalanced, with one-row and two-row panels
    sizes[:3] = [1, 2, 8]
    panel = np.repeat(np.arange(1, 31), sizes)
    x = rng.normal(size=panel.size)
    y = 1 + 0.5 * x + rng.normal(size=30)[panel - 1] + rng.normal(size=panel.size) * (1 + (panel % 4))
    df = pd.DataFrame({"id": panel, "x": x, "y": y})
    rc, out, s = do("xtset id\nquietly xtreg y x, fe\nxttest3\n", df)
    assert rc == 0, out
    # within residuals from the FE slope computed here
    xd = x - pd.Series(x).groupby(panel).transform("mean").to_numpy()
    yd = y - pd.Series(y).groupby(panel).transform("mean").to_numpy()
    slope = (xd @ yd) / (xd @ xd)
    wald = _greene_modified_wald(yd - slope * xd, panel)
    assert np.isclose(s.r["wald"], wald) and s.r["df"] == 30
    assert np.isclose(s.r["p"], stats.chi2.sf(wald, 30))
    lines = out.splitlines()
    lines = lines[lines.index("Modified Wald test for groupwise heteroskedasticity") - 1:]
    assert lines[0] == "" and lines[1:6] == ["Modified Wald test for groupwise heteroskedasticity",
                          "in fixed effect regression model", "", "H0: sigma(i)^2 = sigma^2 for all i", ""]
    assert lines[6] == "chi2 (30)  =".ljust(15) + f"{wald:12.2f}"
    assert lines[7].startswith("Prob > chi2 = ") and len(lines[7]) == 29
    # a time-invariant regressor (omitted under fe) and factor levels (a base) change nothing
    df["fixed"] = df.id % 3
    df["f"] = np.arange(len(df)) % 3
    rc, out, s = do("xtset id\nquietly xtreg y x fixed i.f, fe\nxttest3\n", df)
    assert rc == 0, out
    X = np.column_stack([x, (df.f == 1).astype(float), (df.f == 2).astype(float)])
    Xd = X - pd.DataFrame(X).groupby(panel).transform("mean").to_numpy()
    coef = np.linalg.lstsq(Xd, yd, rcond=None)[0]
    assert np.isclose(s.r["wald"], _greene_modified_wald(yd - Xd @ coef, panel))
    # after xtgls: the residuals are depvar - xb (xb from the fit's own coefficients)
    rc, out, s = do("xtset id\nquietly xtgls y x, panels(het)\nxttest3\n", df)
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    assert np.isclose(s.r["wald"], _greene_modified_wald(y - b[0] * x - b[1], panel))
    assert "in cross-sectional time-series FGLS regression model" in out
    assert do("xtset id\nquietly xtreg y x, re\nxttest3\n", df)[0] == 301
    assert do("xtset id\nquietly xtreg y x, fe\nxttest3, x\n", df)[0] == 198


def test_xtpatternvar(do):
    df = pd.DataFrame({"id": [1, 1, 1, 2, 2, 3], "t": [1, 2, 4, 2, 3, 5]})
    rc, out, s = do("xtset id t\nxtpatternvar, gen(pattern)\nxtpatternvar if t > 1, gen(p2)\n", df)
    assert rc == 0, out
    assert list(s.data.df["pattern"]) == ["11.1.", "11.1.", "11.1.", ".11..", ".11..", "....1"]
    assert list(s.data.df["p2"]) == ["", "1.1.", "1.1.", "11..", "11..", "...1"]
    assert s.data.types["pattern"] == "str5"
    assert do("xtset id t\nxtpatternvar, gen(id)\n", df)[0] == 110
    assert do("xtpatternvar, gen(p)\n", df)[0] == 459
    assert do("xtset id t\nxtpatternvar\n", df)[0] == 198
