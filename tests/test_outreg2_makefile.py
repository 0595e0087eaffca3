"""outreg2 as its makeFile writes the table (outreg2 2.2.5; Bazzi 2017's replication package
has a table it wrote after xtreg, fe cluster() with asterisk(se) and symbol()):

- ``asterisk()``: the stars after the statistics it names instead of the coefficient (after
  se's parentheses), refused beside noaster; the note's default levels "p<0.1" and a typed
  ".05" given its leading zero;
- Observations in %12.0fc, R-squared whenever e(r2) is set (xtreg's within R2), "Number of
  <ivar>" from e(N_g), "Robust standard errors" after a robust or cluster VCE, the constant
  kept by keep() unless nocons, z-statistics for a model without e(df_r)."""
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


def _session(new_session, run, frame: pd.DataFrame):
    session = new_session(frame)

    def go(text):
        out, rc = run(session, text, stop_on_error=False)
        return rc, out
    return go


@pytest.fixture
def ols(new_session, run, tmp_path, monkeypatch):
    """(rc, printed) of do-file text after a regress of the test's data, in tmp_path."""
    monkeypatch.chdir(tmp_path)
    go = _session(new_session, run, _frame())
    assert go("quietly regress y x1 x2")[0] == 0
    return go


@pytest.fixture
def panel(new_session, run, tmp_path, monkeypatch):
    """(rc, printed) of do-file text over a two-period panel of 1,200 units, in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return _session(new_session, run, _panel())


def _fit():
    df = _frame()
    return sm.OLS(df["y"], sm.add_constant(df[["x1", "x2"]])).fit()


def test_asterisk_se_puts_the_stars_after_the_parentheses(ols, tmp_path):
    fit = _fit()
    assert ols("outreg2 using a1, replace asterisk(se) dec(4)")[0] == 0
    lines = (tmp_path / "a1.txt").read_text().split("\n")
    row = lines.index(f"x1\t{fit.params['x1']:.4f}")  # no stars on the coefficient
    assert lines[row + 1] == f"\t({fit.bse['x1']:.4f}){_stars(fit.pvalues['x1'])}"
    assert _stars(fit.pvalues["x1"]) == "***" and _stars(fit.pvalues["x2"]) == ""
    assert lines[row + 3] == f"\t({fit.bse['x2']:.4f})"
    assert "*** p<0.01, ** p<0.05, * p<0.1\t" in lines


def test_asterisk_both_and_symbols_from_a_global(ols, tmp_path):
    fit = _fit()
    text = ('global sym "symbol($^{a}$, $^{b}$, $^{c}$)"\n'
            "outreg2 using a2, replace asterisk(coef, se) dec(4) $sym")
    assert ols(text)[0] == 0
    lines = (tmp_path / "a2.txt").read_text().split("\n")
    assert f"x1\t{fit.params['x1']:.4f}$^{{a}}$" in lines
    assert f"\t({fit.bse['x1']:.4f})$^{{a}}$" in lines
    assert "$^{a}$ p<0.01, $^{b}$ p<0.05, $^{c}$ p<0.1\t" in lines


def test_asterisk_of_a_statistic_not_shown_leaves_no_stars(ols, tmp_path):
    fit = _fit()
    assert ols("outreg2 using a3, replace asterisk(tstat) dec(4)")[0] == 0
    lines = (tmp_path / "a3.txt").read_text().split("\n")
    assert f"x1\t{fit.params['x1']:.4f}" in lines and f"\t({fit.bse['x1']:.4f})" in lines


def test_asterisk_with_noaster_is_refused_and_writes_nothing(ols, tmp_path):
    rc, out = ols("outreg2 using a4, replace asterisk(se) noaster")
    assert rc == 198 and "cannot choose both noaster and asterisk( )" in out
    assert not (tmp_path / "a4.txt").exists()


def test_typed_alpha_gets_its_leading_zero(ols, tmp_path):
    assert ols("outreg2 using a5, replace alpha(.01, .05)")[0] == 0
    assert "** p<0.01, * p<0.05\t" in (tmp_path / "a5.txt").read_text().split("\n")


def _panel() -> pd.DataFrame:
    rng = np.random.default_rng(13602)
    groups, t = 1200, 2
    vid = np.repeat(np.arange(1, groups + 1), t)
    x = rng.normal(size=vid.size)
    y = rng.normal(size=groups)[vid - 1] + 0.3 * x + rng.normal(size=vid.size)
    return pd.DataFrame({"vid": vid.astype(float), "x": x, "y": y, "d": (y > 0).astype(float)})


def _lines(path) -> list[str]:
    return path.read_text().split("\n")


def _within_r2(df: pd.DataFrame) -> float:
    y = df["y"] - df.groupby("vid")["y"].transform("mean")
    x = df["x"] - df.groupby("vid")["x"].transform("mean")
    beta = (x * y).sum() / (x * x).sum()
    return 1 - ((y - beta * x) ** 2).sum() / (y ** 2).sum()


def test_xtreg_fe_rows_and_the_robust_note(panel, tmp_path):
    assert panel("xtset vid\nquietly xtreg y x, fe cluster(vid)\noutreg2 using x1, replace keep(x) dec(4)")[0] == 0
    lines = _lines(tmp_path / "x1.txt")
    labels = [ln.split("\t")[0] for ln in lines]
    assert labels.index("Constant") > labels.index("x")  # keep() keeps the constant
    assert "Observations\t2,400" in lines
    assert f"R-squared\t{_within_r2(_panel()):.4f}" in lines
    assert "Number of vid\t1,200" in lines
    assert labels.index("Observations") < labels.index("R-squared") < labels.index("Number of vid")
    assert "Robust standard errors in parentheses\t" in lines


def test_noni_nor2_nocons_and_a_plain_note(panel, tmp_path):
    assert panel("xtset vid\nquietly xtreg y x, fe\noutreg2 using x2, replace keep(x) nocons noni nor2")[0] == 0
    text = (tmp_path / "x2.txt").read_text()
    for gone in ("Constant", "R-squared", "Number of", "Robust"):
        assert gone not in text
    assert "Standard errors in parentheses\t" in text.split("\n")


def test_logit_has_no_r2_and_z_statistics(panel, tmp_path):
    assert panel("quietly logit d x\noutreg2 using x3, replace tstat")[0] == 0
    lines = _lines(tmp_path / "x3.txt")
    assert "z-statistics in parentheses\t" in lines
    assert not any(ln.startswith("R-squared") or ln.startswith("Number of") for ln in lines)
    assert panel("quietly regress y x\noutreg2 using x4, replace tstat")[0] == 0
    assert "t-statistics in parentheses\t" in _lines(tmp_path / "x4.txt")
