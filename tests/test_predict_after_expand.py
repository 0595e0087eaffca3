"""``predict ..., reffects`` after a fit on data that ``expand`` made: the copies share the
row identity of the row they copy, so the fit starts a new lineage
(``Dataset.distinct_row_identity``) and predict places e(sample) by position.  Before,
predict answered r(459) "data used in estimation be in memory" although nothing had
changed (a public do-file simulates patients by ``expand n_patients`` and then predicts
the trusts' empirical Bayes effects)."""
from __future__ import annotations

import numpy as np

SIMULATE = """clear
set seed 4711
set obs 40
gen g = _n
gen u = rnormal(0, .6)
gen n = 5 + mod(_n, 7)
expand n
gen x = rnormal()
gen y = 1 + .5*x + u + rnormal()
gen yb = rbinomial(1, invlogit(-.3 + .5*x + u))
"""


def test_mixed_blups_after_expand_equal_those_after_reloading(do, tmp_path):
    path = tmp_path / "sim.dta"
    rc, out, s = do(SIMULATE + f'save "{path}"\nmixed y x || g:\npredict b, reffects reses(se)')
    assert rc == 0, out
    rc2, out2, s2 = do(f'use "{path}", clear\nmixed y x || g:\npredict b, reffects reses(se)')
    assert rc2 == 0, out2
    np.testing.assert_allclose(s.data.numeric("b"), s2.data.numeric("b"), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(s.data.numeric("se"), s2.data.numeric("se"), rtol=1e-6, atol=1e-9)
    # the BLUP is constant within each group and not all zero
    b = s.data.numeric("b")
    g = s.data.numeric("g")
    for k in (1, 17, 40):
        assert np.ptp(b[g == k]) == 0
    assert np.std(b) > 0.1


def test_melogit_reffects_after_expand(do):
    rc, out, s = do(SIMULATE + "melogit yb x || g:\npredict r, reffects reses(rse)\npredict m, fixedonly mu")
    assert rc == 0, out
    assert "data used in estimation" not in out
    r = s.data.numeric("r")
    assert np.all(np.isfinite(r)) and np.all(np.isfinite(s.data.numeric("rse")))
    g = s.data.numeric("g")
    assert all(np.ptp(r[g == k]) == 0 for k in range(1, 41))
