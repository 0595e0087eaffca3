"""The file-format commands: import spss|sas|parquet, export excel|parquet|spss, use of
foreign files, saveold (commands/data/foreign_files.py over mlmcli/fileformats)."""
from __future__ import annotations

import struct

import pytest

MAKE = ('set obs 4\ngen id = _n\ngen double y = id / 4\nreplace y = .b in 2\nreplace y = . in 3\n'
        'gen str3 s = "ab" + string(id)\nlabel variable y "outcome"\n'
        'label define yl 1 "one" .b "skipped"\nlabel values id yl\n')


def _check_round_trip(session):
    ds = session.data
    assert ds.varnames == ["id", "y", "s"]
    y = ds.df["y"].tolist()
    from mlmcli.missing import code as missing_code
    assert y[0] == 0.25 and missing_code(y[1]) == 2 and missing_code(y[2]) == 0
    assert ds.var_labels["y"] == "outcome"
    assert ds.value_labels[ds.value_label_of["id"]][1.0] == "one"
    assert ds.df["s"].tolist() == ["ab1", "ab2", "ab3", "ab4"]


@pytest.mark.parametrize("kind, ext, module", [("parquet", "parquet", "pyarrow"), ("spss", "sav", "pyreadstat")])
def test_export_then_import_keeps_values_missing_codes_and_labels(do, tmp_path, monkeypatch, kind, ext, module):
    pytest.importorskip(module)
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(MAKE + f"export {kind} using d\nimport {kind} using d.{ext}, clear")
    assert rc == 0, out
    assert f"file d.{ext} saved" in out
    _check_round_trip(s)
    rc, out, s = do(f"use d.{ext}")
    assert rc == 0, out
    _check_round_trip(s)
    assert s.data.filename is None and not s.data.changed
    rc, out, s = do(f"use s id if id > 2 using d.{ext}")
    assert rc == 0 and s.data.varnames == ["s", "id"] and s.data.nobs == 2


def test_import_varlist_and_export_subset(do, tmp_path, monkeypatch):
    pytest.importorskip("pyreadstat")
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(MAKE + "export spss id s using sub.sav if id != 1\nimport spss s using sub.sav, clear")
    assert rc == 0, out
    assert s.data.varnames == ["s"] and s.data.df["s"].tolist() == ["ab2", "ab3", "ab4"]


def test_foreign_readers_written_by_the_reference_library(do, tmp_path, monkeypatch):
    pyreadstat = pytest.importorskip("pyreadstat")
    import pandas as pd

    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({"score": [1.0, 2.0, None], "name": ["a", "b", "c"]})
    pyreadstat.write_sav(df, "ref.sav", column_labels={"score": "Test score"},
                         variable_value_labels={"score": {1.0: "low", 2.0: "high"}})
    pyreadstat.write_xport(df, "ref.xpt")
    rc, out, s = do("import spss using ref.sav")
    assert rc == 0, out
    assert s.data.var_labels["score"] == "Test score"
    assert s.data.value_labels[s.data.value_label_of["score"]] == {1.0: "low", 2.0: "high"}
    rc, out, s = do("import sas using ref.xpt, clear")
    assert rc == 0, out
    assert s.data.df["name"].tolist() == ["a", "b", "c"]


def test_bad_foreign_files_keep_the_data(do, tmp_path, monkeypatch):
    pytest.importorskip("pyreadstat")
    pytest.importorskip("pyarrow")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.sav").write_bytes(b"not an spss file at all")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 truncated")
    (tmp_path / "bad.sas7bdat").write_bytes(b"\x00" * 100)
    rc, out, s = do(MAKE)
    before = s.data.df.copy()
    for text, rc_expected in [("import spss using bad.sav, clear", 610), ("use bad.sav, clear", 610),
                              ("import parquet using bad.parquet, clear", 610),
                              ("import sas using bad.sas7bdat, clear", 610),
                              ("import spss using none.sav, clear", 601),
                              ("import spss using bad.sav", 4),
                              ("import spss using bad.sav, clear bogus", 198),
                              ("import spss nothere using bad.sav, clear", 610)]:
        rc, out, _ = do(text, session=s)
        assert rc == rc_expected, (text, out)
        assert s.data.df.equals(before), text


def test_export_excel_options(do, tmp_path, monkeypatch):
    pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(MAKE + 'export excel using book, firstrow(variables)\n'
                    'export excel id using book, sheet("second", modify) cell(B2) firstrow(varl)\n'
                    'import excel using book.xlsx, firstrow clear')
    assert rc == 0, out
    assert s.data.varnames == ["id", "y", "s"] and s.data.nobs == 4
    rc, out, s2 = do('import excel using book.xlsx, sheet("second") cellrange(B2) firstrow clear')
    assert rc == 0 and s2.data.varnames == ["id"]
    rc, out, _ = do(MAKE + "export excel using book")
    assert rc == 602
    assert do(MAKE + "export excel using book, datestring(%9.2f) replace")[0] == 198  # not a date format
    assert do(MAKE + 'export excel using book, sheet("x", bogus)')[0] == 198
    assert do(MAKE + "export excel using book, nolabel replace")[0] == 0


def test_export_excel_writes_value_labels_unless_nolabel(do, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    do(MAKE + "export excel using lab, firstrow(variables)\nexport excel using nolab, firstrow(variables) nolabel")
    lab = openpyxl.load_workbook("lab.xlsx").active
    nolab = openpyxl.load_workbook("nolab.xlsx").active
    assert lab["A2"].value == "one" and nolab["A2"].value == 1


def _release(path) -> int:
    head = open(path, "rb").read(64)
    if head.startswith(b"<stata_dta>"):
        return int(head.split(b"<release>")[1][:3])
    return struct.unpack("B", head[:1])[0]


def test_saveold_writes_stata12_format_and_version(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(MAKE + "save new\nsaveold old\nsaveold old11, version(11)\nsaveold old13, version(13)")
    assert rc == 0, out
    assert (_release("new.dta"), _release("old.dta"), _release("old11.dta"), _release("old13.dta")) == (
        117, 115, 114, 117)
    rc, out, s = do("use old")
    assert rc == 0
    _check_round_trip(s)
    rc, out, _ = do(MAKE + "saveold old")
    assert (rc, out.splitlines()[-2]) == (602, "file old.dta already exists")
    assert do(MAKE + "saveold old, replace version(9)")[0] == 198
    assert do(MAKE + "saveold old, replace nolabel")[0] == 0
    rc, out, s = do("use old")
    assert s.data.value_labels == {}


def test_unknown_import_and_export_kinds(do):
    assert do("import stata using x")[:2] == (198, "import: unknown subcommand stata\nr(198);\n")
    assert do("export stata using x")[:2] == (198, "export: unknown subcommand stata\nr(198);\n")
