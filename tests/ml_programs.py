"""What the ml tests share (tests/test_ml_command.py, test_ml_evaluators_derivatives.py,
test_ml_subcommands.py): [R] ml's probit and normal-regression evaluators as lf, lf0 and d0
programs, running a do-text that must succeed, and comparing two fits."""
from __future__ import annotations

import numpy as np
import pytest

PROBIT_LF = """
capture program drop myprobit
program define myprobit
    args lnf xb
    quietly replace `lnf' = ln(normal(`xb')) if $ML_y1 == 1
    quietly replace `lnf' = ln(normal(-`xb')) if $ML_y1 == 0
end
"""
PROBIT_LF0 = """
program define myprobit0
    args todo b lnfj
    tempvar xb
    mleval `xb' = `b'
    quietly replace `lnfj' = ln(normal(cond($ML_y1, `xb', -`xb')))
end
"""
NORMAL_LF = """
program define mynormal
    args lnf mu sigma
    quietly replace `lnf' = ln(normalden($ML_y1, `mu', `sigma'))
end
"""
NORMAL_D0 = """
program define mynormal_d0
    args todo b lnf
    tempvar mu
    tempname lnsig
    mleval `mu' = `b', eq(1)
    mleval `lnsig' = `b', eq(2) scalar
    mlsum `lnf' = ln(normalden($ML_y1, `mu', exp(`lnsig')))
end
"""


def fit(do, data, text):
    rc, printed, s = do(text, data)
    assert rc == 0, printed
    return printed, s


def b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def same_fit(a, b, se_rtol=1e-5):
    """Estimates to 1e-6, standard errors to ``se_rtol`` relative, the same ln L."""
    ba, sa = b_se(a)
    bb, sb = b_se(b)
    np.testing.assert_allclose(ba, bb, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(sa, sb, rtol=se_rtol)
    assert a.e.scalars["ll"] == pytest.approx(b.e.scalars["ll"], rel=1e-10)
