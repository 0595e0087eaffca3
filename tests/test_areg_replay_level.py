"""``areg y x, absorb(g)`` then ``areg, level(90)`` typed alone: the table at 90% (b -/+
t(e(df_r)) se, by hand from e(b), e(V)), also after vce(jackknife) (t on the jackknife's df) and
the bootstrap prefix (z); the last session's note called it r(198) -- it was fixed by rp25's
shared replay rule (docs/replay_level.md) and is held here."""
from __future__ import annotations

import re

import numpy as np
import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/10\ngenerate g = ceil(_n/4)\n"
        "generate y = x + mod(_n*3,7)/2 + mod(g,3)\n}\n")


def _row(out: str, name: str) -> list[float]:
    line = next(ln for ln in out.splitlines() if re.match(rf"^\s+{name} \|", ln))
    return [float(v) for v in line.split("|")[1].split()]


@pytest.mark.parametrize("fit, statistic", [("areg y x, absorb(g)", "t"),
                                            ("areg y x, absorb(g) vce(jackknife)", "t"),
                                            ("bootstrap, reps(5) seed(2): areg y x, absorb(g)", "z")])
def test_areg_typed_alone_replays_at_level_90(do, fit, statistic):
    from mlmcli import distributions as stats

    rc, out, s = do(DATA + f"quietly {fit}\nareg, level(90)")
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out and f"P>|{statistic}|" in out
    b = s.e.matrices["b"].values.reshape(-1)[0]
    se = float(np.sqrt(s.e.matrices["V"].values[0, 0]))
    q = stats.t.ppf(0.95, s.e.scalars["df_r"]) if statistic == "t" else stats.norm.ppf(0.95)
    coef, shown_se, _, _, lo, hi = _row(out, "x")
    assert coef == pytest.approx(b, rel=1e-6) and shown_se == pytest.approx(se, rel=1e-6)
    assert lo == pytest.approx(b - q * se, abs=2e-6) and hi == pytest.approx(b + q * se, abs=2e-6)
    rc, again, _ = do("areg", session=s)
    assert rc == 0 and "[95% Conf. Interval]" in again
