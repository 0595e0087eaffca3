"""stcrreg's tvc()/texp() against R's cmprsk::crr with cov2/tf on MASS's Melanoma data
(tests/survival_reference/crr_tvc.R and .json): coefficients, robust standard errors (crr's
times N/(N-1)), log pseudolikelihood, the baseline cumulative subhazard; the main and tvc
equations of the table and e(b), texp()'s errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "crr_tvc.json").read_text())
N = 205
SETUP = "stset time, failure(status==1)\n"
MODELS = {"t": "stcrreg age sex, compete(status==3) tvc(thickness)",
          "lnt": "stcrreg age thickness, compete(status==3) tvc(ulcer thickness) texp(ln(_t))",
          "only": "stcrreg, compete(status==3) tvc(sex) texp(_t/1000)"}


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


@pytest.mark.parametrize("key", sorted(MODELS))
def test_tvc_matches_crr(do, melanoma, key):
    rc, out, s = do(SETUP + MODELS[key] + "\npredict double h0, basecshazard", df=melanoma.copy())
    assert rc == 0, out
    ref = REF[key]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-12)
    assert np.allclose(se, np.array(ref["se"]) * np.sqrt(N / (N - 1)), rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    # predict's basecshazard at the failure times is crr's cumulative bfitj
    h0, t = s.data.numeric("h0"), s.data.numeric("_t")
    at = np.searchsorted(t[np.argsort(t)], ref["times"])
    np.testing.assert_allclose(h0[np.argsort(t)][at], ref["basecsh"], rtol=1e-7)


def test_tvc_table_and_e(do, melanoma):
    rc, out, s = do(SETUP + MODELS["lnt"] + " noshr nolog noshow", df=melanoma.copy())
    assert rc == 0, out
    ref = REF["lnt"]
    from mlmcli.render.numfmt import format_number as f
    se = np.array(ref["se"]) * np.sqrt(N / (N - 1))
    lines = out.split("\n")
    start = lines.index("main         |")
    age = "         age |" + f(ref["b"][0], "%9.0g").rjust(11) + f(se[0], "%9.0g").rjust(11)
    assert lines[start + 1].startswith(age)
    assert lines[start + 3] == "-------------+----------------------------------------------------------------"
    assert lines[start + 4] == "tvc          |"
    assert lines[start + 5].startswith("       ulcer |" + f(ref["b"][2], "%9.0g").rjust(11))
    assert lines[start + 7] == "-" * 78
    assert lines[start + 8] == "Note: variables in tvc equation interacted with ln(_t)"
    assert s.e.matrices["b"].colnames == ("main:age", "main:thickness", "tvc:ulcer", "tvc:thickness")
    assert s.e.macros["texp"] == "ln(_t)" and s.e.macros["tvc"] == "ulcer thickness"
    assert s.e.macros["mainvars"] == "age thickness" and s.e.scalars["k_eq"] == 2
    rc, out, s = do(SETUP + MODELS["lnt"] + "\npredict double xb, xb", df=melanoma.copy())
    # predict's xb after tvc(): the main equation (stcox's rule)
    np.testing.assert_allclose(s.data.numeric("xb"), melanoma.age * ref["b"][0] + melanoma.thickness * ref["b"][1],
                               rtol=1e-6)


@pytest.mark.parametrize("text, message, code", [
    ("stcrreg age, compete(status==3) texp(_t)", "texp() only allowed with tvc()", 198),
    ("stcrreg age, compete(status==3) tvc(sex) texp(ln(_t-200))", "texp() evaluates to missing for", 459),
    ("stcrreg age, compete(status==3) tvc(sex) texp(age)", "texp() is not a proper function of time", 459),
    ("stcrreg age, compete(status==3) tvc(nosuch)", "variable nosuch not found", 111),
    ("stcrreg age, compete(status==3) tvc(sex)\nmargins", "margins after stcrreg with tvc() not supported", 198)])
def test_tvc_errors(do, melanoma, text, message, code):
    rc, out, s = do(SETUP + text, df=melanoma.copy())
    assert rc == code and message in out, out


REF_FP = json.loads((HERE / "fpfit_stcrreg_tvc.json").read_text())
REF_FP0 = json.loads((HERE / "fpfit_stcrreg.json").read_text())


def _band(new_session, melanoma, estopts, setup=SETUP):
    from graphs_helpers import drawn, run
    from scipy.stats import norm

    s = new_session(melanoma)
    run(s, setup)
    graph, fig = drawn(s, f"twoway fpfitci thickness age, estcmd(stcrreg) estopts({estopts})")
    band, line = graph.panels[0].series
    return line.x, line.y, (band.y2 - band.y) / (2 * norm.ppf(0.975))


@pytest.mark.parametrize("tvc", ["sex", "i.sex"])
def test_fpfitci_stcrreg_tvc_matches_crr(new_session, melanoma, tvc):
    x, y, se = _band(new_session, melanoma, f"compete(status==3) tvc({tvc}) texp(ln(_t))")
    np.testing.assert_allclose(x, REF_FP["at"])
    np.testing.assert_allclose(y, REF_FP["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(se, REF_FP["se"], rtol=1e-7)


def test_fpfitci_stcrreg_offset(new_session, melanoma):
    # offset(.01*age): age's coefficient 0.01 smaller, the same FP; fracpred's x b adds the
    # offset back, so the curve and its band are the model's without it (fpfit_stcrreg.R)
    x, y, se = _band(new_session, melanoma, "compete(status==3) offset(off)",
                     SETUP + "generate double off = 0.01*age\n")
    np.testing.assert_allclose(x, REF_FP0["at"])
    np.testing.assert_allclose(y, REF_FP0["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(se, REF_FP0["se"], rtol=1e-7)


@pytest.mark.parametrize("estopts", ["compete(status==3) texp(_t)", "compete(status==3) tvc(sex) texp(age)",
                                     "compete(status==3) tvc(nosuch)", "compete(status==3) offset(age sex)"])
def test_fpfit_stcrreg_tvc_failing(new_session, melanoma, estopts):
    from graphs_helpers import run

    s = new_session(melanoma)
    run(s, SETUP)
    out, rc = run(s, f"twoway fpfit thickness age, estcmd(stcrreg) estopts({estopts})")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_tvc_takes_factor_variables(do, melanoma):
    # ulcer is 0/1: tvc(i.ulcer ...) is tvc(ulcer ...), with i.ulcer's base column posted as 0
    rc, out, s = do(SETUP + "stcrreg age thickness, compete(status==3) tvc(i.ulcer thickness) texp(ln(_t))",
                    df=melanoma.copy())
    assert rc == 0, out
    b = s.e.matrices["b"]
    values = dict(zip(b.colnames, b.values.ravel()))
    assert values["tvc:1.ulcer"] == pytest.approx(REF["lnt"]["b"][2], rel=1e-7)
    assert values["tvc:thickness"] == pytest.approx(REF["lnt"]["b"][3], rel=1e-7)
    assert s.e.macros["tvc"] == "i.ulcer thickness"
    assert "     1.ulcer |" in out


def test_fpfit_stcrreg_for_after_tvc(new_session, melanoma):
    """After tvc() e(V)'s row after the terms and age is tvc:sex's: fracpred's pcalc adds
    _b[_cons], which the main equation lacks (r(111))."""
    from graphs_helpers import run

    s = new_session(melanoma)
    run(s, SETUP)
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3) tvc(sex) "
                     "texp(ln(_t))) predopts(for(age))", stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out, out
