"""ereturn / return / sreturn: listings in Stata's order, results set inside rclass /
eclass / sclass programs (r() replaced when the program ends), ereturn post/repost/display,
and the class errors r(151)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_ereturn_list_after_regress_in_statas_order(do):
    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4, 6], "x": [1.0, 2, 3, 4, 5, 6]})
    rc, out, _ = do("quietly regress y x\nereturn list", df=df)
    assert rc == 0
    keys = [l.split("=")[0].split(":")[0].strip() for l in out.split("\n") if l.strip().startswith("e(")]
    # verbatim order of Stata's `ereturn list` after `regress` (scalars, macros, matrices, functions)
    assert keys == ["e(N)", "e(df_m)", "e(df_r)", "e(F)", "e(r2)", "e(rmse)", "e(mss)", "e(rss)", "e(r2_a)",
                    "e(ll)", "e(ll_0)", "e(rank)", "e(cmdline)", "e(title)", "e(marginsok)", "e(vce)",
                    "e(depvar)", "e(cmd)", "e(properties)", "e(predict)", "e(model)", "e(estat_cmd)",
                    "e(b)", "e(V)", "e(sample)"]
    assert '            e(cmdline) : "regress y x"' in out


RCLASS = """program define mymean, rclass
  syntax varname
  quietly summarize `varlist'
  return scalar mean = r(mean)
  return scalar seen = r(N)
  display "r(mean) meanwhile: " r(mean) " r(sd) still: " r(sd)
  return local var "`varlist'"
  matrix M = (1, 2)
  return matrix M = M
end
"""


def test_rclass_program_returns_replace_r_at_the_end(do):
    df = pd.DataFrame({"z": [1.0, 2, 3, 4]})
    rc, out, s = do(RCLASS + "mymean z\nreturn list", df=df)
    assert rc == 0, out
    assert "r(mean) meanwhile: 2.5" in out
    assert set(s.r) == {"mean", "seen", "var", "M"} and s.r["mean"] == 2.5 and s.r["var"] == "z"
    assert "M" not in s.matrices  # moved into r()
    assert out.split("\n")[-10:-2] == ["scalars:", "               r(mean) =  2.5", "               r(seen) =  4",
                                      "", "macros:", '                r(var) : "z"', "", "matrices:"]


ECLASS = """program define mypost, eclass
  matrix b = (1, 2)
  matrix colnames b = x _cons
  matrix V = (.25, 0 \\ 0, 1)
  matrix colnames V = x _cons
  matrix rownames V = x _cons
  ereturn post b V, depname(y) obs(50) dof(48)
  ereturn local cmd "mypost"
  ereturn scalar ll = -20
end
"""


def test_eclass_program_posts_and_ereturn_display(do):
    rc, out, s = do(ECLASS + "mypost\nereturn display\ntest x\ndisplay _b[x] + _se[_cons]")
    assert rc == 0, out
    assert s.e.cmd == "mypost" and s.e.scalars["N"] == 50 and s.e.macros["depvar"] == "y"
    assert "b" not in s.matrices and "V" not in s.matrices
    row = next(l for l in out.split("\n") if l.strip().startswith("x |")).split()
    assert row[2:6] == ["1", ".5", "2.00", "0.051"]  # t on 48 df
    assert out.strip().endswith("2")


def test_class_errors_and_sreturn(do):
    prog = "program define bad\n  return scalar x = 1\nend\nprogram define bade\n  ereturn scalar x = 1\nend\n"
    assert do(prog + "bad")[0] == 151
    assert do(prog + "bade")[0] == 151
    rc, out, s = do("program define ps, sclass\n  sreturn local a hello\nend\nps\nsreturn list")
    assert rc == 0 and s.s == {"a": "hello"} and '                  s(a) : "hello"' in out


def test_ereturn_post_errors(do):
    base = "matrix b = (1,2)\nmatrix V = I(3)\n"
    assert do(base + "ereturn post b V")[0] == 503
    assert do("matrix b = (1,2)\nmatrix colnames b = x y\nmatrix V = I(2)\nereturn post b V")[0] == 507
    assert do("ereturn post nosuch")[0] == 111
    assert do("ereturn matrix b = nosuch")[0] == 198


def test_return_at_top_level_and_ereturn_scalar_after_estimation(do):
    df = pd.DataFrame({"y": [1.0, 3, 2, 5], "x": [1.0, 2, 3, 4]})
    rc, out, s = do("quietly regress y x\nereturn scalar icc = .25\nereturn local note hi\ndisplay e(icc)\n"
                    "return scalar k = 3\ndisplay r(k)", df=df)
    assert rc == 0 and out.split("\n")[:2] == [".25", "3"] and s.e.macros["note"] == "hi"


def test_ereturn_display_shows_empty_cells_as_regress_does(do):
    # a#b has no observation at a=2, b=2: regress prints (empty), and so does ereturn display
    # (the cell is read from the data within e(sample)); a collinear cell with data stays
    # (omitted), and an empty cell outside e(sample) is empty too
    df = pd.DataFrame({"y": [1, 2, 3, 4, 5, 6, 7, 3, 9.0], "a": [1, 1, 2, 1, 2, 1, 1, 2, 2.0],
                       "b": [1, 2, 1, 1, 1, 2, 1, 1, 2.0], "x": [1, 2, 3, 4, 5, 6, 7, 8, 9.0]})
    rc, out, _ = do("regress y i.a#i.b x if _n < 9\nereturn display", df=df)
    assert rc == 0, out
    cells = [line for line in out.splitlines() if line.strip().startswith("2 2  |")]
    assert len(cells) == 2 and all(line.endswith("0  (empty)") for line in cells)
    rc, out, _ = do("gen x2 = 2*x\nregress y x x2\nereturn display", df=df)
    rows = [line for line in out.splitlines() if line.strip().startswith("x2 |")]
    assert len(rows) == 2 and all(line.endswith("0  (omitted)") for line in rows)
