"""esttab/estout ``stats(..., layout(array) [pchar()])`` (estout's help, stats subopts): a row
per element of the array, its placeholders taking the statistics one after another in their
fmt(), other text as written, labels() labelling the rows; a cell is empty when one of its
statistics is not in the model; a quoted row of several cells fills a model's columns (cells
beyond them not shown), statistics left over a row each (estout's help and ProcessStatslayout).  ``stats(, star[(list)])``:
the model's significance stars (its p-value: e(p), else the F test, else the chi2 test) on the
first statistic or those listed.  The numbers are checked against numpy's least squares and
scipy's F distribution."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed=5):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=60)
    z = rng.normal(size=60)
    y = 1.0 + 0.7 * x - 0.4 * z + rng.normal(size=60)
    return pd.DataFrame({"y": y, "x": x, "z": z})


def _ols(df, cols):
    X = np.column_stack([df[c] for c in cols] + [np.ones(len(df))])
    b, *_ = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)
    resid = df["y"].to_numpy() - X @ b
    s2 = resid @ resid / (len(df) - X.shape[1])
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    return b, se


SETUP = """quietly regress y x
estadd scalar bx = _b[x]
estadd scalar sx = _se[x]
eststo m1
quietly regress y x z
estadd scalar bx = _b[x]
estadd scalar sx = _se[x]
eststo m2
"""


def _row(out, label):
    return next(line for line in out.splitlines() if line.strip().startswith(label))


def test_layout_puts_each_statistic_in_its_row_and_text(do):
    df = _data()
    rc, out, _ = do(SETUP + 'esttab m1 m2, stats(bx sx N, layout(@ (@) "[@]") labels("Slope" " " "Obs") '
                    "fmt(%8.3f %8.3f %8.0f)) nostar", df)
    assert rc == 0, out
    (b1, se1), (b2, se2) = _ols(df, ["x"]), _ols(df, ["x", "z"])
    slope = _row(out, "Slope").split()
    assert slope[1:] == [f"{b1[0]:.3f}", f"{b2[0]:.3f}"]
    paren = [line for line in out.splitlines() if line.strip().startswith(f"({se1[0]:.3f})")]
    assert paren and paren[-1].split() == [f"({se1[0]:.3f})", f"({se2[0]:.3f})"]
    assert _row(out, "Obs").split()[1:] == ["[60]", "[60]"]


def test_two_statistics_in_one_cell_and_pchar(do):
    """The help's own form: a cell with a blank inside a quoted row needs compound quotes."""
    df = _data()
    rc, out, _ = do(SETUP + 'esttab m1 m2, stats(bx sx, layout(`""# (#)""\') pchar(#) labels(Both) fmt(2)) nostar', df)
    assert rc == 0, out
    (b1, se1), (b2, se2) = _ols(df, ["x"]), _ols(df, ["x", "z"])
    assert _row(out, "Both").split()[1:] == [f"{b1[0]:.2f}", f"({se1[0]:.2f})", f"{b2[0]:.2f}", f"({se2[0]:.2f})"]


def test_a_cell_whose_statistic_the_model_lacks_is_empty(do):
    df = _data()
    text = SETUP + "quietly regress y z\neststo m3\n"
    rc, out, _ = do(text + 'esttab m1 m3, stats(bx N, layout("<@>" @) labels(B Obs)) nostar', df)
    assert rc == 0, out
    b1, _ = _ols(df, ["x"])
    assert _row(out, "B").split()[1:] == [f"<{b1[0]:.3f}>"]
    assert _row(out, "Obs").split()[1:] == ["60", "60"]


def test_layout_written_to_a_csv_file(do, tmp_path):
    df = _data()
    path = tmp_path / "t.csv"
    rc, out, _ = do(SETUP + f'esttab m1 m2 using "{path}", stats(bx sx, layout(@ (@)) fmt(3)) nostar plain', df)
    assert rc == 0, out
    b1, se1 = _ols(df, ["x"])
    text = path.read_text()
    assert f"{b1[0]:.3f}" in text and f"({se1[0]:.3f})" in text


def _logit_chi2(df, cols):
    """The LR chi2 of a logit of yb on ``cols`` against the constant-only model (statsmodels)."""
    sm = pytest.importorskip("statsmodels.api")
    fit = sm.Logit(df["yb"].to_numpy(), np.column_stack([df[c] for c in cols] + [np.ones(len(df))])).fit(disp=0)
    return float(fit.llr), fit


LOGITS = """quietly logit yb x
eststo m1
quietly logit yb x z
eststo m2
"""


def _logit_data():
    df = _data()
    df["yb"] = (df["y"] > 1).astype(int)
    return df


def test_help_example_a_row_of_two_cells(do):
    """estout's help: stats(chi2 df_m N, layout("@ @" @)) -- chi2 in row 1/column 1, df_m in
    row 1/column 2, N in row 2/column 1 of each model (a model has two columns: cells("b se"))."""
    df = _logit_data()
    rc, out, _ = do(LOGITS + 'estout m1 m2, cells("b se") stats(chi2 df_m N, layout("@ @" @) fmt(3 0 0))', df)
    assert rc == 0, out
    (c1, f1), (c2, f2) = _logit_chi2(df, ["x"]), _logit_chi2(df, ["x", "z"])
    assert _row(out, "chi2 df_m").split()[2:] == [f"{c1:.3f}", "1", f"{c2:.3f}", "2"]
    assert _row(out, "N").split()[1:] == ["60", "60"]
    b = _row(out, "x").split()[1:]
    assert float(b[0]) == pytest.approx(f1.params[0], rel=1e-4) and float(b[1]) == pytest.approx(f1.bse[0], rel=1e-3)


def test_help_example_two_statistics_in_one_cell(do):
    """estout's help: layout(`""@ (@)""' @) -- "chi2 (df_m)" in the first row, N in the second;
    the row labelled by its cell with the statistics' names."""
    df = _logit_data()
    rc, out, _ = do(LOGITS + 'estout m1 m2, stats(chi2 df_m N, layout(`""@ (@)""\' @) fmt(2 0 0))', df)
    assert rc == 0, out
    (c1, _), (c2, _) = _logit_chi2(df, ["x"]), _logit_chi2(df, ["x", "z"])
    assert _row(out, "chi2 (df_m)").split()[2:] == [f"{c1:.2f}", "(1)", f"{c2:.2f}", "(2)"]


def test_cells_beyond_the_model_columns_and_leftover_statistics(do):
    """Three cells in a table of two columns per model: the third is not shown; a layout using
    fewer statistics than named: the rest a row each, labelled by their names."""
    df = _logit_data()
    rc, out, _ = do(LOGITS + 'estout m1 m2, cells("b se") stats(chi2 df_m N, layout("@ @ @") fmt(3 0 0))', df)
    assert rc == 0, out
    (c1, _), (c2, _) = _logit_chi2(df, ["x"]), _logit_chi2(df, ["x", "z"])
    assert _row(out, "chi2 df_m N").split()[3:] == [f"{c1:.3f}", "1", f"{c2:.3f}", "2"]
    assert "60" not in _row(out, "chi2 df_m N")
    rc, out, _ = do(LOGITS + 'esttab m1 m2, cells("b se") stats(chi2 df_m N, layout("@ @") fmt(3 0 0))', df)
    assert rc == 0, out
    assert _row(out, "N").split()[1:] == ["60", "60"]


def test_a_row_of_two_cells_in_one_column_models(do):
    """One column per model: a row's second cell is not shown."""
    df = _logit_data()
    rc, out, _ = do(LOGITS + 'estout m1 m2, stats(chi2 df_m, layout("@ @") fmt(3 0))', df)
    assert rc == 0, out
    (c1, _), (c2, _) = _logit_chi2(df, ["x"]), _logit_chi2(df, ["x", "z"])
    assert _row(out, "chi2 df_m").split()[2:] == [f"{c1:.3f}", f"{c2:.3f}"]


def _stars(p):
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def _f_p(df, cols, y="y"):
    from scipy import stats

    X = np.column_stack([df[c] for c in cols] + [np.ones(len(df))])
    yv = df[y].to_numpy()
    b, *_ = np.linalg.lstsq(X, yv, rcond=None)
    rss = float(((yv - X @ b) ** 2).sum())
    tss = float(((yv - yv.mean()) ** 2).sum())
    k, n = len(cols), len(df)
    f = ((tss - rss) / k) / (rss / (n - k - 1))
    return float(stats.f.sf(f, k, n - k - 1)), 1 - rss / tss


def test_stats_star_marks_the_model_significance(do):
    df = _data()
    df["noise"] = np.random.default_rng(9).normal(size=len(df))
    text = "quietly regress y x\neststo m1\nquietly regress noise z\neststo m2\n"
    rc, out, _ = do(text + 'esttab m1 m2, stats(r2 N, star labels(R2 Obs) fmt(3 0))', df)
    assert rc == 0, out
    (p1, r1), (p2, r2) = _f_p(df, ["x"]), _f_p(df, ["z"], y="noise")
    assert _stars(p1) == "***"
    row = _row(out, "R2")
    assert f"{r1:.3f}***" in row and f"{r2:.3f}{_stars(p2)}" in row
    assert "*" not in _row(out, "Obs")


def test_stats_star_on_a_named_statistic_in_a_layout_cell(do):
    df = _data()
    rc, out, _ = do(SETUP + 'esttab m1, stats(bx sx, star(sx) layout(@ "(@)") labels(B S) fmt(3)) nostar', df)
    assert rc == 0, out
    p1, _ = _f_p(df, ["x"])
    _, se1 = _ols(df, ["x"])
    assert "*" not in _row(out, "B")
    assert f"({se1[0]:.3f}){_stars(p1)}" in out
