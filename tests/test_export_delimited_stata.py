"""export delimited / outsheet write what Stata writes (docs/data_file_formats.md):
byte-exact files for small data sets, and round trips through import delimited."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.fileformats.delimited import is_datetime_format, number_text

SETUP = """
clear
input str20 name float x double y int d byte g
"Anna" 0.8 0.1 21915 1
"Bob Smith" -0.25 123456.789 21916 2
"a,b" . 1e-5 . .
"q" 3.5 . 21917 .
end
replace name = `"say "hi""' in 4
replace g = .a in 4
format d %td
label define gl 1 "Group one" 2 "two" .a "not asked"
label values g gl
"""


def _session(new_session, run):
    s = new_session()
    run(s, SETUP)
    return s


def test_default_file_dates_labels_missing_quotes(tmp_path, new_session, run):
    s = _session(new_session, run)
    out, rc = run(s, f"export delimited using {tmp_path}/a")
    assert rc == 0 and out.strip() == f"file {tmp_path}/a.csv saved"
    # dates as their raw day numbers ("the raw, unformatted value"), labels as text (on .a too),
    # "." empty, no leading zero, text with a space or the delimiter in quotes, a quote doubled;
    # x is a float, which input stores as float(0.8): written with 8 digits (.855 -> .85500002)
    assert (tmp_path / "a.csv").read_bytes() == (
        b'name,x,y,d,g\n'
        b'Anna,.80000001,.1,21915,"Group one"\n'
        b'"Bob Smith",-.25,123456.789,21916,two\n'
        b'"a,b",,.00001,,\n'
        b'"say ""hi""",3.5,,21917,"not asked"\n')


def test_nolabel_quote_novarnames_and_delimiter(tmp_path, new_session, run):
    s = _session(new_session, run)
    run(s, f"export delimited name g d using {tmp_path}/b.txt in 1/2, nolabel quote novarnames delimiter(tab)")
    assert (tmp_path / "b.txt").read_bytes() == b'"Anna"\t1\t21915\n"Bob Smith"\t2\t21916\n'


def test_datafmt_writes_every_numeric_variable_in_its_display_format(tmp_path, new_session, run):
    s = _session(new_session, run)
    run(s, f"format x %6.2f\nformat y %9.0gc\nexport delimited x y using {tmp_path}/c.csv, datafmt")
    assert (tmp_path / "c.csv").read_bytes() == b'x,y\n0.80,.1\n-0.25,"123,456.8"\n,.00001\n3.50,\n'


def test_other_time_formats(tmp_path, new_session, run):
    s = new_session()
    run(s, """
clear
set obs 1
gen double tc = clock("2020-01-01 10:30:00", "YMDhms")
format tc %tc
gen mo = ym(2020, 3)
format mo %tm
gen q = yq(2020, 2)
format q %tq
gen dd = mdy(12, 31, 1959)
format dd %tdCCYY-NN-DD
""")
    run(s, f"export delimited using {tmp_path}/t.csv")
    assert (tmp_path / "t.csv").read_bytes() == b'tc,mo,q,dd\n1893493800000,722,241,-1\n'
    run(s, f"export delimited using {tmp_path}/t.csv, datafmt replace")
    assert (tmp_path / "t.csv").read_bytes() == b'tc,mo,q,dd\n"01jan2020 10:30:00",2020m3,2020q2,1959-12-31\n'


def test_replace_required_and_failed_export_leaves_file(tmp_path, new_session, run):
    s = _session(new_session, run)
    (tmp_path / "e.csv").write_bytes(b"old\n")
    out, rc = run(s, f"export delimited using {tmp_path}/e.csv", stop_on_error=False)
    assert rc == 602 and f"file {tmp_path}/e.csv already exists" in out
    assert (tmp_path / "e.csv").read_bytes() == b"old\n"
    out, rc = run(s, f"export delimited using {tmp_path}/e.csv, delimiter(;;) replace", stop_on_error=False)
    assert rc == 198 and ";; invalid character in delimiter() option" in out
    out, rc = run(s, f"outsheet using {tmp_path}/e.csv", stop_on_error=False)
    assert rc == 602 and (tmp_path / "e.csv").read_bytes() == b"old\n"


def test_outsheet_tab_quoted_strings_out_extension(tmp_path, new_session, run):
    s = _session(new_session, run)
    out, rc = run(s, f"outsheet name x g using {tmp_path}/o in 1/3")
    assert rc == 0 and out.strip() == ""  # outsheet is silent
    assert (tmp_path / "o.out").read_bytes() == (
        b'name\tx\tg\n"Anna"\t.8\tGroup one\n"Bob Smith"\t-.25\ttwo\n"a,b"\t\t\n')
    run(s, f"outsheet name g using {tmp_path}/o.out in 1/2, comma nonames noquote nolabel replace")
    assert (tmp_path / "o.out").read_bytes() == b"Anna,1\nBob Smith,2\n"


def test_round_trip_through_import_delimited(tmp_path, new_session, run):
    s = _session(new_session, run)
    run(s, f"export delimited using {tmp_path}/r.csv, nolabel\nimport delimited using {tmp_path}/r.csv, clear")
    ds = s.data
    assert ds.df["name"].tolist() == ["Anna", "Bob Smith", "a,b", 'say "hi"']
    np.testing.assert_array_equal(ds.numeric("x"), np.float32([0.8, -0.25, np.nan, 3.5]).astype(float))
    np.testing.assert_allclose(ds.numeric("y")[:3], np.float32([0.1, 123456.789, 1e-5]), rtol=1e-7)
    np.testing.assert_array_equal(ds.numeric("d"), [21915, 21916, np.nan, 21917])  # day numbers
    assert np.isnan(ds.numeric("g")[2:]).all() and ds.numeric("g")[:2].tolist() == [1, 2]


def test_round_trip_keeps_float_and_double_values(tmp_path, new_session, run):
    s = new_session()
    run(s, "clear\nset obs 3\ngen x = _n / 7\ngen double z = _n / 7 * 1e-6")
    before_x, before_z = s.data.numeric("x").copy(), s.data.numeric("z").copy()
    run(s, f"export delimited using {tmp_path}/p.csv\nimport delimited using {tmp_path}/p.csv, clear asdouble")
    # 8 significant digits give these floats back exactly (not every float: 9 may be needed);
    # %18.0g keeps 12 digits of a double this small -- as Stata's file would
    np.testing.assert_array_equal(np.float32(s.data.numeric("x")), np.float32(before_x))
    np.testing.assert_allclose(s.data.numeric("z"), before_z, rtol=1e-11)
    lines = (tmp_path / "p.csv").read_text().splitlines()
    assert lines[1] == ".14285715,1.42857142857e-07" and lines[3] == ".42857143,4.28571428571e-07"
    run(s, "clear\nset obs 1\ngen double w = 1/3\ngen double v = 123456.789")
    run(s, f"export delimited using {tmp_path}/p.csv, replace\nimport delimited using {tmp_path}/p.csv, clear asdouble")
    assert (tmp_path / "p.csv").read_text() == "w,v\n.3333333333333333,123456.789\n"
    assert s.data.numeric("w")[0] == float(".3333333333333333") and s.data.numeric("v")[0] == 123456.789


@pytest.mark.parametrize("value, vtype, text", [
    (0.5, "double", ".5"), (-0.25, "double", "-.25"), (3.0, "float", "3"), (-12.0, "byte", "-12"),
    (float(np.float32(0.0067848731)), "float", ".0067848731"),  # ceo-value's CSV: 8 digits
    (float(np.float32(-1.3331775e-05)), "float", "-.000013331775"),  # ... fixed, not 1.33e-05
    (1 / 3, "double", ".3333333333333333"), (-2 / 3, "double", "-.6666666666666666"),
    (1e-10, "double", "1.00000000000e-10"),  # mdroste/stata-ctools: Stata's "1.00000000000e-10"
    (1e20, "double", "1.00000000000e+20"), (2.5e-12, "double", "2.50000000000e-12"),
    (1e-5, "double", ".00001"), (float(np.float32(123456792)), "float", "123456792"),
])
def test_number_text(value, vtype, text):
    assert number_text(value, vtype) == text


def test_datetime_formats_recognised():
    assert all(is_datetime_format(f) for f in ("%td", "%d", "%-td", "%tcHH:MM", "%tm", "%tq", "%ty", "%dM_d,_CY"))
    assert not any(is_datetime_format(f) for f in ("%9.0g", "%-10s", "%12.2fc", "%10.0g"))


def test_export_excel_dates_and_datestring(tmp_path, new_session, run):
    openpyxl = pytest.importorskip("openpyxl")
    s = _session(new_session, run)
    run(s, f"export excel name d g using {tmp_path}/x.xlsx, firstrow(variables)")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert [c.value for c in ws[2]][1].isoformat()[:10] == "2020-01-01"  # an Excel date cell
    assert ws.cell(row=5, column=3).value == "not asked" and ws.cell(row=4, column=2).value is None
    run(s, f'export excel name d using {tmp_path}/x.xlsx, datestring("%tdCCYY/NN/DD") replace')
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert [ws.cell(row=r, column=2).value for r in (1, 2, 3, 4)] == ["2020/01/01", "2020/01/02", None, "2020/01/03"]


def test_using_errors_and_file_without_using(tmp_path, new_session, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = _session(new_session, run)
    assert run(s, "outsheet", stop_on_error=False)[1] == 100
    assert run(s, "outsheet name using", stop_on_error=False)[1] == 198
    assert run(s, "export delimited name using", stop_on_error=False)[1] == 198
    assert run(s, "outsheet name nosuchvar using z.out", stop_on_error=False)[1] == 111
    assert run(s, "outsheet using z.out, nosuch", stop_on_error=False)[1] == 198
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written by a failed command
    out, rc = run(s, "export delimited name using plain in 1")
    assert rc == 0 and (tmp_path / "plain.csv").read_bytes() == b"name\nAnna\n"
    out, rc = run(s, "keep name x\nexport delim plain2 in 2")  # export_delimited.ado: using optional
    assert rc == 0 and (tmp_path / "plain2.csv").read_bytes() == b'name,x\n"Bob Smith",-.25\n'


def test_export_excel_missing_repval_number_or_text(tmp_path, new_session, run):
    openpyxl = pytest.importorskip("openpyxl")
    s = _session(new_session, run)
    run(s, f"export excel x using {tmp_path}/m.xlsx, missing(-99)")
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "m.xlsx").active["A"]][:3] == [float(np.float32(0.8)), -0.25, -99]  # the float x holds
    run(s, f'export excel x using {tmp_path}/m.xlsx, missing("NA") replace')
    assert openpyxl.load_workbook(tmp_path / "m.xlsx").active["A3"].value == "NA"


def test_outsheet_writes_display_formats(tmp_path, new_session, run):
    # IPA-Stata-Trainings' intro_clean.csv (outsheet): the float .855 (%9.0g) is written ".855",
    # not the 8-digit ".85500002" export delimited writes
    s = _session(new_session, run)
    run(s, f"replace x = .855 in 1\noutsheet x y d using {tmp_path}/f.out in 1/2, comma")
    assert (tmp_path / "f.out").read_bytes() == b"x,y,d\n.855,.1,01jan2020\n-.25,123456.79,02jan2020\n"
    run(s, f"export delimited x using {tmp_path}/f.csv in 1")
    assert (tmp_path / "f.csv").read_bytes() == b"x\n.85500002\n"


def test_datafmt_dates_round_trip_as_text(tmp_path, new_session, run):
    s = _session(new_session, run)
    run(s, f"export delimited name d using {tmp_path}/d.csv, datafmt\nimport delimited using {tmp_path}/d.csv, clear")
    assert s.data.df["d"].tolist() == ["01jan2020", "02jan2020", "", "03jan2020"]
    run(s, 'gen day = date(d, "DMY")')
    np.testing.assert_array_equal(s.data.numeric("day"), [21915, 21916, np.nan, 21917])


def test_tab_separated_text_with_spaces_is_not_quoted(tmp_path, new_session, run):
    # Stata's own tab-separated auto.dta export (mdroste/stata-ctools validation/temp/stata_tab.tsv)
    s = new_session()
    run(s, 'clear\ninput str17 make price\n"AMC Concord" 4099\n"AMC Pacer" 4749\nend')
    run(s, f"export delimited using {tmp_path}/auto.tsv, delimiter(tab)")
    assert (tmp_path / "auto.tsv").read_bytes() == b"make\tprice\nAMC Concord\t4099\nAMC Pacer\t4749\n"
    run(s, f"export delimited using {tmp_path}/auto.csv")
    assert (tmp_path / "auto.csv").read_bytes() == b'make,price\n"AMC Concord",4099\n"AMC Pacer",4749\n'
