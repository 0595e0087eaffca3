"""stcrreg: Fine and Gray's subdistribution hazards against R's cmprsk::crr on MASS's Melanoma
data (tests/survival_reference/crr_melanoma.R and .json), Stata's header and table layout,
e(), predict, fpfit estcmd(stcrreg) (fpfit_stcrreg.R and .json) and Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "crr_melanoma.json").read_text())
REF_FP = json.loads((HERE / "fpfit_stcrreg.json").read_text())
N = 205
# status 1 died of melanoma (the failure), 3 died of other causes (competing), 2 alive
SETUP = "stset time, failure(status==1)\n"
MODEL = "stcrreg age sex thickness ulcer, compete(status==3)"


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


def _b_se(session):
    b = session.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(session.e.matrices["V"].values))


@pytest.mark.parametrize("command, key", [
    (MODEL, "melanoma"), ("stcrreg thickness, compete(status==3)", "thickness"),
    ("stcrreg age sex, compete(status==1)", "other")])
def test_estimates_match_crr(do, melanoma, command, key):
    setup = SETUP if key != "other" else "stset time, failure(status==3)\n"
    rc, out, s = do(setup + command, df=melanoma.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    ref = REF[key]
    assert np.allclose(b, ref["b"], rtol=1e-8, atol=1e-12)
    # crr's variance has no small-sample factor; stcrreg's has N/(N-1) unless noadjust
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(N / (N - 1)), rtol=1e-8)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-11)
    rc, out, s = do(setup + command + " noadjust", df=melanoma.copy())
    assert np.allclose(_b_se(s)[1], ref["se"], rtol=1e-8)


def test_output_layout(do, melanoma):
    rc, out, s = do(SETUP + MODEL, df=melanoma.copy())
    assert rc == 0
    ref = REF["melanoma"]
    b, se = np.array(ref["b"]), np.array(ref["se"]) * np.sqrt(N / (N - 1))
    from mlmcli.render.numfmt import format_number as f
    expected = """
         failure _d:  status == 1
   analysis time _t:  time
""".strip("\n")
    assert expected in out
    header = f"""
Competing-risks regression                       No. of obs       =        205
                                                 No. of subjects  =        205
Failure event  : status == 1                     No. failed       =         57
Competing event: status == 3                     No. competing    =         14
                                                 No. censored     =        134

                                                 Wald chi2(4)     =      32.56
Log pseudolikelihood = {f(ref["ll"], "%10.0g")}                Prob > chi2      =     0.0000

------------------------------------------------------------------------------
             |               Robust
          _t |        SHR   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
""".strip("\n")
    assert header in out, out
    assert "Log pseudolikelihood = -268.18472" in out
    # the SHR and its delta-method standard error, as printed
    row = next(line for line in out.splitlines() if line.strip().startswith("thickness |"))
    assert row.split("|")[1].split()[:2] == [f(np.exp(b[2]), "%9.0g").strip(), f(np.exp(b[2]) * se[2], "%9.0g").strip()]
    assert out.count("Iteration ") >= 2 and "log pseudolikelihood" in out


def test_noshr_cluster_and_e(do, melanoma):
    melanoma["id"] = np.arange(N) // 2
    rc, out, s = do(SETUP + "stcrreg thickness, compete(status==3) noshr vce(cluster id) nolog noshow",
                    df=melanoma.copy())
    assert rc == 0, out
    assert "_t |      Coef.   Std. Err." in out and "(Std. Err. adjusted for 103 clusters in id)" in out
    assert "Iteration" not in out and "failure _d" not in out
    e = s.e
    assert (e.scalars["N"], e.scalars["N_sub"], e.scalars["N_fail"], e.scalars["N_compete"],
            e.scalars["N_censor"], e.scalars["N_clust"]) == (205, 205, 57, 14, 134, 103)
    assert e.macros["cmd"] == "stcrreg" and e.macros["vce"] == "cluster" and e.macros["clustvar"] == "id"
    assert e.macros["crevent"] == "status == 3" and e.macros["fevent"] == "status == 1"
    assert e.macros["predict"] == "stcrreg_p" and e.macros["vcetype"] == "Robust"
    assert e.scalars["chi2"] == pytest.approx((e.matrices["b"].values.ravel()[0] / _b_se(s)[1][0]) ** 2)
    # a cluster of one subject each is the robust variance
    melanoma["one"] = np.arange(N)
    rc, _, s1 = do(SETUP + "stcrreg thickness, compete(status==3) vce(cluster one)", df=melanoma.copy())
    assert np.allclose(_b_se(s1)[1], np.array(REF["thickness"]["se"]) * np.sqrt(N / (N - 1)), rtol=1e-8)


def test_offset_shifts_its_variable(do, melanoma):
    """an offset 0.01 age with age in the model moves age's coefficient by -0.01 alone"""
    melanoma["off"] = 0.01 * melanoma["age"]
    rc, out, s = do(SETUP + MODEL + " offset(off)", df=melanoma.copy())
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    ref = np.array(REF["melanoma"]["b"])
    assert np.allclose(b, ref - np.array([0.01, 0, 0, 0]), rtol=1e-7, atol=1e-10)
    assert s.e.macros["offset1"] == "off"


def test_predict(do, melanoma):
    rc, out, s = do(SETUP + MODEL + "\npredict s\npredict double xb, xb\npredict double se, stdp\n"
                    "predict double H, basecshazard\npredict double F, basecif\npredict double x0, xb nooffset",
                    df=melanoma.copy())
    assert rc == 0, out
    assert "(option shr assumed; predicted subhazard ratio)" in out
    ds = s.data
    ref = REF["melanoma"]
    X = melanoma[["age", "sex", "thickness", "ulcer"]].to_numpy()
    xb = X @ np.array(ref["b"])
    assert np.allclose(ds.numeric("xb"), xb, rtol=1e-7)
    assert np.allclose(ds.numeric("s"), np.exp(xb), rtol=1e-6)
    V = s.e.matrices["V"].values
    assert np.allclose(ds.numeric("se"), np.sqrt(np.einsum("ij,jk,ik->i", X, V, X)), rtol=1e-10)
    # the baseline cumulative subhazard at each record's _t: crr's cumulated jumps
    times, H0 = np.array(ref["times"]), np.array(ref["basecsh"])
    k = np.searchsorted(times, melanoma["time"].to_numpy(), "right")
    expect = np.where(k > 0, H0[np.maximum(k - 1, 0)], 0.0)
    assert np.allclose(ds.numeric("H"), expect, rtol=1e-7, atol=1e-15)
    assert np.allclose(ds.numeric("F"), 1 - np.exp(-expect), rtol=1e-7, atol=1e-15)
    # the CIF of crr's predict at two covariate patterns from the same baseline
    for j, x0 in enumerate(([50, 1, 2, 1], [60, 0, 1, 0])):
        cif = 1 - np.exp(-H0 * np.exp(np.dot(x0, s.e.matrices["b"].values.ravel())))
        assert np.allclose(cif, np.array(ref["cif"])[:, j], rtol=1e-6)


@pytest.mark.parametrize("text, message, code", [
    ("stcrreg age, compete(status==3)", "data not st", 119),
    (SETUP + "stcrreg age", "option compete() required", 198),
    (SETUP + "stcrreg age, compete(status==1)", "competing risks events must be stset as censored", 459),
    (SETUP + "stcrreg age, compete(nosuch==3)", "option compete(): varname required", 198),
    (SETUP + "stcrreg age, compete(status 3)", "option compete(): syntax error", 198),
    (SETUP + "stcrreg age [fw=sex], compete(status==3)", "weights must be stset", 101),
    (SETUP + "stcrreg age, compete(status==3) texp(_t)", "texp() only allowed with tvc()", 198),
    (SETUP + "stcrreg age, compete(status==3) vce(oim)", "vcetype 'oim' not allowed", 198),
    (SETUP + "stcrreg age, compete(status==3)\npredict c, cif", "option cif not allowed", 198),
    (SETUP + "stcrreg age, compete(status==3)\npredict k, kmcensor", "option kmcensor not supported by mlmcli",
     198),
    ("stcrreg", "last estimates not found", 301)])
def test_errors(do, melanoma, text, message, code):
    rc, out, s = do(text, df=melanoma.copy())
    assert rc == code and message in out, out


def test_replay_and_no_competing_warning(do, melanoma):
    rc, out, s = do(SETUP + "stcrreg thickness, compete(status==3) nolog\nstcrreg, level(90)", df=melanoma.copy())
    assert rc == 0 and out.count("Competing-risks regression") == 2 and "[90% Conf. Interval]" in out
    rc, out, s = do(SETUP + "stcrreg thickness, compete(status==9)", df=melanoma.copy())
    assert rc == 0 and "Warning: no competing risks events found; model is Cox regression" in out
    assert "No. competing    =          0" in out


def test_fpfitci_stcrreg_matches_crr(new_session, melanoma):
    from graphs_helpers import drawn, run
    from scipy.stats import norm

    s = new_session(melanoma)
    run(s, SETUP)
    graph, fig = drawn(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF_FP["at"])
    np.testing.assert_allclose(line.y, REF_FP["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), REF_FP["se"], rtol=1e-7)
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg)")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    # from() of a matrix not defined: ml's r(111) in fracpoly's first fit, the note
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) from(b))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


def test_fpfit_stcrreg_for_and_dresid(new_session, melanoma):
    """fracpred's for() after stcrreg: the variable's own terms (no constant row in e(V)); the
    band fpfitci draws is x b's stdp around it; dresid fracpred's own error."""
    from graphs_helpers import drawn, run
    from scipy.stats import norm

    s = new_session(melanoma)
    run(s, SETUP)
    opts = "estcmd(stcrreg) estopts(compete(status==3))"
    graph, _ = drawn(s, f"twoway fpfitci thickness age, {opts} predopts(for(thickness))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, REF_FP["for_thickness"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), REF_FP["se"], rtol=1e-7)
    graph, _ = drawn(s, f"twoway fpfit thickness age, {opts} predopts(for(thickness) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF_FP["for_thickness_se"], rtol=1e-7)
    graph, _ = drawn(s, f"twoway fpfit thickness age, {opts} predopts(for(age))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF_FP["for_age"], rtol=1e-7, atol=1e-9)
    out, rc = run(s, f"twoway fpfit thickness age, {opts} predopts(dresid)", stop_on_error=False)
    assert rc == 198 and "dresid option of fracpred not supported for stcrreg" in out, out
    out, rc = run(s, f"twoway fpfit thickness age, {opts} predopts(for(time))", stop_on_error=False)
    assert rc == 198 and "time was not an xvar" in out, out


def test_null_model_and_several_competing_values(do, melanoma):
    rc, out, s = do(SETUP + "stcrreg, compete(status==3)", df=melanoma.copy())
    assert rc == 0, out
    assert "Wald chi2(0)     =       0.00" in out and "Prob > chi2      =          ." in out
    assert "Iteration" not in out and s.e.scalars["df_m"] == 0
    from mlmcli.survival.subdistribution_hazard import CompetingData, SubdistributionLikelihood

    status = np.select([melanoma.status == 1, melanoma.status == 3], [1, 2], 0)
    lik = SubdistributionLikelihood(CompetingData(melanoma.time.to_numpy(), status, np.zeros((N, 0)), np.zeros(N)))
    assert s.e.scalars["ll"] == pytest.approx(lik.evaluate(np.zeros(0))[0], rel=1e-12)
    rc, out, s = do(SETUP + "stcrreg ulcer, compete(status==3 2) nolog", df=melanoma.copy())
    assert rc == 0, out
    assert "Failure event   : status == 1                    No. failed       =         57" in out
    assert "Competing events: status == 3 2                  No. competing    =        148" in out
    assert s.e.scalars["crmult"] == 1 and s.e.scalars["N_censor"] == 0
