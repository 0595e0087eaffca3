"""stcrreg with delayed entry (stset enter(); _t0 > 0): Geskus's weights, as R's
survival::finegray builds them, on MASS's Melanoma data with every third subject entering late
(tests/survival_reference/melanoma_entry.csv and finegray_delayed_entry.json, written by
finegray_delayed_entry.R): b, the log pseudolikelihood and the baseline cumulative subhazard
from finegray + coxph, the robust standard errors (Fine and Gray's sandwich with the terms of
the estimated censoring and entry distributions) from that script's loops, which reproduce
crr's variance without delayed entry."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from stcrreg_helpers import assert_fpfitci_stcrreg, b_se as _b_se

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "finegray_delayed_entry.json").read_text())
N = 205
SETUP = "stset time, failure(status==1) enter(time t0)\n"


@pytest.fixture
def entry():
    return pd.read_csv(HERE / "melanoma_entry.csv").astype(float)


def test_reference_loops_reproduce_crr_without_delayed_entry():
    assert REF["crr_check"]["max_rel_diff"] < 1e-10 and REF["entry"]["n_delayed"] == 68


@pytest.mark.parametrize("model, ref", [
    ("stcrreg age sex thickness ulcer, compete(status==3)", "entry"),
    ("stcrreg thickness, compete(status==3)", "thickness")])
def test_delayed_entry_matches_finegray(do, entry, model, ref):
    rc, out, s = do(SETUP + model, df=entry)
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, REF[ref]["b"], rtol=1e-7, atol=1e-12)
    assert s.e.scalars["ll"] == pytest.approx(REF[ref]["ll"], rel=1e-10)
    # vce(robust) with each subject its own cluster: the sandwich times N/(N-1)
    assert np.allclose(se, np.array(REF[ref]["se"]) * np.sqrt(N / (N - 1)), rtol=1e-7)
    assert s.e.scalars["N"] == N and s.e.scalars["N_sub"] == N
    assert (s.e.scalars["N_fail"], s.e.scalars["N_compete"], s.e.scalars["N_censor"]) == (57, 14, 134)


def test_baseline_after_delayed_entry(do, entry):
    rc, out, s = do(SETUP + "stcrreg age sex thickness ulcer, compete(status==3)\n"
                    "predict h, basecshazard\npredict c, basecif", df=entry)
    assert rc == 0, out
    ref = REF["entry"]
    t, h, c = (s.data.numeric(v) for v in ("time", "h", "c"))
    at = {float(x): y for x, y in zip(ref["times"], ref["basecsh"])}
    rows = [i for i, x in enumerate(t) if float(x) in at]
    assert np.allclose(h[rows], [at[float(t[i])] for i in rows], rtol=1e-7)
    assert np.allclose(c[rows], 1 - np.exp(-h[rows]), rtol=1e-12)


def test_split_records_with_delayed_entry_give_the_single_record_model(do, entry):
    """The same subjects' (0, time] split at 500 and 1500, entering at t0 (stset drops the
    records before it and starts the one that holds it there)."""
    rows = []
    for r in entry.itertuples(index=False):
        bounds = [c for c in (500.0, 1500.0) if c < r.time] + [r.time]
        for k, end in enumerate(bounds):
            rows.append(dict(r._asdict(), time=end, status=r.status if k == len(bounds) - 1 else 2.0))
    split = pd.DataFrame(rows)
    rc, out, s = do("stset time, id(id) failure(status==1) enter(time t0)\n"
                    "stcrreg age sex thickness ulcer, compete(status==3)", df=split)
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, REF["entry"]["b"], rtol=1e-7, atol=1e-12)
    assert np.allclose(se, np.array(REF["entry"]["se"]) * np.sqrt(N / (N - 1)), rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(REF["entry"]["ll"], rel=1e-10)
    assert s.e.scalars["N"] == len(split) > N and s.e.scalars["N_clust"] == N


def test_fpfitci_stcrreg_with_delayed_entry(new_session, entry):
    """fracpoly's powers by -2 ll of the delayed-entry fits, fracpred's x b and robust stdp
    (finegray_delayed_entry.R's fpfit part)."""
    from graphs_helpers import run

    s = new_session(entry)
    run(s, SETUP)
    assert_fpfitci_stcrreg(s, REF["fpfit"])


def test_fweights_with_delayed_entry_are_the_expanded_data(do, entry):
    """stset fweights weight the risk sets, G and H as copies of the subjects would: the fit on
    the data expanded by the weights (mlm's unweighted path) to rounding."""
    entry["fw"] = entry["id"] % 4 + 1
    model = "stcrreg age thickness, compete(status==3)"
    rc, out, s = do("stset time [fw=fw], failure(status==1) enter(time t0)\n" + model, df=entry)
    assert rc == 0, out
    expanded = entry.loc[entry.index.repeat(entry["fw"].astype(int))].reset_index(drop=True)
    rc, out, x = do(SETUP + model, df=expanded)
    assert rc == 0, out
    assert np.allclose(_b_se(s)[0], _b_se(x)[0], rtol=1e-9)
    assert np.allclose(s.e.matrices["V"].values, x.e.matrices["V"].values, rtol=1e-9)
    assert s.e.scalars["ll"] == pytest.approx(x.e.scalars["ll"], rel=1e-12)
    assert s.e.scalars["N"] == len(expanded)


def test_score_residuals_are_the_case_weight_derivative_of_the_score(entry):
    """Each subject's score residual is (to the linearisation of the two Kaplan-Meier steps,
    O(m/n)) the derivative of the total score at b in its case weight, which moves the risk
    sets, G and H: the entry term psiH brings them closer."""
    from mlmcli.survival.subdistribution_grid import GridSubdistribution
    from mlmcli.survival.subdistribution_hazard import CompetingData

    X = entry[["age", "sex", "thickness", "ulcer"]].to_numpy()
    status = np.where(entry.status == 1, 1, np.where(entry.status == 3, 2, 0))
    every = np.ones(N, bool)

    def likelihood(w):
        data = CompetingData(t=entry.time.to_numpy(), status=status, X=X, offset=np.zeros(N), w=w)
        return GridSubdistribution(data, t0=entry.t0.to_numpy(), last=every, first=every)

    b, eps = np.array(REF["entry"]["b"]), 1e-6
    lik = likelihood(np.ones(N))
    score = lik.evaluate(b)[1]
    numeric = np.array([(likelihood(1.0 + eps * (np.arange(N) == i)).evaluate(b)[1] - score) / eps
                        for i in range(N)])
    U = lik.score_residuals(b)
    lik.entry_times = np.zeros(0)  # the same residuals without psiH
    without_h = lik.score_residuals(b)
    assert np.linalg.norm(U - numeric) < 0.01 * np.linalg.norm(U)
    assert np.linalg.norm(without_h - numeric) > 2 * np.linalg.norm(U - numeric)


def test_tvc_with_delayed_entry_matches_coxph_tt(do, entry):
    rc, out, s = do(SETUP + "stcrreg age sex, compete(status==3) tvc(thickness)", df=entry)
    assert rc == 0, out
    assert np.allclose(_b_se(s)[0], REF["tvc"]["b"], rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(REF["tvc"]["ll"], rel=1e-10)
