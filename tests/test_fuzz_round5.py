"""Round 5 of the fuzz (docs/command_fuzz.md, tests/fuzz_round5_commands.py and
tests/fuzz_commands.py restricted to the commands merged in the session of 2026-12-05): the lines
it found, run on the fuzz's own data with its checks (no internal error, the data unchanged when
the line fails) and the rc each now gives."""
from __future__ import annotations

import pytest

XT = ("xtset g t",)

# (shape, setup, line, rc) as the round-5 fuzz ran them
FOUND = [
    # xtabond/xtdpdsys with the time variable all missing or no data: no observations
    ("allmiss", XT, "xtabond g if x1 > 0", 2000),
    ("empty", XT, "xtdpdsys x*, level(g)", 2000),
    # xtdpdsys with no residual degrees of freedom for sigma^2
    ("full", XT, "xtdpdsys c t2 in 1/5", 2001),
    # xtregar of a depvar constant within panels: prais's rho is 0/0, nothing left to fit
    ("wide", XT, "xtregar g f", 2000),
    # xtregar on one observation; every regressor dropped
    ("full", XT, "xtregar y o o k in 1", 2001),
    # unit-root tests of a series constant within panels: the statistics are missing
    ("full", XT, "xtunitroot breitung g in -5/l", 0),
    ("full", XT, "xtunitroot breitung g", 0),
    ("full", XT, "xtunitroot llc k", 0),
    ("full", XT, "xtunitroot llc g, trend", 0),
    ("full", XT, "xtunitroot ht k, demean", 0),
    # manova with a term of no degrees of freedom (constant, or one level per by-group): its
    # statistics are shown, its F tests missing
    ("full", (), "manova y x1 = k", 0),
    ("longnames", (), "by f, sort: manova y x1 = f, noconstant", 0),
    ("holes", (), "by f, sort: manova y x1 = f c.x2", 506),  # a later group: 2 observations
    # mvtest with fewer observations than the test needs, or sums past the largest double
    ("one", (), "mvtest means y x1", 2001),
    ("full", (), "mvtest means y x1 in 1", 2001),
    ("full", (), "mvtest covariances y x1 in 1", 2001),
    ("full", (), "mvtest normality y x1 in 1/3, stats(all)", 2001),
    ("huge", (), "mvtest means y x1", 504),
    ("huge", (), "mvtest covariances y x2, by(f)", 504),
    # sureg/mvreg/reg3 with cross-products past the largest double: r(504) (matrix accum's missing)
    ("huge", ("generate double huge = 1e307 * x1",), "by f, sort: mvreg y c = k", 504),
    ("huge", (), "bysort b: sureg (y x1)", 504),
    ("huge", (), "reg3 (y x1 c) (c y x2)", 504),
    # reg3's dfk (mvreg) with as many observations as coefficients: dfk's divisor is 0
    ("one", (), "bysort b: reg3 (y x1 c) (c y x2), mvreg", 2001),
    ("full", (), "sureg (y x1 x2) (c x1) in 1/3, dfk", 2001),
    # small with N = k: the RMSE is missing
    ("full", (), "sureg (y x1 x2) (c x1) in 1/3, small", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round5_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)
