"""putexcel (Stata 14+'s ``putexcel set`` form and Stata 13's ``... using file`` form): the
cells are read back with openpyxl, the library that writes them."""
from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

SETUP = "clear\ninput x\n1\n2\n3\n6\nend\nmatrix m = (1,2\\3,.)\nmatrix rownames m = a b"


@pytest.fixture
def session(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # putexcel writes where a do-file would: the working folder
    return _with_matrix(new_session(), run)


def _with_matrix(s, run):
    run(s, SETUP)
    return s


def cells(path, sheet=None):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_set_then_text_expressions_and_r_results(session, run, tmp_path):
    out, rc = run(session, 'summarize x\nputexcel set res, replace\nputexcel A1 = ("Mean") B1 = (r(mean))\n'
                           'putexcel A2 = "N" B2 = r(N)\nputexcel C2 = (r(max) - r(min)) D2 = (1 == 1)')
    assert rc == 0 and out.count("file res.xlsx saved") == 3
    assert cells(tmp_path / "res.xlsx") == [["Mean", 3, None, None], ["N", 4, 5, 1]]


def test_matrix_with_names_rownames_colnames(session, run, tmp_path):
    run(session, "putexcel set m.xlsx, replace\nputexcel A1 = matrix(m), names\n"
                 "putexcel A5 = matrix(m), rownames\nputexcel A8 = matrix(m), colnames\nputexcel E1 = matrix(m)")
    assert cells(tmp_path / "m.xlsx") == [
        [None, "c1", "c2", None, 1, 2], ["a", 1, 2, None, 3, None], ["b", 3, None, None, None, None],
        [None] * 6, ["a", 1, 2, None, None, None], ["b", 3, None, None, None, None], [None] * 6,
        ["c1", "c2", None, None, None, None], [1, 2, None, None, None, None], [3, None, None, None, None, None]]


def test_set_replace_replaces_once_then_modifies(session, run, tmp_path):
    run(session, 'putexcel set r, replace\nputexcel A1 = ("old")\nputexcel B1 = ("kept")')
    run(session, 'putexcel set r, replace\nputexcel A2 = ("new")\nputexcel B2 = ("also")')
    assert cells(tmp_path / "r.xlsx") == [[None, None], ["new", "also"]]


def test_modify_keeps_other_cells_and_sheets(session, run, tmp_path):
    run(session, 'putexcel set w, replace\nputexcel A1 = ("first")')
    run(session, 'putexcel set w, modify sheet("Two")\nputexcel B2 = (42)')
    assert cells(tmp_path / "w.xlsx", "Sheet1") == [["first"]]
    assert cells(tmp_path / "w.xlsx", "Two") == [[None, None], [None, 42]]
    run(session, 'putexcel set w, modify sheet("Two", replace)\nputexcel A1 = (7)\nputexcel A2 = (8)')
    assert cells(tmp_path / "w.xlsx", "Two") == [[7], [8]]  # emptied once, by the first write
    assert cells(tmp_path / "w.xlsx", "Sheet1") == [["first"]]


def test_existing_file_is_never_overwritten_without_replace_or_modify(session, run, tmp_path):
    (tmp_path / "keep.xlsx").write_bytes(b"not a workbook")
    out, rc = run(session, 'putexcel set keep\nputexcel A1 = ("x")', stop_on_error=False)
    assert rc == 602 and out.splitlines()[-2:] == ["file keep.xlsx already exists", "r(602);"]
    out, rc = run(session, 'putexcel A1 = ("x") using keep', stop_on_error=False)
    assert rc == 602
    assert (tmp_path / "keep.xlsx").read_bytes() == b"not a workbook"


def test_stata13_using_form(session, run, tmp_path):
    out, rc = run(session, 'putexcel A1=("x") B1=matrix(m, names) using old13, sheet("S")')
    assert rc == 0 and out.strip() == "file old13.xlsx saved"
    assert cells(tmp_path / "old13.xlsx", "S") == [["x", None, "c1", "c2"], [None, "a", 1, 2], [None, "b", 3, None]]
    run(session, 'putexcel A1=(5) using old13, modify sheet("T")')
    assert openpyxl.load_workbook(tmp_path / "old13.xlsx").sheetnames == ["S", "T"]
    run(session, 'putexcel A1=(6) using old13, replace')
    assert openpyxl.load_workbook(tmp_path / "old13.xlsx").sheetnames == ["Sheet1"]
    assert cells(tmp_path / "old13.xlsx") == [[6]]


def test_describe_and_clear(session, run):
    out, _ = run(session, "putexcel set a.xlsx, modify sheet(Res)\nputexcel describe")
    assert "  File:         a.xlsx" in out and "  Sheet:        Res" in out and "  Mode:         modify" in out
    out, rc = run(session, "putexcel clear\nputexcel A1 = 1", stop_on_error=False)
    assert rc == 198 and "no file specified; use putexcel set filename" in out


@pytest.mark.parametrize("line, rc, message", [
    ("putexcel A1 = etable", 301, "last estimates not found"),
    ("putexcel A1 = etable, names", 198, "option names not allowed"),
    ("putexcel A1 = image(g.png)", 198, "putexcel: image() is not available in mlm"),
    ("putexcel A1 = (1), bold", 198, "option bold not allowed"),
    ("putexcel A1 = matrix(nosuch)", 111, "matrix nosuch not found"),
    ("putexcel A1 = (nosuch)", 111, "nosuch not found"),
    ("putexcel 1A = (1)", 198, "invalid syntax"),
    ("putexcel ZZZZ1 = (1)", 198, "invalid syntax"),
    ("putexcel set t, replace modify", 198, "options replace and modify may not be combined"),
])
def test_errors_write_nothing(session, run, tmp_path, line, rc, message):
    run(session, "putexcel set t, replace")
    out, code = run(session, line, stop_on_error=False)
    assert code == rc and message in out
    assert list(tmp_path.iterdir()) == []


def test_etable_cells_are_the_shown_table(session, run, tmp_path):
    """``cell = etable``: the coefficient table written from its corner, numbers as numbers
    (regress of x on the row number: slope 5/3... checked by least squares here)."""
    import numpy as np

    out, rc = run(session, "gen t = _n\nquietly regress x t\nputexcel set et, replace\nputexcel B2 = etable")
    assert rc == 0, out
    got = cells(tmp_path / "et.xlsx")
    X = np.column_stack([np.arange(1, 5), np.ones(4)])
    b, *_ = np.linalg.lstsq(X, np.array([1.0, 2, 3, 6]), rcond=None)
    assert got[1][1:7] == ["x", "Coef.", "Std. Err.", "t", "P>|t|", "[95% Conf. Interval]"]
    assert got[2][1] == "t" and got[2][2] == pytest.approx(b[0]) and got[3][2] == pytest.approx(b[1])
    assert got[3][1] == "_cons" and isinstance(got[3][7], float)
