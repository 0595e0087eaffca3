"""esttab / estout ``margin[(u|c|p)]``, ``discrete()``, ``meqs()`` (estout help; estout.ado's
GetMarginals: mfx's e(Xmfx_type), e(Xmfx_<type>), e(Xmfx_se_<type>), e(Xmfx_dummy)), refused
by name for a model whose e() holds no marginal effects (mfx not run after it), and ``estadd margins``
(estadd.ado's estadd_margins: margins' r() added as e(margins_*), r(V) as e(margins_se))."""
from __future__ import annotations

import numpy as np
import pytest

DATA = "clear\ninput y x d\n1 2 0\n2 3 1\n4 5 0\n3 3 1\n6 7 1\n5 4 0\nend\nquietly regress y x d\neststo m1\n"
MFX = """matrix dydx = (0.5, 0.25)
matrix colnames dydx = x d
matrix se = (0.1, 0.2)
matrix colnames se = x d
quietly estadd matrix Xmfx_dydx = dydx
quietly estadd matrix Xmfx_se_dydx = se
quietly estadd local Xmfx_type dydx
quietly estadd local Xmfx_discrete discrete
quietly estadd local Xmfx_dummy 0 1
eststo m2
"""


def _rows(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines() if line.strip()]


def test_margin_refused_by_name_without_marginal_effects(do):
    rc, out, _ = do(DATA + "esttab m1, margin")
    assert rc == 198 and "option margin: model m1 holds no marginal effects in e()" in out
    rc, out, _ = do(DATA + "esttab m1, margin(x)")
    assert rc == 198 and "margin(x) invalid" in out


def test_mfx_effects_replace_the_coefficients(do):
    rc, out, _ = do(DATA + MFX + "esttab m2, margin")
    assert rc == 0, out
    rows = _rows(out)
    assert ["x", "0.500*"] in rows and ["(5.00)"] in rows  # t = 0.5 / 0.1 on e(df_r) = 3: p = 0.015
    assert ["d", "(d)", "0.250"] in rows and ["(1.25)"] in rows
    assert not any(r[0] == "_cons" for r in rows)  # esttab.ado: margin implies noconstant
    lines = out.splitlines()
    i = lines.index("Marginal effects; t statistics in parentheses")
    assert lines[i + 1] == " (d) for discrete change of dummy variable from 0 to 1"
    assert lines[i + 2].startswith("* p<0.05")


def test_discrete_nodiscrete_nomargin_and_estouts_legend(do):
    rc, out, _ = do(DATA + MFX + 'esttab m2, margin discrete(" [d]" dummy from 0 to 1)')
    assert rc == 0 and ["d", "[d]", "0.250"] in _rows(out) and " [d] dummy from 0 to 1" in out.splitlines()
    rc, out, _ = do(DATA + MFX + "esttab m2, margin nodiscrete")
    assert rc == 0 and ["d", "0.250"] in _rows(out) and "discrete change" not in out
    rc, out, _ = do(DATA + MFX + "esttab m2, margin nomargin")
    assert rc == 0 and any(r[0] == "_cons" for r in _rows(out)) and "Marginal" not in out
    rc, out, _ = do(DATA + MFX + "estout m2, margin legend")
    assert rc == 0 and ["d", "(d)", ".25"] in _rows(out) and " (d) for discrete change of dummy variable from 0 to 1" in out
    rc, out, _ = do(DATA + MFX + "esttab m2, margin meqs(other)")
    assert rc == 0 and ["x"] in _rows(out)  # meqs(): the effects of other equations left empty


def test_estadd_margins_adds_r_as_e(do):
    rc, out, s = do(DATA + "estadd margins, dydx(x d)")
    assert rc == 0, out
    e = s.e
    b = e.matrices["b"].values.ravel()
    V = e.matrices["V"].values
    # a linear model's average marginal effects are its coefficients, their standard errors the same
    assert e.matrices["margins_b"].values.ravel() == pytest.approx(b[:2])
    assert e.matrices["margins_se"].values.ravel() == pytest.approx(np.sqrt(np.diag(V))[:2])
    assert e.macros["margins_cmd"] == "margins" and e.scalars["margins_N"] == 6
    assert "margins_V" not in e.matrices and "added matrices:" in out
    rc, out, _ = do(DATA + "quietly estadd margins, dydx(x)\nesttab, cells(margins_b margins_se(par)) nonumbers")
    rows = _rows(out)
    x_row = next(r for r in rows if r[0] == "x")
    assert rc == 0 and x_row[1] == f"{b_x(s):.3f}"
    assert ["d"] in rows  # no margins_b for d: an empty cell (estout's .y)
    rc, out, _ = do(DATA + "quietly estadd margins, dydx(x)\nestadd margins, dydx(x)")
    assert rc == 110 and "e(margins_N) already defined" in out


def b_x(s) -> float:
    return float(s.e.matrices["b"].values.ravel()[0])
