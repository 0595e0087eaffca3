"""``replace`` with a random-number function and a subscript of its own target: Stata works
through the observations in order and draws once for each observation it evaluates, so
``replace y = y[_n-1] + runiform()`` after ``set seed`` draws the same numbers as
``generate x = runiform()`` after the same seed (a random walk's steps are the plain draws)."""
from __future__ import annotations

import numpy as np

from mlmcli.runner import Runner
from mlmcli.session import Session


def _session(lines: str) -> Session:
    s = Session()
    Runner(s).run_text(lines, echo=False)
    return s


def test_random_walk_steps_are_the_draws_of_generate():
    s = _session("set obs 200\nset seed 12\ngenerate double x = runiform()\nset seed 12\n"
                 "generate double y = 0\nreplace y = cond(_n == 1, 0, y[_n-1]) + runiform()")
    x, y = s.data.numeric("x"), s.data.numeric("y")
    assert np.allclose(np.diff(y, prepend=0.0), x, rtol=0, atol=1e-12)


def test_draws_only_for_the_rows_the_if_selects_in_order():
    s = _session("set obs 50\nset seed 3\ngenerate double x = rnormal()\nset seed 3\n"
                 "generate double y = 0\nreplace y = y[_n-1] + rnormal() if _n > 10")
    x, y = s.data.numeric("x"), s.data.numeric("y")
    assert np.all(y[:10] == 0)
    assert np.allclose(np.diff(y)[9:], x[:40], rtol=0, atol=1e-12)  # row 11 takes the first draw


def test_by_groups_restart_the_walk_but_not_the_stream():
    s = _session("set obs 40\ngenerate g = ceil(_n / 10)\nset seed 5\ngenerate double x = runiform()\n"
                 "set seed 5\ngenerate double y = .\nby g: replace y = cond(_n == 1, 0, y[_n-1]) + runiform()")
    x, y, g = s.data.numeric("x"), s.data.numeric("y"), s.data.numeric("g")
    first = np.r_[True, g[1:] != g[:-1]]
    steps = np.where(first, y, y - np.r_[0.0, y[:-1]])
    assert np.allclose(steps, x, rtol=0, atol=1e-12)
