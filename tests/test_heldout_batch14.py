"""Fixes from the fourteenth held-out batch (tests/realworld/README.md):

* ``nlcom exp, cformat(%9.3f)`` (heldout/merlo: the neighbourhood variance and the median odds
  ratio): nlcom.ado (1.4.1, Stata 13) hands every option besides level() iterate() post df()
  noheader to ``_get_diopts``, so the table's display formats are taken (a format too wide for
  its column: _get_diopts' note and the default; a string format: r(7));
* ``xthtaylor ... L.y ..., endog() am`` (heldout/anon-gasoline-oecd): xthtaylor's varlist is
  varlist(ts); the lag is read on the xtset data, the same fit as a generated lag variable;
  factor variables stay Stata's r(101);
* ``est table model1b model1d history3b, se`` then ``mat list r(coef)``
  (heldout/anon-tutoring-longitudinal): est_table.ado returns r(names), r(coef) (per model two
  columns, ``name:b`` and ``name:var`` -- e(b) and vecdiag(e(V)) --, a row per coefficient
  shown) and, with stats(), r(stats);
* ``log2html`` (heldout/hoffman), an SSC package, is refused by name: Stata's r(199) with a line
  saying what it is (``ppmlhdfe``, refused here at first, is implemented: tests/test_ppmlhdfe.py).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def binary_frame():
    # 400 rows: a logit outcome of two regressors and a group for clustering
    rng = np.random.default_rng(14)
    frame = pd.DataFrame({"x": rng.normal(size=400), "z": rng.normal(size=400), "g": np.repeat(np.arange(40), 10)})
    eta = -0.3 + 0.8 * frame["x"] - 0.5 * frame["z"]
    frame["y"] = (rng.random(400) < 1 / (1 + np.exp(-eta))).astype(float)
    return frame


# ----------------------------------------------------------------------------- nlcom display options
def _table_row(out: str, name: str) -> list[str]:
    line = next(ln for ln in out.splitlines() if ln.strip().startswith(name + " |"))
    return line.split("|", 1)[1].split()


def test_nlcom_cformat_formats_estimate_se_and_interval(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nnlcom exp(_b[x]), cformat(%9.3f)", binary_frame)
    assert rc == 0, out
    b, se = s.e.matrices["b"].values[0, 0], np.sqrt(s.e.matrices["V"].values[0, 0])
    cells = _table_row(out, "_nl_1")
    estimate, std_err = np.exp(b), np.exp(b) * se  # the delta method for exp()
    assert cells[0] == f"{estimate:.3f}" and cells[1] == f"{std_err:.3f}"
    assert cells[4] == f"{estimate - 1.959964 * std_err:.3f}" and cells[5] == f"{estimate + 1.959964 * std_err:.3f}"
    assert len(cells[2].split(".")[1]) == 2  # sformat stays %8.2f


def test_nlcom_pformat_and_sformat(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nnlcom _b[x] / _b[z], pformat(%5.2f) sformat(%6.3f)", binary_frame)
    assert rc == 0, out
    cells = _table_row(out, "_nl_1")
    assert re.fullmatch(r"-?\d+\.\d{3}", cells[2]) and re.fullmatch(r"\d\.\d{2}", cells[3])


def test_nlcom_too_wide_cformat_is_the_default_with_a_note(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nnlcom exp(_b[x]), cformat(%12.4f)", binary_frame)
    assert rc == 0, out
    assert "note: invalid cformat(), using default" in out
    assert not re.fullmatch(r"\d+\.\d{4}", _table_row(out, "_nl_1")[0])


def test_nlcom_string_cformat_is_r7_and_keeps_r(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nnlcom exp(_b[x])\nnlcom exp(_b[z]), cformat(%9s)", binary_frame)
    assert rc == 7 and "found where numeric format expected" in out
    assert abs(s.r["b"].values[0, 0] - np.exp(s.e.matrices["b"].values[0, 0])) < 1e-12  # the first nlcom's r(b)


def test_nlcom_post_with_cformat_posts(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nnlcom (ex: exp(_b[x])), post cformat(%9.2f)", binary_frame)
    assert rc == 0, out
    assert s.e.cmd == "nlcom" and s.e.matrices["b"].colnames == ("ex",)


# ----------------------------------------------------------------------------- xthtaylor with L.
@pytest.fixture(scope="module")
def gasoline_like():
    # 12 panels of 15 years: a persistent outcome, an exogenous and an endogenous regressor, a
    # time-invariant one
    rng = np.random.default_rng(78)
    rows = []
    for i in range(12):
        u, ti = rng.normal(0, 0.3), rng.normal()
        y = 0.0
        for t in range(15):
            x1, x2 = rng.normal() + 0.1 * t, rng.normal() + u
            y = 0.5 * y + 0.4 * x1 - 0.3 * x2 + 0.2 * ti + u + rng.normal(0, 0.1)
            rows.append((i + 1, 1960 + t, y, x1, x2, ti))
    return pd.DataFrame(rows, columns=["id", "year", "y", "x1", "x2", "ti"])


@pytest.mark.parametrize("extra", ["", " am"])
def test_xthtaylor_lag_operator_equals_a_generated_lag(do, gasoline_like, extra):
    rc, out, s = do(f"xtset id year\nxthtaylor y x1 x2 L.y ti, endog(x2){extra}", gasoline_like)
    assert rc == 0, out
    b_op, V_op, n_op = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values, s.e.scalars["N"]
    names = s.e.matrices["b"].colnames
    assert "L.y" in names and "L.y" in out
    rc, out2, s2 = do(f"xtset id year\ngenerate double lagy = L.y\nxthtaylor y x1 x2 lagy ti, endog(x2){extra}", gasoline_like)
    assert rc == 0, out2
    assert s2.e.matrices["b"].colnames == tuple(n.replace("L.y", "lagy") for n in names)
    assert np.allclose(s2.e.matrices["b"].values.ravel(), b_op, rtol=1e-9, atol=1e-12)
    assert np.allclose(s2.e.matrices["V"].values, V_op, rtol=1e-8, atol=1e-14)
    assert s2.e.scalars["N"] == n_op == 12 * 14  # each panel's first year has no lag


def test_xthtaylor_lag_coefficient_reads_back(do, gasoline_like):
    rc, out, s = do("xtset id year\nquietly xthtaylor y x1 x2 L.y ti, endog(x2)\ndisplay _b[L.y]", gasoline_like)
    assert rc == 0, out
    j = s.e.matrices["b"].colnames.index("L.y")
    assert abs(float(out.strip().splitlines()[-1]) - s.e.matrices["b"].values[0, j]) < 1e-6


def test_xthtaylor_factor_variables_still_r101(do, gasoline_like):
    rc, out, s = do("xtset id year\nxthtaylor y x1 i.year ti, endog(x1)", gasoline_like)
    assert rc == 101 and "factor variables not allowed" in out


# ----------------------------------------------------------------------------- estimates table r()
def test_estimates_table_returns_coef_stats_and_names(do, binary_frame):
    text = ("quietly regress y x\nestimates store a\nquietly regress y x z\nestimates store b\n"
            "estimates table a b, se stats(N r2)")
    rc, out, s = do(text, binary_frame)
    assert rc == 0, out
    coef = s.r["coef"]
    assert coef.colnames == ("a:b", "a:var", "b:b", "b:var")
    assert coef.rownames == ("x", "z", "_cons")
    # model b is the active one: its e(b) and vecdiag(e(V)) are columns 3 and 4
    b, V = s.e.matrices["b"], s.e.matrices["V"].values
    for j, name in enumerate(b.colnames):
        i = coef.rownames.index(name)
        assert coef.values[i, 2] == pytest.approx(b.values[0, j], rel=1e-12)
        assert coef.values[i, 3] == pytest.approx(V[j, j], rel=1e-12)
    assert np.isnan(coef.values[1, 0]) and np.isnan(coef.values[1, 1])  # z is not in model a
    assert s.r["stats"].rownames == ("N", "r2") and s.r["stats"].colnames == ("a", "b")
    assert s.r["stats"].values[0, 1] == 400 and s.r["stats"].values[1, 1] == pytest.approx(s.e.scalars["r2"])
    assert s.r["names"] == "a b"


def test_estimates_table_coef_of_model_a_matches_its_fit(do, binary_frame):
    rc, out, s = do("quietly regress y x\nmatrix ba = e(b)\nmatrix Va = e(V)\nestimates store a\n"
                    "quietly regress y z\nestimates table a .\n", binary_frame)
    assert rc == 0, out
    coef, ba, Va = s.r["coef"], s.matrices["ba"], s.matrices["Va"]
    assert coef.colnames == ("a:b", "a:var", "active:b", "active:var")
    assert coef.values[coef.rownames.index("x"), 0] == pytest.approx(ba.values[0, 0], rel=1e-12)
    assert coef.values[coef.rownames.index("x"), 1] == pytest.approx(Va.values[0, 0], rel=1e-12)
    assert "stats" not in s.r


def test_estimates_table_eform_returns_the_untransformed_coefficients(do, binary_frame):
    rc, out, s = do("quietly logit y x z\nestimates store m\nestimates table m, eform", binary_frame)
    assert rc == 0, out
    coef, b, V = s.r["coef"], s.e.matrices["b"], s.e.matrices["V"].values
    i = next(k for k, name in enumerate(coef.rownames) if name.endswith("x"))
    assert coef.values[i, 0] == pytest.approx(b.values[0, 0], rel=1e-9)
    assert coef.values[i, 1] == pytest.approx(V[0, 0], rel=1e-9)


def test_matrix_list_r_coef_after_estimates_table(do, binary_frame):
    rc, out, s = do("quietly regress y x\nestimates store a\nestimates table a, se\nmatrix list r(coef)", binary_frame)
    assert rc == 0 and "r(coef)[2,2]" in out


# ----------------------------------------------------------------------------- refusals by name
@pytest.mark.parametrize("line, who", [
    ("log2html out, replace", "Baum and Nicholas J. Cox")])
def test_ssc_commands_refused_by_name(new_session, run, line, who):
    out, rc = run(new_session(), line, stop_on_error=False)
    word = line.split()[0]
    assert rc == 199 and f"unrecognized command:  {word}" in out and who in out
