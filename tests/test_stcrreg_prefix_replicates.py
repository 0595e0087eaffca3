"""The prefixes typed on stcrreg (``jackknife [, ...]: stcrreg``, ``bootstrap [, ...]: stcrreg``;
commands.estimation.replicate_prefix -> stcrreg_replicates): the same replicates and output as
stcrreg's vce() forms -- records left out or drawn, or the prefix's cluster() --, checked against
survival::finegray + coxph leave-one-out refits (stcrreg_jackknife.R); a subject's records split
by the prefix's units refused.  vce(jackknife|bootstrap) with tvc() and constraints() kept in
every replicate, against finegray + coxph's tt() and an offset for the fixed coefficient
(stcrreg_jackknife_tvc.R and its JSON); stset pweights under jackknife against the leave-one-
record-out fits on the data expanded by integer weights (stcrreg_jackknife_pweights.R)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcrreg_jackknife.json").read_text())
TVC = json.loads((HERE / "stcrreg_jackknife_tvc.json").read_text())
PW = json.loads((HERE / "stcrreg_jackknife_pweights.json").read_text())
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


def _table(out):
    """The output from the header on (the vce() form's and the prefix's are the same)."""
    return out[out.index("Competing-risks regression"):]


def test_jackknife_prefix_leaves_out_records(do, melanoma):
    rc, out, s = do(SINGLE + "jackknife: " + MODEL, df=melanoma)
    assert rc == 0, out
    b, V = _b_V(s)
    np.testing.assert_allclose(b, REF["single"]["b"], rtol=1e-8)
    np.testing.assert_allclose(V, REF["single"]["V"], rtol=1e-6)
    mac, sc = s.e.macros, s.e.scalars
    assert mac["cmd"] == "stcrreg" and mac["prefix"] == "jackknife" and mac["vcetype"] == "Jackknife"
    assert mac["cmdline"] == "jackknife : " + MODEL  # jackknife.ado: "jackknife `0'", 0 from the colon
    assert sc["N_reps"] == 205 and sc["df_r"] == 204
    lines = out.splitlines()
    assert "(running stcrreg on estimation sample)" in lines and "Jackknife replications (205)" in lines
    assert "Replications     =        205" in out and "F(   4,    204)  =" in out
    assert "_t |        SHR   Std. Err.      t    P>|t|" in out
    rc, typed, _ = do(SINGLE + MODEL + " vce(jackknife)", df=melanoma)
    assert _table(typed) == _table(out)


def test_jackknife_prefix_cluster_keeps_subjects(do, split):
    rc, out, s = do(RECORDS + "jackknife, cluster(id) nodots: " + MODEL_RECORDS, df=split)
    assert rc == 0, out
    np.testing.assert_allclose(_b_V(s)[1], REF["records"]["V"], rtol=1e-6)
    assert s.e.scalars["N_clust"] == 205 and s.e.macros["clustvar"] == "id"
    assert "(Replications based on 205 clusters in id)".rjust(78) in out.splitlines()
    rc, out, _ = do(RECORDS + "jackknife, mse nodots cluster(id): " + MODEL_RECORDS, df=split)
    assert rc == 0 and "Jknife *" in out


def test_bootstrap_prefix_is_the_vce_form(do, melanoma, split):
    rc, out, s = do(SINGLE + "bootstrap, reps(7) seed(11): " + MODEL, df=melanoma)
    assert rc == 0, out
    rc, typed, t = do(SINGLE + MODEL + " vce(bootstrap, reps(7) seed(11))", df=melanoma)
    np.testing.assert_array_equal(_b_V(s)[1], _b_V(t)[1])
    assert _table(out) == _table(typed)
    assert "(running stcrreg on estimation sample)" in out and "Bootstrap replications (7)" in out
    assert s.e.macros["prefix"] == "bootstrap" and s.e.scalars["N_reps"] == 7
    # cluster(id) idcluster(id): each subject's records drawn together, each copy numbered as a subject of
    # its own in the id itself -- _vce_parserun's ``cluster(tmpid) idcluster(id) idclustvar`` of the vce() form
    rc, out, s = do(RECORDS + "bootstrap, reps(5) seed(3) nodots cluster(id) idcluster(id): " + MODEL_RECORDS,
                    df=split)
    assert rc == 0, out
    rc, _, t = do(RECORDS + MODEL_RECORDS + " vce(bootstrap, reps(5) seed(3) nodots)", df=split)
    np.testing.assert_allclose(_b_V(s)[1], _b_V(t)[1], rtol=1e-12)
    assert s.e.scalars["N_clust"] == 205
    # idcluster(nid): the copies keep their ids, one subject to stcrreg.ado's lastrec and stset rerun: a
    # replicate drawing a subject twice fails (r(459) in _loop_bs's capture), here every one
    rc, out, s = do(RECORDS + "bootstrap, reps(5) seed(3) cluster(id) idcluster(nid): " + MODEL_RECORDS, df=split)
    assert rc == 2000 and "xxxxx" in out and "insufficient observations to compute bootstrap standard errors" in out


@pytest.mark.parametrize("line", ["jackknife, nodots: ", "bootstrap, reps(3) nodots: ",
                                  "jackknife, cluster(t0) nodots: "])
def test_prefix_splitting_a_subjects_records_refused(do, split, line):
    rc, out, s = do(RECORDS + line + MODEL_RECORDS, df=split)
    assert rc == 198 and "clusters that split a stset id()'s records" in out and "not supported by mlmcli" in out


def test_prefix_option_not_allowed(do, melanoma):
    rc, out, _ = do(SINGLE + "jackknife, bogus: " + MODEL, df=melanoma)
    assert rc == 198 and "option bogus not allowed" in out


def test_jackknife_with_tvc_matches_finegray_tt(do, melanoma):
    rc, out, s = do(SINGLE + MODEL + " tvc(thickness) vce(jackknife, nodots)", df=melanoma)
    assert rc == 0, out
    b, V = _b_V(s)
    np.testing.assert_allclose(b, TVC["tvc"]["b"], rtol=1e-6)
    np.testing.assert_allclose(V, TVC["tvc"]["V"], rtol=1e-5, atol=1e-14)
    assert list(s.e.matrices["b"].colnames)[-1] == "tvc:thickness"
    assert "tvc          |" in out and "Note: variables in tvc equation interacted with _t" in out
    assert "F(   5,    204)" in out
    rc, prefixed, t = do(SINGLE + "jackknife, nodots: " + MODEL + " tvc(thickness)", df=melanoma)
    np.testing.assert_array_equal(_b_V(t)[1], V)


def test_jackknife_with_constraints_matches_offset_fits(do, melanoma):
    rc, out, s = do(SINGLE + "constraint 1 sex = .4\n" + MODEL + " constraints(1) vce(jackknife, nodots)",
                    df=melanoma)
    assert rc == 0, out
    b, V = _b_V(s)
    np.testing.assert_allclose(b, TVC["constrained"]["b"], rtol=1e-6)
    np.testing.assert_allclose(V, TVC["constrained"]["V"], rtol=1e-5, atol=1e-14)
    assert np.all(V[1] == 0) and np.all(V[:, 1] == 0)
    assert " ( 1)  [_t]sex = .4" in out
    assert any(line.strip().startswith("sex |") and line.endswith("(constrained)") for line in out.splitlines())
    assert "F(   3,    204)" in out


def test_bootstrap_with_tvc_and_constraints_refits_both(do, melanoma):
    """The bootstrap draws refitted with tvc() and the constraint: V the replicates' covariance,
    the constrained row 0."""
    from mlmcli.replication.draws import draw, resampling_units

    setup = SINGLE + "constraint 1 sex = .4\n"
    model = MODEL + " tvc(thickness) constraints(1)"
    rc, out, s = do(setup + model + " vce(bootstrap, reps(5) seed(8) nodots)", df=melanoma)
    assert rc == 0, out
    units = resampling_units(len(melanoma))
    rng = np.random.default_rng(8)
    B = []
    for _ in range(5):
        d = draw(units, rng)
        rc, text, t = do(setup + "quietly " + model, df=melanoma.iloc[d.rows].reset_index(drop=True))
        assert rc == 0, text
        B.append(t.e.matrices["b"].values.ravel())
    V = _b_V(s)[1]
    free = [0, 2, 3, 4]
    np.testing.assert_allclose(V[np.ix_(free, free)], np.cov(np.array(B)[:, free], rowvar=False), rtol=1e-5)
    assert np.all(V[1] == 0) and " ( 1)  [main]sex = .4" in out


def test_jackknife_with_stset_pweights(do, melanoma):
    setup = "gen w = 1 + mod(_n - 1, 3)\nstset time [pw=w], failure(status==1)\n"
    rc, out, s = do(setup + MODEL + " vce(jackknife, nodots)", df=melanoma)
    assert rc == 0, out
    b, V = _b_V(s)
    np.testing.assert_allclose(b, PW["b"], rtol=1e-6)
    np.testing.assert_allclose(V, PW["V"], rtol=1e-5)
    assert s.e.scalars["N_reps"] == 205 and s.e.scalars["df_r"] == 204 and s.e.macros["vcetype"] == "Jackknife"
    rc, prefixed, t = do(setup + "jackknife, nodots: " + MODEL, df=melanoma)
    assert rc == 0, prefixed
    np.testing.assert_array_equal(_b_V(t)[1], V)


def test_jackknife_iweights(do, melanoma):
    """_vce_parserun's own r(198) for vce(jackknife); the prefix typed (jackknife.ado's iweight
    loop) mlm's refusal."""
    setup = "gen w = 2\nstset time [iw=w], failure(status==1)\n"
    rc, out, _ = do(setup + MODEL + " vce(jackknife)", df=melanoma)
    assert rc == 198 and "iweights are not allowed with stcrreg and vce(jackknife)" in out
    rc, out, _ = do(setup + "jackknife: " + MODEL, df=melanoma)
    assert rc == 198 and "stset iweights not supported by mlmcli with stcrreg" in out


def test_jackknife_saving_and_keep_are_the_leave_one_out_fits(do, melanoma, tmp_path):
    """saving()'s replicates and keep's pseudovalues G b - (G-1) b_(g) from finegray's refits."""
    path = tmp_path / "jk.dta"
    rc, out, s = do(SINGLE + MODEL + f" vce(jackknife, nodots saving({path}) keep)", df=melanoma)
    assert rc == 0, out
    R = np.array(REF["single"]["replicates"])
    b = np.array(REF["single"]["b"])
    # e(b) is _t:x (stcrreg.ado's `ml model (_t = xvars)`): _prefix_expand's <eq>_b_<name>
    names = ["_t_b_age", "_t_b_sex", "_t_b_thickness", "_t_b_ulcer"]
    pseudo = np.column_stack([s.data.numeric(v) for v in names])
    np.testing.assert_allclose(pseudo, 205 * b - 204 * R, rtol=1e-5, atol=1e-5)
    assert s.data.var_labels["_t_b_sex"] == "pseudovalues: [_t]_b[sex]" and s.data.types["_t_b_sex"] == "float"
    rc, out, t = do(f"use {path}, clear")
    assert rc == 0, out
    saved = np.column_stack([t.data.numeric(v) for v in names])
    np.testing.assert_allclose(saved, R, rtol=1e-6)
    chars = t.data.chars
    assert chars["jk_cmdname"] == "stcrreg" and chars["jk_command"] == MODEL and chars["jk_N"] == "205"
    assert t.data.label == "jackknife: stcrreg"
    # without replace the file exists: r(602) before anything is fitted; keep's names exist: r(110)
    rc, out, _ = do(SINGLE + MODEL + f" vce(jackknife, nodots saving({path}))", df=melanoma)
    assert rc == 602, out
    rc, out, _ = do(SINGLE + "gen _t_b_age = 1\n" + MODEL + " vce(jackknife, nodots keep)", df=melanoma)
    assert rc == 110 and "_t_b_age already defined" in out


def test_jackknife_reject_and_idcluster(do, split):
    R = np.array(REF["records"]["replicates"])
    rejected = R[:, 1] > 0.56
    assert 0 < rejected.sum() < 30
    rc, out, s = do(RECORDS + MODEL_RECORDS + " vce(jackknife, nodots keep idcluster(cid) reject(_b[sex] > .56))",
                    df=split)
    assert rc == 0, out
    kept = R[~rejected]
    G = len(kept)
    D = kept - kept.mean(axis=0)
    np.testing.assert_allclose(_b_V(s)[1], (G - 1) / G * D.T @ D, rtol=1e-6)
    assert s.e.scalars["N_reps"] == G and s.e.scalars["N_misreps"] == rejected.sum()
    assert s.e.macros["missing"] == "missing" and s.e.macros["pseudo"] == "_t_b_age _t_b_sex _t_b_tk"
    assert (f"Note: one or more parameters could not be estimated in {rejected.sum()} jackknife replicates;\n"
            "      standard-error estimates include only complete replications.") in out
    ids = np.unique(split["id"])
    cid = s.data.numeric("cid")
    np.testing.assert_array_equal(cid, np.searchsorted(ids, split["id"].to_numpy()) + 1)
    first = np.r_[True, np.diff(split["id"].to_numpy()) != 0]
    sex = s.data.numeric("_t_b_sex")
    assert np.all(np.isnan(sex[~first])) and np.isnan(sex[first][rejected]).all()
    # keep's float replicates: G times a float's rounding
    np.testing.assert_allclose(sex[first][~rejected], G * REF["records"]["b"][1] - (G - 1) * kept[:, 1], atol=1e-4)
    rc, out, _ = do(RECORDS + MODEL_RECORDS + " vce(jackknife, reject(_b[sex] > .4))", df=split)
    assert rc == 9 and "jackknife rejected results from stcrreg while using the entire dataset" in out
    rc, out, _ = do(SINGLE.replace("time,", "t,") + MODEL_RECORDS + " vce(jackknife, idcluster(c))",
                    df=split.drop(columns="id"))
    assert rc == 198 and "option idcluster() requires the cluster() option" in out


def test_prefix_saving_with_tvc(do, split, tmp_path):
    path = tmp_path / "jk2.dta"
    rc, out, s = do(RECORDS + f"jackknife, nodots cluster(id) saving({path}): " + MODEL_RECORDS + " tvc(sex)",
                    df=split)
    assert rc == 0, out
    rc, out, t = do(f"use {path}, clear")
    assert t.data.varnames == ["main_b_age", "main_b_sex", "main_b_tk", "tvc_b_sex"]
    assert t.data.chars["main_b_age[coleq]"] == "main" and t.data.chars["jk_cluster"] == "id"
    rc, out, k = do(RECORDS + "jackknife, nodots cluster(id) keep: " + MODEL_RECORDS + " tvc(sex)", df=split)
    assert rc == 0 and k.e.macros["pseudo"] == "main_b_age main_b_sex main_b_tk tvc_b_sex", out  # keep after tvc()
