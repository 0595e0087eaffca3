"""twoway fpfitci with ``estcmd(stcrreg) estopts(compete(status==3) vce(jackknife, n()|nocount
[nodrop]))`` (graphs.fpfit_competing_jackknife.nodrop_replicates, fpfit_ml_jackknife's prefix in
each fit): with stset fweights (n(e(N_sub)) on split records, nocount) and with nodrop beside
rows frac_154's touse keeps and stcrreg drops (offset() missing), the band is the plain
command's replicate V on fracgen's terms (powers(0): the pair (0, 0)) -- whose numbers
tests/test_stcrreg_jackknife_counts.py checks against survival::finegray + coxph -- with
t(e(df_r))."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.distributions import t as student_t

# the same stcrreg refits drawn again by the next test: tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")

HERE = Path(__file__).parent / "survival_reference"


def _session(new_session, name, setup):
    from graphs_helpers import run

    s = new_session(pd.read_csv(HERE / name).astype(float))
    out, rc = run(s, setup)
    assert rc == 0, out
    return s


def _band(s, estopts):
    from graphs_helpers import drawn

    graph, _ = drawn(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) powers(0) "
                        + estopts + ")")
    band, line = graph.panels[0].series
    return band, line


def _plain(s, options, rows):
    """(stdp at the plotted ages, e() scalars) of the plain stcrreg on fracgen's terms of powers
    (0, 0) of thickness/10, centred over fracpoly's sample (every row: the offset is stcrreg's
    markout, not fracpoly's), fitted on ``rows``."""
    from graphs_helpers import run

    ds = s.data
    z, age = ds.numeric("thickness") / 10, ds.numeric("age")
    zbar = z.mean()
    ds.set_variable("t1", np.log(z) - np.log(zbar), vtype="double")
    ds.set_variable("t2", np.log(z) ** 2 - np.log(zbar) ** 2, vtype="double")
    out, rc = run(s, f"stcrreg t1 t2 age, compete(status==3) {options}")
    assert rc == 0, out
    V = np.asarray(s.e.matrices["V"].values, float)[:3, :3]
    order = np.lexsort((z, age))
    first = order[np.r_[True, np.diff(age[order]) != 0]]
    first = first[rows[first]]
    X0 = np.column_stack([np.log(z[first]) - np.log(zbar), np.log(z[first]) ** 2 - np.log(zbar) ** 2, age[first]])
    return np.sqrt(np.einsum("ij,jk,ik->i", X0, V, X0)), dict(s.e.scalars)


def _half_width(band, df_r):
    keep = np.isfinite(band.y)
    return (band.y2 - band.y)[keep] / (2 * student_t.ppf(0.975, df_r))


RECORDS_FW = "gen w = 1 + mod(id - 1, 3)\nstset t [fw=w], id(id) failure(status==1)"
SINGLE_FW = "gen w = 1 + mod(_n - 1, 3)\nstset time [fw=w], failure(status==1)"
OFFSET = "stset time, failure(status==1)\ngen o = 0\nreplace o = . in 1/4"


@pytest.mark.parametrize("name, setup, vce", [
    ("melanoma_records.csv", RECORDS_FW, "vce(jackknife, n(e(N_sub)))"),
    ("melanoma.csv", SINGLE_FW, "vce(jackknife, nocount)"),
    ("melanoma.csv", OFFSET, "offset(o) vce(jackknife, nocount nodrop)"),
    ("melanoma.csv", OFFSET, "offset(o) vce(jackknife, n(e(N)) nodrop)"),
    ("melanoma.csv", SINGLE_FW + "\ngen o = 0\nreplace o = . in 1/4", "offset(o) vce(jackknife, nocount nodrop)"),
])
def test_band_is_the_plain_commands(new_session, name, setup, vce):
    s = _session(new_session, name, setup)
    rows = np.ones(s.data.nobs, bool)
    if "offset" in vce:
        rows[:4] = False
    band, line = _band(s, vce)
    se, sc = _plain(s, vce, rows)
    np.testing.assert_allclose(_half_width(band, sc["df_r"]), se, rtol=1e-6)
    if "nocount nodrop" in vce:  # the four rows stcrreg drops are replicates of their own
        assert sc["N_reps"] == 205 and sc["N_misreps"] == 0
    if "n(e(N)) nodrop" in vce:  # ... which n() fails
        assert sc["N_reps"] == 201 and sc["N_misreps"] == 4


@pytest.mark.parametrize("count", ["nocount", "n(e(N))"])
def test_missing_stset_fweight_takes_a_place(new_session, count):
    """A frequency made missing after stset: the row stays in frac_154's touse (its _t) and stcrreg
    drops it; its replicate takes a place in jackknife's loop (missing multiplier), so the last row
    has none of its own: the plain command's V (stcrreg_jackknife_nodrop, checked against
    finegray in tests/test_stcrreg_jackknife_nodrop_weights.py)."""
    setup = SINGLE_FW + "\ngen o = 0\nreplace o = . in 1/4\nreplace w = . in 5"
    s = _session(new_session, "melanoma.csv", setup)
    vce = f"offset(o) vce(jackknife, {count} nodrop)"
    rows = np.ones(s.data.nobs, bool)
    rows[:5] = False
    band, _ = _band(s, vce)
    se, sc = _plain(s, vce, rows)
    np.testing.assert_allclose(_half_width(band, sc["df_r"]), se, rtol=1e-6)
    assert sc["N_misreps"] == (1 if count == "nocount" else 5)
    unshifted, _ = _plain(s, "offset(o) vce(jackknife, nocount)", rows)  # the last row left out too
    assert not np.allclose(se, unshifted, rtol=1e-6)


def test_zero_stset_fweight_stops_jackknife_the_note(new_session):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SINGLE_FW + "\ngen o = 0\nreplace o = . in 1/4\nreplace w = 0 in 5")
    out, rc = run(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) offset(o) "
                     "vce(jackknife, nocount nodrop))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    out, rc = run(s, "stcrreg thickness age, compete(status==3) offset(o) vce(jackknife, nocount nodrop)")
    assert rc == 402 and "negative weights encountered" in out, out


def test_missing_stset_fweight_beside_saving_is_refused(new_session, tmp_path):
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", SINGLE_FW + "\ngen o = 0\nreplace o = . in 1/4\nreplace w = . in 5")
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) offset(o) "
                     f"vce(jackknife, nocount nodrop saving({tmp_path / 'j.dta'})))")
    assert rc == 198 and "nodrop saving()) with a missing stset fweight" in out, out
