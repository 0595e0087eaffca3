"""esttab / estout ``matrix(name[, fmt() transpose])``, ``e(name)``, ``r(name)``: a Stata matrix
tabulated (estout.ado's MatrixMode): one model named after the matrix, a cell per column labelled
by the column name, the rows the matrix's rows; no stars, numbers, notes or statistics."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


_A = ("matrix A = (0.91204397, 0.0075452 \\ 0.28085881, 0.46027868 \\ 0.56010592, 0.67319061)\n"
      "matrix rownames A = r1 r2 r3\nmatrix colnames A = c1 c2")


def test_estout_help_example_formats(run, tmp_path):
    # estout's help, "Tabulating a matrix": fmt(2 3) gives 0.91 0.008 / 0.28 0.460 / 0.56 0.673
    assert run(_A + "\nestout matrix(A, fmt(2 3)) using e.txt, style(tab)")[0] == 0
    lines = (tmp_path / "e.txt").read_text().split("\n")
    assert lines[0].split("\t") == ["", "A", ""] and lines[1].split("\t") == ["", "c1", "c2"]
    assert lines[2:5] == ["r1\t0.91\t0.008", "r2\t0.28\t0.460", "r3\t0.56\t0.673"]


def test_esttab_default_g_format_no_numbers_notes_or_stars(run, tmp_path):
    rc, out = run(_A + "\nesttab matrix(A)")
    assert rc == 0
    body = [ln for ln in out.split("\n") if ln.startswith("r")]
    assert body == ["r1                .912044     .0075452", "r2               .2808588     .4602787",
                    "r3               .5601059     .6731906"]
    assert "(1)" not in out and "p<" not in out and " N " not in out
    assert out.count("-" * 38) == 3  # esttab's rules stay


def test_transpose_and_csv(run, tmp_path):
    assert run(_A + "\nesttab matrix(A, transpose) using t.csv, replace")[0] == 0
    rows = (tmp_path / "t.csv").read_text().split("\n")
    assert rows[1] == '="",="r1",="r2",="r3"'
    assert rows[2].startswith('="c1",=".912044"') and rows[3].startswith('="c2",=".0075452"')


def test_r_table_after_regress_against_numpy(run, tmp_path):
    rng = np.random.default_rng(5)
    x = rng.normal(size=40)
    y = 2 + 0.7 * x + rng.normal(size=40)
    lines = "\n".join(f"replace x = {float(a)!r} in {i + 1}\nreplace y = {float(b)!r} in {i + 1}" for i, (a, b) in enumerate(zip(x, y)))
    assert run("clear\nset obs 40\ngen x = .\ngen y = .\n" + lines + "\nquietly regress y x\n"
               "esttab r(table, fmt(%12.6f)) using r.txt, replace tab")[0] == 0
    got = {ln.split("\t")[0]: ln.split("\t")[1:] for ln in (tmp_path / "r.txt").read_text().split("\n") if "\t" in ln}
    X = np.column_stack([x, np.ones_like(x)])
    b, res, *_ = np.linalg.lstsq(X, y, rcond=None)
    s2 = float(res[0]) / 38
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    assert got["b"] == [f"{b[0]:.6f}", f"{b[1]:.6f}"]
    assert got["se"] == [f"{se[0]:.6f}", f"{se[1]:.6f}"]
    assert got[""] == ["x", "_cons"]


def test_e_b_with_equations_and_errors(run, tmp_path):
    assert run("clear\nset obs 30\ngen x = _n\ngen y = x + mod(_n, 4)\nquietly regress y x")[0] == 0
    rc, out = run("esttab e(b, transpose)")
    assert rc == 0 and "e(b)" in out
    rc, out = run("esttab matrix(nosuch)")
    assert rc == 111 and "matrix nosuch not found" in out
    rc, out = run(_A + "\nesttab matrix(A), stats(N)")
    assert rc == 198
    rc, out = run("esttab matrix(A, fmt(\"2 3\" 4))")
    assert rc == 198 and "one format per column" in out
