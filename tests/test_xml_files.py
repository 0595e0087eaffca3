"""xmlsave/xmluse ([D] xmlsave): the dta document round trip (values, extended missing, labels,
formats, characteristics, sort order), the SpreadsheetML workbook read by ElementTree here,
replace and the refusals."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.missing import extended

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _data():
    df = pd.DataFrame({"make": ["AMC Concord", "Buick"], "mpg": [22.0, extended("a")], "foreign": [0.0, 1.0]})
    return Dataset(df=df, types={"make": "str12", "mpg": "int", "foreign": "byte"}, formats={"mpg": "%8.0g"},
                   var_labels={"mpg": "Mileage"}, value_labels={"orig": {0.0: "Domestic", 1.0: "Foreign"}},
                   value_label_of={"foreign": "orig"}, chars={"note1": "from the test"})


def test_dta_round_trip(do, tmp_path):
    path = tmp_path / "auto.xml"
    rc, out, s = do(f'xmlsave "{tmp_path / "auto"}"\nxmluse "{path}", clear', _data())
    assert rc == 0 and out == ""
    ds = s.data
    assert list(ds.df["make"]) == ["AMC Concord", "Buick"] and ds.numeric("mpg")[0] == 22
    assert "mpg" in ds.varnames and s.data.value_label_text("foreign", 1.0) == "Foreign"
    rc, out, s2 = do('display mpg[2] == .a', ds)
    assert out.strip() == "1"
    assert ds.types == {"make": "str12", "mpg": "int", "foreign": "byte"} and ds.formats["mpg"] == "%8.0g"
    assert ds.var_labels["mpg"] == "Mileage" and ds.chars["note1"] == "from the test"
    root = ET.parse(path).getroot()
    assert root.tag == "dta" and [v.get("varname") for v in root.iter("variable")] == ["make", "mpg", "foreign"]


def test_excel_workbook(do, tmp_path):
    path = tmp_path / "auto.xml"
    rc, out, s = do(f'xmlsave make foreign using "{path}" in 1, doctype(excel)', _data())
    assert rc == 0
    rows = ET.parse(path).getroot().iter(f"{SS}Row")
    cells = [[(d.get(f"{SS}Type"), d.text) for d in r.iter(f"{SS}Data")] for r in rows]
    assert cells == [[("String", "make"), ("String", "foreign")], [("String", "AMC Concord"), ("Number", "0")]]
    rc, out, s = do(f'xmluse "{path}", doctype(excel) firstrow clear', _data())
    assert rc == 0 and s.data.varnames == ["make", "foreign"] and list(s.data.numeric("foreign")) == [0.0]
    rc, out, s = do(f'xmluse "{path}", doctype(excel) clear', _data())
    assert s.data.varnames == ["A", "B"] and s.data.nobs == 2


def test_never_overwrites_and_refuses(do, tmp_path):
    path = tmp_path / "keep.xml"
    path.write_text("keep")
    for line, want_rc, msg in ((f'xmlsave "{path}"', 602, "already exists"),
                               (f'xmlsave "{path}", dtd replace', 198, "not supported"),
                               (f'xmlsave "{path}", doctype(json) replace', 198, "doctype(json) invalid"),
                               (f'xmluse "{path}", clear', 610, "not XML"),
                               (f'xmluse "{tmp_path / "none.xml"}", clear', 601, "not found")):
        rc, out, s = do(line, _data())
        assert rc == want_rc and msg in out, (line, out)
        assert path.read_text() == "keep" and s.data.varnames == ["make", "mpg", "foreign"]
    rc, out, s = do(f'replace mpg = 1 in 1\nxmluse "{path}"', _data())
    assert rc == 4 and np.isclose(s.data.numeric("mpg")[0], 1)
