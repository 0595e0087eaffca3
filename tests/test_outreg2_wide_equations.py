"""outreg2's wide layout of a multi-equation model (outreg2 2.2.5: a column per equation of e(b),
headed by its name, rows merged by coefficient name, the model's Observations / addstat() /
addtext() rows under every column of it), ``long`` / ``wide`` / ``eqkeep()`` / ``eqdrop()``; numbers against statsmodels."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mlmcli.render.estout_cells import outreg2_autodigits
from tests.test_outreg2_onecol_escalars import run  # noqa: F401  (reads this module's data fixture)

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture
def data(tmp_path):
    rng = np.random.default_rng(7)
    groups, per = 30, 8
    n = groups * per
    g = np.repeat(np.arange(1, groups + 1), per)
    x = rng.normal(size=n)
    u = rng.normal(scale=0.8, size=groups)[g - 1]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    k = 1 + (x + rng.normal(size=n) > 0).astype(int) + (x + rng.normal(size=n) > 1).astype(int)
    path = tmp_path / "d.csv"
    pd.DataFrame({"g": g, "y": y, "x": x, "k": k}).astype(float).to_csv(path, index=False, float_format="%.17g")
    return path, g, y, x, k


def _grid(path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text().split("\n") if ln]


def _rows(path) -> dict:
    return {r[0]: r[1:] for r in _grid(path) if r[0]}


def _number(cell: str) -> float:
    return float(cell.strip("()*"))


def test_mixed_is_written_a_column_per_equation(run, data, tmp_path):
    _, g, y, x, _ = data
    fit = sm.MixedLM(y, sm.add_constant(x), groups=g).fit(reml=False)
    rc, out = run("quietly mixed y x || g:\noutreg2 using m, replace addstat(Groups, 30) addtext(RE, yes)")
    assert rc == 0, out
    grid = _grid(tmp_path / "m.txt")
    assert grid[0] == ["", "(1)", "(2)", "(3)"]
    assert grid[1] == ["VARIABLES", "y", "lns1_1_1", "lnsig_e"]
    labels = [r[0] for r in grid]
    # makeFile's "Number of groups" (e(N_g)[1,1]; mixed sets no e(ivar)) before the addstat() row
    assert labels[3:11] == ["x", "", "Constant", "", "", "Observations", "Number of groups", "Groups"]
    rows = _rows(tmp_path / "m.txt")
    # the fixed part in the first column only; each random-effects equation its own column
    assert rows["x"][1:] == ["", ""]
    assert _number(rows["x"][0]) == pytest.approx(fit.fe_params[1], rel=5e-3)
    se_x = grid[labels.index("x") + 1][1]
    assert _number(se_x) == pytest.approx(fit.bse_fe[1], rel=2e-2)
    cons = [_number(c) for c in rows["Constant"]]
    assert cons[0] == pytest.approx(fit.fe_params[0], rel=5e-3)
    assert cons[1] == pytest.approx(0.5 * math.log(np.asarray(fit.cov_re)[0, 0]), rel=1e-2, abs=1e-3)
    assert cons[2] == pytest.approx(0.5 * math.log(fit.scale), rel=1e-2, abs=1e-3)
    # the model's rows under each of its columns, as makeFile writes them for every equation
    assert rows["Observations"] == [str(len(y))] * 3
    assert rows["Groups"] == ["30"] * 3 and rows["RE"] == ["yes"] * 3


def test_appended_regress_column_shares_the_rows(run, data, tmp_path):
    _, _, y, x, _ = data
    ols = sm.OLS(y, sm.add_constant(x)).fit()
    assert run("quietly mixed y x || g:\noutreg2 using m, replace\nquietly regress y x\n"
               "outreg2 using m, append")[0] == 0
    grid = _grid(tmp_path / "m.txt")
    assert grid[1] == ["VARIABLES", "y", "lns1_1_1", "lnsig_e", "y"]
    rows = _rows(tmp_path / "m.txt")
    assert rows["x"][3] == outreg2_autodigits(ols.params[1]) + "***"
    assert rows["Constant"][3].startswith(outreg2_autodigits(ols.params[0]))
    assert rows["R-squared"] == ["", "", "", f"{ols.rsquared:.3f}"]


def test_mlogit_wide_eqkeep_eqdrop(run, data, tmp_path):
    _, _, _, x, k = data
    mn = sm.MNLogit(k, sm.add_constant(x)).fit(disp=0)  # outcome 1 the base, as mlogit's default here
    assert run("quietly mlogit k x\noutreg2 using w, replace")[0] == 0
    grid = _grid(tmp_path / "w.txt")
    assert grid[1] == ["VARIABLES", "1", "2", "3"]
    rows = _rows(tmp_path / "w.txt")
    # the base outcome's column: its omitted zeros dropped (makeFile), N still written
    assert rows["x"][0] == "" and rows["Observations"] == [str(len(k))] * 3
    for col, eq in ((1, 0), (2, 1)):
        assert _number(rows["x"][col]) == pytest.approx(float(outreg2_autodigits(np.asarray(mn.params)[1, eq])))
        assert _number(rows["Constant"][col]) == pytest.approx(float(outreg2_autodigits(np.asarray(mn.params)[0, eq])))
    assert run("outreg2 using w, replace eqkeep(3 2)")[0] == 0
    grid = _grid(tmp_path / "w.txt")
    assert grid[0] == ["", "(1)", "(2)"] and grid[1] == ["VARIABLES", "3", "2"]
    assert _number(_rows(tmp_path / "w.txt")["x"][0]) == pytest.approx(float(outreg2_autodigits(np.asarray(mn.params)[1, 1])))
    assert run("outreg2 using w, replace eqdrop(1)")[0] == 0
    assert _grid(tmp_path / "w.txt")[1] == ["VARIABLES", "2", "3"]
    rc, out = run("outreg2 using w, replace eqdrop(1) eqkeep(2)")
    assert rc == 198 and "cannot specify both" in out
    rc, out = run("outreg2 using w, replace eqkeep(9)")
    assert rc == 111 and "equation 9 not found" in out


def test_long_and_forced_long_stack_labelled(run, data, tmp_path):
    _, _, _, x, k = data
    assert run("quietly mlogit k x\noutreg2 using l, replace long eqdrop(1)")[0] == 0
    grid = _grid(tmp_path / "l.txt")  # onecol's text file: EQUATION, VARIABLES, the column
    assert [r[0] for r in grid[3:8]] == ["2", "", "", "", "3"]
    assert [r[1] for r in grid[3:8]] == ["x", "", "Constant", "", "x"]
    # ologit and oprobit: outreg2 forces long (wide undoes it)
    assert run("quietly ologit k x\noutreg2 using o, replace")[0] == 0
    grid = _grid(tmp_path / "o.txt")
    assert "cut1" in [r[0] for r in grid]
    assert [r[0] for r in grid].index("cut1") < [r[1] for r in grid].index("Observations")
    assert run("outreg2 using o, replace wide")[0] == 0
    assert _grid(tmp_path / "o.txt")[1] == ["VARIABLES", "k", "cut1", "cut2"]


def test_wide_keep_drop_read_with_the_equation(run, data, tmp_path):
    assert run("quietly mixed y x || g:\noutreg2 using d, replace drop(lnsig_e:_cons)")[0] == 0
    rows = _rows(tmp_path / "d.txt")
    assert rows["Constant"][2] == "" and rows["Constant"][1] != ""
    assert run("outreg2 using d, replace keep(x)")[0] == 0
    rows = _rows(tmp_path / "d.txt")
    # keep() keeps each equation's _cons too ("add the constant unless nocons is chosen")
    assert "Constant" in rows and rows["x"][0] != "" and rows["x"][1:] == ["", ""]
    assert run("outreg2 using d, replace keep(x) nocons")[0] == 0
    assert "Constant" not in _rows(tmp_path / "d.txt")


def test_wide_in_excel_and_tex(run, tmp_path):
    assert run("quietly mixed y x || g:\noutreg2 using e.xls, replace tex")[0] == 0
    xml = (tmp_path / "e.xls").read_text()
    assert ">lns1_1_1</Data>" in xml and ">lnsig_e</Data>" in xml
    tex = (tmp_path / "e.tex").read_text()
    assert "lns1\\_1\\_1" in tex and "\\begin{tabular}{lccc} \\hline" in tex  # _texout: l and a c per column


def test_xtpoisson_stays_one_unlabelled_column(run, tmp_path):
    # _outreg2's "fix for xtpoisson" (eqsingle): its lnalpha is stacked, not a column of its own
    rc, out = run("gen c = round(abs(y))\nxtset g\nquietly xtpoisson c x, re\noutreg2 using p, replace onecol")
    assert rc == 0, out
    grid = _grid(tmp_path / "p.txt")
    assert grid[0] == ["", "(1)"] and grid[1] == ["VARIABLES", "c"]
    labels = [r[0] for r in grid]
    assert labels.count("Constant") == 2 and "c" not in labels[2:] and "lnalpha" not in labels
