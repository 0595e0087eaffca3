"""frmttable and outreg (Gallup): tables from a matrix and from the active estimates,
substatistics and double statistics, decimals, store/replay/append/merge, the display,
the RTF/TeX files (no overwrite without replace) and the errors."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mlmcli.results.formatted_table import FormattedTable, merge_columns

MATS = """
matrix est1 = (-1.2346, 0.0456, -1.3, -1.1)
matrix rownames est1 = r1
matrix dcols = (0, 0, 0, 1)
matrix esta = (12345 \\ -2345.678)
matrix rownames esta = N ll
matrix est2 = (-1.5, 0.1, -1.7, -1.3 \\ 0.5, 0.2, 0.2, 1.1)
matrix rownames est2 = r1 r2
"""


def _table_lines(out: str) -> list[str]:
    lines = out.rstrip("\n").split("\n")
    return lines[lines.index("") + 1:] if "" in lines else lines


def test_substat_doubles_sdec_layout(do):
    rc, out, s = do(MATS + "frmttable, statmat(est1) doubles(dcols) substat(2) sdec(3) store(t1)")
    assert rc == 0, out
    assert out.rstrip("\n").split("\n")[-6:] == [
        "",
        "-----------------------",
        " r1       -1.235",
        "          (0.046)",
        "     [-1.300 - -1.100]",
        "-----------------------",
    ]
    assert "t1" in s.settings["frmttable"]["stored"]


def test_append_and_merge_as_the_corpus_does(do):
    text = (MATS + "frmttable, statmat(est1) doubles(dcols) substat(2) sdec(3) store(est1_1)\n"
            "frmttable, sdec(0) statmat(esta) append(est1_1) store(est1_2)\n"
            "frmttable, statmat(est2) doubles(dcols) substat(2) sdec(3) store(est2_1)\n"
            "frmttable, sdec(0) statmat(esta) append(est2_1) store(est2_2)\n"
            "outreg, replay(est1_2) merge(est2_2) store(table1)")
    rc, out, s = do(text)
    assert rc == 0, out
    table = s.settings["frmttable"]["stored"]["table1"]
    assert table.rtitles == ("r1", "", "", "r2", "", "", "N", "ll")
    assert table.body[0] == ("-1.235", "-1.500")
    assert table.body[3] == ("", "0.500")           # r2: only the second table has it
    assert table.body[6] == ("12,345", "12,345")    # sdec(0), thousands commas
    assert table.body[7] == ("-2,346", "-2,346")
    assert out.rstrip("\n").split("\n")[-10:] == [
        "------------------------------------------",
        " r1       -1.235             -1.500",
        "          (0.046)            (0.100)",
        "     [-1.300 - -1.100]  [-1.700 - -1.300]",
        " r2                           0.500",
        "                             (0.200)",
        "                         [0.200 - 1.100]",
        " N        12,345             12,345",
        " ll       -2,346             -2,346",
        "------------------------------------------",
    ]


def test_merge_inserts_new_rows_after_their_predecessor():
    old = FormattedTable(body=(("1",), ("(2)",), ("9",)), rtitles=("a", "", "N"))
    new = FormattedTable(body=(("3",), ("4",), ("8",)), rtitles=("a", "b", "N"))
    merged = merge_columns(old, new)
    assert merged.rtitles == ("a", "", "b", "N")
    assert merged.body == (("1", "3"), ("(2)", ""), ("", "4"), ("9", "8"))


def test_sdec_grid_sfmt_titles_notes(do):
    rc, out, s = do("matrix m = (1234.5678, 2 \\ 3, 4.25)\nmatrix colnames m = A B\n"
                    'frmttable, statmat(m) sdec(2, 0 \\ 1) sfmt(f) title("T") note("n1") rtitles("x" \\ "y")')
    assert rc == 0, out
    t = s.settings["frmttable"]["current"]
    assert t.body == (("1234.57", "2"), ("3.0", "4.2"))   # the last grid row extends
    assert t.ctitles == (("", "A", "B"),) and t.rtitles == ("x", "y")
    assert t.title == ("T",) and t.notes == ("n1",)
    assert " n1" in out and "T" in out


def _ols_data(n=40, seed=5):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    return pd.DataFrame({"y": 1 + 2 * x + 0.3 * z + rng.normal(size=n), "x": x, "z": z})


def test_outreg_numbers_match_ols_by_hand(do):
    df = _ols_data()
    rc, out, s = do('label variable x "The x"\nregress y x z\n'
                    "outreg, nocons stats(b se ci p) sdec(4) varlabels store(m1)", df=df)
    assert rc == 0, out
    from scipy import stats

    X = np.column_stack([df.x, df.z, np.ones(len(df))])
    b, *_ = np.linalg.lstsq(X, df.y, rcond=None)
    resid = df.y - X @ b
    dfr = len(df) - 3
    V = (resid @ resid / dfr) * np.linalg.inv(X.T @ X)
    se = np.sqrt(np.diag(V))
    crit = stats.t.isf(0.025, dfr)
    p = 2 * stats.t.sf(abs(b / se), dfr)
    t = s.settings["frmttable"]["stored"]["m1"]
    assert t.rtitles[:4] == ("The x", "", "", "")
    stars = "*" * (int(p[0] < 0.05) + int(p[0] < 0.01))
    assert t.body[0] == (f"{b[0]:.4f}{stars}",)
    assert t.body[1] == (f"({se[0]:.4f})",)
    assert t.body[2] == (f"[{b[0] - crit * se[0]:.4f} - {b[0] + crit * se[0]:.4f}]",)
    assert t.body[3] == (f"|{p[0]:.4f}|",)
    assert "_cons" not in t.rtitles and t.rtitles[-2:] == ("R2", "N")  # outreg.ado: r2 \\ N
    assert t.notes == ("* p<0.05; ** p<0.01",)


def test_outreg_default_t_stats_nostars_noautosumm(do):
    rc, out, s = do("regress y x z\noutreg, nostars noautosumm bdec(2) tdec(1)", df=_ols_data())
    assert rc == 0, out
    t = s.settings["frmttable"]["current"]
    assert t.rtitles == ("x", "", "z", "", "_cons", "") and t.notes == ()
    e = s.e
    k = list(e.coefficients().names).index("x")
    bx, sx = e.coefficients().b[k], math.sqrt(e.coefficients().V[k, k])
    assert t.body[0] == (f"{bx:.2f}",) and t.body[1] == (f"({abs(bx / sx):.1f})",)
    assert t.ctitles == (("", "y"),)


def test_files_rtf_tex_and_no_overwrite(do, tmp_path):
    path = tmp_path / "tab"
    rc, out, s = do(f'matrix m = (1, 2)\nfrmttable using "{path}", statmat(m)')
    assert rc == 0, out
    text = (tmp_path / "tab.doc").read_text()
    assert text.startswith("{\\rtf1") and "\\cell" in text and text.rstrip().endswith("}")
    rc, out, s = do(f'matrix m = (1, 2)\nfrmttable using "{path}", statmat(m)')
    assert rc == 602 and "already exists" in out
    rc, out, s = do(f'matrix m = (3, 4)\nfrmttable using "{path}", statmat(m) replace')
    assert rc == 0 and "3.000" in (tmp_path / "tab.doc").read_text()
    rc, out, s = do(f'matrix m = (5, 6)\nfrmttable using "{path}", statmat(m) addtable')
    text = (tmp_path / "tab.doc").read_text()
    assert rc == 0 and "3.000" in text and "5.000" in text and text.count("\\rtf1") == 1
    tex = tmp_path / "t.tex"
    rc, out, s = do(f'matrix m = (1.5, 2)\nmatrix rownames m = a_b\nfrmttable using "{tex}", statmat(m)')
    body = tex.read_text()
    assert rc == 0 and "\\begin{tabular}{lcc}" in body and "a\\_b & 1.500 & 2.000 \\\\" in body


@pytest.mark.parametrize("text, rc, words", [
    ("frmttable, statmat(nosuch)", 111, "matrix nosuch not found"),
    ("matrix m = (1,2,3)\nfrmttable, statmat(m) substat(1)", 198, "multiple of 2"),
    ("matrix m = (1,2)\nfrmttable, statmat(m) sdec(x)", 198, "option sdec() incorrectly specified"),
    ("matrix m = (1,2)\nfrmttable, statmat(m) bogus", 198, "option bogus not allowed"),
    ("frmttable, replay(nothere)", 111, "table nothere not found"),
    ("frmttable", 198, "no frmttable table in memory"),
    ("outreg", 301, "last estimates not found"),
    ("matrix m = (1,2)\nfrmttable, statmat(m) append(a) merge(b)", 198, "may not be combined"),
])
def test_errors(do, text, rc, words):
    got, out, _ = do(text)
    assert got == rc and words in out, out
