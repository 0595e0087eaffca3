"""scatter's jitter(#) draws the session's random numbers ([G-2] graph twoway scatter: jitterseed(#)
is the option "to reproduce the same plotted positions", so without it the noise is the session's
runiform() stream): ``set seed`` before the graph reproduces the markers and runiform() after it
carries on after its draws (one per marker, x then y, plot by plot); with jitterseed() the noise has
its own stream and the session's is left where it was.  The session's stream is numpy's PCG64 from
``set seed`` (mlmcli.expr.random_numbers), so the expected numbers are numpy's here."""
from __future__ import annotations

import numpy as np
import pytest

SETUP = """clear
set obs 20
set seed 11
gen x = runiformint(1,3)
gen y = runiformint(1,3)
gen g = mod(_n, 2)
"""


def _u(s, name="u"):
    return s.data.numeric(name)


@pytest.mark.parametrize("graph, draws", [
    ("scatter y x, jitter(5)", 40),                              # 20 markers, x then y
    ("scatter y x, jitter(5) by(g)", 40),                        # the panels' markers once each
    ("twoway scatter y x, jitter(5) || scatter x y, jitter(2) || line y x, sort", 80),
    ("scatter y x in 1/10, jitter(5)", 20),
    ("scatter y x, jitter(5) jitterseed(3)", 0),                 # its own stream
    ("scatter y x", 0),
    ("graph matrix y x, jitter(4)", 40),
    ("graph matrix y x, jitter(4) jitterseed(2)", 0),
])
def test_next_runiform_follows_the_jitter_draws(do, graph, draws):
    rc, out, s = do(SETUP + f"set seed 5\n{graph}\ngen double u = runiform()")
    assert rc == 0, out
    expected = np.random.default_rng(5).random(draws + 20)[draws:]
    np.testing.assert_array_equal(_u(s), expected)


def test_set_seed_reproduces_the_markers_from_the_sessions_numbers(do):
    rc, out, s = do(SETUP + "set seed 5\nscatter y x, jitter(5)")
    assert rc == 0, out
    first = s.graphs[-1].panels[0].series[0]
    rc, out, _ = do("set seed 5\nscatter y x, jitter(5)", session=s)
    second = s.graphs[-1].panels[0].series[0]
    np.testing.assert_array_equal(first.x, second.x)
    np.testing.assert_array_equal(first.y, second.y)
    x, y = s.data.numeric("x"), s.data.numeric("y")
    r = np.random.default_rng(5).random(40)  # x's 20 draws, then y's: noise of 5% of the range
    np.testing.assert_allclose(first.x, x + (r[:20] - 0.5) * 0.05 * np.ptp(x), rtol=1e-12)
    np.testing.assert_allclose(first.y, y + (r[20:] - 0.5) * 0.05 * np.ptp(y), rtol=1e-12)
    rc, out, _ = do("set seed 6\nscatter y x, jitter(5)", session=s)
    assert not np.array_equal(s.graphs[-1].panels[0].series[0].x, first.x)
