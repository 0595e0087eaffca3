"""``sampsi`` (Stata 13's sampsi.ado): sample sizes and powers against R
(tests/power_reference/sampsi_reference.R: [R] sampsi's formulas written out), the ado's layout,
r() and refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

REF = {line.split()[0]: float(line.split()[1]) for line in
       (Path(__file__).parent / "power_reference" / "sampsi_reference.txt").read_text().splitlines()}

# sampsi.ado's display for two proportions
PROPORTIONS = """
Estimated sample size for two-sample comparison of proportions

Test Ho: p1 = p2, where p1 is the proportion in population 1
                    and p2 is the proportion in population 2
Assumptions:

         alpha =   0.0500  (two-sided)
         power =   0.9000
            p1 =   0.2500
            p2 =   0.4000
         n2/n1 =   1.00

Estimated required sample sizes:

            n1 =      216
            n2 =      216"""

ONE_MEAN = """
Estimated sample size for one-sample comparison of mean
  to hypothesized value

Test Ho: m =    180, where m is the mean in the population

Assumptions:

         alpha =   0.0500  (two-sided)
         power =   0.9000
 alternative m =      211
            sd =       46

Estimated required sample size:

             n =       24"""


def test_layouts(do):
    rc, out, s = do("sampsi 0.25 0.4")
    assert rc == 0 and PROPORTIONS in out, out
    assert s.r["N_1"] == s.r["N_2"] == REF["props_n1_.25_.4"] and s.r["adj"] == 1
    rc, out, s = do("sampsi 180 211, sd(46) onesam")
    assert rc == 0 and ONE_MEAN in out and s.r["N_1"] == REF["mean1_n"], out


@pytest.mark.parametrize("command, key, n2", [
    ("sampsi 0.25 0.4, nocont ratio(2) power(.8)", "props_n1_.25_.4_nocont_r2_p.8", 232),
    ("sampsi 0.5 0.75, onesample", "prop1_n_.5_.75", 0),
    ("sampsi 132.86 127.44, sd1(15.34) sd2(18.23) ratio(2)", "means_n1_ratio2", 288),
])
def test_sample_sizes(do, command, key, n2):
    rc, out, s = do(command)
    assert rc == 0 and s.r["N_1"] == REF[key] and s.r["N_2"] == n2, out


@pytest.mark.parametrize("command, key, warning", [
    ("sampsi 0.25 0.4, n1(100)", "props_power_100", 0),
    ("sampsi 0.3 0.5, n1(20) onesample", "prop1_power_20", 1),
    ("sampsi 132.86 127.44, sd1(15.34) n1(60) n2(50) onesided", "means_power_onesided", None),
])
def test_powers(do, command, key, warning):
    rc, out, s = do(command)
    assert rc == 0 and abs(s.r["power"] - REF[key]) < 1e-10, out
    assert f"power = {REF[key]:8.4f}" in out
    if warning is None:
        assert "warning" not in s.r
    else:
        assert s.r["warning"] == warning and ("normal approximation to the binomial" in out) == bool(warning)


@pytest.mark.parametrize("command, message, code", [
    ("sampsi 0.25", "invalid syntax", 198),
    ("sampsi a 0.4", "'a' found where number expected", 7),
    ("sampsi 0.25 0.4, alpha(2)", "alpha() out of range", 198),
    ("sampsi 0.25 0.4, onesample ratio(2)", "incompatible", 198),
    ("sampsi 2 3", "if testing means, then sd(#) must be specified", 499),
    ("sampsi 1 2, sd(1) nocont", "option nocontinuity not allowed", 198),
])
def test_refusals(do, command, message, code):
    rc, out, _ = do(command)
    assert rc == code and message in out, out


def test_equal_values_give_missing(do):
    rc, out, s = do("sampsi 0.5 0.5")
    assert rc == 0 and "            n1 =        ." in out and np.isnan(s.r["N_1"]), out
    rc, out, s = do("sampsi 0.5 0.5, n1(10)")
    assert rc == 0 and "         power =        ." in out, out


def test_repeated_measures(do):
    # [R] sampsi's repeated-measures example (method(change), one baseline, three follow-ups)
    rc, out, s = do("sampsi 498 485, sd1(20.2) sd2(19.5) method(change) pre(1) post(3) r1(.7) r01(.5) power(.8)")
    assert rc == 0 and "Method: CHANGE\n relative efficiency =    1.250\n    adjustment to sd =    0.894" in out, out
    assert abs(s.r["adj"] - REF["rep_change_factor"]) < 1e-12 and s.r["N_1"] == s.r["N_2"] == REF["rep_change_n1"]
    rc, out, s = do("sampsi 498 485, sd1(20.2) pre(2) post(2) r1(.6) r0(.5) r01(.4) n1(60)")
    assert rc == 0 and out.count("Method: ") == 3 and "Method: ANCOVA" in out, out
    assert abs(s.r["adj"] - REF["rep_ancova_factor"]) < 1e-12 and abs(s.r["power"] - REF["rep_ancova_power_n60"]) < 1e-10
    rc, out, _ = do("sampsi 498 485, sd1(20.2) post(3) r1(.7)")
    assert "method(change) and method(ancova) may only be used with baseline measurements" in out


@pytest.mark.parametrize("command, message", [
    ("sampsi 1 2, pre(1)", "options pre() and post() cannot be used without option sd1()"),
    ("sampsi 1 2, sd1(1) post(2)", "Correlation r1 is needed with more than one post-trial"),
    ("sampsi 1 2, sd1(1) pre(1)", "Correlation r01 is needed with pre-trial"),
    ("sampsi 1 2, sd1(1) method(change)", "method(change) may only be used with baseline measurements"),
    ("sampsi 1 2, sd1(1) method(bogus)", "method() invalid"),
    ("sampsi 1 2, sd1(1) post(2) r1(1.5)", "Correlation r1 must be between -1 and 1"),
    ("sampsi 1 2, sd1(1) pre(1) post(2) r1(-.9) r01(.99) method(change)", "variance of treatment difference must be positive"),
])
def test_repeated_refusals(do, command, message):
    rc, out, _ = do(command)
    assert rc == 198 and message in out, out
