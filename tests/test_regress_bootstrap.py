"""``regress ..., vce(bootstrap [, reps() seed() nodots])``: Stata's dots and the
``Observed / Bootstrap / Normal-based`` layout, the bootstrap variance, errors."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


def _run(text):
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    rc = r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n{text}",
                    stop_on_error=False)
    return rc, s.out.stream.getvalue(), s


def test_layout_and_e():
    rc, out, s = _run("regress mathach ses i.sector, vce(boot, reps(60) seed(12))")
    assert rc == 0, out
    lines = out.split("\n")
    i = lines.index("(running regress on estimation sample)")
    assert lines[i + 1:i + 6] == ["", "Bootstrap replications (60)",
                                  "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 ",
                                  "." * 50 + "    50", "." * 10 + " " * 40 + "    60"]
    head = [ln for ln in lines if ln.startswith("Linear regression")][0]
    assert head.index("Number of obs") == 48 and len(head) == 78
    j = lines.index(head)
    assert [ln[48:67].rstrip() for ln in lines[j:j + 7]] == [
        "Number of obs", "Replications", "Wald chi2(2)", "Prob > chi2", "R-squared", "Adj R-squared", "Root MSE"]
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert "     mathach |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]" in lines
    e = s.e
    assert e.macros["vcetype"] == "Bootstrap" and e.macros["vce"] == "bootstrap"
    assert e.scalars["N_reps"] == 60
    assert "df_r" not in e.scalars and "F" not in e.scalars  # the bootstrap prefix keeps neither
    V = e.matrices["V"].values
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(V))
    ses = se[e.matrices["b"].colnames.index("ses")]
    # robust SE as a yardstick: the bootstrap estimates the same sampling variance
    rc, out2, s2 = _run("quietly regress mathach ses i.sector, robust")
    rob = np.sqrt(s2.e.matrices["V"].values[0, 0])
    assert 0.6 * rob < ses < 1.5 * rob
    assert b[0] == pytest.approx(s2.e.matrices["b"].values[0][0])


def test_seed_reproduces_and_replay():
    _, out1, s1 = _run("regress mathach ses, vce(bootstrap, reps(20) seed(5) nodots)")
    _, out2, s2 = _run("regress mathach ses, vce(bootstrap, reps(20) seed(5) nodots)\nregress")
    np.testing.assert_array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    assert "Bootstrap replications" not in out1
    # _prefix_note exits when called with nodots: no running note, and the header starts the output
    assert "(running regress on estimation sample)" not in out1
    after = out1.split(". regress mathach ses, vce(bootstrap, reps(20) seed(5) nodots)\n", 1)[1].split("\n")
    assert after[0] == "" and after[1].startswith("Linear regression")
    assert out2.count("Normal-based") == 2


@pytest.mark.parametrize("text, rc, message", [
    ("regress mathach ses [fw=school], vce(bootstrap)", 101, "weights not allowed with vce(bootstrap)"),
    ("regress mathach ses, vce(boot, reps(1))", 198, "reps() must be an integer greater than 1"),
    # _vce_parserun hands "x" to bootstrap as its exp_list; mlm refuses that (tests/test_vce_unknown_type.py)
    ("regress mathach ses, vce(boot x)", 198, "vce(bootstrap x): words before the comma"),
    ("regress mathach ses, vce(bo)", 198, "not allowed"),
])
def test_errors(text, rc, message):
    got, out, _ = _run(text)
    assert got == rc and message in out
