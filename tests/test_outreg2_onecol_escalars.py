"""outreg2's ``e(scalars)`` / ``e(all)`` rows (each e() scalar as an addstat row, read from each
column's own estimates) and ``onecol`` (a multi-equation model's equations as labelled row groups
of one column), on generated data; the numbers checked against statsmodels."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.render.estout_cells import outreg2_autodigits
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture
def data(tmp_path):
    rng = np.random.default_rng(11)
    n = 150
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    y = 1 + 0.5 * x - 0.3 * z + rng.normal(size=n)
    k = 1 + (x + rng.normal(size=n) > 0).astype(int) + (x + rng.normal(size=n) > 1).astype(int)
    path = tmp_path / "d.csv"
    with open(path, "w") as f:
        f.write("y,x,z,k\n")
        for row in zip(y, x, z, k):
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    return path, y, x, z, k


@pytest.fixture
def run(tmp_path, monkeypatch, data):
    monkeypatch.chdir(tmp_path)
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"import delimited using {data[0]}, clear") == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


def _rows(path) -> dict:
    return {ln.split("\t")[0]: ln.split("\t")[1:] for ln in path.read_text().split("\n") if "\t" in ln}


def test_e_all_adds_every_scalar_but_n(run, data, tmp_path):
    _, y, x, z, _ = data
    fit = sm.OLS(y, sm.add_constant(np.column_stack([x, z]))).fit()
    assert run("quietly regress y x z\noutreg2 using a, replace e(all)")[0] == 0
    lines = (tmp_path / "a.txt").read_text().split("\n")
    labels = [ln.split("\t")[0] for ln in lines]
    start = labels.index("R-squared") + 1
    # : e(scalars) after regress in ereturn list's order, N left out (always reported)
    assert labels[start:start + 11] == ["df_m", "df_r", "F", "r2", "rmse", "mss", "rss", "r2_a", "ll", "ll_0",
                                        "rank"]
    rows = _rows(tmp_path / "a.txt")
    assert rows["F"] == [outreg2_autodigits(fit.fvalue)]
    assert rows["r2_a"] == [outreg2_autodigits(fit.rsquared_adj)]
    assert rows["ll"] == [outreg2_autodigits(fit.llf)]
    assert rows["rss"] == [outreg2_autodigits(fit.ssr)]
    assert rows["df_r"] == ["147"]


def test_e_list_order_adec_missing_and_addstat_first(run, data, tmp_path):
    _, y, x, z, _ = data
    fit = sm.OLS(y, sm.add_constant(np.column_stack([x, z]))).fit()
    rc, out = run("quietly regress y x z\n"
                  "outreg2 using b, replace e(ll, N r2 ll) adec(2) addstat(Two, 2) addtext(FE, Yes)")
    assert rc == 0 and "e(nosuch)" not in out
    labels = [ln.split("\t")[0] for ln in (tmp_path / "b.txt").read_text().split("\n")]
    start = labels.index("Two")
    assert labels[start:start + 5] == ["Two", "ll", "N", "r2", "FE"]  # addstat, e() (each once), addtext
    rows = _rows(tmp_path / "b.txt")
    assert rows["ll"] == [f"{fit.llf:,.2f}"] and rows["N"] == ["150.00"] and rows["r2"] == [f"{fit.rsquared:.2f}"]
    rc, out = run("outreg2 using c, replace e(nosuch)")
    assert rc == 0 and "e(nosuch) does not exist; check eret list" in out
    assert _rows(tmp_path / "c.txt")["nosuch"] == ["."]


def test_e_rows_per_stored_estimate(run, data, tmp_path):
    _, y, x, z, _ = data
    one = sm.OLS(y, sm.add_constant(x)).fit()
    two = sm.OLS(y, sm.add_constant(np.column_stack([x, z]))).fit()
    assert run("quietly regress y x\nestimates store m1\nquietly regress y x z\nestimates store m2\n"
               "outreg2 [m1 m2] using d, replace e(r2_a)")[0] == 0
    assert _rows(tmp_path / "d.txt")["r2_a"] == [outreg2_autodigits(one.rsquared_adj),
                                                 outreg2_autodigits(two.rsquared_adj)]


def test_adec_with_e_alone_is_allowed_but_not_alone(run):
    assert run("quietly regress y x\noutreg2 using f, replace e(r2) adec(3)")[0] == 0
    rc, out = run("outreg2 using g, replace adec(3)")
    assert rc == 198 and "cannot choose adec option without addstat option" in out


def test_onecol_labels_each_equation(run, data, tmp_path):
    assert run("quietly mlogit k x\noutreg2 using m, replace onecol")[0] == 0
    grid = [ln.split("\t") for ln in (tmp_path / "m.txt").read_text().split("\n") if ln]
    # cleanFile's EQUATION column before VARIABLES; each equation's name on its first row only;
    # the base outcome (the most frequent) has no rows (makeFile drops o. coefficients)
    k = np.asarray(data[4])
    values, counts = np.unique(k, return_counts=True)
    shown = [str(int(v)) for v in values if v != values[np.argmax(counts)]]
    assert grid[0] == ["", "", "(1)"] and grid[1] == ["EQUATION", "VARIABLES", "k"]
    end = [r[1] for r in grid].index("Observations") - 1
    body = grid[3:end]
    assert [r[0] for r in body] == [shown[0], "", "", "", shown[1], "", "", ""]
    assert [r[1] for r in body] == ["x", "", "Constant", "", "x", "", "Constant", ""]
    assert all(len(r) == 3 for r in grid)
    # without onecol: the wide layout, no EQUATION column
    assert run("outreg2 using w, replace")[0] == 0
    assert "EQUATION" not in (tmp_path / "w.txt").read_text()


def test_onecol_single_equation_is_its_depvar(run, tmp_path):
    assert run("quietly regress y x\noutreg2 using s, replace onecol")[0] == 0
    grid = [ln.split("\t") for ln in (tmp_path / "s.txt").read_text().split("\n") if ln]
    assert grid[1] == ["EQUATION", "VARIABLES", "y"] and grid[3][:2] == ["y", "x"]
    assert grid[5][:2] == ["", "Constant"]


def test_onecol_mlogit_coefficients(run, data, tmp_path):
    _, y, x, z, k = data
    fit = sm.MNLogit(k, sm.add_constant(x)).fit(disp=0)
    assert run("quietly mlogit k x, baseoutcome(1)\noutreg2 using n, replace onecol bdec(4)")[0] == 0
    lines = (tmp_path / "n.txt").read_text().split("\n")
    at = [ln.split("\t")[0] for ln in lines].index("3")
    assert lines[at].split("\t")[1] == "x"
    assert float(lines[at].split("\t")[2].rstrip("*")) == pytest.approx(fit.params[1, 1], abs=1e-4)
    at2 = [ln.split("\t")[0] for ln in lines].index("2")
    assert float(lines[at2].split("\t")[2].rstrip("*")) == pytest.approx(fit.params[1, 0], abs=1e-4)


def test_title_and_addnote_lines(run, tmp_path):
    rc, out = run('quietly regress y x\noutreg2 using t, replace title("Main, results", Second) '
                  'addnote("", Data: generated, "a, b")')
    assert rc == 0
    lines = (tmp_path / "t.txt").read_text().split("\n")
    # every row as wide as the table (outsheet), the titles in the first cell
    assert lines[:4] == ["Main, results\t", "Second\t", "\t(1)", "VARIABLES\ty"]
    legend = lines.index("*** p<0.01, ** p<0.05, * p<0.1\t")  # addnote's lines follow the star note
    assert lines[legend + 1:legend + 4] == ["\t", "Data: generated\t", "a, b\t"]
    # addnote on an appended column is outreg2's warning; the table keeps its notes and title
    rc, out = run("outreg2 using t, append addnote(later)")
    assert rc == 0 and "warning: addnote ignored in appended columns" in out
    text = (tmp_path / "t.txt").read_text()
    assert "later" not in text and text.startswith("Main, results\t\t\nSecond\t\t\n\t(1)\t(2)")
    # title(" ") erases the title; replace starts a table without them
    assert run('outreg2 using t, append title(" ")')[0] == 0
    assert (tmp_path / "t.txt").read_text().startswith("\t(1)\t(2)\t(3)")
    assert run("outreg2 using t, replace word")[0] == 0
    assert "Data: generated" not in (tmp_path / "t.txt").read_text()
    assert run('outreg2 using u, replace word title(Top) addnote(Bottom)')[0] == 0
    rtf = (tmp_path / "u.rtf").read_text()
    # out2rtf2: the titles and the notes centred paragraphs
    assert rtf.startswith("{\\rtf1\\fs24\n\\pard\\qc\nTop\\par\n") and "\nBottom\\par\n" in rtf
