"""streg's strata(v) as Stata 13's ados make it (mlmcli/commands/estimation/streg_strata.py):
``qui xi, prefix(_S) i.v`` and ``_S*`` in the _t equation and as every ancillary equation;
``version 15`` gives i.v.  The model is the same either way (the numbers are the i.v fit's, the
weibull one checked against R's survreg in tests/test_streg_distributions.py); what changes is the
rows, e(b)'s names and the variables left in the data."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
SETUP = "stset time, failure(died)\ngen g = 1 + mod(_n, 3)\n"
FIT = "streg age, distribution(weibull) strata(g) nolog"


@pytest.fixture
def lung():
    return lambda: pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _b(s):
    m = s.e.matrices["b"]
    return dict(zip(m.colnames, m.values.ravel()))


def _se(s):
    m = s.e.matrices["V"]
    return dict(zip(m.colnames, np.sqrt(np.diag(m.values))))


def test_rows_names_and_numbers_are_the_factor_fits(do, lung):
    rc, out, s = do(SETUP + FIT, df=lung())
    assert rc == 0, out
    assert tuple(s.e.matrices["b"].colnames) == ("_t:age", "_t:_Sg_2", "_t:_Sg_3", "_t:_cons",
                                                   "ln_p:_Sg_2", "ln_p:_Sg_3", "ln_p:_cons")
    lines = out.split("\n")
    at = lines.index("_t           |")
    assert [ln[:14] for ln in lines[at:at + 9]] == [
        "_t           |", "         age |", "       _Sg_2 |", "       _Sg_3 |", "-------------+",
        "ln_p         |", "       _Sg_2 |", "       _Sg_3 |", "       _cons |"]
    assert "           g |" not in out and "          2  |" not in out
    assert "LR chi2(3)" in out
    b, se, ll = _b(s), _se(s), s.e.scalars["ll"]
    rc, out15, s15 = do("version 15: " + FIT, session=s)
    assert rc == 0, out15
    b15, se15 = _b(s15), _se(s15)
    for eq in ("_t", "ln_p"):
        for k in (2, 3):
            assert b[f"{eq}:_Sg_{k}"] == pytest.approx(b15[f"{eq}:{k}.g"], rel=1e-8)
            assert se[f"{eq}:_Sg_{k}"] == pytest.approx(se15[f"{eq}:{k}.g"], rel=1e-6)
    assert s15.e.scalars["ll"] == pytest.approx(ll, rel=1e-12)
    row = next(ln for ln in lines if ln.startswith("       _Sg_2 |"))  # the _t row: a hazard ratio
    assert f"{np.exp(b['_t:_Sg_2']):.6f}"[:6].lstrip("0") in row


def test_version_15_gives_factor_rows_and_makes_nothing(do, lung):
    rc, out, s = do(SETUP + "version 15: " + FIT + "\ncapture describe _S*\ndisplay _rc", df=lung())
    assert rc == 0, out
    assert "           g |" in out and "          2  |" in out and "_Sg_2 |" not in out
    assert "_t:2.g" in s.e.matrices["b"].colnames and out.rstrip().endswith("111")
    rc, out, s = do(SETUP + "version 15\n" + FIT, df=lung())
    assert rc == 0 and "ln_p:3.g" in s.e.matrices["b"].colnames


def test_xi_dummies_stay_in_the_data(do, lung):
    rc, out, s = do(SETUP + "replace g = . in 5\n" + FIT + "\ndescribe _S*", df=lung())
    assert rc == 0, out
    ds = s.data
    assert [v for v in ds.varnames if v.startswith("_S")] == ["_Sg_2", "_Sg_3"]
    assert ds.var_labels["_Sg_2"] == "g==2" and ds.types["_Sg_3"] == "byte"
    g = ds.numeric("g")
    for k in (2, 3):
        d = ds.numeric(f"_Sg_{k}")
        assert np.isnan(d[4]) and np.array_equal(d[~np.isnan(g)], (g[~np.isnan(g)] == k).astype(float))
    assert s.e.scalars["N"] == 227
    assert "_Sg_2           byte    %8.0g                 g==2" in out


def test_xi_drops_its_earlier_dummies_and_reads_any_S_variable(do, lung):
    """A second strata() drops the first's _S dummies (xi's _dta[__xi__Vars__To__Drop__]); ``_S*``
    takes a user's _Sother too, in the data's order (xi's dummies made last)."""
    rc, out, s = do(SETUP + FIT + "\ngen s = cond(g == 1, \"a\", cond(g == 2, \"bb\", \"c\"))\n"
                    "gen _Sother = mod(_n, 2)\n"
                    "streg age, distribution(weibull) strata(s) nolog", df=lung())
    assert rc == 0, out
    assert [v for v in s.data.varnames if v.startswith("_S")] == ["_Sother", "_Ss_2", "_Ss_3"]
    assert s.data.var_labels["_Ss_2"] == "s==bb"
    assert tuple(s.e.matrices["b"].colnames) == (
        "_t:age", "_t:_Sother", "_t:_Ss_2", "_t:_Ss_3", "_t:_cons",
        "ln_p:_Sother", "ln_p:_Ss_2", "ln_p:_Ss_3", "ln_p:_cons")
    # the same model as the plain variables typed
    b = _b(s)
    rc, out, s2 = do("gen a2 = _Ss_2\ngen a3 = _Ss_3\n"
                     "streg age _Sother a2 a3, distribution(weibull) ancillary(_Sother a2 a3) nolog", session=s)
    assert rc == 0, out
    b2 = _b(s2)
    assert b["_t:_Ss_3"] == pytest.approx(b2["_t:a3"], rel=1e-7)
    assert b["ln_p:_Sother"] == pytest.approx(b2["ln_p:_Sother"], rel=1e-6, abs=1e-9)


def test_omit_characteristics(do, lung):
    rc, out, s = do(SETUP + "char g[omit] 2\n" + FIT, df=lung())
    assert rc == 0, out
    assert "ln_p:_Sg_1" in s.e.matrices["b"].colnames and "ln_p:_Sg_2" not in s.e.matrices["b"].colnames
    # _dta[omit]: the most frequent level's dummy dropped
    rc, out, s = do(SETUP + "replace g = 3 in 1/40\nchar _dta[omit] 1\n" + FIT, df=lung())
    assert rc == 0, out
    assert [v for v in s.data.varnames if v.startswith("_S")] == ["_Sg_1", "_Sg_2"]
    rc, out, s = do(SETUP + "char g[omit] abc\n" + FIT, df=lung())
    assert rc == 198 and "characteristic g[omit] (abc) invalid" in out


def test_test_predict_and_estimates_table(do, lung):
    rc, out, s = do(SETUP + FIT + "\ntest _Sg_2\npredict double xb, xb\nestimates store w\n"
                    "streg age, distribution(lognormal) strata(g) nolog\nestimates table w .", df=lung())
    assert rc == 0, out
    # a bare name: test.ado's _test takes it in every equation that has it (strata() puts the
    # indicators in ln_p too), as after sureg or mlogit
    assert " ( 1)  [_t]_Sg_2 = 0\n ( 2)  [ln_p]_Sg_2 = 0" in out
    ds = s.data
    # predict xb from the weibull fit: the _t equation over the _S variables in the data
    rc, o2, sw = do("estimates restore w", session=s)
    b, names = _b(sw), list(sw.e.matrices["V"].colnames)
    at = [names.index("_t:_Sg_2"), names.index("ln_p:_Sg_2")]
    bb, VV = np.array([b[names[i]] for i in at]), sw.e.matrices["V"].values[np.ix_(at, at)]
    chi2 = bb @ np.linalg.solve(VV, bb)
    assert f"chi2(  2) =    {chi2:.2f}" in out
    xb = b["_t:age"] * ds.numeric("age") + b["_t:_Sg_2"] * ds.numeric("_Sg_2") \
        + b["_t:_Sg_3"] * ds.numeric("_Sg_3") + b["_t:_cons"]
    np.testing.assert_allclose(ds.numeric("xb"), xb, rtol=1e-10)
    table = out[out.index("    Variable |"):]
    for row in ("ln_p         |", "ln_sig       |", "       _Sg_2 |", "       _Sg_3 |"):
        assert row in table
    # predict reads the variables in the data: changed, the prediction changes; dropped, r(111)
    rc, o3, s3 = do("replace _Sg_2 = 0\npredict double xb0, xb", session=sw)
    assert rc == 0 and np.allclose(s3.data.numeric("xb0"), xb - b["_t:_Sg_2"] * (ds.numeric("g") == 2))
    rc, o4, _ = do("drop _Sg_2\npredict double xb1, xb", session=s3)
    assert rc == 111 and "variable _Sg_2 not found" in o4


def test_each_distribution_puts_S_in_its_equations(do, lung):
    rc, out, s = do(SETUP + "streg age, distribution(exponential) strata(g) nolog", df=lung())
    assert rc == 0 and tuple(s.e.matrices["b"].colnames) == ("_t:age", "_t:_Sg_2", "_t:_Sg_3", "_t:_cons")
    rc, out, s = do(SETUP + "streg age, distribution(gamma) strata(g) nolog", df=lung())
    assert rc == 0, out
    names = s.e.matrices["b"].colnames
    assert "ln_sig:_Sg_2" in names and "kappa:_Sg_3" in names and "kappa:_cons" in names


def test_one_level_and_a_level_outside_the_sample(do, lung):
    rc, out, s = do(SETUP + "gen one = 1\nstreg age, distribution(weibull) strata(one) nolog", df=lung())
    assert rc == 111 and "variable _S* not found" in out
    rc, out, s = do(SETUP + "streg age if g < 3, distribution(weibull) strata(g) nolog", df=lung())
    assert rc == 0, out
    assert "_t:o._Sg_3" in s.e.matrices["b"].colnames and "_Sg_3" in s.data.varnames
    assert "LR chi2(2)" in out


def test_renumbering_a_strata_variable_whose_dummies_are_not_the_lowest_dropped(do, lung):
    """g[omit] 3 (the full fit drops _Sg_3): a replicate's g is a new variable without g[omit], its
    xi drops number 1, so no replicate names the full fit's _Sg_1: every one missing (was mlm's
    refusal; tests/test_st_factor_renumbering.py)."""
    rc, out, s = do(SETUP + "gen h = 1 + mod(_n, 7)\nchar g[omit] 3\nstreg age, distribution(weibull) strata(g) "
                    "vce(bootstrap, reps(3) seed(7) cluster(h) idcluster(k) group(g))", df=lung())
    assert rc == 2000 and "insufficient observations" in out


def test_fpfit_streg_strata_names_xi_dummies(tmp_path):
    """fpfit's estcmd(streg) strata(): fracpoly's streg runs below version 15, so e(b) (here
    jackknife's saving() variables) names xi's _Ssex_2."""
    from graphs_helpers import drawn, run, survival_reference_session

    s = survival_reference_session("lung.csv", "stset time, failure(died)")
    f = tmp_path / "jk"
    drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(weibull) strata(sex) powers(1 2) "
             f"vce(jackknife, saving({f}, replace double)))")
    out, rc = run(s, f"use {f}, clear")
    assert rc == 0, out
    assert list(s.data.varnames) == ["_t_b_Iage__1", "_t_b_Iage__2", "_t_b_wt_loss", "_t_b_Ssex_2", "_t_b_cons",
                                     "ln_p_b_Ssex_2", "ln_p_b_cons"]
    assert s.data.chars["_t_b_Ssex_2[expression]"] == "[_t]_b[_Ssex_2]"


def test_fpfit_xi_names_follow_xi():
    """fpfit's weibull/ereg strata(): xi's stub ``_S<v>`` cut to 11 characters, and ranks for
    levels that are not nonnegative integers."""
    from types import SimpleNamespace

    from mlmcli.dataset import Dataset
    from mlmcli.graphs.fpfit_weibull_ereg import xi_indicators

    ds = Dataset(df=pd.DataFrame({"averylongname": [1.0, 2, 3], "neg": [-1.0, 0, 2]}))
    ctx = SimpleNamespace(data=ds)
    rows = np.ones(3, bool)
    assert xi_indicators(ctx, "averylongname", rows)[1] == ["_Saverylong_2", "_Saverylong_3"]
    assert xi_indicators(ctx, "neg", rows)[1] == ["_Sneg_2", "_Sneg_3"]


def test_strata_with_frailty_is_refused(do, lung):
    """weibullhet.ado and the other *het ados take no strata(): it reaches their ml model, which
    refuses it ([ST] streg: strata() "is not available if frailty() is specified"); no xi ran."""
    rc, out, s = do(SETUP + FIT + " frailty(gamma)", df=lung())
    assert rc == 198 and "option strata() not allowed" in out
    assert not any(v.startswith("_S") for v in s.data.varnames)
    rc, out, s = do(SETUP + "streg age, distribution(lognormal) strata(g) shared(g) nolog", df=lung())
    assert rc == 198 and "option strata() not allowed" in out


def test_fpfit_streg_strata_with_frailty_fails_inside_fracpoly():
    from graphs_helpers import run, survival_reference_session

    s = survival_reference_session("lung.csv", "stset time, failure(died)")
    out, rc = run(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) strata(sex) frailty(gamma))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
