"""``tabout`` (Ian Watson, SSC; tabout.ado 2.0.7): frequency and summary tables written to a file.

The expected file text below is worked out by hand from the ado's logic (write_tab, write_tex,
do_output, sum_output, build_ncol, add_nrow, strip_rows) on a six-row dataset:

    g  h  x          g x h counts: g=1: 1 1 | g=2: 2 1 | g=3: 0 1  (rows 2 3 1, columns 3 3, 6)
    1  1  2          x by g: g=1 {2,4}, g=2 {6,8} (one missing), g=3 {10}, all {2,4,6,8,10}
    1  2  4
    2  1  6
    2  1  8
    2  2  .
    3  2  10

Seen in heldout/mongeon-bone (tabout seq using file.csv, replace|append f(4) sum style(csv)
c(N rsos mean rsos sd rsos ...)).
"""
from __future__ import annotations

import os

DATA = "clear\ninput g h x\n1 1 2\n1 2 4\n2 1 6\n2 1 8\n2 2 .\n3 2 10\nend\n"


def _file(path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _lines(*lines) -> str:
    return "".join(line + "\n" for line in lines)


def _written(new_session, run, tmp_path, name: str, command: str, data: str = DATA) -> str:
    """The text `command` (with FILE for the file's name) writes on a fresh session."""
    f = tmp_path / name
    out, rc = run(new_session(), data + command.replace("FILE", f'"{f}"'))
    assert rc == 0, out
    return _file(f)


def test_summary_oneway_csv_as_the_bone_file_writes_it(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.csv"
    out, rc = run(s, DATA + f'tabout g using "{f}", replace f(4) sum style(csv) c(N x mean x sd x)')
    assert rc == 0, out
    # three statistics after the first pair: a one-way table; N under f(4) too; sd of one value blank
    expected = _lines("g,N,Mean,Sd", ",x,x,x", "1,2.0000,3.0000,1.4142", "2,2.0000,7.0000,1.4142",
                      "3,1.0000,10.0000,", "Total,5.0000,6.0000,3.1623", "")
    assert _file(f) == expected
    assert f"Table output written to: {f}" in out
    assert "Total,5.0000,6.0000,3.1623" in out  # the file typed to the screen
    # append adds a second table after the first; `if` may follow the file name
    out, rc = run(s, f'tabout g using "{f}" if h == 1, append f(4) sum style(csv) c(N x mean x)')
    assert rc == 0, out
    assert _file(f) == expected + _lines("g,N,Mean", ",x,x", "1,1.0000,2.0000", "2,2.0000,7.0000",
                                         "Total,3.0000,5.3333", "")


def test_twoway_frequencies_default_tab(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + f'tabout g h using "{f}", replace')
    assert rc == 0, out
    assert _file(f) == _lines("\th\t\t", "g\t1\t2\tTotal", "\tNo.\tNo.\tNo.", "1\t1.0\t1.0\t2.0",
                              "2\t2.0\t1.0\t3.0", "3\t0.0\t1.0\t1.0", "Total\t3.0\t3.0\t6.0", "")
    assert s.data.var_labels["g"] == "g"  # tabout labels an unlabelled variable with its name


def test_col_layout_csv_labels_h1_and_quoted_commas(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.csv"
    cmd = (DATA + 'label define side 1 "Left" 2 "Right, side"\nlabel values h side\n'
           f'tabout g h using "{f}", replace c(freq col) f(0 1) clab(n pct) style(csv) h1(My title|)')
    out, rc = run(s, cmd)
    assert rc == 0, out
    assert _file(f) == _lines("My title,", 'g,Left,Left,"Right, side","Right, side",Total,Total',
                              ",n,pct,n,pct,n,pct", "1,1,33.3,1,33.3,2,33.3", "2,2,66.7,1,33.3,3,50.0",
                              "3,0,0.0,1,33.3,1,16.7", "Total,3,100.0,3,100.0,6,100.0", "")


def test_oneway_row_layout_with_cumulative_percent(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.txt", 'tabout g using FILE, replace c(freq cum) layout(row) f(0 1)')
    assert text == _lines("g\t", "1 No.\t2", "%\t33.3", "2 No.\t3", "%\t83.3", "3 No.\t1", "%\t100.0",
                          "Total No.\t6", "%\t", "")


def test_panels_without_totals_and_double_lines(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.txt",
                    "tabout g h using FILE, replace oneway ptotal(none) lines(double)")
    assert text == _lines("\tNo.", "g\t", "1\t2.0", "2\t3.0", "3\t1.0", "", "",
                          "h\t", "1\t3.0", "2\t3.0", "", "")


def test_single_total_panel_and_total_labels(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + f'tabout g h using "{f}", replace f(0) ptotal(single) total(All Sum) h1(nil) h3(nil)')
    assert rc == 0, out
    # the panel of g loses its total row; the last panel is the !PTOTAL! variable: one row "All"
    assert _file(f) == _lines("\t1\t2\tSum", "g\t\t\t", "1\t1\t1\t2", "2\t2\t1\t3", "3\t0\t1\t1", "",
                              "All\t3\t3\t6", "")


def test_tex_twoway(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.tex", 'tabout g h using FILE, replace style(tex) f(0)')
    assert text == _lines(" & \\multicolumn{3}{c}{h} \\\\", "g&1&2&Total \\\\", "&No.&No.&No. \\\\",
                          "\\hline", "1&1&1&2 \\\\", "2&2&1&3 \\\\", "3&0&1&1 \\\\", "Total&3&3&6 \\\\")


def test_tex_body_and_percent_cleaned(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.tex",
                    "tabout g using FILE, replace style(tex) c(cell) f(1p) body bt")
    assert text == _lines("\\documentclass{article}", "\\usepackage{multicol}", "\\begin{document}",
                          "\\begin{tabular}{lr}", "\\hline", "g&\\% \\\\", "\\midrule",
                          "1&33.3\\% \\\\", "2&50.0\\% \\\\", "3&16.7\\% \\\\", "Total&100.0\\% \\\\",
                          "\\hline", "\\end{tabular}", "\\end{document}")


def test_n_column_oneway_takes_its_heading_from_the_first_row(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.txt", 'tabout g using FILE, replace c(col) f(1) npos(col) nlab(Obs)')
    assert text == _lines("g\t%\tObs", "1\t33.3\t2", "2\t50.0\t3", "3\t16.7\t1", "Total\t100.0\t6", "")


def test_n_row_and_label_counts(new_session, run, tmp_path):
    text = _written(new_session, run, tmp_path, "t.txt", "tabout g h using FILE, replace f(0) npos(row) h1(nil)")
    assert text == _lines("g\t1\t2\tTotal", "\tNo.\tNo.\tNo.", "1\t1\t1\t2", "2\t2\t1\t3", "3\t0\t1\t1",
                          "Total\t3\t3\t6", "", "N\t3\t3\t6", "")
    text = _written(new_session, run, tmp_path, "t2.txt", "tabout g using FILE, replace f(0) npos(lab) nlab([#])")
    assert text == _lines("g\tNo.", "1 [2]\t2", "2 [3]\t3", "3 [1]\t1", "Total [6]\t6", "")


def test_summary_twoway_and_string_rows(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + f'tabout g h using "{f}", replace sum c(mean x) f(1) h1(nil)')
    assert rc == 0, out
    # cells: g=1: 2 | 4; g=2: 7 | (x missing); g=3: . | 10; row totals 3, 7, 10; columns 16/3, 7
    assert _file(f) == _lines("g\t1\t2\tTotal", "\tMean x\tMean x\tMean x", "1\t2.0\t4.0\t3.0",
                              "2\t7.0\t\t7.0", "3\t\t10.0\t10.0", "Total\t5.3\t7.0\t6.0", "")
    out, rc = run(s, 'generate str5 kind = cond(g == 1, "b", "a")\n'
                     f'tabout kind using "{f}", replace f(0)')
    assert rc == 0, out
    assert _file(f) == _lines("kind\tNo.", "a\t4", "b\t2", "Total\t6", "")
    assert "_kind_x" not in s.data.varnames


def test_no_overwrite_without_replace(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    f.write_text("keep me\n")
    out, rc = run(s, DATA + f'tabout g using "{f}"')
    assert rc == 0  # tabout's refusals print and return
    assert "The file " + str(f) + " already exists, but you haven't" in out
    assert "the file name or include replace or append." in out
    assert _file(f) == "keep me\n"
    new = tmp_path / "new.txt"
    out, rc = run(s, f'tabout g using "{new}", f(0)')
    assert rc == 0 and _file(new).startswith("g\tNo.\n")


def test_tabouts_own_refusals(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + f'tabout g h using "{f}", replace c(freq bogus)')
    assert rc == 0 and "Invalid type of entry in cells option, or you may" in out
    assert _file(f) == ""  # replace emptied the file before the cells were checked, as in the ado
    out, rc = run(s, f'tabout g using "{f}", replace sum c(mean nosuch)')
    assert "Variable nosuch not found r(111)" in out
    out, rc = run(s, f'tabout g using "{f}", replace f(2x)')
    assert "Error in format. Only the letters c, m and p are allowed." in out
    out, rc = run(s, f'generate double w = 1.5\ntabout g [fw=w] using "{f}", replace')
    assert "Problem with frequency weights r(401)" in out


def test_unbuilt_options_and_syntax_errors(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    for opt in ("svy", "stats(chi2)", "mi", "sort", "topf(a.txt)", "dpcomma"):
        out, rc = run(s, DATA + f'tabout g h using "{f}", replace {opt}')
        assert rc == 198 and "not allowed" in out, (opt, out)
    assert not os.path.exists(f)
    out, rc = run(s, "tabout g, replace")
    assert rc == 100 and "using required" in out
    out, rc = run(s, f'tabout g [aw=x] using "{f}", replace')
    assert rc == 101


def test_fweights_count_and_show_none(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + f'generate byte w = 2\ntabout g using "{f}", replace f(0) show(none)')
    assert rc == 0
    out, rc = run(s, f'tabout g [fw=w] using "{f}", replace f(0) show(none)')
    assert rc == 0 and "Table output written to" in out and "Total\t" not in out
    assert _file(f) == _lines("g\tNo.", "1\t4", "2\t6", "3\t2", "Total\t12", "")


def test_globals_tabout_leaves_and_clears(new_session, run, tmp_path):
    s = new_session()
    f = tmp_path / "t.txt"
    out, rc = run(s, DATA + 'global style mine\nglobal keepme yes\n'
                  f'tabout g h using "{f}", replace h1(Top) show(none)\n'
                  'display "[$style][$keepme][$h1][$sort][$n_offset][$dots]"')
    assert rc == 0, out
    # clearglobs drops $style (a user's global of that name too); h1, sort, n_offset and dots stay
    assert "[][yes][Top][0][0][nois _dots 5 0]" in out


def test_summary_statistics_of_summarize_detail(new_session, run, tmp_path):
    # x: 2 4 6 8 10: median 6, iqr p75-p25 = 8-4, r9010 = p90/p10 = 10/2; var is missing (r(Var))
    text = _written(new_session, run, tmp_path, "t.txt",
                    "tabout h using FILE, replace sum f(1) c(median x iqr x r9010 x var x min x max x sum x)")
    assert text.splitlines()[-2] == "Total\t6.0\t4.0\t5.0\t\t2.0\t10.0\t30.0"
    s = new_session()
    out, rc = run(s, DATA + f'tabout g using "{tmp_path / "u.txt"}", replace sum')
    assert rc == 198


def test_partly_labelled_values_and_money_format(new_session, run, tmp_path):
    # st_vlmap(): a value without a label is an empty heading; f(2m): the money sign before; with
    # h2(nil) the row variable names the h3 row
    text = _written(new_session, run, tmp_path, "t.txt",
                    'label define gl 1 "one"\nlabel values g gl\n'
                    "tabout g h in 1/3 using FILE, replace h1(nil) h2(nil) f(2m) money(EUR)")
    assert text == _lines("g\tNo.\tNo.\tNo.", "one\tEUR1.00\tEUR1.00\tEUR2.00", "\tEUR1.00\tEUR0.00\tEUR1.00",
                          "Total\tEUR2.00\tEUR1.00\tEUR3.00", "")
    out, rc = run(new_session(), DATA + "tabout g using, replace")
    assert rc == 198 and "invalid file specification" in out
