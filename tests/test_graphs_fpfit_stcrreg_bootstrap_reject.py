"""twoway fpfitci with ``estcmd(stcrreg) estopts(compete(status==3) vce(bootstrap, reject() ...))``
(graphs.fpfit_competing_bootstrap): the bootstrap prefix in each of fracpoly's fits, reject() applied
as the plain command applies it.  The band is the plain ``stcrreg t1 t2 age, compete(status==3)
vce(bootstrap, reject() ...)`` on fracgen's centred terms (powers 0 0) with the same seed -- the
plain command's bootstrap being checked against R in tests/test_stcrreg_replicates.py --, its
rejected replicates out of V (so not the band without reject()); reject() true on the full sample
fails the first fit (the note); reject() reading an e() the plain command's replicates do not hold
is its refusal."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.distributions import norm
from test_graphs_fpfit_stcrreg_replicates import _band, _plain_se, _session

SETUP = "stset time, failure(status==1)\ngen c = mod(_n, 41)"
Q = norm.ppf(0.975)
FPFIT = "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) vce(bootstrap, {}))"


@pytest.mark.parametrize("boot", [
    "reps(12) seed(7) reject(_b[age] > .016)",
    "reps(12) seed(9) cluster(c) reject(_b[age] < 0 | e(N) < 200)",
    "reps(10) seed(5) strata(sex) mse reject(_b[age] > .016)",
    "reps(12) seed(3) cluster(c) idcluster(age) reject(_b[age] < 0)",  # replicates rebuilt (renumbering)
])
def test_band_is_the_plain_commands_with_reject(new_session, boot):
    s = _session(new_session, "melanoma.csv", SETUP)
    band, _ = _band(s, FPFIT.format(boot))
    se, sc, _ = _plain_se(s, f"vce(bootstrap, {boot} nodots)")
    assert 0 < sc["N_misreps"] < sc["N_reps"] + sc["N_misreps"]  # some replicates rejected, not all
    np.testing.assert_allclose((band.y2 - band.y) / (2 * Q), se, rtol=1e-6)
    unrejected, _, _ = _plain_se(s, f"vce(bootstrap, {boot.split(' reject')[0]} nodots)")
    assert not np.allclose(se, unrejected, rtol=1e-3)


def test_saving_holds_the_final_fits_replicates(new_session, tmp_path):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SETUP)
    f = tmp_path / "bs.dta"
    boot = f"reps(12) seed(7) reject(_b[age] > .016) saving({f}, replace)"
    _band(s, FPFIT.format(boot))
    out, rc = run(s, f"preserve\nuse {f}, clear")
    assert rc == 0, out
    names = list(s.data.varnames)
    B = np.column_stack([s.data.numeric(v) for v in names])
    out, rc = run(s, "restore")
    _plain_se(s, f"vce(bootstrap, reps(12) seed(7) reject(_b[age] > .016) nodots)")
    assert names == ["_t_b_Ithic__1", "_t_b_Ithic__2", "_t_b_age"]
    missing = ~np.all(np.isfinite(B), axis=1)
    assert missing.sum() == s.e.scalars["N_misreps"] and missing.any()
    assert np.all(B[~missing, 2] <= .016)


def test_reject_true_on_the_full_sample_is_the_note(new_session):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SETUP)
    out, rc = run(s, FPFIT.format("reps(4) seed(1) reject(_b[age] > 0)"))
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    out, rc = run(s, "stcrreg age, compete(status==3) vce(bootstrap, reps(4) seed(1) reject(_b[age] > 0))")
    assert rc == 9 and "bootstrap rejected results from stcrreg while using the entire dataset" in out, out


def test_reject_reading_other_results_is_the_plain_commands_refusal(new_session):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SETUP)
    out, rc = run(s, FPFIT.format("reps(4) seed(1) reject(e(ll) < 0)"))
    assert rc == 198 and "vce(bootstrap, reject()) reading e(ll) with estcmd(stcrreg) not supported by mlmcli" in out, out
    out, rc = run(s, "stcrreg age, compete(status==3) vce(bootstrap, reps(4) seed(1) reject(e(ll) < 0))")
    assert rc == 198 and "vce(bootstrap, reject()) reading e(ll) not supported by mlmcli with stcrreg" in out, out
