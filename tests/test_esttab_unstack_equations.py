"""esttab / estout ``unstack`` and ``equations()`` (estout help; estout.ado's MatchNames,
AdjustRowEq, TableIsAMess, ModelEqCheck). The unstacked layout is checked against the published
output in estpost's help file: ``estpost tabulate rep78 foreign`` on the auto data (its counts
rebuilt here: the column percents are the published ones) tabulated with ``esttab ., cell(colpct(
fmt(2))) unstack noobs``."""
from __future__ import annotations

AUTO_TAB = """clear
input rep78 foreign n
1 0 2
2 0 8
3 0 27
4 0 9
5 0 2
3 1 3
4 1 9
5 1 9
end
expand n
label define origin 0 "Domestic" 1 "Foreign"
label values foreign origin
quietly estpost tabulate rep78 foreign
"""

PUBLISHED_COLPCT = """---------------------------------------------------
                      (1)
 
                 Domestic      Foreign        Total
                   colpct       colpct       colpct
---------------------------------------------------
1                    4.17         0.00         2.90
2                   16.67         0.00        11.59
3                   56.25        14.29        43.48
4                   18.75        42.86        26.09
5                    4.17        42.86        15.94
Total              100.00       100.00       100.00
---------------------------------------------------"""

TWO_MODELS = """matrix b = (1, 2)
matrix colnames b = x _cons
matrix V = diag((1, 4))
matrix colnames V = x _cons
matrix rownames V = x _cons
ereturn post b V
ereturn local cmd "."
estimates store m1
matrix b = (3, 4, 5, 6)
matrix colnames b = y:x y:_cons lnsig:_cons a:z
matrix V = diag((1, 1, 1, 1))
matrix colnames V = y:x y:_cons lnsig:_cons a:z
matrix rownames V = y:x y:_cons lnsig:_cons a:z
ereturn post b V
ereturn local cmd "."
estimates store m2
"""


def _lines(out: str, start: str) -> list[str]:
    text = out[out.index(start):]
    return [line.rstrip() or " " for line in text.splitlines()]


def test_unstack_matches_estposts_published_twoway_table(do):
    rc, out, _ = do(AUTO_TAB + "esttab ., cell(colpct(fmt(2))) unstack noobs")
    assert rc == 0, out
    lines = _lines(out, "-" * 51)
    assert lines[:14] == PUBLISHED_COLPCT.splitlines()


def test_unstack_latex_spans_the_model_number_over_its_columns(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(AUTO_TAB + f'esttab . using "{f}", cell(colpct(fmt(2))) unstack noobs')
    assert rc == 0, out
    text = f.read_text()
    assert "\\begin{tabular}{l*{3}{c}}" in text  # @E: the model-equation columns
    assert "&\\multicolumn{3}{c}{(1)}" in text
    assert "&    Domestic&     Foreign&       Total\\\\" in text


def test_unstack_two_models_columns_statistics_and_constant_last(do):
    rc, out, _ = do(TWO_MODELS + "esttab m1 m2, nostar not unstack scalars(N)")
    assert rc == 0, out
    lines = [line.rstrip() for line in out.splitlines()]
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("(1)"))
    assert lines[head].split() == ["(1)", "(2)"]
    assert lines[head + 2].split() == ["_", "y", "lnsig", "a"]  # a column per model and equation
    body = [line.split() for line in lines[head + 4:head + 7]]
    assert body == [["x", "1", "3"], ["z", "6"], ["_cons", "2", "4", "5"]]  # _cons last
    col = lines[head].index("(2)") + 2  # model 2's first column ends under its number
    assert lines[head + 2][col] == "y"


def test_default_matching_puts_the_first_equations_in_main(do):
    """A model after the first without a coefficient in the table's first equation (a regress
    beside a model whose first equation is named): all first equations are matched as main."""
    rc, out, _ = do(TWO_MODELS + "esttab m1 m2, nostar not")
    assert rc == 0, out
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert ["main"] in rows and ["x", "1", "3"] in rows and ["_cons", "2", "4"] in rows
    assert ["y"] not in rows
    rc, out, _ = do(TWO_MODELS + 'esttab m1 m2, nostar not equations("")')  # by name only
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert ["_"] in rows and ["y"] in rows and ["x", "1"] in rows and ["x", "3"] in rows


def test_equations_numbering_and_names(do):
    rc, out, _ = do(TWO_MODELS + "esttab m1 m2, nostar not equations(1)")
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert rc == 0 and ["#1"] in rows and ["_cons", "2", "4"] in rows
    rc, out, _ = do(TWO_MODELS + "esttab m1 m2, nostar not eq(pos = 1:3)")
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert rc == 0 and ["pos"] in rows and ["z", "6"] in rows and ["x", "1"] in rows
    assert ["y"] in rows and ["x", "3"] in rows
    rc, out, _ = do(TWO_MODELS + "esttab m1 m2, nostar not eq(pos = 1:3) keep(pos:)")
    rows = [line.split() for line in out.splitlines() if line.strip()]
    assert rc == 0 and ["x", "3"] not in rows and ["z", "6"] in rows  # keep() names the matched equation


def test_equations_errors(do):
    cases = {"eq(y = 1)": "specified equation name already occurs in model 2",
             "eq(1:2:3)": "a term should consist of either 1 or 2 equation numbers",
             "eq(1:x)": "x was found, while an integer equation number was expected",
             "eq(1, 2:3)": "equation number 2 for model 1 out of range",
             "eq(a = 1, a = 2)": "duplicate matched equation names"}
    for option, message in cases.items():
        rc, out, _ = do(TWO_MODELS + f"esttab m1 m2, {option}")
        assert rc == 198 and message in out, option


def test_eqlabels_lhs_as_in_estposts_published_example(do):
    """estpost help: ``esttab ., cell(colpct(fmt(2)) ...) collabels(none) unstack noobs nonumber
    nomtitle eqlabels(, lhs("Repair Rec."))`` heads the table with one row."""
    rc, out, _ = do(AUTO_TAB + 'esttab ., cell(colpct(fmt(2))) collabels(none) unstack noobs nonumber nomtitle '
                    'eqlabels(, lhs("Repair Rec."))')
    assert rc == 0, out
    lines = _lines(out, "-" * 51)
    assert lines[:4] == ["-" * 51, "Repair Rec.      Domestic      Foreign        Total", "-" * 51,
                         "1                    4.17         0.00         2.90"]
    rc, out, _ = do(AUTO_TAB + "esttab ., cell(colpct) unstack eqlabels(D F T)")
    assert rc == 0 and "                        D            F            T" in out
    rc, out, _ = do(AUTO_TAB + "esttab ., cell(colpct) unstack eqlabels(, merge)")
    assert rc == 198 and "eqlabels(): suboption merge not available in mlm" in out


def test_estout_unstack_of_the_active_results_has_no_model_label_row(do):
    """estout.ado: the active results alone (``.``) get no model labels row (mlabels none)."""
    rc, out, _ = do(AUTO_TAB + "estout ., cell(colpct(fmt(2))) unstack")
    assert rc == 0, out
    lines = [line.rstrip() for line in out.splitlines()]
    head = lines.index("                 Domestic      Foreign        Total")
    assert lines[head - 1] == ""  # no "." above the equations' labels
