"""outreg2's .tex file as its _texout writes the cleaned table (outreg2 2.2.5): a document
(or tex(fragment) the tabular), the text file's rows -- column numbers, VARIABLES, the empty
rows around the coefficients -- as ``a & b \\``, \\hline after the titles, the head row and
the bottom row, the notes in \\multicolumn with ``$<$``; onecol's EQUATION column.  The
coefficients are checked against statsmodels."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.commands.community.outreg2_tex import tex_lines
from tests.test_outreg2_onecol_escalars import data, run  # noqa: F401  (fixtures)

sm = pytest.importorskip("statsmodels.api")


def test_regress_document(run, data, tmp_path):
    _, y, x, z, _ = data
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    assert run("quietly regress y x\noutreg2 using a.tex, replace bdec(4)")[0] == 0
    lines = (tmp_path / "a.tex").read_text().split("\n")
    assert lines[:6] == ["\\documentclass[]{article}",
                         "\\setlength{\\pdfpagewidth}{8.5in} \\setlength{\\pdfpageheight}{11in}",
                         "\\begin{document}", "\\begin{tabular}{lc} \\hline", " & (1) \\\\",
                         "VARIABLES & y \\\\ \\hline"]
    assert lines[6] == " &  \\\\"  # outreg2's empty row under the headings
    name, cell = lines[7].split(" & ")
    assert name == "x" and float(cell.rstrip(" \\").rstrip("*")) == pytest.approx(fit.params[1], abs=1e-4)
    assert lines[11] == " &  \\\\" and lines[12].startswith("Observations & ")
    assert lines[13].startswith(" R-squared & ") and lines[13].endswith(" \\\\ \\hline")
    assert lines[14:18] == ["\\multicolumn{2}{c}{ Standard errors in parentheses} \\\\",
                            "\\multicolumn{2}{c}{ *** p$<$0.01, ** p$<$0.05, * p$<$0.1} \\\\",
                            "\\end{tabular}", "\\end{document}"]


def test_fragment_and_title(run, tmp_path):
    assert run('quietly regress y x\noutreg2 using b, tex(frag) replace title("Main results")')[0] == 0
    lines = (tmp_path / "b.tex").read_text().split("\n")
    assert lines[:3] == ["\\begin{tabular}{lc}", "\\multicolumn{2}{c}{Main results} \\\\ \\hline", " & (1) \\\\"]
    assert lines[-2] == "\\end{tabular}" and "\\documentclass" not in "\n".join(lines)


def test_onecol_equation_column(run, data, tmp_path):
    assert run("quietly mlogit k x\noutreg2 using c.tex, onecol replace")[0] == 0
    lines = (tmp_path / "c.tex").read_text().split("\n")
    assert lines[3] == "\\begin{tabular}{lcc} \\hline"
    assert lines[5] == "EQUATION & VARIABLES & k \\\\ \\hline"
    body = [ln.split(" & ")[:2] for ln in lines[7:15]]
    assert [b[1] for b in body] == ["x", "", "Constant", "", "x", "", "Constant", ""]
    assert sum(1 for b in body if b[0]) == 2  # each equation's name on its first row
    # the notes moved into the first cell after the re-spacing: their < kept (as _texout does)
    assert "\\multicolumn{3}{c}{*** p<0.01, ** p<0.05, * p<0.1} \\\\" in lines


def test_escapes():
    lines = tex_lines(["\t(1)", "VARIABLES\tlog_y", "\t", "a_b\t{1}", "\t", "Observations\t5", "note 50% <"],
                      0, True)
    assert lines[2] == "VARIABLES & log\\_y \\\\ \\hline"
    assert lines[4] == "a\\_b & \\{1\\} \\\\"
    assert lines[6] == " Observations & 5 \\\\ \\hline"  # the bottom row is re-spaced too
    assert lines[7] == "\\multicolumn{2}{c}{ note 50\\%$<$} \\\\"  # "<" glued to the word before


def test_rtf_rows_and_borders(run, data, tmp_path):
    _, y, x, z, _ = data
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    assert run("quietly regress y x\noutreg2 using r.rtf, replace bdec(4)")[0] == 0
    rtf = (tmp_path / "r.rtf").read_text()
    lines = rtf.split("\n")
    # columns as wide as their longest text + 1 (144 twips a character): Observations, then the numbers
    stat = max(len(c) for ln in (tmp_path / "r.txt").read_text().split("\n") for c in ln.split("\t")[1:2])
    first, second = 13 * 144, 13 * 144 + (stat + 1) * 144
    assert lines[0] == "{\\rtf1\\fs24"
    assert lines[1] == f"\\trowd\\trgaph75\\trleft-75\\intbl\\trqc\\clbrdrt\\brdrs\\cellx{first}\\clbrdrt\\brdrs\\cellx{second}"
    assert lines[2] == "\\ql \\cell\\qc (1)\\cell\\row"
    assert lines[5] == "\\ql VARIABLES\\cell\\qc y\\cell\\row" and lines[7] == "\\ql \\cell\\qc \\cell\\row"
    cell = lines[8].split("\\qc ")[1].split("\\cell")[0]
    assert lines[8].startswith("\\ql x\\cell") and float(cell.rstrip("*")) == pytest.approx(fit.params[1], abs=1e-4)
    assert "\\trbrdrb\\brdrs" in lines[-6] and lines[-5].startswith("\\ql R-squared\\cell")
    assert lines[-4:] == ["\\pard\\qc", "Standard errors in parentheses\\par", "*** p<0.01, ** p<0.05, * p<0.1\\par", "}"]
