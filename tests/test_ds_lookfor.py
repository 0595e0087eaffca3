"""ds ([D] ds) and lookfor ([D] lookfor): the columns layout of ds_util's DisplayInCols (the
manual's `sysuse auto` + `ds` shows four columns of three), has()/not() selections, r(varlist),
and Stata's messages."""
from __future__ import annotations

import pandas as pd
import pytest

AUTO = ["make", "price", "mpg", "rep78", "headroom", "trunk", "weight", "length", "turn",
        "displacement", "gear_ratio", "foreign"]


@pytest.fixture
def auto(new_session):
    df = pd.DataFrame({n: [1.0, 2.0] for n in AUTO})
    df["make"] = ["AMC Concord", "AMC Pacer"]
    types = {n: "int" for n in AUTO}
    types.update(make="str18", headroom="float", gear_ratio="float", foreign="byte")
    formats = {n: "%8.0gc" for n in AUTO}
    formats.update(make="%-18s", price="%8.0gc", headroom="%6.1f", gear_ratio="%6.2f", mpg="%8.0g")
    labels = {"make": "Make and Model", "price": "Price", "mpg": "Mileage (mpg)",
              "rep78": "Repair Record 1978", "headroom": "Headroom (in.)", "trunk": "Trunk space (cu. ft.)",
              "weight": "Weight (lbs.)", "length": "Length (in.)", "turn": "Turn Circle (ft.) ",
              "displacement": "Displacement (cu. in.)", "gear_ratio": "Gear Ratio", "foreign": "Car type"}
    return new_session(df, types=types, formats=formats, var_labels=labels, value_label_of={"foreign": "origin"},
                       value_labels={"origin": {0.0: "Domestic", 1.0: "Foreign"}})


def test_ds_columns_down_then_across(auto, run):
    out, rc = run(auto, "set linesize 80\nds\n")
    assert rc == 0
    assert out.splitlines() == ["make          rep78         weight        displacement",
                                "price         headroom      length        gear_ratio",
                                "mpg           trunk         turn          foreign"]
    assert auto.r == {"varlist": " ".join(AUTO)}


def test_ds_narrow_line_and_abbreviation(auto, run):
    out, rc = run(auto, "set linesize 40\nds\n")
    # (40+1)//14 = 2 columns of 6
    assert out.splitlines()[0] == "make          weight" and len(out.splitlines()) == 6
    out, rc = run(auto, "set linesize 80\nds, varwidth(5) skip(1) indent(3)\n")
    # names abbreviated to 5, width 6: (80+1-3)//6 = 13 columns, one row
    assert out.splitlines() == ["   make  price mpg   rep78 hea~m trunk wei~t len~h turn  dis~t gea~o for~n"]
    assert auto.r["varlist"] == " ".join(AUTO)  # full names, not abbreviations


def test_ds_has_and_not(auto, run):
    out, rc = run(auto, "ds, has(type string)\n")
    assert out.strip() == "make" and auto.r == {"varlist": "make"}
    run(auto, "ds, has(type numeric)\n")
    assert auto.r["varlist"].split() == AUTO[1:]
    run(auto, "ds, not(type int)\n")
    assert auto.r["varlist"] == "make headroom gear_ratio foreign"
    run(auto, "ds, has(type 10/20)\n")
    assert auto.r["varlist"] == "make"
    run(auto, "ds, has(type byte float)\n")
    assert auto.r["varlist"] == "headroom gear_ratio foreign"
    run(auto, "ds, has(vallabel)\n")
    assert auto.r["varlist"] == "foreign"
    run(auto, "ds, has(varlabel *(in.)* *cu.*)\n")
    assert auto.r["varlist"] == "headroom trunk length displacement"
    run(auto, "ds, has(varl *mpg*) \n")
    assert auto.r["varlist"] == "mpg"
    run(auto, "ds, has(varlabel *MPG*)\n")
    assert auto.r == {}
    run(auto, "ds, has(varlabel *MPG*) insensitive\n")
    assert auto.r["varlist"] == "mpg"
    run(auto, "ds, has(format *f)\n")
    assert auto.r["varlist"] == "headroom gear_ratio"
    run(auto, "ds, has(format 8.0gc)\n")  # a pattern matches with or without its %
    assert auto.r["varlist"].split() == [n for n in AUTO if n not in ("make", "mpg", "headroom", "gear_ratio")]
    run(auto, "ds make-mpg, not\n")
    assert auto.r["varlist"].split() == AUTO[3:]
    run(auto, "ds t* m*, alpha\n")
    assert auto.r["varlist"] == "make mpg trunk turn"


def test_ds_chars(auto, run):
    out, rc = run(auto, "char price[note1] cheap\nds, has(char)\n")
    assert rc == 0 and auto.r["varlist"] == "price"
    run(auto, "ds, has(char no*)\n")
    assert auto.r["varlist"] == "price"
    run(auto, "ds, has(char other)\n")
    assert auto.r == {}


def test_ds_detail_describes(auto, run):
    out, rc = run(auto, "ds mpg foreign, detail\n")
    assert rc == 0
    lines = out.splitlines()
    assert lines[1].split() == ["storage", "display", "value"]
    assert lines[-1].split() == ["foreign", "byte", "%8.0gc", "origin", "Car", "type"]
    assert auto.r == {"varlist": "mpg foreign"}


@pytest.mark.parametrize("line, message", [
    ("ds, varwidth(4)", "varwidth() should be in the range 5..32"),
    ("ds, skip(0)", "skip() should be in the range 1..10"),
    ("ds, indent(245)", "indent() should be in the range 0..244"),
    ("ds, has(type numeric) not(type string)", "may not combine options has() and not()"),
    ("ds, has(type numeric) not", "may not combine options has() and not"),
    ("ds, has(type numeric) not(type int) not", "may not combine options has(), not(), and not"),
    ("ds, has(size 5)", "invalid has() option"),
    ("ds, not(format)", "invalid not() option"),
    ("ds, has(type str9999)", "invalid variable type(s)"),
    ("ds, has(type 0)", "invalid variable type(s)"),
    ("ds, bogus", "option bogus not allowed"),
])
def test_ds_errors(auto, run, line, message):
    out, rc = run(auto, line + "\n")
    assert rc == 198 and out.splitlines()[0] == message


def test_ds_rejects_if_and_unknown_variables(auto, run):
    out, rc = run(auto, "ds if price > 1\n")
    assert rc == 101 and out.startswith("if not allowed")
    out, rc = run(auto, "ds nosuch\n")
    assert rc == 111


def test_lookfor(auto, run):
    out, rc = run(auto, "lookfor cu. MAKE\n")
    assert rc == 0
    rows = [ln.split()[0] for ln in out.splitlines()[4:]]
    assert rows == ["make", "trunk", "displacement"]
    assert auto.r == {"varlist": "make trunk displacement"}
    run(auto, 'lookfor "repair record"\n')
    assert auto.r == {"varlist": "rep78"}
    run(auto, "lookfor gear\n")  # a name matches as well as a label
    assert auto.r == {"varlist": "gear_ratio"}
    out, rc = run(auto, "lookfor zzz\n")
    assert rc == 0 and out == "" and auto.r == {}


def test_lookfor_errors(auto, run, new_session):
    out, rc = run(auto, "lookfor\n")
    assert rc == 198 and out.startswith("nothing to look for")
    out, rc = run(new_session(), "lookfor x\n")
    assert rc == 111 and out.startswith("no variables defined")
