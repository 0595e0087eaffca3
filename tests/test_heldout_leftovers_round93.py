"""Held-out leftovers, round 93 (tests/realworld/heldout; task sm93):

* matrix expressions take a scalar expression's relational and logical operators on
  scalars and 1 x 1 matrices ([U] 14.9: ``matrix matname[i,j] = expression``; the
  expression is a scalar expression when it evaluates to one):
  ``matrix P[4,1] = min(a,b) * (sign(a) == sign(b))`` (heldout/phan-do);
* a by prefix typed without its colon (``bysort femme egen u0_femme = mean(u0)``,
  heldout/loty): by reads its varlist first -- ``variable egen not found`` r(111),
  ``varlist required`` r(100) for ``bysort`` alone -- and capture still applies;
* ``graph export x.emf`` (wmf/emf are Stata for Windows' formats, [G-2] graph export): was Stata
  off Windows' ``translator Graph2emf not found`` r(111); since gr100 written, as PDF is
  (tests/test_graph_export_metafiles.py reads the files back);
* ``estat icc`` after ``meglm ..., family(gaussian)``: the linear model's ICC, as after mixed;
* ``version 17`` runs; a version past the newest release is Stata's r(9).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
HSB = ROOT / "samples" / "data" / "hsb.dta"


# ----------------------------------------------------------------------------- (a) matrices
def test_element_assignment_takes_relational_operators(do):
    rc, out, s = do("""
        scalar a = -0.25
        scalar b = -0.75
        matrix P = J(4, 3, .)
        matrix P[4, 1] = min(a, b) * (sign(a) == sign(b))
        matrix P[3, 1] = min(a, 1) * (sign(a) == sign(1))
        matrix A = J(2, 2, 1)
        matrix A[1, 1] = 2*(1<2)
        matrix B = A*(1<2) + A*(3 <= 2)
    """)
    assert rc == 0, out
    P = s.matrices["P"]
    assert P.values[3, 0] == -0.75 and P.values[2, 0] == 0.0
    assert s.matrices["A"].values.tolist() == [[2, 1], [1, 1]]
    assert s.matrices["B"].values.tolist() == [[2, 1], [1, 1]]


def test_logical_operators_and_missing_values_follow_scalar_expressions(do):
    rc, out, s = do("""
        matrix C = (!0, 1|0, 0&1, ~1 \\ . > 1, .a > ., 1 != 2, "a" == "a")
        matrix D = (2 > 1 & 3 > 2, 1 + 1 == 2, 1 < 2 == 1, -1 < 0)
    """)
    assert rc == 0, out
    assert s.matrices["C"].values.tolist() == [[1, 1, 0, 0], [1, 1, 1, 1]]
    # + binds tighter than ==, relational operators tighter than &
    assert s.matrices["D"].values.tolist() == [[1, 1, 1, 1]]


def test_a_matrix_operand_of_a_relational_operator_is_r509(do):
    rc, out, s = do("""
        matrix A = (1, 2 \\ 3, 4)
        matrix E = A == A
    """)
    assert rc == 509 and "matrix operators that return matrices not allowed in this context" in out
    assert "E" not in s.matrices
    rc, out, s = do("matrix A = (1, 2 \\ 3, 4)\nmatrix F = A[1,1] == 1", session=s)
    assert rc == 0 and s.matrices["F"].values.tolist() == [[1]]


def test_relational_operators_in_function_arguments_and_subscripts(do):
    rc, out, s = do("""
        matrix A = (1, 2 \\ 3, 4)
        matrix G = (cond(2 > 1, 7, 8), el(A, 1 == 1, 2), A[1 + (2 > 1), 1])
    """)
    assert rc == 0, out
    assert s.matrices["G"].values.tolist() == [[7, 2, 3]]


# ----------------------------------------------------------------------------- (b) by without colon
@pytest.fixture
def hsb_session(new_session):
    return new_session(pd.DataFrame({"sector": [0, 1, 0, 1], "mathach": [1.0, 2.0, 3.0, 5.0]}))


@pytest.mark.parametrize("line, rc, message", [
    ("bysort sector egen m = mean(mathach)", 111, "variable egen not found"),
    ("by sector summarize mathach", 111, "variable summarize not found"),
    ("bys sector mathach", 198, "invalid syntax"),
    ("bysort", 100, "varlist required"),
])
def test_by_without_its_colon(run, hsb_session, line, rc, message):
    out, got = run(hsb_session, line, stop_on_error=False)
    assert got == rc and message in out, out
    assert list(hsb_session.data.varnames) == ["sector", "mathach"]


def test_capture_applies_to_a_by_without_its_colon(run, hsb_session):
    out, rc = run(hsb_session, "capture noisily bysort sector egen m = mean(mathach)\ndisplay _rc")
    assert rc == 0 and "variable egen not found" in out and out.rstrip().endswith("111"), out
    out, rc = run(hsb_session, "cap bys sector mathach\ndisplay _rc")
    assert rc == 0 and out.rstrip().endswith("198"), out
    out, rc = run(hsb_session, "quietly by sector summarize mathach", stop_on_error=False)
    assert rc == 111


def test_a_variable_abbreviated_before_the_missing_colon_is_still_a_variable(run, new_session):
    s = new_session(pd.DataFrame({"sector": [0, 1], "egender": [1, 2], "x": [1.0, 2.0]}))
    out, rc = run(s, "bysort sector egen m = mean(x)", stop_on_error=False)
    # egen abbreviates egender, so by's varlist fails at the new name m's predecessor
    assert rc == 111 and "variable m not found" in out, out


# ----------------------------------------------------------------------------- (c) graph export emf
@pytest.mark.parametrize("suffix", ["emf", "wmf"])
def test_graph_export_to_a_windows_format(run, new_session, tmp_path, monkeypatch, suffix):
    monkeypatch.chdir(tmp_path)
    s = new_session(pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [1.0, 2.0, 4.0]}))
    assert run(s, "scatter y x")[1] == 0
    out, rc = run(s, f"graph export g.{suffix}, replace", stop_on_error=False)
    assert rc == 0 and f"written in {suffix.upper()} format" in out, out
    out, rc = run(s, "graph export h, as(emf)", stop_on_error=False)
    assert rc == 0 and (tmp_path / "h").exists(), out
    out, rc = run(s, "graph export g.bmp", stop_on_error=False)
    assert rc == 111 and "translator Graph2bmp not found" in out, out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"g.{suffix}", "h"])


# ----------------------------------------------------------------------------- (d) estat icc after meglm gaussian
def test_estat_icc_after_meglm_gaussian_equals_mixed(do):
    if not HSB.exists():
        pytest.skip("samples/data/hsb.dta not present")
    rc, out, s = do(f"""
        use "{HSB}", clear
        keep if school < 1500
        quietly mixed mathach ses || school:
        quietly estat icc
        scalar m_icc = r(icc2)
        scalar m_se = r(se2)
        matrix m_ci = r(ci2)
        quietly meglm mathach ses || school:, family(gaussian)
        estat icc
        scalar g_icc = r(icc2)
        scalar g_se = r(se2)
        matrix g_ci = r(ci2)
    """)
    assert rc == 0, out
    assert "Residual intraclass correlation" in out
    sc = s.scalars
    assert 0.05 < sc["m_icc"] < 0.5
    assert sc["g_icc"] == pytest.approx(sc["m_icc"], rel=1e-5)
    assert sc["g_se"] == pytest.approx(sc["m_se"], rel=1e-3)
    np.testing.assert_allclose(s.matrices["g_ci"].values, s.matrices["m_ci"].values, rtol=1e-3)


def test_estat_icc_still_refused_after_a_count_model(do):
    df = pd.DataFrame({"g": np.repeat(np.arange(8), 5), "y": np.tile([0, 1, 2, 1, 3], 8)})
    rc, out, s = do("quietly mepoisson y || g:\nestat icc", df)
    # meglm_estat.ado: `if "`e(iccok)'" == "" error 321` -- Stata's own text for r(321)
    assert rc == 321 and "requested action not valid after most recent estimation command" in out, out


# ----------------------------------------------------------------------------- (e) version
def test_a_later_release_runs_and_a_future_one_is_refused(do):
    rc, out, s = do("version 17.0\nscalar v = c(version)")
    assert rc == 0 and s.scalars["v"] == 17
    rc, out, s = do("version 99", session=s)
    assert rc == 9 and "this is version 19.5 of Stata; it cannot run version 99.0 programs" in out, out
    rc, out, s = do("scalar v = c(version)\nversion 20: display 1", session=s)
    assert s.scalars["v"] == 17  # the refused version left the setting alone
    assert rc == 9 and "cannot run version 20.0 programs" in out
    rc, out, s = do("version 19.5: scalar w = c(version)", session=s)
    assert rc == 0 and s.scalars["w"] == 19.5


def test_not_binds_before_power_in_matrix_expressions_as_in_scalar_ones(do):
    # [U] 13.2.5: ! is evaluated before ^, so !a^2 = (!a)^2 -- the same in a matrix expression
    rc, out, s = do("scalar a = 3\nmatrix A = (!a^2, !0^2, -2^2, !(1==2))\nscalar d = !3^2")
    assert rc == 0, out
    assert s.matrices["A"].values.tolist() == [[0.0, 1.0, -4.0, 1.0]]
    assert s.scalars["d"] == 0
