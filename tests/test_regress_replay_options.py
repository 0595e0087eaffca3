"""``regress`` typed with options only: every replay option honoured (level(), beta, eform(),
depname(), noheader, notable, plus, the display options) or refused as Stata's replay syntax
refuses an estimation option; eform() under vce(bootstrap)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


def _run(text):
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n{text}",
                            stop_on_error=False)
    return rc, s.out.stream.getvalue(), s


def _after(out: str, typed: str) -> list[str]:
    """The lines printed by the command ``typed`` (up to the next command)."""
    return out.split(f". {typed}\n", 1)[1].split("\n. ", 1)[0].rstrip("\n").split("\n")


def _row(lines, name):
    return [ln for ln in lines if ln.strip().startswith(name + " |")][0]


def test_level_recomputes_the_interval():
    rc, out, s = _run("regress mathach ses sector\nregress, level(90)")
    assert rc == 0, out
    lines = _after(out, "regress, level(90)")
    assert "     mathach |      Coef.   Std. Err.      t    P>|t|     [90% Conf. Interval]" in lines
    b, se, df = s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values)), s.e.scalars["df_r"]
    q = stats.t.ppf(0.95, df)
    lo, hi = (float(v) for v in _row(lines, "ses").split()[-2:])
    assert lo == pytest.approx(b[0] - q * se[0], rel=1e-6) and hi == pytest.approx(b[0] + q * se[0], rel=1e-6)
    assert s.e.scalars["level"] == 95  # e() is the fit's


def test_beta_is_the_regression_on_standardized_variables():
    rc, out, s = _run("regress mathach ses sector\nregress, beta noheader")
    assert rc == 0, out
    lines = _after(out, "regress, beta noheader")
    assert lines[0] == "" and lines[1].startswith("-----")  # no ANOVA header
    assert "     mathach |      Coef.   Std. Err.      t    P>|t|                     Beta" in lines
    d = s.data
    m = np.asarray(s.e.sample, bool)
    z = [(v - v.mean()) / v.std() for v in (d.numeric(n)[m] for n in ("mathach", "ses", "sector"))]
    X = np.column_stack(z[1:] + [np.ones(len(z[0]))])
    want = np.linalg.lstsq(X, z[0], rcond=None)[0]
    for name, value in zip(("ses", "sector"), want):
        row = _row(lines, name)
        assert len(row) == 78 and float(row.split()[-1]) == pytest.approx(value, abs=5e-7)
    assert _row(lines, "_cons").endswith(" " * 24 + ".")


def test_beta_at_the_fit_and_with_analytic_weights():
    rc, out, _ = _run("regress mathach ses [aw=school], beta")
    assert rc == 0, out
    assert "Beta" in out
    rc, out, _ = _run("regress mathach ses [pw=school], beta")
    assert rc == 198 and "option beta not supported by mlmcli with pweights" in out


def test_depname_plus_notable_and_formats():
    rc, out, _ = _run("regress mathach ses\nregress, depname(score) plus cformat(%9.3f)\nregress, notable")
    assert rc == 0, out
    table = _after(out, "regress, depname(score) plus cformat(%9.3f)")
    assert "       score |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]" in table
    assert table[-1] == "-" * 13 + "+" + "-" * 64  # plus: open for more rows
    assert _row(table, "ses").split()[2] == _row(table, "ses").split()[2][:5] and "." in _row(table, "ses")
    assert len(_row(table, "ses").split()[2].split(".")[1]) == 3
    header = _after(out, "regress, notable")
    assert any("Number of obs" in ln for ln in header) and not any("Coef." in ln for ln in header)
    rc, out, _ = _run("regress mathach ses\nregress, noheader notable")
    assert _after(out, "regress, noheader notable") == [""]


@pytest.mark.parametrize("typed, message", [
    ("regress, noconstant", "option noconstant not allowed"),
    ("regress, vce(robust)", "option vce() not allowed"),
    ("regress, robust", "option robust not allowed"),
])
def test_estimation_options_refused_on_replay(typed, message):
    rc, out, _ = _run(f"regress mathach ses\n{typed}")
    assert rc == 198 and message in out


def test_eform_under_bootstrap_and_its_replay():
    typed = "regress mathach ses, vce(bootstrap, reps(20) seed(3) nodots) eform(Ratio)"
    rc, out, s = _run(f"{typed}\nregress, level(90) eform(exp)")
    assert rc == 0, out
    lines = _after(out, typed)
    assert "     mathach |      Ratio   Std. Err.      z    P>|z|     [95% Conf. Interval]" in lines
    assert not any(ln.strip().startswith("_cons") for ln in lines)
    b = s.e.matrices["b"].values.ravel()[0]  # e(b) stays linear
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    cells = [float(v) for v in _row(lines, "ses").split()[2:]]
    z = stats.norm.ppf(0.975)
    want = [np.exp(b), np.exp(b) * se, np.exp(b - z * se), np.exp(b + z * se)]
    np.testing.assert_allclose(cells[:2] + cells[4:], want, rtol=5e-6)
    assert cells[2] == round(b / se, 2)
    replay = _after(out, "regress, level(90) eform(exp)")
    lo = float(_row(replay, "ses").split()[-2])
    assert lo == pytest.approx(np.exp(b - stats.norm.ppf(0.95) * se), rel=5e-6)
    assert "[90% Conf. Interval]" in replay[-4]
