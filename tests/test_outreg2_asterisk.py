"""outreg2's ``asterisk()``: the significance stars after the statistics it names instead of
the coefficient (outreg2.ado's makeFile attaches asterString to each listed statistic, after
its parentheses), refused beside noaster; and the note's default levels as outreg2 writes
them (the numbers .01 .05 .10: "p<0.1"; a typed ".05" gains its leading zero)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(1361)
    n = 120
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = 1 + 0.45 * x1 + 0.02 * x2 + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2})


def _stars(p: float) -> str:
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.1 else ""


@pytest.fixture
def run(new_session, run, tmp_path, monkeypatch):
    """(rc, printed) of do-file text in one session over the test's data, in tmp_path."""
    monkeypatch.chdir(tmp_path)
    session = new_session(_frame())

    def go(text):
        out, rc = run(session, text, stop_on_error=False)
        return rc, out
    assert go("quietly regress y x1 x2")[0] == 0
    return go


def _fit():
    df = _frame()
    return sm.OLS(df["y"], sm.add_constant(df[["x1", "x2"]])).fit()


def test_asterisk_se_puts_the_stars_after_the_parentheses(run, tmp_path):
    fit = _fit()
    assert run("outreg2 using a1, replace asterisk(se) dec(4)")[0] == 0
    lines = (tmp_path / "a1.txt").read_text().split("\n")
    row = lines.index(f"x1\t{fit.params['x1']:.4f}")  # no stars on the coefficient
    assert lines[row + 1] == f"\t({fit.bse['x1']:.4f}){_stars(fit.pvalues['x1'])}"
    assert _stars(fit.pvalues["x1"]) == "***" and _stars(fit.pvalues["x2"]) == ""
    assert lines[row + 3] == f"\t({fit.bse['x2']:.4f})"
    assert "*** p<0.01, ** p<0.05, * p<0.1" in lines


def test_asterisk_both_and_symbols_from_a_global(run, tmp_path):
    fit = _fit()
    text = ('global sym "symbol($^{a}$, $^{b}$, $^{c}$)"\n'
            "outreg2 using a2, replace asterisk(coef, se) dec(4) $sym")
    assert run(text)[0] == 0
    lines = (tmp_path / "a2.txt").read_text().split("\n")
    assert f"x1\t{fit.params['x1']:.4f}$^{{a}}$" in lines
    assert f"\t({fit.bse['x1']:.4f})$^{{a}}$" in lines
    assert "$^{a}$ p<0.01, $^{b}$ p<0.05, $^{c}$ p<0.1" in lines


def test_asterisk_of_a_statistic_not_shown_leaves_no_stars(run, tmp_path):
    fit = _fit()
    assert run("outreg2 using a3, replace asterisk(tstat) dec(4)")[0] == 0
    lines = (tmp_path / "a3.txt").read_text().split("\n")
    assert f"x1\t{fit.params['x1']:.4f}" in lines and f"\t({fit.bse['x1']:.4f})" in lines


def test_asterisk_with_noaster_is_refused_and_writes_nothing(run, tmp_path):
    rc, out = run("outreg2 using a4, replace asterisk(se) noaster")
    assert rc == 198 and "cannot choose both noaster and asterisk( )" in out
    assert not (tmp_path / "a4.txt").exists()


def test_typed_alpha_gets_its_leading_zero(run, tmp_path):
    assert run("outreg2 using a5, replace alpha(.01, .05)")[0] == 0
    assert "** p<0.01, * p<0.05" in (tmp_path / "a5.txt").read_text().split("\n")
