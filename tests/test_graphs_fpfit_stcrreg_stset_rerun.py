"""twoway fpfit/fpfitci ..., estcmd(stcrreg) after stset's variables changed: each of fracpoly's
stcrreg fits reruns stset (stcrreg.ado's ParseCompete), through the plain command's code
(survival/stcrreg_renumbering.stset_rerun_outcomes).  frac_154 reads the data's _t only for its
sample (``markout touse rhs _t base``) and fp_rdf; the FP terms are the plot's y's (frac_xo,
fracgen), so the graph equals the one drawn after stset is run again."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from test_graphs_fpfit_stcrreg_replicates import _band, _session

FPFIT = "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3){})"


def _series(s, extra=""):
    band, line = _band(s, FPFIT.format(extra))
    return np.column_stack([band.y, band.y2, line.y])


@pytest.mark.parametrize("extra", ["", " vce(jackknife)", " offset(sex)"])
def test_changed_time_variable_is_the_graph_after_stset_again(new_session, extra):
    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    before = _series(s, extra)
    from graphs_helpers import run

    run(s, "replace time = time + 500 if thickness > 3")
    changed = _series(s, extra)
    assert not np.allclose(changed, before, rtol=1e-3)  # the rerun's times, not the data's _t
    run(s, "stset time, failure(status==1)")
    np.testing.assert_allclose(changed, _series(s, extra), rtol=1e-10)


def test_changed_entry_variable(new_session):
    """enter(time ent) changed after stset: the rerun's _t0 (delayed entry) in every fit."""
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", "gen ent = 0\nstset time, failure(status==1) enter(time ent)")
    run(s, "replace ent = time / 2 if mod(_n, 3) == 0")
    changed = _series(s)
    run(s, "stset time, failure(status==1) enter(time ent)")
    np.testing.assert_allclose(changed, _series(s), rtol=1e-10)


def _note(s, command):
    from graphs_helpers import run

    out, rc = run(s, command, stop_on_error=False)
    return out, rc


def test_record_left_out_by_the_rerun_fails_fracpoly(new_session):
    """time made missing after stset: the row keeps its _t (frac_154's touse keeps it), the rerun
    leaves it out, ParseCompete's `_d & lastrec` reads the missing _d: r(459) in fracpoly's first
    fit, Stata's note and nothing drawn (the plain command: r(459))."""
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    run(s, "replace time = . in 1")
    out, rc = _note(s, FPFIT.format(""))
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    out, rc = _note(s, "stcrreg thickness age, compete(status==3)")
    assert rc == 459 and "option compete(): competing risks events must be stset as censored" in out, out


def test_rerun_stset_error_is_stcrregs(new_session):
    """A stset fweight made negative after stset: the rerun's stset stops ("negative weights
    encountered" r(402), st_set's mark), so stcrreg fails, and inside fracpoly the note."""
    s = _session(new_session, "melanoma.csv", "gen w = 1 + mod(_n, 2)\nstset time [fw=w], failure(status==1)")
    from graphs_helpers import run

    run(s, "replace w = -1 in 5")
    out, rc = _note(s, "stcrreg thickness age, compete(status==3)")
    assert rc == 402 and "negative weights encountered" in out, out
    out, rc = _note(s, FPFIT.format(""))
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_tvc_beside_a_moved_time_is_refused(new_session):
    """texp() is evaluated at the data's _t before the rerun (the ado's foft1): with the rerun's _t
    moved, how the Mata pairs them is not public -- refused, in the plain command and in fpfit;
    a rerun that only moves _t0 (enter()) is fitted."""
    from graphs_helpers import run

    s = _session(new_session, "melanoma.csv", "stset time, failure(status==1)")
    run(s, "replace time = time + 500 if thickness > 3")
    message = "with tvc() when stset's rerun (ParseCompete) moves _t (stset's variables changed since stset) " \
              "not supported by mlmcli"
    out, rc = _note(s, "stcrreg thickness age, compete(status==3) tvc(sex)")
    assert rc == 198 and "stcrreg " + message in out, out
    out, rc = _note(s, FPFIT.format(" tvc(sex)"))
    assert rc == 198 and "estcmd(stcrreg) " + message in out, out


def test_rerun_on_the_plots_rows_closes_a_dropped_record(new_session):
    """twoway__fpfit_serset runs fracpoly after ``preserve`` and ``keep if touse``: with stset id()
    a record whose y is missing is not in the data stcrreg's stset rerun sees, so the subject's next
    record starts where the kept one before it ends (st_set's ``_t0 = _t[_n-1]``) -- the graph drawn
    on the data without those records, stset again (before: mlm's gaps refusal)."""
    from graphs_helpers import run

    setup = "stset t, id(id) failure(status==1)"
    s = _session(new_session, "melanoma_records.csv", setup)
    run(s, "bysort id (t): replace thickness = . if _n == 2 & _N >= 3 & mod(id, 4) == 0")
    run(s, "sort id t")
    changed = _series(s)
    run(s, "drop if thickness >= .")
    run(s, setup)
    np.testing.assert_allclose(changed, _series(s), rtol=1e-10)
