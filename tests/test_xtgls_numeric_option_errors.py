"""xtgls.ado's syntax reads ``TOLerance(real 1e-7) ITERate(int `c(maxiter)')
Level(cilevel)``: a bad number is ``option X() incorrectly specified`` r(198) (level():
``level() invalid``), found before anything is fitted, so the previous estimates stay."""
from __future__ import annotations

import pytest

from test_xtgls import panel  # noqa: F401  (the fixture: 4 panels of 15 periods)


@pytest.mark.parametrize("options, message", [
    ("tolerance(abc)", "option tolerance() incorrectly specified"),
    ("tol(1e-x)", "option tolerance() incorrectly specified"),
    ("iterate(1.5)", "option iterate() incorrectly specified"),
    ("iter(ten)", "option iterate() incorrectly specified"),
    ("igls iterate(x)", "option iterate() incorrectly specified"),
    ("level(abc)", "level() invalid"),
])
def test_bad_numbers_are_incorrectly_specified_before_the_fit(do, panel, options, message):
    rc, out, s = do("xtset id t\nquietly regress y x", panel)
    assert rc == 0, out
    before = s.e
    rc, out, s = do(f"xtgls y x, panels(het) {options}", session=s)
    assert rc == 198 and message in out and "invalid syntax" not in out and "Traceback" not in out
    assert s.e is before and s.e.cmd == "regress"


def test_good_numbers_are_honoured(do, panel):
    rc, out, s = do("xtset id t\nxtgls y x, panels(het) igls iterate(1) tolerance(1e-12)", panel)
    assert rc == 0 and "convergence not achieved" in out
    rc, out, s = do("xtgls y x, panels(het) igls iterate(200) tol(1e-3)", session=s)
    assert rc == 0 and "convergence not achieved" not in out
    assert sum(ln.startswith("Iteration ") for ln in out.splitlines()) < 200
