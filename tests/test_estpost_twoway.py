"""estpost tabulate rowvar colvar (estpost.ado's estpost_tabulate_twoway): e(b) e(pct) e(colpct)
e(rowpct) column by column with totals, their names, the listing (matlist.ado's lines(eq)
layout) and esttab reading them; the percentages checked against pandas.crosstab."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

DATA = ('clear\ninput x str5 s g\n1 "a b" 1\n2 "c" 1\n2 "c" 2\n3 "d" 2\n1 "d" 2\n. "" 1\n2 "c" 2\nend\n'
        'label define gl 1 "Domestic" 2 "Foreign"\nlabel values g gl\n')
X = [1, 2, 2, 3, 1, 2]  # the rows with x and g both present
G = [1, 1, 2, 2, 2, 2]


def _crosstab(normalize):
    return pd.crosstab(pd.Series(X, name="x"), pd.Series(G, name="g"), margins=True, normalize=normalize)


def _column_by_column(table: pd.DataFrame) -> list[float]:
    return [float(v) for col in table.columns for v in table[col]]


def test_posted_matrices_against_crosstab(do):
    rc, out, s = do(DATA + "estpost tabulate x g")
    assert rc == 0, out
    e = s.e
    names = [f"{eq}:{r}" for eq in ("Domestic", "Foreign", "Total") for r in ("1", "2", "3", "Total")]
    for key in ("b", "pct", "colpct", "rowpct"):
        assert tuple(e.matrices[key].colnames) == tuple(names), key
    counts = pd.crosstab(pd.Series(X, name="x"), pd.Series(G, name="g"), margins=True)
    assert e.matrices["b"].values[0].tolist() == _column_by_column(counts)
    assert e.matrices["pct"].values[0] == pytest.approx(np.array(_column_by_column(counts)) / len(X) * 100)
    colpct = _crosstab("columns") * 100  # crosstab leaves out the Total row: put it back (100 each)
    assert e.matrices["colpct"].values[0].reshape(3, 4)[:, :3].ravel() == pytest.approx(
        np.array(_column_by_column(colpct)))
    assert e.matrices["colpct"].values[0].reshape(3, 4)[:, 3].tolist() == [100, 100, 100]
    rowpct = _crosstab("index") * 100  # crosstab leaves out the Total column: put it back (100 each)
    assert e.matrices["rowpct"].values[0][:8] == pytest.approx(np.array(_column_by_column(rowpct)))
    assert e.matrices["rowpct"].values[0][8:].tolist() == [100, 100, 100, 100]
    assert e.scalars == {"N": 6, "r": 3, "c": 2}
    assert (e.macros["rowvar"], e.macros["colvar"], e.macros["subcmd"]) == ("x", "g", "tabulate")
    assert "depvar" not in e.macros


def test_listing_layout(do):
    rc, out, _ = do(DATA + "estpost tabulate x g")
    assert rc == 0, out
    lines = out.split("\n")
    start = lines.index("g            |" + " " * 44)
    assert lines[start - 1] == ""
    assert lines[start + 1:start + 9] == [
        "           x |      e(b)     e(pct)  e(colpct)  e(rowpct) ",
        "-------------+--------------------------------------------",
        "Domestic     |                                            ",
        "           1 |         1   16.66667         50         50 ",
        "           2 |         1   16.66667         50   33.33333 ",
        "           3 |         0          0          0          0 ",
        "       Total |         2   33.33333        100   33.33333 ",
        "-------------+--------------------------------------------"]
    assert lines[start + 9] == "Foreign      |" + " " * 44


def test_string_variable_nototal_names_and_labels(do):
    rc, out, s = do(DATA + "estpost tabulate s g, nototal quietly")
    assert rc == 0 and "e(b)" not in out, out
    assert tuple(s.e.matrices["b"].colnames) == ("Domestic:a b", "Domestic:c", "Domestic:d", "Foreign:a b",
                                                  "Foreign:c", "Foreign:d")
    assert s.e.matrices["b"].values[0].tolist() == [1, 1, 0, 0, 2, 2]
    rc, out, s = do(DATA + 'label define gl 2 "For.", modify\nestpost tabulate x g')
    assert rc == 0, out
    assert tuple(s.e.matrices["b"].colnames)[4] == "2:1" and s.e.macros["eqlabels"] == '`"Domestic"\' `"For."\''
    assert "column labels saved in macro e(eqlabels)" in out


def test_esttab_shows_the_columns_as_equations(do):
    rc, out, _ = do(DATA + 'estpost tabulate x g, quietly\nesttab, cells("b colpct(fmt(2))") noobs')
    assert rc == 0, out
    lines = out.split("\n")
    k = lines.index(next(ln for ln in lines if ln.startswith("Foreign")))
    assert lines[k + 1].split() == ["1", "1", "25.00"]
