"""Small fixes found by the real-world corpus (tests/realworld, issue 12), each checked here on
generated data: a string cluster variable in the single-level GLMs, testparm of a bare
interaction (``wave#gender`` = ``i.wave#i.gender``)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _data(seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 400
    ids = rng.integers(0, 80, n)
    wave = rng.integers(1, 4, n)
    gender = rng.integers(1, 3, n)
    x = rng.normal(size=n)
    eta = 0.5 * x + 0.2 * wave - 0.3 * gender
    y = 1 + (eta + rng.logistic(size=n) > 0).astype(int) + (eta + rng.logistic(size=n) > 1.5).astype(int)
    return pd.DataFrame({"sid": [f"{100000 + i}" for i in ids], "nid": ids.astype(float), "wave": wave.astype(float),
                         "gender": gender.astype(float), "x": x, "y": y.astype(float),
                         "w": rng.uniform(0.5, 2, n)})


def test_string_cluster_variable_in_ologit_and_logit(do):
    rc, out, s = do("ologit y x i.wave [pweight=w], vce(cluster sid) nolog", _data())
    assert rc == 0, out
    assert s.e.scalars["N"] == 400 and s.e.scalars["N_clust"] == len(set(_data().sid))
    se_string = np.sqrt(np.diag(s.e.matrices["V"].values))
    rc, out, s2 = do("ologit y x i.wave [pweight=w], vce(cluster nid) nolog", _data())
    assert rc == 0
    np.testing.assert_allclose(se_string, np.sqrt(np.diag(s2.e.matrices["V"].values)), rtol=1e-10)
    rc, out, _ = do("generate yb = y > 1\nlogit yb x, vce(cluster sid) nolog", _data())
    assert rc == 0, out


def test_testparm_bare_interaction_is_the_factor_interaction(do):
    rc, out, s = do("quietly ologit y x i.wave##i.gender\ntestparm wave#gender", _data())
    assert rc == 0, out
    assert "[y]2.wave#2.gender = 0" in out and "[y]3.wave#2.gender = 0" in out and "chi2(  2)" in out
    rc2, out2, _ = do("testparm i.wave#i.gender", session=s)
    assert rc2 == 0 and out2.splitlines()[-2:] == out.splitlines()[-2:]


def test_estat_sd_variance_post_posts_the_variance_metric(do, root_dir):
    """[ME] estat sd: with post, variance posts the variances and covariances (after mixed)."""
    text = (f"use {root_dir / 'samples/data/hsb.dta'}, clear\n"
            "quietly mixed mathach ses || school: ses, cov(uns)\n"
            "nlcom (v: exp(2*_b[lns1_1_1:_cons])) (c: tanh(_b[atr1_1_1_2:_cons])*exp(_b[lns1_1_1:_cons]"
            "+_b[lns1_1_2:_cons])) (r: exp(2*_b[lnsig_e:_cons])), post\n"
            "matrix nb = e(b)\nmatrix nV = e(V)\n"
            "quietly mixed mathach ses || school: ses, cov(uns)\nestat sd, variance post")
    rc, out, s = do(text)
    assert rc == 0, out
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    assert b.colnames[2:] == ("school:var(ses)", "school:var(_cons)", "school:cov(ses,_cons)", "Residual:var(e)")
    ref_b = s.matrices["nb"].values.ravel()
    idx = [2, 4, 5]
    np.testing.assert_allclose(b.values.ravel()[idx], ref_b, rtol=1e-10)
    np.testing.assert_allclose(V.values[np.ix_(idx, idx)], s.matrices["nV"].values, rtol=1e-6)
    assert "var(ses)" in out and "cov(ses,_cons)" in out


def test_predict_p_abbreviates_pr_after_logit(do):
    rc, out, s = do("generate yb = y > 1\nquietly logit yb x\npredict prob, p\npredict prob2, pr", _data())
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("prob"), s.data.numeric("prob2"))
