"""asdoc list: list's output, then a table of the listed observations and variables in the
RTF file (numbers in dec() decimals, trailing zeros dropped as asdoc drops them without tzok, value labels unless nolabel, strings, if/in)."""
from __future__ import annotations

import pandas as pd


LABELLED = 'label define gl 0 "control" 1 "treated"\nlabel values g gl\n'


def _frame():
    return pd.DataFrame({"id": [1.0, 2, 3], "x": [0.123456, 2.5, 10.0], "g": [0.0, 1, 1],
                         "name": ["alpha", "beta", "gamma"]})


def test_table_of_the_listed_rows(do, tmp_path):
    path = tmp_path / "t.doc"
    rc, out, s = do(LABELLED + f"asdoc list id x g name if id > 1, save({path}) title(Listing) dec(2) replace",
                    _frame())
    assert rc == 0, out
    assert "treated" in out and "alpha" not in out  # list ran with the if
    doc = path.read_text()
    for cell in ("Listing", "2.5", "10", "treated", "beta", "gamma"):
        assert cell in doc, cell
    assert "alpha" not in doc and "control" not in doc and "0.12" not in doc


def test_nolabel_and_all_variables(do, tmp_path):
    path = tmp_path / "t.doc"
    rc, out, s = do(LABELLED + f"asdoc list in 1, nolabel save({path})", _frame())
    assert rc == 0, out
    doc = path.read_text()
    assert "alpha" in doc and "0.123" in doc and "control" not in doc and "name" in doc


def test_a_list_error_writes_no_file(do, tmp_path):
    path = tmp_path / "t.doc"
    rc, out, s = do(f"asdoc list nosuch, save({path})", _frame())
    assert rc == 111 and not path.exists()
