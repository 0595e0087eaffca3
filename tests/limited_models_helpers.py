"""What the tests of biprobit, gnbreg, ivprobit and ivtobit share: a fit that must succeed, its
e(b) and standard errors, and the check of an error's message and return code."""
from __future__ import annotations

import numpy as np


def fitted(do, text, data):
    """(printed, session) of ``text`` run over a copy of ``data``; fails unless rc is 0."""
    rc, printed, s = do(text, data.copy())
    assert rc == 0, printed
    return printed, s


def b_and_se(s):
    """e(b) as a vector and the square roots of e(V)'s diagonal."""
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def check_error(do, data, text, message, code):
    """``text`` stops with return code ``code`` and prints ``message`` (None: any)."""
    rc, printed, _ = do(text, data.copy())
    assert rc == code, printed
    if message:
        assert message in printed
