"""Mata (mlmcli.mata): operators, subscripts, statements, functions, the Stata interface,
the display at Mata's prompt (layouts of published Stata 13 sessions), errors and the
do-file echo."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def value(session, name):
    return session.mata[name]


# ----------------------------------------------------------------------------- display
def test_kronecker_product_shows_as_stata_shows_it(do):
    rc, out, _ = do("mata: a = 1,2\\3,4\nmata: b = 0,5\\6,7\nmata: a#b")
    assert rc == 0
    assert "\n".join([
        "        1    2    3    4",
        "    +---------------------+",
        "  1 |   0    5    0   10  |",
        "  2 |   6    7   12   14  |",
        "  3 |   0   15    0   20  |",
        "  4 |  18   21   24   28  |",
        "    +---------------------+",
    ]) + "\n" in out


def test_a_column_vector_and_scalars_show_as_stata_shows_them(do):
    rc, out, _ = do("mata: (2\\3\\5\\8)\nmata: 3.4\nmata: .1502887173\nmata: 2+2")
    assert "       1\n    +-----+\n  1 |  2  |\n  2 |  3  |\n  3 |  5  |\n  4 |  8  |\n    +-----+\n" in out
    assert "\n  3.4\n" in out and "\n  .1502887173\n" in out and "\n  4\n" in out


def test_wide_matrices_continue_in_further_boxes(do):
    rc, out, _ = do("set linesize 80\nmata: (1..30)")
    assert rc == 0 and out.count("+---") == 6 and "       29   30" in out


# ----------------------------------------------------------------------------- semantics
@pytest.mark.parametrize("expr, expected", [
    ("(1,2\\3,4) * (1\\1)", [[3], [7]]),
    ("(1,2\\3,4) :* (10,100)", [[10, 200], [30, 400]]),
    ("(1,2\\3,4) :+ (1\\2)", [[2, 3], [5, 6]]),
    ("2 * (1,2)", [[2, 4]]),
    ("(1,2) / 2", [[0.5, 1]]),
    ("(1,2\\3,4)'", [[1, 3], [2, 4]]),
    ("-2^2", [[-4]]),
    ("(1::3)", [[1], [2], [3]]),
    ("(3..1)", [[3, 2, 1]]),
    ("1/0", [[np.nan]]),
    ("(1,2) == (1,2)", [[1]]),
    ("(1,.) :< (2,3)", [[1, 0]]),
    (". > 1e300", [[1]]),
    ("1 < 2 & 2 < 1", [[0]]),
    ("1 ? 5 : 6", [[5]]),
    ("J(2,3,1)", [[1, 1, 1], [1, 1, 1]]),
    ("diag((1,2))", [[1, 0], [0, 2]]),
    ("diagonal((1,2\\3,4))", [[1], [4]]),
    ("sum((1,.,3))", [[4]]),
    ("mean((1,2\\3,.))", [[2, 2]]),
    ("rowsum((1,2\\3,4))", [[3], [7]]),
    ("max((1,9\\3,.))", [[9]]),
    ("invsym((4,2\\2,3)) * (4,2\\2,3)", [[1, 0], [0, 1]]),
    ("cholesky((4,2\\2,3))", [[2, 0], [1, np.sqrt(2)]]),
    ("rows(J(3,2,0)), cols(J(3,2,0))", [[3, 2]]),
    ("invlogit(0)", [[0.5]]),
    ("round(2.456, .01)", [[2.46]]),
])
def test_expressions(do, expr, expected):
    rc, out, s = do(f"mata: r__ = {expr}")
    assert rc == 0, out
    np.testing.assert_allclose(value(s, "r__"), np.array(expected, dtype=float), atol=1e-12)


def test_subscripts_read_and_write(do):
    rc, out, s = do("mata: A = (1,2,3\\4,5,6\\7,8,9)\n"
                    "mata: a = A[2,3]\nmata: c = A[,2]\nmata: r = A[3,]\nmata: m = A[2..3, 1..2]\n"
                    "mata: l = A[(3\\1), .]\nmata: A[1,.] = (0,0,0)\nmata: v = (5,6,7)\nmata: e = v[2]\n"
                    "mata: A[2..3,3] = (-1\\-2)")
    assert rc == 0, out
    assert value(s, "a").tolist() == [[6]]
    assert value(s, "c").tolist() == [[2], [5], [8]]
    assert value(s, "r").tolist() == [[7, 8, 9]]
    assert value(s, "m").tolist() == [[4, 5], [7, 8]]
    assert value(s, "l").tolist() == [[7, 8, 9], [1, 2, 3]]
    assert value(s, "e").tolist() == [[6]]
    assert value(s, "A").tolist() == [[0, 0, 0], [4, 5, -1], [7, 8, -2]]


def test_statements_loops_and_chained_assignment(do):
    text = ("mata:\nu = r = 0\nfor (i=1; i <= 10; i++) {\n  r = r + i\n  if (i == 3) continue\n"
            "  u = u + 1\n}\nk = 0\nwhile (1) {\n  k++\n  if (k >= 5) break\n}\nend")
    rc, out, s = do(text)
    assert rc == 0, out
    assert value(s, "r").tolist() == [[55]] and value(s, "u").tolist() == [[9]]
    assert value(s, "k").tolist() == [[5]] and value(s, "i").tolist() == [[11]]


def test_gauss_hermite_nodes_integrate_the_normal_expectation(do):
    text = ("mata:\ngh = _gauss_hermite_nodes(12)'\ngh[,1] = gh[, 1] :* sqrt(2)\n"
            "gh[,2] = gh[, 2] :/ sqrt(pi())\nm2 = sum(gh[,1]:^2 :* gh[,2])\nw = sum(gh[,2])\nend")
    rc, out, s = do(text)
    assert rc == 0, out
    assert value(s, "gh").shape == (12, 2)
    assert value(s, "w")[0, 0] == pytest.approx(1, abs=1e-13)
    assert value(s, "m2")[0, 0] == pytest.approx(1, abs=1e-12)  # E[z^2] = 1 for z ~ N(0,1)


# ----------------------------------------------------------------------------- Stata interface
def test_stata_interface(do):
    df = __import__("pandas").DataFrame({"x": [1.0, 2, 3, 4], "y": [2.0, 4.1, 5.9, 8.2]})
    text = ("regress y x\nscalar s = 2.5\nlocal who \"world\"\n"
            "mata: b = st_matrix(\"e(b)\")\nmata: s = st_numscalar(\"s\")\nmata: n = st_numscalar(\"e(N)\")\n"
            "mata: st_numscalar(\"t\", s * 2)\nmata: st_matrix(\"B\", b :* 2)\n"
            "mata: st_local(\"greeting\", \"hello \" + st_local(\"who\"))\n"
            "mata: X = st_data(., \"x y\")\nmata: none = st_matrix(\"nosuch\")\n"
            "mata: stata(\"display 40 + 2\")\ndisplay \"`greeting'\" scalar(t)")
    rc, out, s = do(text, df)
    assert rc == 0, out
    np.testing.assert_allclose(value(s, "b"), s.e.matrices["b"].values)
    assert value(s, "n").tolist() == [[4]] and s.scalars["t"] == 5.0
    np.testing.assert_allclose(s.matrices["B"].values, 2 * s.e.matrices["b"].values)
    assert s.matrices["B"].colnames == ("c1", "c2")
    assert value(s, "X").tolist() == [[1, 2], [2, 4.1], [3, 5.9], [4, 8.2]]
    assert value(s, "none").shape == (0, 0)
    assert "\n42\n" in out and "hello world5" in out


def test_macros_in_a_block_are_expanded_and_clear_mata_drops_the_variables(do):
    rc, out, s = do("local k 3\nmata:\nx = `k' * 2\nend\nmata: y = 1\nclear mata")
    assert rc == 0 and s.mata == {}
    rc, out, s = do("local k 3\nmata:\nx = `k' * 2\nend")
    assert value(s, "x").tolist() == [[6]]


# ----------------------------------------------------------------------------- errors and echo
@pytest.mark.parametrize("statement, code, text", [
    ("nosuch + 1", 3499, "nosuch not found"),
    ("(1,2) + (1,2,3)", 3200, "conformability error"),
    ("(1,2)[3]", 3301, "subscript invalid"),
    ("nofunction(1)", 3499, "nofunction() not found"),
    ("1 + ", 3000, "invalid expression"),
    ("\"a\" + 1", 3250, "type mismatch"),
])
def test_errors_give_matas_codes(do, statement, code, text):
    rc, out, s = do(f"mata: {statement}")
    assert rc == code
    assert f"<istmt>:  {code}  {text}" in out and f"r({code});" in out


def test_a_block_echoes_as_stata_and_mata_colon_stops_at_an_error(do):
    rc, out, s = do("mata:\nx = 1\nx\nend\ndisplay 9", echo=True)
    lines = out.split("\n")
    assert lines[0] == ". mata:"
    assert lines[1].startswith("-" * 49 + " mata (type end to exit) -")
    assert lines[2:8] == [": x = 1", "", ": x", "  1", "", ": end"]
    assert set(lines[8]) == {"-"} and lines[9:11] == ["", ". display 9"]
    rc, out, s = do("mata:\nx = 1\nnosuch\nx = 2\nend\ndisplay 9")
    assert rc == 3499 and value(s, "x").tolist() == [[1]] and "\n9\n" not in out


def test_mata_without_the_colon_reports_the_error_and_goes_on(do):
    rc, out, s = do("mata\nx = 1\nnosuch\nx = 2\nend\ndisplay 9", echo=True)
    assert rc == 0 and value(s, "x").tolist() == [[2]]
    assert ": nosuch\n" in out and "r(3499);\n\n: x = 2" in out and "\n9\n" in out


def test_a_block_inside_a_loop_runs_each_time_without_echo(do):
    rc, out, s = do("mata: t = 0\nforvalues i = 1/3 {\nmata:\nt = t + `i'\nend\n}", echo=True)
    assert rc == 0 and value(s, "t").tolist() == [[6]]
    assert "mata (type end to exit)" not in out


# A typed statement never crashes: it runs or gives a Mata error code.
_ATOMS = st.sampled_from(["1", "x", "(1,2)", "(1\\2)", "J(2,2,1)", ".", "\"s\"", "A", "sum(x)", "A'"])
_OPS = st.sampled_from(["+", "-", "*", "/", ":*", ":+", ",", "\\", "==", "<", "&", "#", "^", ":^", ".."])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ATOMS, _OPS), min_size=1, max_size=5), _ATOMS)
def test_random_statements_never_crash(new_session, run, pairs, last):
    session = new_session()
    run(session, "mata: x = (1,2,3)\nmata: A = (1,2\\3,4)")
    text = " ".join(a + " " + o for a, o in pairs) + " " + last
    printed, rc = run(session, f"mata: r = {text}")
    assert rc == 0 or 3000 <= rc < 3600, printed
