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
    ("bootstrap r(mean), bca: summarize x", "bootstrap option bca with an exp_list not supported"),
    ("bootstrap r(mean), idcluster(k): summarize x", "option idcluster() requires the cluster() option"),
    ("jackknife r(mean), eclass rclass: summarize x", "options eclass rclass may not be combined"),
    ("jackknife r(mean), cluster(g x): summarize x", "cluster(): one variable allowed"),
    ("jackknife r(mean), keep: summarize x", "jackknife option keep with an exp_list not supported"),
    ("bootstrap r(mean), bogus: summarize x", "option bogus not allowed"),
    ("bootstrap r(mean) _b: summarize x", "bootstrap: _b among other expressions not supported"),
])
def test_refusals(go, line, message):
    rc, out, s = go(line)
    assert rc == 198, out
    assert message in out
    assert s.data.nobs == 30


def _slope(x, y):
    return np.polyfit(x, y, 1)[0]


def test_jackknife_after_an_estimation_command_resamples_its_estimation_sample(go):
    """jackknife.ado drops the rows outside e(sample): Number of obs is e(N), one replicate per
    observation used, the implied n() e(N); mse and level() as [R] jackknife describes them."""
    rc, out, s = go("generate y = x*2 + mod(_n, 4)\nreplace x = . in 1/4\n"
                    "jackknife s=_b[x], nodots: regress y x\nmatrix V1 = e(V)\n"
                    "jackknife s=_b[x], nodots mse level(90) title(Slope): regress y x")
    assert rc == 0, out
    x, y = s.data.numeric("x"), s.data.numeric("y")
    ok = ~np.isnan(x)
    x, y = x[ok], y[ok]
    b = _slope(x, y)
    loo = np.array([_slope(np.delete(x, i), np.delete(y, i)) for i in range(len(x))])
    n = len(x)
    assert s.matrices["V1"].values[0, 0] == pytest.approx((n - 1) / n * ((loo - loo.mean()) ** 2).sum(), rel=1e-9)
    assert s.e.matrices["V"].values[0, 0] == pytest.approx((n - 1) / n * ((loo - b) ** 2).sum(), rel=1e-9)
    assert s.e.scalars["N"] == 26 and s.e.scalars["N_reps"] == 26 and s.e.scalars["level"] == 90
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["mse"] == "mse" and s.e.macros["nfunction"] == "e(N)"
    assert "Jackknife results                               Number of obs      =        26" in out
    assert "Slope                                           Number of obs      =        26" in out
    assert "          n():  e(N)\n" in out and "             |              Jknife *\n" in out
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    from scipy import stats
    lo = b - stats.t.ppf(0.95, n - 1) * se
    assert "[90% Conf. Interval]" in out and f" {lo:.7g} " in out


def test_bootstrap_saving_mse_and_the_variance_of_the_saved_replicates(go, tmp_path):
    path = tmp_path / "bsreps"
    rc, out, s = go(f"bootstrap m=r(mean) (r(sd)), reps(30) seed(5) nodots saving({path}, double): summarize x\n"
                    "matrix V1 = e(V)\nscalar m1 = _b[m]\n"
                    f"bootstrap m=r(mean) (r(sd)), reps(30) seed(5) nodots mse saving({path}, replace double): "
                    "summarize x\nmatrix V2 = e(V)\n"
                    f"use {path}, clear")
    assert rc == 0, out
    B = np.column_stack([s.data.numeric("m"), s.data.numeric("_bs_2")])
    assert B.shape == (30, 2) and s.data.var_labels["m"] == "r(mean)" and s.data.label == "bootstrap: summarize x"
    assert np.allclose(s.matrices["V1"].values, np.cov(B, rowvar=False, ddof=1), rtol=1e-10)
    observed = np.array([s.scalars["m1"], np.nan])
    d = B - B.mean(axis=0)
    d[:, 0] = B[:, 0] - observed[0]
    assert s.matrices["V2"].values[0, 0] == pytest.approx((d[:, 0] ** 2).mean(), rel=1e-10)
    assert s.e.macros["vcetype"] == "Bstrap *"


def test_bootstrap_strata_and_size_draw_within_each_stratum(go):
    rc, out, s = go("replace g = mod(_n, 3)\n"
                    "bootstrap n=r(N) m=r(mean), strata(g) size(4) reps(15) seed(2) nodots: summarize g")
    assert rc == 0, out
    # four draws from each of three strata: always 12 observations, and the mean of g stays 1
    assert np.allclose(s.e.matrices["V"].values, 0)
    assert s.e.scalars["N_strata"] == 3 and s.e.macros["strata"] == "g" and s.e.macros["size"] == "4"
    assert "Bootstrap results                               Number of strata   =         3\n" \
           "                                                Number of obs      =        30\n" in out
    rc, out, _ = go("bootstrap r(mean), strata(g) size(16) reps(3) nodots: summarize x")
    assert rc == 498 and "size() must not be greater than the number of observations within strata" in out


def test_reject_drops_the_replicates_where_it_is_true(go):
    rc, out, s = go("jackknife m=r(mean), nodots reject(r(min) > 1.5): summarize x")
    assert rc == 0, out
    x = s.data.numeric("x")
    keep = np.array([np.delete(x, i).min() <= 1.5 for i in range(30)])
    loo = np.array([np.delete(x, i).mean() for i in range(30)])[keep]
    assert 0 < keep.sum() < 30
    n = len(loo)
    assert s.e.scalars["N_reps"] == n
    assert s.e.matrices["V"].values[0, 0] == pytest.approx((n - 1) / n * ((loo - loo.mean()) ** 2).sum(), rel=1e-10)


def test_idcluster_numbers_the_drawn_clusters(go):
    rc, out, s = go("replace g = mod(_n, 3)\n"
                    "bootstrap k=r(max), cluster(g) idcluster(cid) reps(6) seed(1) nodots: summarize cid")
    assert rc == 0, out
    # each replicate draws three clusters, numbered 1 to 3 whatever was drawn
    assert s.e.matrices["V"].values[0, 0] == 0 and s.e.matrices["b"].values[0, 0] == 3
    assert sorted(set(s.data.numeric("cid"))) == [1, 2, 3]

def test_idcluster_may_name_an_existing_variable(go):
    # [R] bootstrap's panel example: generate newid = id, then idcluster(newid); bootstrap.ado
    # egens the variable only when it is new, so the full-sample run sees the values as they were
    rc, out, s = go("replace g = mod(_n, 3)\n"
                    "generate cid = 10 * g\n"
                    "bootstrap m=r(max), cluster(g) idcluster(cid) reps(6) seed(1) nodots: summarize cid")
    assert rc == 0, out
    assert s.e.matrices["b"].values[0, 0] == 20  # observed: the existing values
    assert sorted(set(s.data.numeric("cid"))) == [0, 10, 20]  # the data as they were
    assert s.e.matrices["V"].values[0, 0] == 0  # each replicate numbers its drawn clusters 1..3: max 3


def test_display_options(go):
    rc, out, _ = go("bootstrap m=r(mean), reps(5) seed(1) nodots notable: summarize x\n"
                    "bootstrap m=r(mean), reps(5) seed(1) nodots noheader: summarize x\n"
                    "jackknife m=r(mean), nodots nolegend: summarize x")
    assert rc == 0, out
    first, second, third = out.split(". bootstrap")[1], out.split(". bootstrap")[2], out.split(". jackknife")[1]
    assert "Bootstrap results" in first and "command:  summarize x" in first and "Coef." not in first
    assert "Bootstrap results" not in second and "command:" not in second and "Coef." in second
    assert "Jackknife results" in third and "command:" not in third and "Coef." in third


def test_jackknife_saving_records_the_command_as_jackknife_ado(go, tmp_path):
    """jackknife.ado's saving() file: label ``jackknife: cmdname``; ``_dta[jk_command]`` the
    whole command (options too), jk_cmdname, jk_names, jk_nfunction, jk_N, jk_cluster and
    jk_N_cluster, jk_version 1; each statistic's [observed], [expression] and [colname]."""
    path = tmp_path / "jkreps"
    rc, out, s = go("generate c = mod(_n, 5)\n"
                    f"jackknife m=r(mean) (r(sd)), cluster(c) nodots saving({path}): summarize x, detail\n"
                    "scalar m1 = _b[m]\n"
                    f"use {path}, clear")
    assert rc == 0, out
    chars, x = s.data.chars, s.data
    assert s.data.label == "jackknife: summarize"
    assert {k: chars[k] for k in ("jk_command", "jk_cmdname", "jk_names", "jk_nfunction", "jk_N", "jk_cluster",
                                  "jk_N_cluster", "jk_version")} == {
        "jk_command": "summarize x, detail", "jk_cmdname": "summarize", "jk_names": "m _jk_2",
        "jk_nfunction": "r(N)", "jk_N": "30", "jk_cluster": "c", "jk_N_cluster": "5", "jk_version": "1"}
    assert float(chars["m[observed]"]) == s.scalars["m1"]
    assert (chars["m[expression]"], chars["m[colname]"]) == ("r(mean)", "m")
    assert (chars["_jk_2[expression]"], chars["_jk_2[colname]"]) == ("r(sd)", "_jk_2")
    assert x.nobs == 5 and x.var_labels["_jk_2"] == "r(sd)"


def test_jackknife_needs_three_clusters(go):
    rc, out, s = go("jackknife r(mean), cluster(g): summarize x")
    assert rc == 459 and "jackknife requires more than 2 clusters" in out
    assert s.data.nobs == 30 and s.data.varnames == ["x", "g", "id"]
