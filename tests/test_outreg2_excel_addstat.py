"""``outreg2``: the Excel file (outreg2 2.3.2's ``_xmlout`` SpreadsheetML, byte for byte against
tests/outreg2_reference/tiny_excel.xml, derived by hand from that ado's ``file write`` lines; its
rows -- VARIABLES, the empty rows around the coefficients -- as the Excel file outreg2 wrote for
Bazzi 2017's replication package, tanfei-li/Development_Replication tabfig/table5intensive.xml),
``addstat()``/``addtext()``/``adec()``/``rdec()``, several-word ``ctitle()``, ``seeout`` refused,
replace + append, and the user's files never overwritten.  The numbers are recomputed here by
least squares from the data the test types in."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

REFERENCE = Path(__file__).resolve().parent / "outreg2_reference" / "tiny_excel.xml"
Y = [1.2, 1.9, 3.4, 3.9, 5.3, 5.8]
X = [1, 2, 3, 4, 5, 6]
DATA = "clear\ninput y x\n" + "".join(f"{y} {x}\n" for y, x in zip(Y, X)) + "end\nquietly regress y x\n"


def ols():
    """b, se, p, r2, r2_a, F of y on x and a constant, from the normal equations."""
    X1 = np.column_stack([X, np.ones(len(X))])
    y = np.array(Y)
    b, *_ = np.linalg.lstsq(X1, y, rcond=None)
    resid = y - X1 @ b
    n, k = X1.shape
    s2 = resid @ resid / (n - k)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X1.T @ X1)))
    p = 2 * stats.t.sf(np.abs(b / se), n - k)
    tss = ((y - y.mean()) ** 2).sum()
    r2 = 1 - resid @ resid / tss
    r2_a = 1 - (1 - r2) * (n - 1) / (n - k)
    F = (r2 / (k - 1)) / ((1 - r2) / (n - k))
    return b, se, p, r2, r2_a, F


def stars(p):
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.1 else ""


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(DATA) == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


def auto3(v: float) -> str:
    """outreg2's autodigits2 with auto(3), its default for b and SE cells, worked from the ado's
    arithmetic: |v| in [10^(L-1), 10^L) with L >= 1 gets 3 - L + 1 decimals (none past 3 digits);
    below 1, 3 - 1 more decimals than the fraction's leading zeros + 1."""
    import math
    if round(v - int(v), 10) == 0:
        return f"{v:.0f}"
    left = int(math.log10(abs(v)) + 1)
    dec = (3 - left + 1 if left <= 3 else 0) if left > 0 else abs(int(math.log10(abs(v - int(v))) - 1)) + 2
    return f"{v:.{dec}f}"


def test_auto3_worked_values():
    assert [auto3(v) for v in (2.9487, 11.7934, 0.09781, 123.45, 1234.56, 0.5, -0.004567)] == \
        ["2.949", "11.79", "0.0978", "123.5", "1235", "0.500", "-0.00457"]


def test_xls_file_is_outreg2s_spreadsheetml_byte_for_byte(run, tmp_path):
    rc, out = run("outreg2 using tiny.xls, replace ctitle(Tiny model) addstat(Adjusted R-squared, e(r2_a))")
    assert rc == 0 and "tiny.txt" in out and "tiny.xls" in out
    b, se, p, r2, r2_a, _ = ols()
    expected = "".join(REFERENCE.read_text().splitlines()).format(
        b_x=f"{auto3(b[0])}{stars(p[0])}", se_x=auto3(se[0]), b_c=f"{auto3(b[1])}{stars(p[1])}",
        se_c=auto3(se[1]), r2=f"{r2:.3f}", r2_a=auto3(r2_a))
    assert (tmp_path / "tiny.xls").read_bytes() == expected.encode()
    # the table itself goes to the .txt of the same name, as outreg2's
    text = (tmp_path / "tiny.txt").read_text().splitlines()
    assert text[:4] == ["\t(1)", "VARIABLES\tTiny model", "\t", f"x\t{auto3(b[0])}{stars(p[0])}"]
    assert f"Adjusted R-squared\t{auto3(r2_a)}" in text


def test_excel_option_writes_xml_beside_the_table(run, tmp_path):
    assert run("outreg2 using t1.txt, excel replace")[0] == 0
    xml = (tmp_path / "t1.xml").read_text()
    assert xml.startswith('<?xml version="1.0" encoding="US-ASCII" standalone="yes"?>') and "\n" not in xml
    assert (tmp_path / "t1.txt").read_text().startswith("\t(1)\n")
    assert run("outreg2 using t2, excel replace")[0] == 0  # no extension: t2.txt and t2.xml
    assert (tmp_path / "t2.xml").exists() and (tmp_path / "t2.txt").exists()


def test_addstat_addtext_adec_rdec_and_append(run, tmp_path):
    b, se, p, r2, r2_a, F = ols()
    cmd = ("outreg2 using a.txt, replace rdec(2) adec(4) addstat(Adj R2, e(r2_a), F test, e(F)) "
           "addtext(Country FE, YES, \"Year, FE\", \"No, none\")")
    assert run(cmd)[0] == 0
    lines = (tmp_path / "a.txt").read_text().splitlines()
    assert f"R-squared\t{r2:.2f}" in lines
    at = lines.index(f"Adj R2\t{r2_a:.4f}")
    assert lines[at + 1:at + 4] == [f"F test\t{F:.4f}", "Country FE\tYES", "Year, FE\tNo, none"]
    assert lines[at + 4] == "Standard errors in parentheses\t"  # as wide as the table
    # a second column keeps its own rows; rows one column lacks stay blank
    assert run("quietly regress y\noutreg2 using a.txt, append addtext(Country FE, NO) ctitle(Mean only)")[0] == 0
    lines = (tmp_path / "a.txt").read_text().splitlines()
    assert lines[1] == "VARIABLES\ty\tMean only"
    assert f"Adj R2\t{r2_a:.4f}\t" in lines and "Country FE\tYES\tNO" in lines
    assert f"Observations\t6\t6" in lines


def test_addstat_default_is_three_significant_digits(run, tmp_path):
    """outreg2 2.3.2's autodigits2 without adec(): a whole number bare, three significant
    digits, %e past a million; adec(#) is %12.#fc (thousands commas)."""
    assert run("outreg2 using d.txt, replace addstat(Big, 1234567.891, Int, 42, Small, 0.000123456, "
               "Mid, 22.456, Neg, -0.5, Missing, e(nosuch))")[0] == 0
    lines = (tmp_path / "d.txt").read_text().splitlines()
    for row in ("Big\t1.235e+06", "Int\t42", "Small\t0.000123", "Mid\t22.46", "Neg\t-0.500", "Missing\t."):
        assert row in lines, row
    assert run("outreg2 using d.txt, replace adec(1) addstat(Big, 1234567.891)")[0] == 0
    assert "Big\t1,234,567.9" in (tmp_path / "d.txt").read_text().splitlines()
    rc, out = run("outreg2 using d.txt, replace adec(2)")
    assert rc == 198 and "cannot choose adec option without addstat option" in out


def test_sdec_sets_the_standard_error_decimals(run, tmp_path):
    b, se, *_ = ols()
    assert run("outreg2 using e.txt, replace bdec(2) sdec(4)")[0] == 0
    lines = (tmp_path / "e.txt").read_text().splitlines()
    assert lines[3].startswith(f"x\t{b[0]:.2f}") and lines[4] == f"\t({se[0]:.4f})"
    assert run("outreg2 using e.txt, replace sdec(12)")[0] == 198


def test_replace_and_append_together_replace(run, tmp_path):
    assert run("outreg2 using r.txt, replace")[0] == 0
    rc, out = run("outreg2 using r.txt, replace append")
    assert rc == 0 and "replaced when both replace and append chosen" in out
    assert (tmp_path / "r.txt").read_text().splitlines()[0] == "\t(1)"


def test_users_files_never_overwritten(run, tmp_path):
    (tmp_path / "mine.xml").write_text("precious")
    rc, out = run("outreg2 using mine.txt, excel")
    assert rc == 602 and "mine.xml already exists" in out
    assert (tmp_path / "mine.xml").read_text() == "precious" and not (tmp_path / "mine.txt").exists()
    (tmp_path / "theirs.txt").write_text("precious")
    rc, out = run("outreg2 using theirs.xls")  # the table would go to theirs.txt: not ours, refused
    assert rc == 198 and (tmp_path / "theirs.txt").read_text() == "precious"
    assert not (tmp_path / "theirs.xls").exists()
    assert run("outreg2 using mine.txt, excel replace")[0] == 0  # replace: allowed
    assert (tmp_path / "mine.xml").read_text().startswith("<?xml")
    assert run("outreg2 using mine.txt, excel")[0] == 0  # its own file: rewritten with the new column
    assert "(2)" in (tmp_path / "mine.xml").read_text()


def test_word_and_tex_files_beside_the_table(run, tmp_path):
    """outreg2 using mmxi, word replace / outreg2 using mmxi, word (heldout/anon-panel-textbook):
    the table in mmxi.txt, the RTF document mmxi.rtf, both with two columns after the second."""
    assert run("outreg2 using mmxi, word replace")[0] == 0
    assert run("quietly regress y\noutreg2 using mmxi, word")[0] == 0
    assert (tmp_path / "mmxi.txt").read_text().splitlines()[0] == "\t(1)\t(2)"
    rtf = (tmp_path / "mmxi.rtf").read_text()
    assert rtf.startswith("{\\rtf1") and "(2)" in rtf
    (tmp_path / "report.doc").write_text("precious")
    rc, out = run("outreg2 using report.doc")
    assert rc == 602 and (tmp_path / "report.doc").read_text() == "precious"
    assert not (tmp_path / "report.txt").exists()


def test_seeout_refused_before_writing(run, tmp_path):
    rc, out = run("outreg2 using s.txt, replace see")
    assert rc == 198 and "data browser" in out and not (tmp_path / "s.txt").exists()
