"""outreg2's stats(... ci ...), level(), cdec(), noaster, three or more statistics, and
``log using ..., name("logfile")`` (held-out batch 21, heldout/mackay-tee's
``outreg2 using results.xml, replace dec(2) stat(coef ci pval) eform sideway alpha(...) noaster
ctitle(model_a)`` and ``log using ..., replace text name("logfile")``).

outreg2 2.3.2's makeFile (read for these rules): the interval is ``ci_low + " - " + ci_high``,
coef -/+ T_alpha*se with T_alpha invttail(e(df_r)) or invnorm at ``level()`` (default $S_level),
eform exp of both bounds; its decimals cdec(), else dec(), else 3 once bdec() is typed, else
autodigits; without parenthesis() the 2nd, 4th ... statistics of a column are in parentheses
(under sideway each statistic is its own column, so only se); the note names the parenthesized
statistics (``ci in parentheses``, ``ciEform`` under eform); noaster writes no stars and no
star note.  The expected numbers below come from numpy/scipy on the data, not from mlm.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats


ROOT = Path(__file__).resolve().parents[1]
HSB = ROOT / "samples" / "data" / "hsb.dta"


@pytest.fixture
def fitted(tmp_path, monkeypatch, do):
    """``fitted(text) -> (rc, printed)`` in one session over hsb with regress mathach ses fitted,
    the working directory tmp_path."""
    monkeypatch.chdir(tmp_path)
    rc, _, session = do(f"use {HSB}, clear\nquietly regress mathach ses")
    assert rc == 0
    return lambda text: do(text, session=session)[:2]


def _ols_ci(level: float):
    """(b, lo, hi) of ses and _cons in regress mathach ses, by numpy and scipy's t."""
    df = pd.read_stata(HSB)
    y, x = df["mathach"].to_numpy(float), df["ses"].to_numpy(float)
    X = np.column_stack([x, np.ones_like(x)])
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    dof = len(y) - 2
    se = np.sqrt(np.diag(resid @ resid / dof * np.linalg.inv(X.T @ X)))
    t = stats.t.ppf(0.5 + level / 200, dof)
    return b, b - t * se, b + t * se


def test_ci_below_the_coefficient_in_parentheses(fitted, tmp_path):
    assert fitted("outreg2 using c1.txt, stats(coef ci) dec(2) replace")[0] == 0
    lines = (tmp_path / "c1.txt").read_text().split("\n")
    b, lo, hi = _ols_ci(95)
    assert lines[3] == f"ses\t{b[0]:.2f}***"
    assert lines[4] == f"\t({lo[0]:.2f} - {hi[0]:.2f})"
    assert lines[6] == f"\t({lo[1]:.2f} - {hi[1]:.2f})"
    assert "ci in parentheses\t" in lines and "*** p<0.01, ** p<0.05, * p<0.1\t" in lines


def test_level_option_and_set_level(fitted, tmp_path):
    b, lo, hi = _ols_ci(90)
    assert fitted("outreg2 using c2.txt, stats(coef ci) cdec(3) level(90) replace")[0] == 0
    assert (tmp_path / "c2.txt").read_text().split("\n")[4] == f"\t({lo[0]:.3f} - {hi[0]:.3f})"
    assert fitted("set level 90\noutreg2 using c3.txt, stats(coef ci) cdec(3) replace")[0] == 0
    assert (tmp_path / "c3.txt").read_text().split("\n")[4] == f"\t({lo[0]:.3f} - {hi[0]:.3f})"
    rc, out = fitted("outreg2 using c4.txt, stats(coef ci) level(5) replace")
    assert rc == 198 and "level() invalid" in out


def test_three_statistics_parity_of_parentheses(fitted, tmp_path):
    """stats(coef ci pval): ci is the 2nd statistic (parenthesized), pval the 3rd (bare);
    stats(coef se pval tstat): se and tstat in parentheses."""
    assert fitted("outreg2 using c5.txt, stats(coef ci pval) dec(2) replace")[0] == 0
    lines = (tmp_path / "c5.txt").read_text().split("\n")
    b, lo, hi = _ols_ci(95)
    assert lines[3:6] == [f"ses\t{b[0]:.2f}***", f"\t({lo[0]:.2f} - {hi[0]:.2f})", "\t0.00"]
    assert fitted("outreg2 using c6.txt, stats(coef se pval tstat) dec(2) replace")[0] == 0
    lines = (tmp_path / "c6.txt").read_text().split("\n")
    assert lines[4].startswith("\t(") and lines[5] == "\t0.00" and lines[6].startswith("\t(")
    assert "se tstat in parentheses\t" in lines
    for bad in ("stats(coef ci ci)", "stats(coef se coef)"):
        rc, out = fitted(f"outreg2 using c7.txt, {bad} replace")
        assert rc == 198 and "each once" in out


def test_tee_line_sideway_eform_noaster(fitted, tmp_path):
    """The TEE file's line: each statistic its own column, none in parentheses (sideway),
    no stars and no star note (noaster), the bounds exponentiated (exp of b -/+ z*se)."""
    df = pd.read_stata(HSB)
    df["hi"] = (df["mathach"] > 13).astype(float)
    text = ("gen hi = mathach > 13\nquietly logit hi ses\n"
            "outreg2 using results.xml, replace dec(2) stat(coef ci pval) eform sideway "
            "alpha(0.0001, 0.001, 0.01) noaster ctitle(model_a)")
    rc, out = fitted(text)
    assert rc == 0, out
    lines = (tmp_path / "results.txt").read_text().split("\n")
    row = next(ln for ln in lines if ln.startswith("ses\t")).split("\t")
    values = []
    for exp in ("exp(_b[ses])", "exp(_b[ses] - invnormal(.975)*_se[ses])", "exp(_b[ses] + invnormal(.975)*_se[ses])"):
        rc, out = fitted(f"display %20.6f {exp}")
        values.append(float(out.split()[-1]))
    eb, elo, ehi = values
    assert row == ["ses", f"{eb:.2f}", f"{elo:.2f} - {ehi:.2f}", "0.00"]
    assert not any("*" in ln for ln in lines)
    assert "seEform in parentheses\t\t\t" in lines  # sideway's first column: statsList coefEform, parenList seEform
    xml = (tmp_path / "results.xml").read_text()
    assert f"{elo:.2f} - {ehi:.2f}" in xml and "p&lt;" not in xml and "p<" not in xml


def test_ci_in_tex_and_eform_note(fitted, tmp_path):
    assert fitted("outreg2 using c8.tex, stats(coef ci) dec(2) replace")[0] == 0
    b, lo, hi = _ols_ci(95)
    assert f"({lo[0]:.2f} - {hi[0]:.2f})" in (tmp_path / "c8.tex").read_text()
    assert fitted("gen hi = mathach > 13\nquietly logit hi ses\noutreg2 using c9.txt, stats(coef ci) eform replace")[0] == 0
    assert "ciEform in parentheses\t" in (tmp_path / "c9.txt").read_text().split("\n")


def test_noaster_refuses_symbol(fitted):
    rc, out = fitted("outreg2 using c10.txt, noaster symbol(a, b, c) replace")
    assert rc == 198 and "cannot choose both noaster and symbol( )" in out
    assert fitted("outreg2 using c11.txt, noaster replace")[0] == 0


def test_log_using_quoted_name(fitted, tmp_path):
    """[R] log: name(logname); the TEE file quotes it, name("logfile") -- the same name."""
    rc, out = fitted('log using l1.txt, replace text name("logfile")\ndisplay 41 + 1\nlog close logfile')
    assert rc == 0, out
    assert "42" in (tmp_path / "l1.txt").read_text()
    rc, out = fitted('log using l2.txt, replace text name("a b")')
    assert rc == 198 and "a b invalid name" in out


def test_tee_sequence_eform_then_plain_column(fitted, tmp_path):
    """The TEE file's three calls: model_a and model_b with eform, model_c without, appended
    to the same results.xml; each column as its call asked (the third was r(198))."""
    fit = "quietly logit hi ses\n"
    line = ("outreg2 using results.xml, {} dec(2) stat(coef ci pval) {} sideway alpha(0.0001, 0.001, 0.01) "
            "noaster ctitle({})\n")
    rc, out = fitted("gen hi = mathach > 13\n" + fit + line.format("replace", "eform", "model_a")
                     + fit + line.format("append", "eform", "model_b") + fit + line.format("append", "", "model_c"))
    assert rc == 0, out
    lines = (tmp_path / "results.txt").read_text().split("\n")
    assert lines[1].split("\t")[1:] == ["model_a", "", "", "model_b", "", "", "model_c", "", ""]
    row = next(ln for ln in lines if ln.startswith("ses\t")).split("\t")
    b = float(fitted("display %20.6f _b[ses]")[1].split()[-1])
    assert row[1] == row[4] == f"{np.exp(b):.2f}" and row[7] == f"{b:.2f}"
