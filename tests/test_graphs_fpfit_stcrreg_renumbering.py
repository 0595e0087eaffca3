"""twoway fpfitci with ``estcmd(stcrreg) estopts(compete(status==3) vce(bootstrap, cluster(c)
idcluster(k) [group(g)]))`` (graphs.fpfit_competing_replicates.renumbering): the band is the plain
``stcrreg t1 t2 age, compete(status==3) vce(bootstrap, ...)`` on fracgen's centred terms with the
same options and seed (the plain command's renumbering, survival/stcrreg_renumbering.py,
checked against R in tests/test_st_bootstrap_renumbering_streg_stcrreg.py): k a new variable or y
(fracpoly hands stcrreg y's terms, not y) changes nothing -- the band of cluster(c) alone --; k or
g = age (x), the compete() and failure variable status, stset's time variable (each replicate's
stset rerun) rebuild the replicates; what the plain command refuses stays refused with its message."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.distributions import norm
from test_graphs_fpfit_stcrreg_replicates import _band, _plain_se, _session

SETUP = "stset time, failure(status==1)\ngen c = mod(_n, 41)"
Q = norm.ppf(0.975)


def _compare(new_session, boot):
    s = _session(new_session, "melanoma.csv", SETUP)
    band, _ = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                       f"vce(bootstrap, {boot}))")
    assert "k" not in s.data.varnames  # bootstrap's data: the replicates' own
    se, _, _ = _plain_se(s, f"vce(bootstrap, {boot} nodots)")
    np.testing.assert_allclose((band.y2 - band.y) / (2 * Q), se, rtol=1e-8)
    return se, s


@pytest.mark.parametrize("k", ["k", "thickness"])
def test_idcluster_not_read_is_the_cluster_band(new_session, k):
    se, s = _compare(new_session, f"reps(8) seed(3) cluster(c) idcluster({k})")
    plain, _, _ = _plain_se(s, "vce(bootstrap, reps(8) seed(3) cluster(c) nodots)")
    np.testing.assert_allclose(se, plain, rtol=1e-10)


@pytest.mark.parametrize("boot", ["reps(8) seed(3) cluster(c) idcluster(age)",
                                  "reps(8) seed(4) cluster(c) idcluster(k) group(age)",
                                  "reps(8) seed(5) cluster(c) idcluster(status)"])
def test_renumbered_covariate_or_outcome_is_the_plain_commands(new_session, boot):
    se, s = _compare(new_session, boot)
    plain, _, _ = _plain_se(s, f"vce(bootstrap, {boot.split(' cluster')[0]} cluster(c) nodots)")
    assert not np.allclose(se, plain, rtol=1e-3)  # the replicates rebuilt: not cluster(c)'s band


def test_strata_with_renumbered_covariate(new_session):
    _compare(new_session, "reps(6) seed(8) cluster(c) strata(sex) idcluster(k) group(age)")


@pytest.mark.parametrize("boot", ["reps(8) seed(6) cluster(c) idcluster(k) group(time)",
                                  "reps(8) seed(7) cluster(c) idcluster(time)"])
def test_renumbered_stset_time_is_the_plain_commands(new_session, boot):
    """stset's time variable renumbered: each replicate's stset rerun (ParseCompete) reads the new
    numbers, as in the plain command (sc33; tests/test_stcrreg_stset_rerun.py against R)."""
    se, s = _compare(new_session, boot)
    plain, _, _ = _plain_se(s, f"vce(bootstrap, {boot.split(' cluster')[0]} cluster(c) nodots)")
    assert not np.allclose(se, plain, rtol=1e-3)


def test_plain_commands_refusal_stays(new_session):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SETUP)
    out, rc = run(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) tvc(sex) "
                     "vce(bootstrap, reps(4) seed(1) cluster(c) idcluster(time)))")
    assert rc == 198
    assert ("bootstrap's idcluster()/group() renumbering time, which stcrreg reads (texp() is evaluated at _t "
            "before stset's rerun), not supported by mlmcli") in out, out
    out2, rc2 = run(s, "stcrreg age, tvc(sex) compete(status==3) vce(bootstrap, reps(4) seed(1) cluster(c) "
                       "idcluster(time))")
    assert rc2 == 198 and "renumbering time, which stcrreg reads (texp() is evaluated" in out2


def test_bootstraps_own_errors_the_note(new_session):
    """(reject() is honoured: tests/test_graphs_fpfit_stcrreg_bootstrap_reject.py)"""
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SETUP)
    out, rc = run(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) "
                     "vce(bootstrap, reps(4) idcluster(k)))")  # idcluster() without cluster(): r(198) inside
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


@pytest.mark.parametrize("setup, model, boot", [
    ("gen y0 = year - 1970", "tvc(y0) texp(ln(_t))", "reps(6) seed(12) cluster(c) idcluster(y0)"),
    ("gen double o = year / 100", "offset(o)", "reps(6) seed(13) cluster(c) idcluster(k) group(o)"),
])
def test_renumbered_tvc_or_offset_is_the_plain_commands(new_session, setup, model, boot):
    """A tvc() variable or the offset() renumbered: each replicate's tvc() columns or offset the
    new numbers, as in the plain command (its line and band on fracgen's terms)."""
    from test_graphs_fpfit_stcrreg_replicates import _plain

    s = _session(new_session, "melanoma.csv", SETUP + "\n" + setup)
    band, line = _band(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) powers(0) "
                          f"{model} vce(bootstrap, {boot}))")
    _, se, _ = _plain(s, model, f"vce(bootstrap, {boot} nodots)")
    np.testing.assert_allclose((band.y2 - band.y) / (2 * Q), se, rtol=1e-7)
    _, unrenumbered, _ = _plain(s, model, f"vce(bootstrap, {boot.split(' cluster')[0]} cluster(c) nodots)")
    assert not np.allclose(se, unrenumbered, rtol=1e-3)
