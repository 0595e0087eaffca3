"""stcrreg's vce(jackknife, nocount|n() nodrop) beside stset fweights that are zero or missing on
if/in rows outside the estimation sample (commands.estimation.stcrreg_jackknife_nodrop):

- a zero frequency is -1 in _loop_jknife_fw's uncaptured ``streset [fweight=wvar]``, whose
  ``mark`` stops on a negative weight ([P] mark, rule 2): the dots so far, "negative weights
  encountered" r(402) -- unless the row is outside stset's ``if exp`` (st_set marks its weights
  there only): then the replicate is b with multiplier 0, out of V (e(N_misreps));
- a missing frequency takes a replicate's place (b, a missing multiplier: out of V) and the last
  if/in row has no replicate of its own.

V against survival::finegray + coxph's leave-one-copy-out fits
(tests/survival_reference/stcrreg_jackknife_nodrop_weights.R and .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcrreg_jackknife_nodrop_weights.json").read_text())
MODEL = "stcrreg age sex thickness ulcer, compete(status==3)"
W = "gen w = 1 + mod(_n - 1, 3)\n"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


@pytest.mark.parametrize("count", ["nocount", "n(e(N))"])
def test_missing_frequency_takes_a_place(do, melanoma, count):
    setup = W + "replace w = . in 3\nstset time [fw=w], failure(status==1)\n"
    rc, out, s = do(setup + MODEL + f" vce(jackknife, {count} nodrop nodots)", df=melanoma)
    assert rc == 0, out
    ref = REF["missing_fw"]
    np.testing.assert_allclose(s.e.matrices["V"].values, ref["V"], rtol=1e-6)
    sc = s.e.scalars
    assert sc["df_r"] == ref["F"] - 1 and sc["N_reps"] == 203 and sc["N_misreps"] == 1
    assert sc["N"] == (ref["N"] if count == "nocount" else ref["N"])  # the frequencies summed; n0 = e(N)


@pytest.mark.parametrize("count, V, F, reps", [("nocount", "V_nocount", "F_nocount", 204),
                                                ("n(e(N))", "V_n", "F_n", 196)])
def test_zero_frequency_outside_stsets_if_is_left_out(do, melanoma, count, V, F, reps):
    setup = W + "replace w = 0 in 15\nstset time if age > 20 [fw=w], failure(status==1)\n"
    rc, out, s = do(setup + MODEL + f" vce(jackknife, {count} nodrop)", df=melanoma)
    assert rc == 0, out
    ref = REF["zero_outside_if"]
    np.testing.assert_allclose(s.e.matrices["V"].values, ref[V], rtol=1e-6)
    sc = s.e.scalars
    assert sc["df_r"] == ref[F] - 1 and sc["N_reps"] == reps and sc["N_misreps"] == 205 - reps
    # row 15's replicate: b (a dot) under nocount, n()'s failure otherwise
    lines = out.splitlines()
    start = lines.index("Jackknife replications (205)") + 2
    dots = "".join(line[:50].strip() for line in lines[start:start + 5])
    assert dots[14] == ("." if count == "nocount" else "n")


@pytest.mark.parametrize("count", ["nocount", "n(e(N_sub))"])
def test_zero_frequency_stops_jackknife(do, melanoma, count):
    setup = W + "replace w = 0 in 15\nstset time [fw=w], failure(status==1)\n"
    rc, out, s = do(setup + MODEL + f" vce(jackknife, {count} nodrop)", df=melanoma)
    assert rc == 402, out
    lines = out.rstrip().splitlines()
    assert lines[-2:] == ["negative weights encountered", "r(402);"]
    assert lines[-3] == "." * 14  # the replicates before row 15's, no count: the loop stopped
    assert "Jackknife replications (205)" in out
    assert s.e is None or s.e.cmd != "stcrreg"


def test_zero_frequency_with_clusters_stops_at_its_cluster(do, melanoma):
    setup = W + "gen c = ceil(_n / 5)\nreplace w = 1 + mod(c, 3)\nreplace w = 0 if c == 30\n" \
                "stset time [fw=w], failure(status==1)\n"
    rc, out, s = do(setup + MODEL + " vce(jackknife, nocount nodrop cluster(c))", df=melanoma)
    assert rc == 402 and out.rstrip().splitlines()[-3] == "." * 29, out


def test_zero_frequency_beside_saving_is_refused(do, melanoma, tmp_path):
    setup = W + "replace w = 0 in 15\nstset time [fw=w], failure(status==1)\n"
    rc, out, _ = do(setup + MODEL + f" vce(jackknife, nocount nodrop saving({tmp_path / 'j.dta'}))", df=melanoma)
    assert rc == 198 and "stopped by a zero stset fweight not supported by mlmcli" in out, out
