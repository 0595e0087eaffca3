"""``bootstrap exp_list: cmd`` and ``jackknife exp_list: cmd`` ([R] bootstrap, [R] jackknife): the
expressions replicated over resamples of the data in memory, Stata 13's results layout, e(), and the
data restored after (also after a failure)."""
from __future__ import annotations

import numpy as np
import pytest

DATA = "clear\nset obs 30\ngenerate x = mod(_n*7, 11) + _n/10\ngenerate g = mod(_n, 2)\ngenerate id = _n\ngsort -x\n"


@pytest.fixture
def go(new_session, run):
    def run_text(text):
        session = new_session()
        printed, rc = run(session, DATA + text, echo=True, stop_on_error=False)
        return rc, printed, session
    return run_text


def test_jackknife_of_the_mean_is_the_analytic_standard_error(go):
    rc, out, s = go("jackknife r(mean): summarize x")
    assert rc == 0, out
    x = s.data.numeric("x")
    se = float(np.sqrt(s.e.matrices["V"].values[0, 0]))
    assert se == pytest.approx(x.std(ddof=1) / np.sqrt(len(x)), rel=1e-12)
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(x.mean(), rel=1e-14)
    assert s.e.macros["cmd"] == "jackknife" and s.e.scalars["N_reps"] == 30 and s.e.scalars["df_r"] == 29
    assert "Jackknife results                               Number of obs      =        30" in out
    assert "      command:  summarize x\n        _jk_1:  r(mean)\n          n():  r(N)\n" in out
    assert "             |              Jackknife\n" in out
    assert "             |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]" in out


def test_bootstrap_is_reproducible_with_seed_and_near_the_analytic_se(go):
    line = "bootstrap m=r(mean) (r(sd)*2), reps(400) seed(11) nodots: summarize x"
    rc1, out1, s1 = go(line)
    rc2, out2, s2 = go(line)
    assert rc1 == 0 and rc2 == 0, out1
    assert np.array_equal(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    x = s1.data.numeric("x")
    se = float(np.sqrt(s1.e.matrices["V"].values[0, 0]))
    assert se == pytest.approx(x.std(ddof=1) / np.sqrt(len(x)), rel=0.15)
    assert s1.e.matrices["b"].colnames == ("m", "_bs_2")
    assert s1.e.macros["cmd"] == "bootstrap" and s1.e.scalars["N_reps"] == 400
    assert "Bootstrap results                               Number of obs      =        30" in out1
    assert "                                                Replications       =       400" in out1
    assert "            m:  r(mean)\n        _bs_2:  r(sd)*2\n" in out1
    assert "             |   Observed   Bootstrap                         Normal-based" in out1
    assert "(running" not in out1  # nodots


def test_bootstrap_of_a_ttest_difference_and_set_seed(go):
    rc, out, s = go("set seed 5\nbootstrap diff=(r(mu_1)-r(mu_2)), reps(20): ttest x, by(g)\n"
                    "matrix V1 = e(V)\nset seed 5\nbootstrap diff=(r(mu_1)-r(mu_2)), reps(20): ttest x, by(g)")
    assert rc == 0, out
    assert "(running ttest on estimation sample)" in out and "Bootstrap replications (20)" in out
    assert np.array_equal(s.matrices["V1"].values, s.e.matrices["V"].values)
    assert "         diff:  r(mu_1)-r(mu_2)" in out


def test_data_restored_after_success_and_failure(go):
    for line in ("jackknife r(mean): summarize x", "bootstrap r(nosuch), reps(3): summarize x",
                 "jackknife r(mean): summarize nosuchvar"):
        rc, out, s = go(line)
        assert s.data.nobs == 30 and "id" in s.data.varnames
        assert np.all(np.diff(s.data.numeric("x")) <= 0), line  # the sort order kept


def test_jackknife_cluster_leaves_one_cluster_out(go):
    rc, out, s = go("replace g = mod(_n, 5)\njackknife r(mean), cluster(g) nodots: summarize x")
    assert rc == 0, out
    x, g = s.data.numeric("x"), s.data.numeric("g")
    loo = np.array([x[g != k].mean() for k in range(5)])
    expected = 4 / 5 * ((loo - loo.mean()) ** 2).sum()
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(expected, rel=1e-12)
    assert s.e.scalars["N_reps"] == 5 and s.e.scalars["N_clust"] == 5 and s.e.scalars["df_r"] == 4
    assert "(Replications based on 5 clusters in g)".rjust(78) in out


def test_bootstrap_cluster_draws_whole_clusters(go):
    rc, out, s = go("replace g = mod(_n, 5)\nbootstrap r(N), cluster(g) reps(10) seed(1) nodots: summarize x")
    assert rc == 0, out
    # equal clusters of 6: every replicate has 30 observations, so r(N) never varies
    assert s.e.matrices["V"].values[0, 0] == 0
    assert s.e.scalars["N_clust"] == 5


@pytest.mark.parametrize("line, message", [
    ("bootstrap r(mean), strata(g): summarize x", "bootstrap option strata with an exp_list not supported"),
    ("jackknife r(mean), cluster(g x): summarize x", "cluster(): one variable allowed"),
    ("jackknife r(mean), mse: summarize x", "jackknife option mse with an exp_list not supported"),
    ("bootstrap r(mean), bogus: summarize x", "option bogus not allowed"),
    ("bootstrap r(mean) _b: summarize x", "bootstrap: _b among other expressions not supported"),
])
def test_refusals(go, line, message):
    rc, out, s = go(line)
    assert rc == 198, out
    assert message in out
    assert s.data.nobs == 30
