"""estout/esttab matrix(): a matrix whose rows repeat a name (matrices stacked with \\, as
`mat b = m1, m2 \\ m3, m4` of r(table) pieces) shows every row in matrix order
(estout.ado's MatrixMode tabulates the matrix itself); keep/drop/rename/coeflabels
act on each occurrence by its name."""
from __future__ import annotations

import pytest

SETUP = """matrix A = (1, 2 \\ 3, 4)
matrix rownames A = x y
matrix colnames A = c1 c2
matrix B = (5, 6 \\ 7, 8)
matrix rownames B = x y
matrix colnames B = c1 c2
matrix b = A \\ B
"""


@pytest.fixture
def stata(tmp_path, monkeypatch, new_session, do):
    monkeypatch.chdir(tmp_path)
    session = new_session()

    def go(text):
        rc, out, _ = do(text, session=session)
        return rc, out
    return go


def _rows(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines() if line[:1] in ("x", "y", "z", "T")]


def test_every_row_in_matrix_order(stata, tmp_path):
    rc, out = stata(SETUP + "estout matrix(b) using t.txt, style(tab)")
    assert rc == 0
    lines = (tmp_path / "t.txt").read_text().split("\n")
    assert lines[2:6] == ["x\t1\t2", "y\t3\t4", "x\t5\t6", "y\t7\t8"]


def test_drop_rename_and_labels_reach_each_occurrence(stata):
    rc, out = stata(SETUP + "estout matrix(b), drop(y)")
    assert rc == 0 and _rows(out) == [["x", "1", "2"], ["x", "5", "6"]]
    rc, out = stata("estout matrix(b), rename(x z)")
    assert rc == 0 and _rows(out) == [["z", "1", "2"], ["y", "3", "4"], ["z", "5", "6"], ["y", "7", "8"]]
    rc, out = stata('esttab matrix(b, fmt(1)), coeflabels(x "The_x")')
    assert rc == 0 and _rows(out) == [["The_x", "1.0", "2.0"], ["y", "3.0", "4.0"], ["The_x", "5.0", "6.0"],
                                      ["y", "7.0", "8.0"]]


def test_repeated_rows_with_equations_and_transpose(stata):
    rc, out = stata(SETUP + "matrix c = b'\nestout matrix(c, transpose)")
    assert rc == 0 and _rows(out) == [["x", "1", "2"], ["y", "3", "4"], ["x", "5", "6"], ["y", "7", "8"]]
