"""xtrc (Swamy's random-coefficients model) against an independent computation in R
(tests/panel_more_reference/xtrc_reference.R: lm per panel and the manual's formulas in R
matrices; plm::pvcm(model = "random") agrees to 3-4 digits, its Sigma subtracts the mean V_i);
the layout of xtrc.ado's Display (_crcphdr, _coef_table, the constancy line, the betas table);
replay, predict and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "panel_more_reference"


@pytest.fixture(scope="module")
def panels():
    return pd.read_csv(REF / "xtrc_panels.csv")


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "xtrc_reference.json").read_text())


def _fit(do, panels, line):
    rc, out, s = do("xtset company time\n" + line, panels.copy())
    assert rc == 0, out
    return out, s


@pytest.mark.parametrize("key, line", [
    ("balanced", "xtrc invest market stock"), ("unbalanced", "xtrc invest market stock if keep"),
    ("noconstant", "xtrc invest market stock, noconstant"), ("offset", "xtrc invest market stock, offset(off)")])
def test_estimates_match_r(do, panels, reference, key, line):
    out, s = _fit(do, panels, line)
    ref = reference[key]
    k = len(ref["b"])
    b = s.e.matrices["b"].values.ravel()
    assert list(s.e.matrices["b"].colnames) == reference["names"][:k]
    assert np.allclose(b, ref["b"], rtol=1e-9)
    assert np.allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se"], rtol=1e-9)
    assert np.allclose(s.e.matrices["Sigma"].values.ravel(order="F"), ref["Sigma"], rtol=1e-9)
    assert s.e.scalars["chi2_c"] == pytest.approx(ref["chi2_c"], rel=1e-9)
    assert s.e.scalars["df_chi2c"] == ref["df_c"]
    assert s.e.scalars["chi2"] == pytest.approx(ref["wald"], rel=1e-8)
    assert (s.e.scalars["N"], s.e.scalars["N_g"]) == (ref["N"], ref["N_g"])
    bps = s.e.matrices["beta_ps"].values
    assert np.allclose(bps.ravel(), ref["beta_ps"], rtol=1e-8)
    V_ps = s.e.matrices["V_ps"].values.reshape(len(bps), k, k)
    assert np.allclose(np.sqrt(np.diagonal(V_ps, axis1=1, axis2=2)).ravel(), ref["se_ps"], rtol=1e-8)
    if ref["dropped"]:
        assert f"Note: {int(ref['dropped'])} obs. dropped (panels too small)" in out


def test_plm_agrees_roughly(do, panels, reference):
    _, s = _fit(do, panels, "xtrc invest market stock")
    assert np.allclose(s.e.matrices["b"].values.ravel(), reference["plm_coefficients"], rtol=2e-3)


def test_layout_follows_xtrc_ado(do, panels, reference):
    out, s = _fit(do, panels, "xtrc invest market stock, betas")
    ref = reference["balanced"]
    lines = out.splitlines()
    start = lines.index("Random-coefficients regression                  Number of obs      =       200")
    assert lines[start:start + 10] == [
        "Random-coefficients regression                  Number of obs      =       200",
        "Group variable: company                         Number of groups   =        10",
        "",
        "                                                Obs per group: min =        20",
        "                                                               avg =      20.0",
        "                                                               max =        20",
        "",
        f"                                                Wald chi2(2)       = {ref['wald']:9.2f}",
        "                                                Prob > chi2        =    0.0000",
        ""]
    assert lines[start + 11] == "      invest |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert lines[start + 13].startswith("      market |   .0630374    .018432     3.42   0.001")
    constancy = next(ln for ln in lines if ln.startswith("Test of parameter constancy:"))
    assert constancy == f"Test of parameter constancy:    chi2(27) = {ref['chi2_c']:8.2f}       Prob > chi2 = 0.0000"
    at = lines.index("                        Group-specific coefficients")
    assert lines[at + 2] == "                    Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert lines[at + 4:at + 6] == ["     Group 1 | ", "-------------+" + "-" * 64]
    row = lines[at + 6]
    b1, se1 = ref["beta_ps"][0], ref["se_ps"][0]
    assert row.startswith("      market |  ")
    assert float(row[16:25]) == pytest.approx(b1, rel=1e-5) and float(row[27:36]) == pytest.approx(se1, rel=1e-4)
    assert row[39:45] == f"{b1 / se1:6.2f}"
    assert lines[-1] == "-" * 78 and lines[-6] == "    Group 10 | "


def test_offset_row_level_and_replay(do, panels):
    out, s = _fit(do, panels, "xtrc invest market stock, offset(off) level(90)")
    assert "         off |          1  (offset)" in out
    assert "[90% Conf. Interval]" in out
    rc, out, s = do("xtrc, level(99) betas", session=s)
    assert rc == 0 and "[99% Conf. Interval]" in out and "Group-specific coefficients" in out
    assert out.count("[99% Conf. Interval]") == 2


def test_predict_xb_and_stdp(do, panels):
    _, s = _fit(do, panels, "xtrc invest market stock, offset(off)")
    rc, out, s = do("predict xb\npredict sp, stdp", session=s)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    X = np.column_stack([panels.market, panels.stock, np.ones(len(panels))])
    assert np.allclose(s.data.df["xb"], X @ b + panels.off, rtol=1e-6)
    assert np.allclose(s.data.df["sp"], np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-6)


@pytest.mark.parametrize("setup, line, message, rc", [
    ("", "xtrc invest market", "panel variable not set; use xtset varname ...", 459),
    ("xtset company time", "xtrc invest market [fw=keep]", "weights not allowed", 101),
    ("xtset company time", "xtrc invest market, vce(robust)", "vcetype 'robust' not allowed", 198),
    ("xtset company time\ngen z = cond(company == 2, 1, time)", "xtrc invest market z",
     "variables dropped due to collinearity. xtrc requires that you be able to fit", 498),
    ("xtset company time", "xtrc invest market nosuch", "variable nosuch not found", 111),
    ("xtset company time", "xtrc invest market if company == 1", "insufficient observations", 2001),
    ("", "xtrc", "last estimates not found", 301),
])
def test_errors(do, panels, setup, line, message, rc):
    got, out, s = do(setup + "\ngen before = 1\n" + line if setup else line, panels.copy())
    assert got == rc and message in out
    assert "Traceback" not in out
