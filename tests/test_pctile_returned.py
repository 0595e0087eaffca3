"""``_pctile`` ([D] pctile): r(r1), r(r2), ... the percentiles of percentiles() or the cut points
of nquantiles(), as summarize and pctile compute them (a published replication file,
tests/realworld/heldout/derooij-green, reads weighted quartiles this way)."""
from __future__ import annotations

import pytest

SETUP = "clear\nset obs 40\ngenerate x = mod(_n * 17, 23) + _n / 7\ngenerate w = mod(_n, 4) + 1\n"


def test_percentiles_match_summarize_detail(do):
    rc, out, s = do(SETUP + "quietly summarize x [aw=w], detail\n"
                    "local p25 = r(p25)\nlocal p50 = r(p50)\nlocal p75 = r(p75)\n"
                    "_pctile x [pw=w], p(25 50 75)\n")
    assert rc == 0, out
    assert [s.r[f"r{k}"] for k in (1, 2, 3)] == pytest.approx(
        [float(s.locals[f"p{p}"]) for p in (25, 50, 75)])
    rc, out, s = do("quietly summarize x, detail\nlocal p10 = r(p10)\n_pctile x, p(10)\n", session=s)
    assert s.r == {"r1": pytest.approx(float(s.locals["p10"]))}


def test_nquantiles_are_pctiles_cut_points(do):
    rc, out, s = do(SETUP + "pctile c = x [fw=w], nq(5)\n_pctile x [fw=w], nq(5)\n")
    assert rc == 0, out
    c = s.data.numeric("c")[:4]
    assert [s.r[f"r{k}"] for k in range(1, 5)] == pytest.approx(list(c))
    rc, out, s = do("_pctile x\n", session=s)  # default: the median
    assert list(s.r) == ["r1"]


def test_errors(do):
    rc, out, s = do(SETUP + "_pctile x w\n")
    assert rc == 103, out
    rc, out, s = do("_pctile x if x > 1000\n", session=s)
    assert rc == 2000, out
    rc, out, s = do("_pctile x, p(0 50)\n", session=s)
    assert rc == 198, out
    rc, out, s = do("_pctile x [aw=w], altdef\n", session=s)
    assert rc == 101, out
