"""stcrreg's vce(jackknife) and vce(bootstrap) (commands.estimation.stcrreg_replicates):
jackknife against survival::finegray + coxph leave-one-subject-out refits on MASS's Melanoma data
(tests/survival_reference/stcrreg_jackknife.R and its JSON; one record a subject, and the split
records of stset id() left out together), the bootstrap against plain stcrreg refitted on the
same draws (each drawn subject a subject of its own); stcrreg.ado's DiHeader under them
(Replications, jackknife's F), the Jackknife/Bootstrap table, e(); _vce_parserun's refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcrreg_jackknife.json").read_text())
SINGLE = "stset time, failure(status==1)\n"
MODEL = "stcrreg age sex thickness ulcer, compete(status==3)"
RECORDS = "stset t, id(id) failure(status==1)\n"
MODEL_RECORDS = "stcrreg age sex tk, compete(status==3)"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


@pytest.fixture
def split():
    return pd.read_csv(HERE / "melanoma_records.csv").astype(float)


def _b_V(s):
    return s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values


def test_jackknife_matches_finegray_leave_one_out(do, melanoma):
    rc, out, s = do(SINGLE + MODEL + " vce(jackknife)", df=melanoma)
    assert rc == 0, out
    b, V = _b_V(s)
    ref = REF["single"]
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8)
    np.testing.assert_allclose(V, ref["V"], rtol=1e-6)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 205 and sc["df_r"] == 204 and "N_clust" not in sc and "chi2" not in sc
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and mac["prefix"] == "jackknife"
    assert mac["crittype"] == "log pseudolikelihood" and mac["cmd"] == "stcrreg"
    W = float(b @ np.linalg.solve(V, b))
    assert sc["F"] == pytest.approx(W / 4, rel=1e-10)
    lines = out.splitlines()
    assert "(running stcrreg on estimation sample)" in lines and "Jackknife replications (205)" in lines
    assert "failure _d:" not in out and "Iteration" not in out
    from mlmcli.render.numfmt import format_number as f
    header = f"""
Competing-risks regression                       No. of obs       =        205
                                                 No. of subjects  =        205
Failure event  : status == 1                     No. failed       =         57
Competing event: status == 3                     No. competing    =         14
                                                 No. censored     =        134

                                                 Replications     =        205
                                                 F(   4,    204)  =  {f(W / 4, "%9.2f")}
Log pseudolikelihood = -268.18472                Prob > F         =     0.0000

------------------------------------------------------------------------------
             |              Jackknife
          _t |        SHR   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
""".strip("\n")
    assert header in out, out
    se = np.sqrt(np.diag(V))
    row = next(line for line in lines if line.strip().startswith("ulcer |"))
    assert row.split("|")[1].split()[:2] == [f(np.exp(b[3]), "%9.0g").strip(), f(np.exp(b[3]) * se[3], "%9.0g").strip()]


def test_jackknife_mse(do, melanoma):
    rc, out, s = do(SINGLE + MODEL + " vce(jackknife, mse nodots)", df=melanoma)
    assert rc == 0, out
    np.testing.assert_allclose(_b_V(s)[1], REF["single"]["V_mse"], rtol=1e-6)
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["mse"] == "mse"
    assert "Jackknife replications" not in out and "Jknife *" in out


def test_jackknife_leaves_out_a_subjects_records(do, split):
    rc, out, s = do(RECORDS + MODEL_RECORDS + " vce(jackknife, nodots)", df=split)
    assert rc == 0, out
    b, V = _b_V(s)
    ref = REF["records"]
    np.testing.assert_allclose(b, ref["b"], rtol=1e-7)
    np.testing.assert_allclose(V, ref["V"], rtol=1e-6)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 205 and sc["df_r"] == 204 and sc["N_clust"] == 205 and mac["clustvar"] == "id"
    assert sc["N"] == len(split) and sc["N_sub"] == 205
    assert "(Replications based on 205 clusters in id)".rjust(78) in out.splitlines()


def _refit_on_draws(do, split, seed, reps):
    """b of plain stcrreg on each bootstrap draw of the subjects (numpy's stream of seed(), as
    mlm's bootstrap draws them), each drawn copy a new subject."""
    from mlmcli.replication.draws import draw, resampling_units

    codes = np.unique(split["id"].to_numpy(), return_inverse=True)[1]
    units = resampling_units(len(split), codes)
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(reps):
        d = draw(units, rng)
        sample = split.iloc[d.rows].copy()
        sample["id"] = d.codes + 1
        rc, text, s = do(RECORDS + "quietly " + MODEL_RECORDS, df=sample.reset_index(drop=True))
        assert rc == 0, text
        out.append(s.e.matrices["b"].values.ravel())
    return np.array(out)


def test_bootstrap_draws_subjects(do, split):
    rc, out, s = do(RECORDS + MODEL_RECORDS + " vce(bootstrap, reps(12) seed(4321))", df=split)
    assert rc == 0, out
    B = _refit_on_draws(do, split, 4321, 12)
    b, V = _b_V(s)
    np.testing.assert_allclose(V, np.cov(B, rowvar=False), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(s.e.matrices["b_bs"].values.ravel(), B.mean(axis=0), rtol=1e-7)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 12 and sc["N_clust"] == 205 and mac["clustvar"] == "id" and "df_r" not in sc
    assert mac["vce"] == "bootstrap" and mac["vcetype"] == "Bootstrap" and mac["prefix"] == "bootstrap"
    W = float(b @ np.linalg.solve(V, b))
    assert sc["chi2"] == pytest.approx(W, rel=1e-10)
    lines = out.splitlines()
    assert "Bootstrap replications (12)" in lines and "Iteration" not in out
    assert " " * 49 + "Replications     =         12" in lines
    assert " " * 49 + f"Wald chi2(3)     =  {W:9.2f}" in lines
    assert "(Replications based on 205 clusters in id)".rjust(78) in lines
    assert any("Observed   Bootstrap" in ln for ln in lines) and any("Normal-based" in ln for ln in lines)
    # the same seed, the same draws
    rc, _, t = do(RECORDS + MODEL_RECORDS + " vce(bootstrap, reps(12) seed(4321) nodots)", df=split)
    np.testing.assert_array_equal(V, _b_V(t)[1])


def test_bootstrap_reject_leaves_replicates_out(do, melanoma):
    """reject(exp) on e(b) by stcrreg's names: the replicates where it is true are missing."""
    from mlmcli.replication.draws import draw, resampling_units

    rc, out, s = do(SINGLE + "stcrreg age sex, compete(status==3) vce(bootstrap, reps(8) seed(2) nodots "
                    "reject(_b[sex] > 0.7))", df=melanoma)
    assert rc == 0, out
    units = resampling_units(len(melanoma))
    rng = np.random.default_rng(2)
    B = []
    for _ in range(8):
        d = draw(units, rng)
        rc, text, t = do(SINGLE + "quietly stcrreg age sex, compete(status==3)",
                         df=melanoma.iloc[d.rows].reset_index(drop=True))
        B.append(t.e.matrices["b"].values.ravel())
    B = np.array(B)
    kept = B[B[:, 1] <= 0.7]
    assert 2 <= len(kept) < 8
    assert s.e.scalars["N_reps"] == len(kept) and s.e.scalars["N_misreps"] == 8 - len(kept)
    np.testing.assert_allclose(_b_V(s)[1], np.cov(kept, rowvar=False), rtol=1e-6, atol=1e-12)
    rc, out, _ = do(SINGLE + "stcrreg age sex, compete(status==3) vce(bootstrap, reps(3) reject(_b[sex] > 0.5))",
                    df=melanoma)
    assert rc == 9 and "bootstrap rejected results from stcrreg while using the entire dataset" in out


def test_bootstrap_one_record_subjects_and_strata(do, melanoma):
    rc, out, s = do(SINGLE + MODEL + " vce(bootstrap, reps(6) seed(5) strata(ulcer) nodots)", df=melanoma)
    assert rc == 0, out
    assert s.e.scalars["N_strata"] == 2 and s.e.scalars["N_reps"] == 6 and "N_clust" not in s.e.scalars
    assert "Replications     =          6" in out


def test_stcrreg_cluster_is_the_replicates(do, split):
    """stcrreg's cluster(v) beside vce(jackknife) (_vce_parserun ..., stdata): v's clusters."""
    rc, out, s = do(RECORDS + MODEL_RECORDS + " vce(jackknife, nodots) cluster(id)", df=split)
    assert rc == 0, out
    np.testing.assert_allclose(_b_V(s)[1], REF["records"]["V"], rtol=1e-6)
    assert s.e.scalars["N_clust"] == 205 and s.e.macros["clustvar"] == "id"


@pytest.mark.parametrize("setup, command, message", [
    (RECORDS, MODEL_RECORDS + " vce(jackknife, cluster(sex))", "option cluster() not allowed"),
    (RECORDS, MODEL_RECORDS + " vce(jackknife) robust", "options vce() and robust may not be combined"),
    (RECORDS, MODEL_RECORDS + " vce(jackknife, cluster(id)) cluster(sex)", "option cluster() of jackknife conflicts"),
    ("gen w = 2\nstset t [fw=w], id(id) failure(status==1)\n", MODEL_RECORDS + " vce(bootstrap)",
     "weights are not allowed with stcrreg and vce(bootstrap)"),
    ("gen w = 2\nstset t [iw=w], id(id) failure(status==1)\n", MODEL_RECORDS + " vce(jackknife)",
     "iweights are not allowed with stcrreg and vce(jackknife)"),
    (RECORDS, "stcrreg, compete(status==3) vce(bootstrap)", "vce(bootstrap) without covariates not supported"),
])
def test_refusals(do, split, setup, command, message):
    rc, out, s = do(setup + command, df=split)
    assert rc == 198 and message in out, out
    assert s.e is None or s.e.cmd != "stcrreg"


def test_bootstrap_saving_holds_the_replicates(do, melanoma, tmp_path):
    """vce(bootstrap, saving()): bootstrap.ado's file, one row per draw, _t_b_<name>; V is their
    covariance (N - 1 divisor); an existing file without replace is r(602)."""
    path = tmp_path / "bs.dta"
    rc, out, s = do(SINGLE + MODEL + f" vce(bootstrap, reps(6) seed(3) nodots saving({path}))", df=melanoma)
    assert rc == 0, out
    V = s.e.matrices["V"].values
    rc, out, t = do(f"use {path}, clear")
    assert t.data.varnames == ["_t_b_age", "_t_b_sex", "_t_b_thickness", "_t_b_ulcer"]  # e(b)'s _t: equation
    B = np.column_stack([t.data.numeric(v) for v in t.data.varnames])
    assert B.shape == (6, 4)
    np.testing.assert_allclose(np.cov(B, rowvar=False), V, rtol=1e-5)
    rc, out, _ = do(SINGLE + MODEL + f" vce(bootstrap, reps(2) seed(3) saving({path}))", df=melanoma)
    assert rc == 602 and "already exists" in out, out
