"""outreg2's tab-separated text file, laid out as the tables outreg2 wrote for Bazzi (2017)'s
replication package (tanfei-li/Development_Replication, ``tabfig/table3reducedform.txt`` and
``tabfig/table5intensive.txt``: ``outreg2 using ..., excel asterisk(se) label dec() symbol()``).
Their layout, reconstructed here on this test's own data and numbers from statsmodels:

    <tab>(1)                                      the column numbers (a LABELS cell: empty)
    VARIABLES<tab>LABELS<tab><outcome's label>    label: the dependent variable's label heads
    <tab>                                         an empty row, every cell empty
    x1<tab><x1's label><tab>0.123                 names first, labels second
    <tab><tab>(0.045)$^{***}$                     asterisk(se): the stars after the SE
    Constant<tab>Constant<tab>...
    <tab><tab>                                    an empty row above the statistics
    Observations<tab><tab>24,856                  statistics: the LABELS cell empty
    R-squared<tab><tab>0.020
    Robust standard errors in parentheses<tab><tab>   notes: as wide as the table
    $^{***}$ p<0.01, $^{**}$ p<0.05, $^{*}$ p<0.1<tab><tab>
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

SYMBOLS = ("$^{***}$", "$^{**}$", "$^{*}$")


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(2017)
    n, groups = 240, 30
    g = np.repeat(np.arange(1, groups + 1), n // groups)
    price, rain, other = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
    shock = rng.normal(size=groups)[g - 1]
    y = 0.2 - 0.35 * price + 0.05 * rain + 0.3 * other + shock + rng.normal(size=n)
    return pd.DataFrame({"d_emig": y, "price": price, "rain": rain, "other": other, "g": g.astype(float)})


def _symbol(p: float) -> str:
    return SYMBOLS[0] if p < 0.01 else SYMBOLS[1] if p < 0.05 else SYMBOLS[2] if p < 0.1 else ""


@pytest.fixture
def go(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = new_session(_frame())

    def do(text):
        out, rc = run(session, text, stop_on_error=False)
        assert rc == 0, out
        return out
    return do


LABELS = ('label variable d_emig "difference in log emigration rate"\n'
          'label variable price "price shock"\nlabel variable rain "rainfall shock"\n'
          'global sym "symbol($^{***}$, $^{**}$, $^{*}$)"\n')


def _cluster_fit(columns):
    df = _frame()
    X = sm.add_constant(df[columns])
    return sm.OLS(df["d_emig"], X).fit(cov_type="cluster", cov_kwds={"groups": df["g"].astype(int)})


def test_one_column_as_the_published_intensive_margin_table(go, tmp_path):
    """table5intensive.txt's shape: reg ..., cl() then outreg2 ..., label dec(3) keep() with
    asterisk(se) and symbol(); ``other`` has no label, so its LABELS cell is empty."""
    go(LABELS + "quietly regress d_emig price rain other, cluster(g)\n"
       "outreg2 using tab5.xls, excel asterisk(se) label dec(3) $sym replace")
    fit = _cluster_fit(["price", "rain", "other"])
    body = []
    for name, label in (("price", "price shock"), ("rain", "rainfall shock"), ("other", ""),
                        ("const", "Constant")):
        shown = "Constant" if name == "const" else name
        body.append(f"{shown}\t{label}\t{fit.params[name]:.3f}")
        body.append(f"\t\t({fit.bse[name]:.3f}){_symbol(fit.pvalues[name])}")
    expected = ["\t\t(1)", "VARIABLES\tLABELS\tdifference in log emigration rate", "\t\t", *body, "\t\t",
                f"Observations\t\t{len(_frame())}", f"R-squared\t\t{fit.rsquared:.3f}",
                "Robust standard errors in parentheses\t\t",
                "$^{***}$ p<0.01, $^{**}$ p<0.05, $^{*}$ p<0.1\t\t"]
    assert (tmp_path / "tab5.txt").read_text() == "\n".join(expected) + "\n"


def test_appended_columns_as_the_published_reduced_form_table(go, tmp_path):
    """table3reducedform.txt's shape: appended columns, a coefficient one column lacks left
    empty in every cell of its rows, each row as wide as the table."""
    go(LABELS + "quietly regress d_emig price, cluster(g)\n"
       "outreg2 using tab3.xls, excel asterisk(se) label keep(price rain) dec(6) $sym replace\n"
       "quietly regress d_emig price rain, cluster(g)\n"
       "outreg2 using tab3.xls, excel asterisk(se) label keep(price rain) dec(6) $sym append")
    one, two = _cluster_fit(["price"]), _cluster_fit(["price", "rain"])
    lines = (tmp_path / "tab3.txt").read_text().split("\n")
    assert lines[-1] == "" and all(ln.count("\t") == 3 for ln in lines[:-1])
    assert lines[:3] == ["\t\t(1)\t(2)",
                         "VARIABLES\tLABELS\tdifference in log emigration rate\tdifference in log emigration rate",
                         "\t\t\t"]
    assert lines[3] == f"price\tprice shock\t{one.params['price']:.6f}\t{two.params['price']:.6f}"
    assert lines[4] == (f"\t\t({one.bse['price']:.6f}){_symbol(one.pvalues['price'])}"
                        f"\t({two.bse['price']:.6f}){_symbol(two.pvalues['price'])}")
    assert lines[5] == f"rain\trainfall shock\t\t{two.params['rain']:.6f}"
    assert lines[6] == f"\t\t\t({two.bse['rain']:.6f}){_symbol(two.pvalues['rain'])}"
    assert lines[7].startswith("Constant\tConstant\t") and lines[9] == "\t\t\t"
    assert lines[10] == f"Observations\t\t{len(_frame())}\t{len(_frame())}"
    assert lines[11] == f"R-squared\t\t{one.rsquared:.6f}\t{two.rsquared:.6f}"


def test_without_label_no_labels_column_and_the_depvar_heads(go, tmp_path):
    go(LABELS + "quietly regress d_emig price\noutreg2 using plain.txt, replace")
    lines = (tmp_path / "plain.txt").read_text().split("\n")
    assert lines[:4] == ["\t(1)", "VARIABLES\td_emig", "\t", lines[3]] and lines[3].startswith("price\t")
    assert "price shock" not in "\n".join(lines)


def test_label_with_unlabelled_data_and_ctitle(go, tmp_path):
    """No variable labelled: cleanFile joins nothing, so even the constant's LABELS cell is
    empty and the dependent variable's name heads the column; ctitle() wins over the label."""
    go("quietly regress d_emig price\noutreg2 using bare.txt, label replace")
    lines = (tmp_path / "bare.txt").read_text().split("\n")
    assert lines[1] == "VARIABLES\tLABELS\td_emig"
    assert next(ln for ln in lines if ln.startswith("Constant")).split("\t")[1] == ""
    go(LABELS + "outreg2 using titled.txt, label ctitle(Main) replace")
    lines = (tmp_path / "titled.txt").read_text().split("\n")
    assert lines[1] == "VARIABLES\tLABELS\tMain"
    assert next(ln for ln in lines if ln.startswith("Constant")).split("\t")[1] == "Constant"


def test_label_other_files_show_the_labels_in_place_of_the_names(go, tmp_path):
    """_outreg2's "label replacement" for its other files: the label (else the name) in the
    first column, no LABELS column; the .txt beside them keeps both."""
    go(LABELS + "quietly regress d_emig price other\noutreg2 using both.tex, label replace")
    tex = (tmp_path / "both.tex").read_text()
    assert "price shock" in tex and "LABELS" not in tex
    assert any(ln.startswith("other\t\t") for ln in (tmp_path / "both.txt").read_text().split("\n"))


def test_excel_file_rows_as_the_published_intensive_margin_workbook(go, tmp_path):
    """tabfig/table5intensive.xml (outreg2's _xmlout): the .txt's rows with the labels in place
    of the names and VARIABLES above them, the empty row under the headings bordered on top,
    the last statistic bordered below, the notes in the first cell alone."""
    import re

    go(LABELS + "quietly regress d_emig price other, cluster(g)\n"
       "outreg2 using book.xls, asterisk(se) label dec(3) $sym replace")
    xml = (tmp_path / "book.xls").read_text()
    rows = [re.findall(r'<Cell ss:StyleID="(s\d+)"><Data ss:Type="String">([^<]*)</Data>', r)
            for r in re.findall(r"<Row>(.*?)</Row>", xml)]
    fit = _cluster_fit(["price", "other"])
    firsts = [r[0][1] if r else None for r in rows]
    assert firsts == [None, "", "VARIABLES", "", "price shock", "", "other", "", "Constant", "", "",
                      "Observations", "R-squared", "Robust standard errors in parentheses",
                      "$^{***}$ p&lt;0.01, $^{**}$ p&lt;0.05, $^{*}$ p&lt;0.1"]
    assert rows[2][1] == ("s22", "difference in log emigration rate")
    assert rows[3] == [("s31", ""), ("s21", "")]  # the empty row: the headings' bottom rule
    assert rows[4][1] == ("s22", f"{fit.params['price']:.3f}")
    assert rows[12] == [("s33", "R-squared"), ("s23", f"{fit.rsquared:.3f}")]
    assert all(len(r) == 1 and r[0][0] == "s24" for r in rows[13:])
