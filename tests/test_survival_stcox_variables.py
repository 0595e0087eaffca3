"""stcox's variable-writing options (mlmcli/commands/estimation/stcox_variables.py: mgale(),
esr(), schoenfeld(), scaledsch(), basehc(), basechazard(), basesurv(), which stcox.ado passes to
the built-in cox) against R's survival::coxph residuals record by record
(tests/survival_reference/stcox_variables.R and .json), predict's values, and Stata's rules:
new names, tvc()'s refusal, the data unchanged when the command fails."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcox_variables.json").read_text())
MONTHS = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"
ALL = "mgale(mg) esr(e*) schoenfeld(s1 s2) scaledsch(ss*) basechazard(bc) basehc(bh) basesurv(bs)"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _col(s, name):
    return np.asarray(s.data.numeric(name), float)


def _cols(s, names):
    return np.column_stack([_col(s, name) for name in names])


def _by_time(t, values):
    """Failing records' rows keyed by (time, values) (R gives the Schoenfeld rows in time order)."""
    m = np.column_stack([t, values])
    return m[np.lexsort(tuple(m[:, j] for j in range(m.shape[1] - 1, -1, -1)))]


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_variables_match_coxph(do, lung, ties):
    ref = REF[ties]
    rc, out, s = do(MONTHS + f"stcox age female, {ties} {ALL}", df=lung)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=1e-7)
    assert np.allclose(_col(s, "mg"), ref["mgale"], rtol=1e-6, atol=1e-7)
    assert np.allclose(_cols(s, ["e1", "e2"]), ref["score"], rtol=1e-6, atol=1e-6)
    assert np.allclose(_col(s, "bc"), ref["basechazard"], rtol=1e-6)
    died = lung["died"].to_numpy() == 1
    t = np.ceil(lung["time"].to_numpy() / 30)
    for names, key in ((["s1", "s2"], "schoenfeld"), (["ss1", "ss2"], "scaledsch")):
        mine = _cols(s, names)
        assert np.isnan(mine[~died]).all()
        theirs = np.array(ref[key])
        assert np.allclose(_by_time(t[died], mine[died]), _by_time(np.sort(t[died]), theirs), rtol=1e-5, atol=1e-6)


def test_labels_macros_and_predicts_values(do, lung):
    rc, out, s = do(MONTHS + f"stcox age female, {ALL}\npredict double pm, mgale\npredict double pbs, basesurv\n"
                    "predict double pbh, basehc\npredict double psc*, scores", df=lung)
    assert rc == 0, out
    labels = s.data.var_labels
    assert labels["mg"] == "martingale" and labels["bc"] == "cumulative baseline hazard"
    assert labels["bh"] == "baseline hazard contribution" and labels["bs"] == "baseline survivor"
    assert labels["e2"] == "efficient score - female" and labels["s1"] == "Schoenfeld - age"
    assert labels["ss1"] == "scaled Schoenfeld - age"
    m = s.e.macros
    assert (m["mgale"], m["basech"], m["basehc"], m["bases"]) == ("mg", "bc", "bh", "bs")
    assert (m["vl_esr"], m["vl_sch"], m["vl_ssc"]) == ("e1 e2", "s1 s2", "ss1 ss2")
    for mine, theirs in (("mg", "pm"), ("bs", "pbs"), ("bh", "pbh"), ("e1", "psc1"), ("e2", "psc2")):
        assert np.allclose(_col(s, mine), _col(s, theirs), rtol=1e-6, atol=1e-7, equal_nan=True)
    # created in the order stcox.ado hands the options to cox, after the stset variables
    names = list(s.data.varnames)
    assert names[names.index("bh"):names.index("bh") + 10] == ["bh", "bc", "bs", "mg", "e1", "e2", "s1", "s2", "ss1", "ss2"]


def test_several_records_are_each_records_own(do, lung):
    """cox knows no stset id(): the values are the records' own (predict's partial), not summed."""
    ref = REF["split"]
    df = pd.DataFrame({k: ref[k] for k in ("id", "tstart", "time", "died")})
    df = df.merge(lung.assign(id=np.arange(1, len(lung) + 1))[["id", "age", "female"]], on="id")
    rc, out, s = do("stset time, failure(died == 1) id(id)\nstcox age female, mgale(mg) esr(e*)", df=df)
    assert rc == 0, out
    assert np.allclose(_col(s, "mg"), ref["mgale"], rtol=1e-6, atol=1e-7)
    assert np.allclose(_cols(s, ["e1", "e2"]), ref["score"], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("options, message, rc", [
    ("mgale(age)", "variable age already defined", 110),
    ("esr(age e2)", "variable age already defined", 110),
    ("esr(a*) schoenfeld(a*)", "variable a1 already defined", 110),
    ("tvc(female) mgale(mg)", "option mgale() may not be combined with option tvc();", 198),
    ("tvc(female) schoenfeld(s*)", "option schoenfeld() may not be combined with option tvc();", 198),
    ("esr(e1)", "option esr() incorrectly specified", 198),
    ("mgale(m1 m2)", "option mgale() incorrectly specified", 198),
    ("basehazard(bh)", "option basehazard() not allowed", 198)])
def test_stata_rules_leave_the_data_unchanged(do, lung, options, message, rc):
    got, out, s = do(MONTHS + f"stcox age female, {options}", df=lung)
    assert got == rc and message in out
    assert not {"mg", "e1", "e2", "a1", "a2", "s1", "bh"} & set(s.data.varnames)


def test_exact_methods(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, exactp mgale(mg)\npredict double pm, mgale", df=lung)
    assert rc == 0, out
    assert np.allclose(_col(s, "mg"), _col(s, "pm"), rtol=1e-6)
    rc, out, _ = do(MONTHS + "stcox age female, exactm esr(e*)", df=lung)
    assert rc == 198 and "not supported by mlmcli" in out


def test_predict_scaledsch_is_the_options(do, lung):
    """predict's scaledsch is stcox_p's refit of cox with scaledsch() at e(b): the same values."""
    rc, out, s = do(MONTHS + "stcox age female, efron scaledsch(ss*)\npredict double p*, scaledsch", df=lung)
    assert rc == 0, out
    assert np.allclose(_cols(s, ["ss1", "ss2"]), _cols(s, ["p1", "p2"]), rtol=1e-6, equal_nan=True)
    assert s.data.var_labels["p2"] == "Scaled Schoenfeld - female"
    rc, out, _ = do(MONTHS + "stcox age female, exactp\npredict p*, scaledsch", df=lung)
    assert rc == 322 and "Schoenfeld residuals not available after estimation with exactm or exactp" in out


def test_fpfit_stcox_with_the_options_is_the_note(do, lung):
    """fracpoly's model without x writes the variable, every later stcox fit finds it defined."""
    rc, out, s = do(MONTHS + "twoway fpfit age female, estcmd(stcox) estopts(mgale(m))", df=lung)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out and "m" not in s.data.varnames
