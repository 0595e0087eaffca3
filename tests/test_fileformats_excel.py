"""Excel workbooks (mlmcli/fileformats/excel.py): import excel's sheet/cellrange/firstrow/
allstring/describe, Stata's names and types, dates; export excel's sheet handling; bad files."""
from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd
import pytest

openpyxl = pytest.importorskip("openpyxl")

from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.errors import StataError  # noqa: E402
from mlmcli.fileformats.excel import (SheetRange, describe_excel, describe_text, parse_cellrange,  # noqa: E402
                                      read_excel, write_excel)
from mlmcli.missing import extended, order_key  # noqa: E402


@pytest.fixture
def workbook(tmp_path):
    """Two sheets written by openpyxl: a table with a header, dates, a mixed column, and a blank sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["Person ID", "score", "2nd name", "when", "stamp", "mixed", "flag"])
    ws.append([1, 2.5, "Ann", dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 12, 30), 5, True])
    ws.append([2, None, "Bo", dt.date(1960, 1, 1), dt.datetime(1960, 1, 1, 0, 0, 1), "five", False])
    ws.append([300, -1, None, None, None, None, None])
    ws["A6"] = "=1/0"  # a formula: no cached value, read as empty
    other = wb.create_sheet("other")
    other["C3"] = "x"
    other["D5"] = 7
    wb.create_sheet("blank")
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return str(path)


def test_firstrow_names_types_labels_and_dates(workbook):
    ds = read_excel(workbook, firstrow=True)
    assert ds.varnames == ["Person_ID", "score", "_2nd_name", "when", "stamp", "mixed", "flag"]
    assert ds.types["Person_ID"] == "int" and ds.types["score"] == "double"
    assert ds.types["_2nd_name"] == "str3" and ds.types["mixed"] == "str4"
    assert ds.var_labels["Person_ID"] == "Person ID" and ds.var_labels["score"] == "score"
    assert ds.formats["score"] == "%10.0g" and ds.formats["when"] == "%td" and ds.formats["stamp"] == "%tc"
    assert ds.df["Person_ID"].tolist() == [1.0, 2.0, 300.0]
    assert ds.df["score"][0] == 2.5 and np.isnan(ds.df["score"][1])
    assert ds.df["when"][:2].tolist() == [21916.0, 0.0]  # days since 01jan1960
    assert ds.df["stamp"][1] == 1000.0 and ds.df["stamp"][0] == 21916 * 86_400_000 + 45_000_000
    assert ds.df["mixed"].tolist() == ["5", "five", ""] and ds.df["flag"][:2].tolist() == [1.0, 0.0]
    assert ds.nobs == 3 and ds.changed and ds.filename is None
    lower = read_excel(workbook, firstrow=True, case="lower")
    assert lower.varnames[0] == "person_id"


def test_without_firstrow_columns_are_named_by_letter(workbook):
    ds = read_excel(workbook)
    assert ds.varnames == list("ABCDEFG") and ds.nobs == 4
    assert ds.types["A"].startswith("str") and ds.df["A"][0] == "Person ID" and ds.df["A"][3] == "300"


def test_sheet_cellrange_and_allstring(workbook):
    ds = read_excel(workbook, sheet="other")
    assert ds.varnames == ["A", "B", "C", "D"] and ds.nobs == 5  # from A1 to the last used cell
    ds = read_excel(workbook, sheet="other", cellrange="C3:D5")
    assert ds.varnames == ["C", "D"] and ds.df["C"].tolist() == ["x", "", ""]
    assert ds.df["D"].tolist()[2] == 7.0
    ds = read_excel(workbook, cellrange="A2:B3")
    assert ds.varnames == ["A", "B"] and ds.df["A"].tolist() == [1.0, 2.0]
    ds = read_excel(workbook, cellrange="B1:", firstrow=True, allstring=True)
    assert ds.varnames[0] == "score" and ds.df["score"].tolist() == ["2.5", "", "-1"]
    assert read_excel(workbook, sheet="blank").nobs == 0
    assert parse_cellrange(":C9") == (None, (9, 3))
    with pytest.raises(StataError):
        parse_cellrange("B9:A1")
    with pytest.raises(StataError):
        parse_cellrange("9A")


def test_describe(workbook):
    sheets = describe_excel(workbook)
    # A6 holds a formula with no cached value: empty, as for Stata
    assert sheets == [SheetRange("survey", "A1:G4"), SheetRange("other", "C3:D5"), SheetRange("blank", "")]
    text = describe_text(sheets)
    assert text.splitlines()[0].endswith("Sheet | Range") and "            survey | A1:G4" in text


def test_bad_files_and_sheets(workbook, tmp_path):
    def error(**kw):
        with pytest.raises(StataError) as err:
            read_excel(**kw)
        return err.value.rc, err.value.message
    assert error(path=workbook, sheet="nosuch") == (601, "worksheet nosuch not found")
    assert error(path=str(tmp_path / "none.xlsx")) == (601, f"file {tmp_path}/none.xlsx not found")
    text = tmp_path / "fake.xlsx"
    text.write_text("a,b\n1,2\n")
    assert error(path=str(text)) == (603, f"file {text} could not be loaded")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(open(workbook, "rb").read()[:900])
    assert error(path=str(cut))[0] == 603


def test_pandas_written_workbook(tmp_path):
    path = tmp_path / "pd.xlsx"
    frame = pd.DataFrame({"id": [1, 2, 3], "value": [0.25, np.nan, 1e10], "name": ["a", "b", "ç"]})
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name="data", index=False)
    ds = read_excel(str(path), sheet="data", firstrow=True)
    assert ds.types == {"id": "byte", "value": "double", "name": "str2"}  # "ç" is two bytes in UTF-8 (Stata 14)
    np.testing.assert_array_equal(ds.df["value"].to_numpy(), frame["value"].to_numpy())
    assert ds.df["name"].tolist() == ["a", "b", "ç"]


def sample() -> Dataset:
    ds = Dataset()
    ds.df = pd.DataFrame({"id": [1.0, 2.0, 3.0], "x": [0.5, np.nan, extended("a")],
                          "day": [0.0, 21916.0, np.nan], "g": [1.0, 2.0, 1.0],
                          "s": np.array(["a", "", "c"], dtype=object)})
    ds.types = {"id": "byte", "x": "double", "day": "int", "g": "byte", "s": "str1"}
    ds.formats = {"day": "%td"}
    ds.var_labels = {"x": "The x", "g": "Group"}
    ds.value_labels = {"gl": {1.0: "one", 2.0: "two", order_key(extended("a")): "n/a"}}
    ds.value_label_of = {"g": "gl", "x": "gl"}
    return ds


def test_export_round_trip(tmp_path):
    path = str(tmp_path / "out.xlsx")
    write_excel(sample(), path, firstrow="variables")
    back = read_excel(path, firstrow=True)
    assert back.varnames == ["id", "x", "day", "g", "s"]
    assert back.df["id"].tolist() == [1.0, 2.0, 3.0]
    assert back.df["x"].tolist() == ["0.5", "", "n/a"]  # .a has a label: its text is exported
    assert back.formats["day"] == "%td" and back.df["day"][:2].tolist() == [0.0, 21916.0]
    assert back.df["g"].tolist() == ["one", "two", "one"]  # value labels are exported as text
    assert back.df["s"].tolist() == ["a", "", "c"]
    write_excel(sample(), path, firstrow="varlabels", labels=False, replace=True, missing=".")
    theirs = pd.read_excel(path)
    assert list(theirs.columns) == ["id", "The x", "day", "Group", "s"]
    assert theirs["Group"].tolist() == [1, 2, 1] and theirs["The x"].tolist()[1:] == [".", "."]
    rows = np.array([True, False, True])
    write_excel(sample(), path, names=["s", "id"], rows=rows, replace=True, cell="B2")
    wb = openpyxl.load_workbook(path)
    assert wb.active["B2"].value == "a" and wb.active["C3"].value == 3 and wb.active["A1"].value is None


def test_export_sheet_rules(tmp_path):
    path = str(tmp_path / "s.xlsx")
    write_excel(sample(), path, sheet="first", firstrow="variables")
    with pytest.raises(StataError) as err:
        write_excel(sample(), path)
    assert (err.value.rc, err.value.message) == (602, f"file {path} already exists")
    write_excel(sample(), path, sheet="second", names=["id"])  # a new sheet in the existing file
    assert openpyxl.load_workbook(path).sheetnames == ["first", "second"]
    with pytest.raises(StataError) as err:
        write_excel(sample(), path, sheet="first")
    assert err.value.rc == 602 and "sheetmodify or sheetreplace" in err.value.message
    write_excel(sample(), path, sheet="first", names=["s"], cell="F1", sheetmodify=True)
    ws = openpyxl.load_workbook(path)["first"]
    assert ws["A1"].value == "id" and ws["F1"].value == "a"  # modify keeps the other cells
    write_excel(sample(), path, sheet="first", names=["s"], cell="F1", sheetreplace=True)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["first", "second"] and wb["first"]["A1"].value is None
    os.chmod(path, 0o444)
    with pytest.raises(StataError) as err:
        write_excel(sample(), path, replace=True)
    assert err.value.rc == 608
    assert sorted(os.listdir(tmp_path)) == ["s.xlsx"]


def test_old_xls_workbook(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    pytest.importorskip("xlrd")
    book = xlwt.Workbook()
    ws = book.add_sheet("old")
    for j, head in enumerate(["id", "when", "name"]):
        ws.write(0, j, head)
    ws.write(1, 0, 1)
    ws.write(1, 1, dt.date(2020, 1, 2), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    ws.write(1, 2, "Zoë")
    ws.write(2, 0, 2.5)
    book.add_sheet("second").write(3, 2, "x")
    path = str(tmp_path / "old.xls")
    book.save(path)
    ds = read_excel(path, firstrow=True)
    assert ds.varnames == ["id", "when", "name"] and ds.df["id"].tolist() == [1.0, 2.5]
    assert ds.formats["when"] == "%td" and ds.df["when"][0] == 21916.0 and ds.df["name"].tolist() == ["Zoë", ""]
    assert describe_excel(path) == [SheetRange("old", "A1:C3"), SheetRange("second", "C4:C4")]
    assert read_excel(path, sheet="second", cellrange="C4").df["C"].tolist() == ["x"]
    with pytest.raises(StataError) as err:
        read_excel(path, sheet="nope")
    assert err.value.rc == 601
    with pytest.raises(StataError) as err:
        write_excel(sample(), path, replace=True)
    assert err.value.rc == 198
    fake = tmp_path / "fake.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(StataError) as err:
        read_excel(str(fake))
    assert err.value.rc == 603
