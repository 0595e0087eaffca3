"""``export delimited`` without ``using``: export_delimited.ado tries ``[varlist] using file``,
then ``using`` put in front of what was typed (``export delimited file``: all variables to
file.csv), then ``[varlist] using file`` again for its error -- so several words without
``using`` never name a file: a word that is not a variable is ``variable file not found`` r(111),
a list of variables ``using required`` r(100).  A file name is one word (quoted with blanks)."""
from __future__ import annotations

import pytest

SETUP = "clear\ninput x y\n1 2\n3 4\nend"


@pytest.fixture
def session(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = new_session()
    run(s, SETUP)
    return s


@pytest.mark.parametrize("line, rc, message", [
    ("export delimited x y file", 111, "variable file not found"),
    ("export delimited x y zz, replace", 111, "variable zz not found"),
    ("export delimited x y", 100, "using required"),
    ("export delimited x y if x > 1", 100, "using required"),
    ("export delimited x using my file", 198, "invalid 'file'"),
    ("export delimited using my file, replace", 198, "invalid 'file'"),
])
def test_no_file_named_after_the_words(session, run, tmp_path, line, rc, message):
    out, code = run(session, line, stop_on_error=False)
    assert code == rc and out.splitlines()[-2:] == [message, f"r({rc});"]
    assert list(tmp_path.iterdir()) == []


def test_one_word_is_the_file_of_all_variables(session, run, tmp_path):
    out, rc = run(session, "export delimited results")
    assert rc == 0 and out.strip() == "file results.csv saved"
    assert (tmp_path / "results.csv").read_bytes() == b"x,y\n1,2\n3,4\n"
    out, rc = run(session, "export delimited x")  # a variable's name alone is the file (the ado's second try)
    assert rc == 0 and (tmp_path / "x.csv").read_bytes() == b"x,y\n1,2\n3,4\n"
    out, rc = run(session, 'export delimited "two words" if x > 1')
    assert rc == 0 and (tmp_path / "two words.csv").read_bytes() == b"x,y\n3,4\n"
    out, rc = run(session, 'export delimited y using "my file.txt"')
    assert rc == 0 and (tmp_path / "my file.txt").read_bytes() == b"y\n2\n4\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my file.txt", "results.csv", "two words.csv", "x.csv"]


@pytest.mark.parametrize("line, rc, message", [
    ("export excel x y file", 111, "variable file not found"),
    ("export excel x y", 100, "using required"),
    ("export excel x using my file, replace", 198, "invalid 'file'"),
    ("export parquet x y file", 111, "variable file not found"),
    ("export spss x using my file", 198, "invalid 'file'"),
])
def test_export_excel_reads_its_words_the_same_way(session, run, tmp_path, line, rc, message):
    # export_excel.ado has export_delimited.ado's three tries; mlm's parquet and spss follow them
    out, code = run(session, line, stop_on_error=False)
    assert code == rc and out.splitlines()[-2:] == [message, f"r({rc});"]
    assert list(tmp_path.iterdir()) == []


def test_export_excel_one_word_is_the_file(session, run, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out, rc = run(session, "export excel results")
    assert rc == 0 and out.strip() == "file results.xlsx saved"
    ws = openpyxl.load_workbook(tmp_path / "results.xlsx").active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [[1, 2], [3, 4]]
