"""Stata's matrix language: ``matrix define`` expressions, subscripts, element assignment,
names, ``matrix list`` layouts and options, matrices in scalar expressions, svmat/mkmat,
and Stata's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def mat(session, name):
    m = session.matrices[name]
    return np.asarray(m.values, float), m.rownames, m.colnames


def ok(do, text, **kw):
    rc, out, s = do(text, **kw)
    assert rc == 0, out
    return out, s


def rc_of(do, text, **kw):
    return do(text, **kw)[0]


# ---------------------------------------------------------------- layouts
def test_matrix_list_compact_layout_of_the_users_guide(do):
    # [U] 14.4: `matrix input mymat = (1,2\3,4)` then `matrix list mymat`
    out, _ = ok(do, "matrix input mymat = (1,2\\3,4)\nmatrix list mymat")
    assert out == "\nmymat[2,2]\n    c1  c2\nr1   1   2\nr2   3   4\n"


def test_matrix_list_symmetric_lower_triangle_and_nohalf(do):
    # verbatim Stata: `matrix list e(V)` after `regress bweight mbsmoke mage sm_age`
    text = ("matrix V = (10733.267, 71.343306, -403.72658, -1997.5365 \\ 71.343306, 2.6610229, -2.6610229, "
            "-71.343306 \\ -403.72658, -2.6610229, 15.868305, 71.343306 \\ -1997.5365, -71.343306, 71.343306, "
            "1997.5365)\nmatrix rownames V = mbsmoke mage sm_age _cons\nmatrix colnames V = mbsmoke mage sm_age _cons\n"
            "matrix list V")
    out, s = ok(do, text)
    assert out.split("\n")[1:] == [
        "symmetric V[4,4]",
        "            mbsmoke        mage      sm_age       _cons",
        "mbsmoke   10733.267",
        "   mage   71.343306   2.6610229",
        " sm_age  -403.72658  -2.6610229   15.868305",
        "  _cons  -1997.5365  -71.343306   71.343306   1997.5365", ""]
    out, _ = ok(do, "matrix list V, nohalf", session=s)
    assert out.split("\n")[3] == "mbsmoke   10733.267   71.343306  -403.72658  -1997.5365"


def test_matrix_list_wraps_columns_into_panels_at_the_line_size(do):
    # verbatim Stata 19 `matrix list e(b)` with nine columns at linesize 80
    names = "mpg weight length turn trunk headroom displacement gear_ratio _cons"
    values = "-106.52857, 4.8527254, -80.74026, -307.76057, 105.61283, -791.71181, 12.221453, 2317.7772, 12675.275"
    out, _ = ok(do, f"set linesize 80\nmatrix b = ({values})\nmatrix rownames b = y1\nmatrix colnames b = {names}\n"
                    "matrix list b")
    assert out.split("\n")[1:] == [
        "b[1,9]",
        "             mpg        weight        length          turn         trunk",
        "y1    -106.52857     4.8527254     -80.74026    -307.76057     105.61283",
        "",
        "        headroom  displacement    gear_ratio         _cons",
        "y1    -791.71181     12.221453     2317.7772     12675.275", ""]


def test_matrix_list_options_title_noheader_nonames_noblank_format(do):
    _, s = ok(do, "matrix A = (1.5, -2 \\ 3, 4)")
    out, _ = ok(do, "matrix list A, title(my matrix) format(%5.2f)", session=s)
    assert out == "\nA[2,2]:  my matrix\n       c1     c2\nr1   1.50  -2.00\nr2   3.00   4.00\n"
    out, _ = ok(do, "matrix list A, noheader nonames noblank", session=s)
    assert out == "  1.5   -2\n    3    4\n"
    assert rc_of(do, "matrix list A, format(%q)", session=s) == 120
    assert rc_of(do, "matrix list A, bogus", session=s) == 198


def test_matrix_list_row_equations_are_written_eq_colon_name(do):
    _, s = ok(do, "matrix A = I(2)\nmatrix rownames A = y:x lns1_1_1:_cons\nmatrix coleq A = eq1")
    out, _ = ok(do, "matrix list A", session=s)
    assert out.split("\n")[2:6] == ["                 eq1:  eq1:", "                  c1    c2",
                                    "           y:x     1", "lns1_1_1:_cons     0     1"]


# ---------------------------------------------------------------- algebra
def test_operators_and_the_names_they_give(do):
    _, s = ok(do, "matrix A = (1,2\\3,4)\nmatrix rownames A = a b\nmatrix colnames A = x y\n"
                  "matrix B = A*A'\nmatrix C = A + I(2)\nmatrix D = 2*A/4 - A\nmatrix K = A # (1,0)\n"
                  "matrix R = (A \\ 5, 6)\nmatrix Q = (A, (7\\8))\nmatrix N = -A'")
    A = np.array([[1.0, 2], [3, 4]])
    v, r, c = mat(s, "B")
    assert np.allclose(v, A @ A.T) and r == ("a", "b") and c == ("a", "b")
    v, r, c = mat(s, "C")
    assert np.allclose(v, A + np.eye(2)) and r == ("r1", "r2") and c == ("c1", "c2")  # B's names (the manual's c = a + b)
    assert np.allclose(mat(s, "D")[0], 2 * A / 4 - A)
    v, r, c = mat(s, "K")
    assert np.allclose(v, np.kron(A, [[1, 0]])) and r == ("a:r1", "b:r1") and c == ("x:c1", "x:c2", "y:c1", "y:c2")
    v, r, c = mat(s, "R")
    assert np.allclose(v, [[1, 2], [3, 4], [5, 6]]) and r == ("a", "b", "r3") and c == ("x", "y")
    v, r, c = mat(s, "Q")
    assert np.allclose(v, [[1, 2, 7], [3, 4, 8]]) and c == ("x", "y", "c3")
    assert np.allclose(mat(s, "N")[0], -A.T)


def test_precedence_transpose_negation_kronecker_multiplication_joins(do):
    _, s = ok(do, "matrix A = (1,2\\3,4)\nmatrix X = -A'*A + A#I(1)\nmatrix Y = 1,2\\3,4\nmatrix Z = 2^3*A")
    A = np.array([[1.0, 2], [3, 4]])
    assert np.allclose(mat(s, "X")[0], -A.T @ A + A)
    assert np.allclose(mat(s, "Y")[0], A)
    assert np.allclose(mat(s, "Z")[0], 8 * A)


def test_functions_returning_matrices(do):
    _, s = ok(do, "matrix S = (4,2\\2,3)\nmatrix Si = inv(S)\nmatrix Sy = invsym(S)\nmatrix L = cholesky(S)\n"
                  "matrix d = vecdiag(S)\nmatrix Dg = diag(d)\nmatrix J1 = J(2,3,7)\nmatrix C = corr(S)\n"
                  "matrix H = hadamard(S,S)\nmatrix v = vec(S)\nmatrix G = invsym((1,1\\1,1))")
    S = np.array([[4.0, 2], [2, 3]])
    assert np.allclose(mat(s, "Si")[0], np.linalg.inv(S))
    assert np.allclose(mat(s, "Sy")[0], np.linalg.inv(S))
    assert np.allclose(mat(s, "L")[0], np.linalg.cholesky(S))
    assert np.allclose(mat(s, "d")[0], [[4, 3]]) and np.allclose(mat(s, "Dg")[0], np.diag([4, 3]))
    assert np.allclose(mat(s, "J1")[0], np.full((2, 3), 7))
    assert np.allclose(mat(s, "C")[0], S / np.sqrt(np.outer([4, 3], [4, 3])))
    assert np.allclose(mat(s, "H")[0], S * S)
    assert np.allclose(mat(s, "v")[0].ravel(), [4, 2, 2, 3])
    # a singular symmetric matrix: the collinear pivot's row and column are zero
    assert np.allclose(mat(s, "G")[0], [[1, 0], [0, 0]])


def test_functions_returning_scalars_in_display_and_generate(do):
    out, s = ok(do, "matrix A = (1,2\\3,4)\ndisplay el(A,2,1) + rowsof(A)*10 + colsof(A)*100 + trace(A)*1000\n"
                    "display det(A)\ndisplay issymmetric(A) matmissing(A)\ndisplay A[1,2]\ndisplay A[3,3]\n"
                    "matrix rownames A = a b\ndisplay A[\"b\",2]\ndisplay rownumb(A, \"b\")",
                df=pd.DataFrame({"x": [1.0, 2.0]}))
    assert out.split("\n")[:7] == ["5223", "-2", "00", "2", ".", "4", "2"]
    ok(do, "generate y = x*A[2,2]", session=s)
    assert list(s.data.df["y"]) == [4.0, 8.0]


def test_subscripts_ranges_names_and_element_assignment(do):
    _, s = ok(do, "matrix A = (1,2,3\\4,5,6\\7,8,9)\nmatrix rownames A = a b c\nmatrix colnames A = x y z\n"
                  "matrix B = A[2...,1..2]\nmatrix C = A[\"b\",\"z\"]\nmatrix E = A[1,1...]\n"
                  "matrix A[1,1] = 100\nmatrix A[\"c\",\"y\"] = -1\nmatrix A[2,2] = (0,0\\0,0)")
    v, r, c = mat(s, "B")
    assert np.allclose(v, [[4, 5], [7, 8]]) and r == ("b", "c") and c == ("x", "y")
    assert np.allclose(mat(s, "C")[0], [[6]])
    assert np.allclose(mat(s, "E")[0], [[1, 2, 3]])
    assert np.allclose(mat(s, "A")[0], [[100, 2, 3], [4, 0, 0], [7, 0, 0]])


def test_nullmat_grows_a_matrix_in_a_loop(do):
    _, s = ok(do, "forvalues i = 1/3 {\n  matrix R = nullmat(R) \\ (`i', `i'^2)\n}")
    assert np.allclose(mat(s, "R")[0], [[1, 1], [2, 4], [3, 9]])


def test_scalars_and_estimation_results_in_matrix_expressions(do):
    df = pd.DataFrame({"y": [1.0, 3, 2, 5, 4], "x": [1.0, 2, 3, 4, 5]})
    _, s = ok(do, "quietly regress y x\nscalar k = 2\nmatrix b = e(b)\nmatrix V = e(V)\n"
                  "matrix est = J(1,4,.)\nmatrix est[1,1] = b[1,1]\nmatrix est[1,2] = _se[x]\n"
                  "matrix est[1,3] = est[1,1] - invttail(e(N)-1,0.05/2)*est[1,2]\nmatrix est[1,4] = k*e(N)\n"
                  "matrix g = get(_b)\nmatrix se = vecdiag(V)", df=df)
    b, r, c = mat(s, "b")
    assert r == ("y1",) and c == ("x", "_cons")
    from scipy import stats
    est = mat(s, "est")[0].ravel()
    se = np.sqrt(mat(s, "V")[0][0, 0])
    assert est[1] == pytest.approx(se)
    assert est[2] == pytest.approx(b[0, 0] - stats.t.ppf(0.975, 4) * se)
    assert est[3] == 10
    assert np.allclose(mat(s, "g")[0], b)
    out, _ = ok(do, "display e(b)[1,1] - b[1,1]\ndisplay (e(V)[1,1])^(1/2) - _se[x]\ndisplay colsof(e(b))",
                session=s)
    assert out.split("\n")[:3] == ["0", "0", "2"]


def test_names_rownames_colnames_roweq_coleq(do):
    _, s = ok(do, "matrix A = J(2,2,0)\nmatrix rownames A = \"N\" \"ll\"\nmatrix colnames A = eq1:a eq2:b\n"
                  "matrix coleq A = new\nmatrix roweq A = r\nmatrix colnames A = p q")
    _, r, c = mat(s, "A")
    assert r == ("r:N", "r:ll") and c == ("new:p", "new:q")
    assert rc_of(do, "matrix rownames A = a b c", session=s) == 503


def test_drop_dir_rename(do):
    out, s = ok(do, "matrix A = I(2)\nmatrix B = J(1,3,0)\nmatrix dir\nmatrix rename B C\nmatrix drop A")
    assert out == "           A[2,2]\n           B[1,3]\n"
    assert list(s.matrices) == ["C"]
    ok(do, "matrix drop _all", session=s)
    assert s.matrices == {}


def test_symeigen_and_svd(do):
    _, s = ok(do, "matrix S = (4,2\\2,3)\nmatrix symeigen X v = S\nmatrix svd U w V = S")
    S = np.array([[4.0, 2], [2, 3]])
    X, v = mat(s, "X")[0], mat(s, "v")[0].ravel()
    assert v[0] >= v[1] and np.allclose(S @ X, X * v)
    U, w, Vm = mat(s, "U")[0], mat(s, "w")[0].ravel(), mat(s, "V")[0]
    assert np.allclose(U @ np.diag(w) @ Vm.T, S)


# ---------------------------------------------------------------- data <-> matrices
def test_svmat_and_mkmat(do):
    df = pd.DataFrame({"x": [1.0, 2, np.nan], "y": [4.0, 5, 6]})
    out, s = ok(do, "mkmat x y, matrix(XY)\nmkmat x y, matrix(Z) nomissing rownames(y)\nmkmat y\n"
                    "matrix T = (1,2\\3,4\\5,6\\7,8)\nmatrix colnames T = a b\nsvmat T, names(col)\nsvmat double T",
                df=df)
    v, r, c = mat(s, "XY")
    assert np.allclose(v, [[1, 4], [2, 5], [np.nan, 6]], equal_nan=True) and c == ("x", "y")
    v, r, _ = mat(s, "Z")
    assert v.shape == (2, 2) and r == ("4", "5")
    assert mat(s, "y")[2] == ("y",)
    assert "number of observations will be reset to 4" in out
    df2 = s.data.df
    assert list(df2["a"]) == [1, 3, 5, 7] and list(df2["T2"]) == [2, 4, 6, 8] and s.data.types["T1"] == "double"
    assert rc_of(do, "svmat T, names(col)", session=s) == 110


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("text, rc", [
    ("matrix A = (1,2) + (1,2,3)", 503),
    ("matrix A = (1,2) * (1,2)", 503),
    ("matrix A = I(2) + 1", 503),
    ("matrix A = nosuch*2", 111),
    ("matrix list nosuch", 111),
    ("matrix A = I(2)\nmatrix B = A[3,1]", 503),
    ("matrix A = I(2)\nmatrix A[1,5] = 1", 503),
    ("matrix A = I(2)\nmatrix B = A[\"zz\",1]", 503),
    ("matrix A = inv(J(2,2,1))", 506),
    ("matrix A = cholesky((1,2\\2,1))", 506),
    ("matrix A = inv((1,.\\0,1))", 504),
    ("matrix A = frob(2)", 133),
    ("matrix input A = (1+1, 2)", 198),
    ("matrix 1A = I(2)", 198),
    ("matrix A = (1,2", 132),
    ("matrix A = I(2)\ndisplay A", 111),
    ("matrix bogus A", 199),
    ("matrix A = (1,2)/(1,2)", 503),
    ("matrix A = I(2)\nmatrix B = exp(A)", 509),
])
def test_errors_are_statas(do, text, rc):
    assert rc_of(do, text) == rc


def test_a_failing_definition_leaves_the_matrix_as_it_was(do):
    _, s = ok(do, "matrix A = (1,2)")
    assert rc_of(do, "matrix A = A + (1,2,3)", session=s) == 503
    assert np.allclose(mat(s, "A")[0], [[1, 2]])
