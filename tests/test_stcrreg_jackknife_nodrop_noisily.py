"""stcrreg's vce(jackknife, nocount|n() nodrop noisily) when nodrop adds replicates (rows outside
e(sample): commands.estimation.stcrreg_jackknife_nodrop): jackknife.ado's first call and title,
then each replicate's echoed line and stcrreg's output (_loop_jknife's ``noisily di ". cmd"`` and
``capture noisily quietly noisily cmd if touse``): a replicate of a row outside the sample refits
the sample, so it prints the first call's output; n()'s failure (``bad 3``) prints no message,
reject()'s the loop's.  noisily changes no number (V as without it: against finegray in
tests/test_stcrreg_jackknife_counts.py for the full data)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
SETUP = "keep in 1/30\nstset time, failure(status==1)\nreplace thickness = . in 2\n"
MODEL = "stcrreg age thickness, compete(status==3)"
ECHO = ". stcrreg age thickness, compete(status==3)"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


def _runs(out: str) -> list[str]:
    """The printed runs after the first call's echo, each from its echo to the next."""
    parts = out.split(ECHO + "\n")
    return parts[1:]


@pytest.mark.parametrize("count", ["nocount", "n(e(N))"])
def test_each_replicate_printed(do, melanoma, count):
    rc, out, s = do(SETUP + MODEL + f" vce(jackknife, {count} nodrop noisily)", df=melanoma)
    assert rc == 0, out
    V = np.asarray(s.e.matrices["V"].values, float)
    rc2, out2, s2 = do(SETUP + MODEL + f" vce(jackknife, {count} nodrop)", df=melanoma)
    np.testing.assert_allclose(V, s2.e.matrices["V"].values, rtol=1e-12)  # noisily changes no number
    assert "jackknife: First call to stcrreg with data as is:" in out
    assert "Jackknife replications (30)" in out and "----+--- 1" not in out  # noisily: no dots
    runs = _runs(out)
    assert len(runs) == 31  # the first call, then the 30 replicates
    first_table = runs[0][runs[0].index("Competing-risks"):runs[0].index("Jackknife replications")].rstrip()
    assert first_table in runs[2]  # row 2 outside the sample: the sample's fit again
    assert "No. of obs       =         28" in runs[1]  # row 1 left out of the 29
    assert "posting missing values" not in out  # n()'s failure prints nothing
    assert (s.e.scalars["N_misreps"] == 1) == (count == "n(e(N))")


def test_rejected_replicate_message(do, melanoma):
    rc, out, s = do(SETUP + MODEL + " vce(jackknife, nocount nodrop noisily reject(_b[age] < -.021))", df=melanoma)
    assert rc == 0, out
    assert s.e.scalars["N_misreps"] >= 1
    assert out.count("rejected results from stcrreg, posting missing values") == s.e.scalars["N_misreps"]


def test_weights_stay_refused(do, melanoma):
    rc, out, _ = do("gen w = 1 + mod(_n, 2)\n" + SETUP.replace("stset time,", "stset time [fw=w],") + MODEL
                    + " vce(jackknife, nocount nodrop noisily)", df=melanoma)
    assert rc == 198 and "vce(jackknife, noisily) with weights not supported by mlmcli with stcrreg" in out, out


def test_prefix_typed_prints_the_same(do, melanoma):
    rc, out, s = do(SETUP + "jackknife, nocount nodrop noisily: " + MODEL, df=melanoma)
    assert rc == 0, out
    rc2, out2, s2 = do(SETUP + MODEL + " vce(jackknife, nocount nodrop noisily)", df=melanoma)
    assert _runs(out) == _runs(out2)[:len(_runs(out))] and len(_runs(out)) == 31
    np.testing.assert_allclose(s.e.matrices["V"].values, s2.e.matrices["V"].values, rtol=1e-12)


@pytest.mark.parametrize("extra", ["", " nocount nodrop"])
def test_rejected_and_count_failure_messages(do, melanoma, extra):
    """The same messages without nodrop (the shared noisy runner's wrap:
    replicate_noisily.PostedMissing): reject()'s message, none after n()'s failure (it used to print
    the collinearity message for both)."""
    rc, out, s = do(SETUP + MODEL + f" vce(jackknife, noisily reject(_b[age] < -.021){extra})", df=melanoma)
    assert rc == 0, out
    assert "collinearity in replicate sample" not in out
    assert out.count("rejected results from stcrreg, posting missing values") == s.e.scalars["N_misreps"] > 0
    split = "stset t, id(id) failure(status==1)\n"
    records = pd.read_csv(HERE / "melanoma_records.csv").astype(float)
    rc, out, s = do("keep if id <= 25\n" + split + "stcrreg age sex, compete(status==3) vce(jackknife, noisily "
                    "n(e(N_sub)))", df=records)
    assert rc == 0, out
    assert s.e.scalars["N_misreps"] > 0 and "posting missing values" not in out
