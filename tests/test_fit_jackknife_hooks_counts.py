"""fpfit's other estcmd()s under vce(jackknife, n()): the replicate count check is the one of
the loop jackknife.ado runs for the weights -- _loop_jknife's ``nn == n0 - left out`` for none
and fweights, _loop_jknife_iw's ``reldif(nn, n0 - left out) <= 1e-5`` for pweights and
iweights (jackknife_checks.count_matches, shared with regress's path)."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import make_session
from mlmcli.commands.graphs.fit_jackknife_hooks import graph_hooks


def _marks(weight_kind, n0, replicate_n):
    hooks = graph_hooks(make_session(n=5))
    checks = hooks.result_checks({"nfunc": "e(N)"}, "cnreg", weight_kind)

    def results(n):
        return hooks.fit_results("cnreg", "y", ["model:x", "model:_cons"], np.zeros(2), np.eye(2), {"N": float(n)})

    checks.check_full(results(n0))
    return checks.usable(results(replicate_n), 1)


@pytest.mark.parametrize("weight_kind, tolerant", [(None, False), ("fweight", False), ("aweight", False),
                                                   ("pweight", True), ("iweight", True)])
def test_count_within_reldif_passes_only_under_the_iw_loop(weight_kind, tolerant):
    # 199,999 left of 200,000 is the exact count; 199,998 is off by one, reldif 5e-6
    assert _marks(weight_kind, 200000, 199999) is True
    assert _marks(weight_kind, 200000, 199998) == (True if tolerant else "n")
    assert _marks(weight_kind, 20, 18) == "n"  # reldif 1/20: fails under every loop
