"""Helpers of the tests that compare one model on differently centred or scaled regressors
(test_xt_scaling98, test_far_regressors99): each command line fitted once, and its e(b) and SEs
by coefficient name."""
from __future__ import annotations

import numpy as np


def cached_fits(data, new_session, run, setup: str = "quietly xtset id t"):
    """``fit(line) -> (printed, session)``: ``setup`` and ``line`` run once in a fresh session
    over ``data``, the result kept for the module's other tests."""
    cache = {}

    def fit(line):
        if line not in cache:
            session = new_session(data)
            out, rc = run(session, setup + "\n" + line)
            assert rc == 0, out
            cache[line] = out, session
        return cache[line]

    return fit


def estimates(fitted, line):
    """(printed, e(), {name: b}, {name: SE}) of ``fitted(line)``; the depvar's equation
    name dropped."""
    out, s = fitted(line)
    e = s.e
    names = [n.split(":")[-1] if n.split(":")[0] == e.macros["depvar"] else n for n in e.matrices["b"].colnames]
    b = dict(zip(names, e.matrices["b"].values.ravel()))
    se = dict(zip(names, np.sqrt(np.clip(np.diag(e.matrices["V"].values), 0, None))))
    return out, e, b, se


def predictions(fitted, run, command: str, options: str, columns=("xr", "near")) -> list:
    """``predict double p, options`` after ``fitted(command.format(x=column))`` for each column
    (the same model on differently shifted regressors)."""
    values = []
    for x in columns:
        session = fitted(command.format(x=x))[1]
        out, rc = run(session, f"capture drop p\npredict double p, {options}")
        assert rc == 0, out
        values.append(session.data.numeric("p"))
    return values
