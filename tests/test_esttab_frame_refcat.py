"""esttab's ``refcat()``, ``fragment``, ``page[()]`` and ``alignment()``, laid out as esttab.ado /
estout.ado write them (github benjann/estout: GenerateRefcatRow, WriteStrRow; tex_open0,
html_open0; the fragment branch that leaves the opening, closing and outer rules empty), on the
published auto example's estimates (repec.sowi.unibe.ch/stata/estout/esttab.html: weight
1.746559 (se .6413538), mpg -49.51222, foreign 3673.06, posted with their standard errors, so
the numbers printed are t = b/se of those published values)."""
from __future__ import annotations

import re

import numpy as np

from tests.test_esttab import AUTO1, AUTO2

PUBLISHED_T = {"weight": (1.746559 / .6413538, 3.464706 / .6306), "foreign": 3673.06 / 683.9814}


def test_published_t_statistics_round_as_the_table_shows():
    assert f"{PUBLISHED_T['weight'][0]:.2f}" == "2.72" and f"{PUBLISHED_T['weight'][1]:.2f}" == "5.49"
    assert f"{PUBLISHED_T['foreign']:.2f}" == "5.37"


def test_refcat_adds_a_labelled_row_above_the_coefficient(do):
    rc, out, _ = do(AUTO1 + AUTO2 + 'esttab est1 est2, refcat(weight "Size" foreign "Domestic")')
    assert rc == 0, out
    lines = out.split("\n")
    k = lines.index("Size                 ref.            ref.   ")
    assert lines[k + 1] == "weight              1.747**         3.465***"
    # foreign is only in model 2: "ref." there, model 1's column blank (B >= .z)
    k = lines.index("Domestic                             ref.   ")
    assert lines[k + 1] == "foreign                            3673.1***"
    assert lines[k - 1] == ""  # the gap before the coefficient comes before its refcat row


def test_refcat_label_nolabel_below(do):
    rc, out, _ = do(AUTO1 + AUTO2 + 'esttab est1 est2, refcat(weight "Size", label(base) below)')
    assert rc == 0, out
    lines = out.split("\n")
    k = lines.index("weight              1.747**         3.465***")
    assert lines[k + 2] == "Size                 base            base   " and lines[k + 3] == ""
    rc, out, _ = do(AUTO1 + AUTO2 + 'esttab est1 est2, refcat(weight "Size", nolabel)')
    assert rc == 0 and "Size                                        " in out.split("\n")


def test_fragment_writes_the_rows_alone(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO1 + AUTO2 + f'esttab est1 est2 using "{f}", fragment')
    assert rc == 0, out
    lines = f.read_text().split("\n")
    assert lines[0].startswith("            &\\multicolumn{1}{c}{(1)}")
    assert lines[2] == "\\hline" and lines[-2].startswith("\\(N\\)       &          74")
    text = f.read_text()
    assert "tabular" not in text and "\\def\\sym" not in text and "footnotesize" not in text
    assert "hline\\hline" not in text
    rc, out, _ = do(AUTO1 + AUTO2 + "esttab est1 est2, fragment")
    lines = out.split("\n")
    assert lines[1] == "                      (1)             (2)   "
    assert lines[-2] == "N                      74              74   " and "statistics" not in out


def test_page_wraps_a_latex_and_an_html_document(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO1 + AUTO2 + f'esttab est1 est2 using "{f}", page(amsmath) booktabs alignment(D{{.}}{{.}}{{-1}})')
    assert rc == 0, out
    lines = f.read_text().split("\n")
    assert re.fullmatch(r"% [ 0-9]\d \w{3} \d{4} \d\d:\d\d:\d\d", lines[0])
    assert lines[1:6] == ["\\documentclass{article}", "\\usepackage{amsmath}", "\\usepackage{booktabs}",
                          "\\begin{document}", ""]
    assert "\\begin{tabular}{l*{2}{D{.}{.}{-1}}}" in lines
    assert lines[-4:] == ["", "\\end{document}", "", ""]
    h = tmp_path / "t.html"
    rc, out, _ = do(AUTO1 + AUTO2 + f'esttab est1 est2 using "{h}", page title(Prices) alignment(center)')
    assert rc == 0, out
    lines = h.read_text().split("\n")
    assert lines[:7] == ["<html>", "<head>", "<title>Prices</title>", "</head>", "<body>", "",
                         '<table border="0" width="*">']
    assert '<tr><td>weight      </td><td align="center">       1.747<sup>**</sup> </td>' in h.read_text()


def test_wide_tex_column_spec_is_one_c_per_column_of_a_model(do, tmp_path):
    f = tmp_path / "w.tex"
    rc, out, _ = do(AUTO1 + AUTO2 + f'esttab est1 est2 using "{f}", wide')
    assert rc == 0 and "\\begin{tabular}{l*{2}{cc}}" in f.read_text()


def test_rtf_alignment(do, tmp_path):
    f = tmp_path / "t.rtf"
    rc, out, _ = do(AUTO1 + f'esttab est1 using "{f}", alignment(r)')
    assert rc == 0 and "\\pard\\intbl\\qr {1.747{\\super **}}" in f.read_text()


def test_errors(do, tmp_path):
    rc, out, _ = do(AUTO1 + "esttab est1, fragment page")
    assert rc == 198 and "options fragment and page not both allowed" in out
    rc, out, _ = do(AUTO1 + "esttab est1, page")
    assert rc == 198 and "page" in out
    rc, out, _ = do(AUTO1 + "estout est1, fragment")
    assert rc == 198 and "option fragment not allowed" in out


def test_mgroups_over_the_model_numbers(do):
    rc, out, _ = do(AUTO1 + AUTO2 + AUTO1.replace("est1", "est3") + AUTO2.replace("est2", "est4")
                    + 'esttab est1 est2 est3 est4, mgroups("Group A" "Group B", pattern(1 0 1 0))')
    assert rc == 0, out
    lines = out.split("\n")
    # WriteCaption without span: a group's label right-aligned in its first column
    assert lines[1] == "-" * 76
    assert lines[2] == "                  Group A                         Group B                   "
    assert lines[3] == "                      (1)             (2)             (3)             (4)   "
    rc, out, _ = do(AUTO1 + AUTO2 + 'esttab est1 est2, mgroups("A long group label", span) nonumbers')
    assert rc == 0, out  # span: one cell 2*(12+1+3)-1 wide, the label left-aligned
    assert out.split("\n")[2] == " " * 13 + "A long group label" + " " * 13


def test_mgroups_latex_span_prefix_suffix_erepeat(do, tmp_path):
    """The row as a published esttab fragment shows it (label, booktabs: two groups of two models,
    ``\\multicolumn{2}{c}{OLS}`` left-aligned in 2*(12+1+9)-1 = 43 characters, the cmidrules
    after the row's end)."""
    f = tmp_path / "g.tex"
    models = AUTO1 + AUTO2 + AUTO1.replace("est1", "est3") + AUTO2.replace("est2", "est4")
    rc, out, _ = do(models + f'esttab est1 est2 est3 est4 using "{f}", booktabs label fragment '
                    'mgroups("OLS" "IV", pattern(1 0 1 0) prefix(\\multicolumn{@span}{c}{) suffix(}) span '
                    'erepeat(\\cmidrule(lr){@span}))')
    assert rc == 0, out
    lines = f.read_text().split("\n")
    assert lines[0] == ("                    &\\multicolumn{2}{c}{OLS}                    &\\multicolumn{2}{c}{IV}"
                        "                     \\\\\\cmidrule(lr){2-3}\\cmidrule(lr){4-5}")
    assert lines[1] == ("                    &\\multicolumn{1}{c}{(1)}         &\\multicolumn{1}{c}{(2)}         "
                        "&\\multicolumn{1}{c}{(3)}         &\\multicolumn{1}{c}{(4)}         \\\\")


def test_mgroups_errors(do):
    rc, out, _ = do(AUTO1 + 'esttab est1, mgroups(A, pattern(1 2))')
    assert rc == 198
    rc, out, _ = do(AUTO1 + 'esttab est1, mgroups(A, begin(x))')
    assert rc == 198 and "begin" in out


def test_prehead_posthead_prefoot_postfoot_replace_esttabs_frame(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO1 + AUTO2 + f'esttab est1 est2 using "{f}", '
                    'prehead("\\begin{tabular}{l*{@M}{c}}" "\\toprule") posthead("\\midrule") '
                    'prefoot("\\midrule") postfoot("\\bottomrule" "\\end{tabular}" "% @span columns, @E models")')
    assert rc == 0, out
    lines = f.read_text().split("\n")
    assert lines[:2] == ["\\begin{tabular}{l*{2}{c}}", "\\toprule"]
    assert lines[2].startswith("            &\\multicolumn{1}{c}{(1)}") and lines[4] == "\\midrule"
    assert lines[5].startswith("weight      &       1.747\\sym{**} ")
    assert lines[-6] == "\\midrule" and lines[-5].startswith("\\(N\\)       &          74")
    assert lines[-4:] == ["\\bottomrule", "\\end{tabular}", "% 3 columns, 2 models", ""]
    assert "footnotesize" not in f.read_text() and "\\def\\sym" not in f.read_text()


def test_prehead_without_quotes_is_one_line_and_width_codes(do):
    rc, out, _ = do(AUTO1 + "esttab est1, prehead(Table 1: @width wide) posthead(@hline) nonumbers\n")
    assert rc == 0, out
    lines = out.split("\n")
    assert lines[1] == "Table 1: 28 wide" and lines[3] == "-" * 28 and lines[2].strip() == "price"


def test_substitute_replaces_the_modes_own(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO1 + f'esttab est1 using "{f}", substitute(_cons Constant "p<" "p < ")')
    assert rc == 0, out
    text = f.read_text()
    assert "Constant       &" in text and "\\_" not in text and "\\(p < 0.05\\)" in text


def test_number_style_nolz_dmarker_msign(do):
    """estout's vFormat: nolz drops the leading zero (also after a minus), dmarker() replaces the
    decimal point, msign() a leading minus; statistics too (published t of mpg: -0.57)."""
    rc, out, _ = do(AUTO1 + "esttab est1, nolz dmarker(,) msign(--)\n")
    assert rc == 0, out
    lines = out.split("\n")
    assert "mpg               --49,51   " in lines and "                  (--,57)   " in lines
    assert "                    (,54)   " in lines and "weight              1,747** " in lines
    rc, out, _ = do(AUTO1 + "esttab est1, nolz se\n")
    assert "                   (.641)   " in out.split("\n")


def test_row_begin_delimiter_end_hlinechar_interaction(do):
    rc, out, _ = do(AUTO1 + 'esttab est1, delimiter(" |") end(" |") hlinechar(=)\n')
    assert rc == 0, out
    lines = out.split("\n")
    assert lines[1] == "=" * 29 and lines[5] == "weight       |       1.747**  |"  # 12 + 2 + 12 + 3 wide
    post = ("matrix b = (0.5, 1)\nmatrix colnames b = 1.f#c.w _cons\nmatrix V = diag((0.01, 1))\n"
            "matrix colnames V = 1.f#c.w _cons\nmatrix rownames V = 1.f#c.w _cons\nereturn post b V\n")
    rc, out, _ = do(post + 'esttab, interaction(" x ") varwidth(20)\n')
    assert rc == 0 and any(line.startswith("1.f x c.w  ") for line in out.split("\n"))


def test_float_nofloat_nolabel_noreplace_and_refusals(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO1 + f'esttab est1 using "{f}", float')
    assert rc == 0 and f.read_text().split("\n")[0] == "\\begin{table}[htbp]\\centering"
    assert "\\end{table}" in f.read_text()
    rc, out, _ = do(AUTO1 + f'esttab est1 using "{f}", replace nofloat title(T)')
    assert rc == 0 and "begin{table}" not in f.read_text() and "\\caption{T}" in f.read_text()
    rc, out, _ = do(AUTO1 + "esttab est1, label nolabel\n")
    assert rc == 198 and "options label and nolabel not both allowed" in out
    rc, out, _ = do(AUTO1 + "esttab est1, nolabel noreplace\n")
    assert rc == 0
    for name in ("showtabs", "noisily"):  # fonttbl() is honoured since batch 41 (test_heldout_batch41)
        rc, out, _ = do(AUTO1 + f"esttab est1, {name}\n")
        assert rc == 198 and "not available in mlm" in out, name


def test_keep_drop_relax_and_unmatched_patterns(do):
    """estout.ado's ExpandEqVarlist: an unmatched keep()/drop() pattern is 'coefficient x not
    found' r(111) unless relax; order() adds a row for a name no model has."""
    rc, out, _ = do(AUTO1 + "esttab est1, drop(foo)\n")
    assert rc == 111 and "coefficient foo not found" in out
    rc, out, _ = do(AUTO1 + "esttab est1, keep(xx:mpg)\n")
    assert rc == 111 and "equation xx not found" in out
    rc, out, _ = do(AUTO1 + "esttab est1, drop(mpg foo, relax)\n")
    assert rc == 0 and "mpg" not in out and "weight              1.747** " in out.split("\n")
    rc, out, _ = do(AUTO1 + "esttab est1, keep(weight mpg foreign, relax) order(foreign)\n")
    lines = out.split("\n")
    assert rc == 0 and lines[5] == "foreign                     " and lines[8] == "weight              1.747** "
    assert "_cons" not in out


def test_varlabels_and_eform_beyond_the_doubles(do):
    rc, out, _ = do(AUTO1 + "esttab est1, varlabels(weight Weight _cons Constant)\n")
    assert rc == 0 and "Weight              1.747** " in out.split("\n") and "Constant" in out
    rc, out, _ = do(AUTO1 + "esttab est1, varlabels(weight W, elist(weight x))\n")
    assert rc == 198 and "elist" in out
    rc, out, _ = do(AUTO1 + "esttab est1, eform constant\n")  # exp(1946.069) is missing, as Stata's exp()
    assert rc == 0 and "_cons                   .   " in out.split("\n")
    rc, out, _ = do(AUTO1 + "esttab est1, eform\n")  # esttab help: eform drops the intercept unless constant
    assert rc == 0 and "_cons" not in out
    assert f"weight              {np.exp(1.746559):.3f}** " in out.split("\n")


def test_abs_notype_outfilenoteoff_noeqlines_and_pairs(do, tmp_path):
    rc, out, _ = do(AUTO1 + "esttab est1, abs\n")
    assert rc == 0 and "                   (0.57)   " in out.split("\n")  # |t| of mpg, published -0.57
    assert "Absolute t statistics in parentheses" in out
    rc, out, _ = do(AUTO1 + "esttab est1, notype\n")
    assert rc == 0 and out.strip() == ""
    f = tmp_path / "t.txt"
    rc, out, _ = do(AUTO1 + f'esttab est1 using "{f}", outfilenoteoff')
    assert rc == 0 and "output written" not in out and f.exists()
    rc, out, _ = do(AUTO1 + "esttab est1, type notype\n")
    assert rc == 198 and "options type and notype not both allowed" in out
    rc, out, _ = do(AUTO1 + "esttab est1, equations(1)\n")  # matched: one equation, named #1, unlabelled
    assert rc == 0 and "#1" not in out
    two = ("matrix b = (1, 2, 3)\nmatrix colnames b = a:x a:_cons b:_cons\nmatrix V = diag((1, 1, 1))\n"
           "matrix colnames V = a:x a:_cons b:_cons\nmatrix rownames V = a:x a:_cons b:_cons\nereturn post b V\n")
    rc, out, _ = do(two + "esttab, noeqlines\n")
    lines = out.split("\n")
    assert rc == 0 and lines.count("-" * 28) == 4  # top, under the header, above N, bottom: none between a and b


def test_cells_par_strings_and_vacant(do):
    rc, out, _ = do(AUTO1 + AUTO2 + "esttab est1 est2, cells(b(vacant(n.a.)) se(par({ })))\n")
    lines = out.split("\n")
    assert rc == 0 and "foreign              n.a.       3673.1" in lines
    assert "                  {0.641}      {0.631}" in lines
    rc, out, _ = do(AUTO1 + "esttab est1, csv plain cells(se(par(`\"=\"(\"' `\")\"')))\n")
    assert rc == 0 and '"weight","="(.6413538)"' in out.split("\n")  # Excel's ="(...)" trick
    rc, out, _ = do(AUTO1 + "esttab est1, cells(ci(par(< >)))\n")
    assert rc == 198 and "not available in mlm" in out
