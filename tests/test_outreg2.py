"""``outreg2``: the file it writes (tab-separated text, RTF, LaTeX), append, its errors; the
user's files are never overwritten without replace."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nquietly regress mathach ses i.sector") == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return go


def test_text_file_layout(run, tmp_path):
    rc, out = run("outreg2 using t1, replace")
    assert rc == 0 and "t1.txt" in out
    lines = (tmp_path / "t1.txt").read_text().split("\n")
    # outreg2's makeFile/cleanFile: VARIABLES heads the names, an empty row above and below the
    # coefficients, every row as wide as the table (outsheet)
    assert lines[0] == "\t(1)" and lines[1] == "VARIABLES\tmathach" and lines[2] == "\t"
    # outreg2's default auto(3) (coeftxt2's autodigits2): 1 <= |v| < 10 three decimals, 10 <= |v| < 100
    # two, 0.01 <= |v| < 0.1 four -- b, SE and t alike; R-squared rdec's %12.3f
    assert lines[3] == "ses\t2.949***" and lines[4] == "\t(0.0978)"
    assert "Constant\t11.79***" in lines
    assert any(ln.startswith("Observations\t7,185") for ln in lines)  # makeFile's %12.0fc
    assert any(ln.startswith("R-squared\t0.149") for ln in lines)
    assert lines[lines.index("Observations\t7,185") - 1] == "\t"
    assert "Standard errors in parentheses\t" in lines
    assert "*** p<0.01, ** p<0.05, * p<0.1\t" in lines


def test_append_bdec_ctitle_keep(run, tmp_path):
    assert run("outreg2 ses using t2.txt, replace bdec(2)")[0] == 0
    assert (tmp_path / "t2.txt").read_text().split("\n")[3] == "ses\t2.95***"
    # _outreg2 adds _cons to a varlist or keep() "unless nocons is chosen"
    assert "Constant\t11.79***" in (tmp_path / "t2.txt").read_text().split("\n")
    assert run("quietly regress mathach ses minority\noutreg2 using t2.txt, append ctitle(Second) nocons")[0] == 0
    lines = (tmp_path / "t2.txt").read_text().split("\n")
    assert lines[0] == "\t(1)\t(2)" and lines[1] == "VARIABLES\tmathach\tSecond"
    assert lines[3] == "ses\t2.949***\t2.744***"  # one bdec() for the table: the last call's
    assert not any(ln.startswith("Constant") for ln in lines)


def test_rtf_and_tex(run, tmp_path):
    assert run("outreg2 using t3.doc, replace")[0] == 0
    assert (tmp_path / "t3.doc").read_text().startswith("{\\rtf1")
    assert (tmp_path / "t3.txt").read_text().startswith("\t(1)\n")  # the table, as outreg2's companion
    assert run("outreg2 using t4, tex replace")[0] == 0  # tex: t4.tex beside the t4.txt table
    tex = (tmp_path / "t4.tex").read_text()
    assert "\\begin{tabular}" in tex and "Constant" in tex
    assert (tmp_path / "t4.txt").read_text().startswith("\t(1)\n")
    assert run("outreg2 using t5, word replace")[0] == 0  # outreg2's out2rtf2: <name>.rtf
    assert (tmp_path / "t5.rtf").read_text().startswith("{\\rtf1")


@pytest.mark.parametrize("text, rc, message", [
    ("outreg2 using t5.txt, seeout", 198, "data browser"),
    ("outreg2 using t5.txt, ctitle(A, B)", 198, "several title rows"),
    ("outreg2 using t5.txt, addstat(x)", 198, "takes pairs"),
    ("outreg2 using t5.txt, addtext(a, b, c)", 198, "takes pairs"),
    ('outreg2 using t5.txt, addstat(a, "text")', 109, "type mismatch"),
    ("outreg2 using t5.txt, rdec(-1)", 198, "rdec() incorrectly specified"),
    ("outreg2 using t5.docx, replace", 198, ".docx is not written"),
    ("outreg2, replace", 100, "using required"),
])
def test_errors(run, text, rc, message):
    got, out = run(text)
    assert got == rc and message in out


def test_never_overwrites_or_appends_to_a_foreign_file(run, tmp_path):
    (tmp_path / "mine.txt").write_text("precious\n")
    rc, out = run("outreg2 using mine.txt")  # neither replace nor append: appends, so refused here
    assert rc == 198 and "not written by outreg2 in this session" in out
    rc, out = run("outreg2 using mine.txt, append")
    assert rc == 198 and "not written by outreg2 in this session" in out
    assert (tmp_path / "mine.txt").read_text() == "precious\n"


def test_needs_estimates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session(out=Output(io.StringIO()))
    assert Runner(s).run_text("outreg2 using x.txt, replace", stop_on_error=False) == 301


def test_sideway_stats_dec_alpha_symbol(run, tmp_path):
    """outreg2.hlp: stats(coef) reports coefficients alone, sideway puts the statistic next to
    the coefficient, dec(#) sets every decimal count, alpha() lists the levels from the most
    significant, symbol() their symbols (more than three levels need it)."""
    opts = "sideway stats(coef) label dec(2) alpha(0.001, 0.01, 0.05, 0.10) symbol(***, **, *, +)"
    assert run(f"outreg2 using s1.txt, ctitle(Educ) {opts} replace")[0] == 0
    assert run(f"quietly regress mathach ses\noutreg2 using s1.txt, ctitle(Race) {opts} append")[0] == 0
    lines = (tmp_path / "s1.txt").read_text().split("\n")
    # label: cleanFile's LABELS column beside the names
    assert lines[1] == "VARIABLES\tLABELS\tEduc\tRace"  # each column keeps its own ctitle()
    ses = next(ln for ln in lines if ln.startswith("ses\t"))
    assert ses.split("\t")[1] == "Student socio-economic status"
    assert ses.split("\t")[2] == "2.95***" and ses.split("\t")[3].endswith("***")
    assert not any(ln.startswith("\t\t(") for ln in lines[1:])  # no standard errors
    assert "*** p<0.001, ** p<0.01, * p<0.05, + p<0.10\t\t\t" in lines
    assert not any(ln.startswith("Standard errors") for ln in lines)


def test_sideway_puts_se_beside_and_tstat(run, tmp_path):
    assert run("outreg2 using s2.txt, sideway dec(2) replace")[0] == 0
    lines = (tmp_path / "s2.txt").read_text().split("\n")
    assert lines[3] == "ses\t2.95***\t(0.10)"
    assert run("outreg2 using s3.txt, stats(coef tstat) replace")[0] == 0
    lines = (tmp_path / "s3.txt").read_text().split("\n")
    assert lines[4] == "\t(30.14)" and "t-statistics in parentheses\t" in lines  # 2.949 / 0.0978: auto(3)
    assert run("outreg2 using s5.txt, stats(coef tstat coef) replace")[0] == 198  # three: tests/test_outreg2_ci101.py
    assert run("outreg2 using s5.txt, stats(coef pval) tdec(2) replace")[0] == 0
    lines = (tmp_path / "s5.txt").read_text().split("\n")
    assert lines[3] == "ses\t2.949***" and lines[4] == "\t(0.00)"  # p: pdec(), else tdec()
    assert run("outreg2 using s6.txt, pdec(3) tdec(1) stats(coef pval) replace")[0] == 0
    assert (tmp_path / "s6.txt").read_text().split("\n")[4] == "\t(0.000)"
    assert run("outreg2 using s7.txt, tdec(1) replace")[0] == 0  # the SEs take tdec(), b keeps auto(3)
    lines = (tmp_path / "s7.txt").read_text().split("\n")
    assert lines[3:5] == ["ses\t2.949***", "\t(0.1)"] and "R-squared\t0.1" in lines
    assert run("outreg2 using s8.txt, bdec(2) replace")[0] == 0  # no tdec(): the SEs take bdec()
    assert (tmp_path / "s8.txt").read_text().split("\n")[3:5] == ["ses\t2.95***", "\t(0.10)"]
    assert run("outreg2 using s9.txt, auto(2) replace")[0] == 0
    assert (tmp_path / "s9.txt").read_text().split("\n")[3:5] == ["ses\t2.95***", "\t(0.098)"]


@pytest.mark.parametrize("opts, message", [
    ("alpha(0.001, 0.01, 0.05, 0.10)", "need symbol()"),
    ("symbol(a, b, c, d)", "one symbol for each"),
    ("alpha(2)", "between 0 and 1"),
    ("stats(coef beta)", "stats(beta) is not available"),
    ("stats(se coef)", "stats(coef)"),
])
def test_significance_and_stats_errors(run, opts, message):
    rc, out = run(f"outreg2 using s4.txt, replace {opts}")
    assert rc == 198 and message in out


def test_neither_replace_nor_append_adds_a_column(run, tmp_path):
    """A file outreg2 wrote, written to again without replace or append, gets another column
    (a textbook's ``outreg2 using mmxi, word replace`` then ``outreg2 using mmxi, word`` lines,
    tests/realworld/heldout/anon-panel-textbook)."""
    assert run("outreg2 using both.txt, replace")[0] == 0
    assert run("quietly regress mathach ses\noutreg2 using both.txt")[0] == 0
    header = (tmp_path / "both.txt").read_text().splitlines()
    assert any("(1)" in ln and "(2)" in ln for ln in header), header
