"""Held-out leftovers of the forty-first session (task hf100), each on data of its own:

* ``xtbsht name1 name2, reps() seed()`` (Volker Ludwig's xtbsht.ado 1.0, package xtfeis on
  SSC): the bootstrapped Hausman test resampling whole panels;
* ``svypd y if ..., method() adjust truncate`` (svypd.ado 1.08 / svyp_ci_calc 1.15, the public
  survey-proportion routines of WHO's VCQI): a survey proportion's interval on the design's
  effective sample size, checked against a linearised variance and the interval formulas
  written out here (Clopper-Pearson through the beta quantiles, not the ado's F form).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- xtbsht
def _panel(seed: int = 5, groups: int = 40, per: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, groups + 1), per)
    a = rng.normal(size=groups)[ids - 1]
    x = rng.normal(size=ids.size) + 0.8 * a
    z = rng.normal(size=ids.size)
    y = 1 + 0.5 * x - 0.3 * z + a + rng.normal(size=ids.size)
    return pd.DataFrame({"id": ids.astype(float), "t": np.tile(np.arange(1, per + 1), groups).astype(float),
                         "x": x, "z": z, "y": y})


def _within(df: pd.DataFrame) -> np.ndarray:
    cols = ["y", "x", "z"]
    dm = df[cols] - df.groupby("id")[cols].transform("mean")
    X = dm[["x", "z"]].to_numpy()
    return np.linalg.lstsq(X, dm["y"].to_numpy(), rcond=None)[0]


def _pooled(df: pd.DataFrame) -> np.ndarray:
    X = np.column_stack([df["x"], df["z"], np.ones(len(df))])
    return np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)[0][:2]


XTBSHT_SETUP = """
    xtset id t
    quietly xtreg y x z, fe
    estimates store FE
    quietly regress y x z
    estimates store OLS
"""


def test_xtbsht_statistic_from_its_own_coefficients_and_bootstrap_covariance(do):
    df = _panel()
    rc, out, s = do(XTBSHT_SETUP + "xtbsht FE OLS, seed(123) reps(200)", df=df)
    assert rc == 0, out
    r = s.r
    b1 = r["b1"].values.ravel()
    b2 = r["b2"].values.ravel()
    assert list(r["b1"].rownames) == ["x", "z"]
    assert np.allclose(b1, _within(df), atol=1e-8)
    assert np.allclose(b2, _pooled(df), atol=1e-8)
    V = r["V_diff"].values
    d = b1 - b2
    from scipy.stats import chi2
    assert float(r["chi2"]) == pytest.approx(float(d @ np.linalg.solve(V, d)), rel=1e-8)
    assert float(r["p"]) == pytest.approx(chi2.sf(float(r["chi2"]), 2), rel=1e-6)
    assert r["df"] == "2" and r["reps"] == "200"
    # an independent panel bootstrap of the same difference (numpy draws, not mlm's): the
    # variances agree within bootstrap noise
    rng = np.random.default_rng(99)
    panels = [g for _, g in df.groupby("id")]
    draws = []
    for _ in range(400):
        pick = rng.integers(0, len(panels), len(panels))
        sample = pd.concat([panels[k].assign(id=float(j)) for j, k in enumerate(pick)])
        draws.append(_within(sample) - _pooled(sample))
    V_ref = np.cov(np.array(draws).T)
    assert np.allclose(np.diag(V), np.diag(V_ref), rtol=0.35)
    assert "Bootstrapped Hausman Test" in out and "Comparing models: FE and OLS" in out
    assert "Test statistic: chi2(2) =" in out
    # the data come back as they were
    assert s.data.nobs == len(df) and np.allclose(s.data.numeric("id"), df["id"])


def test_xtbsht_seed_reproduces_and_reps_counts(do):
    df = _panel(seed=8)
    rc, out, s = do(XTBSHT_SETUP + """
        xtbsht FE OLS, seed(42) reps(20)
        local c1 = r(chi2)
        xtbsht FE OLS, seed(42) reps(20)
        local c2 = r(chi2)
        xtbsht FE OLS, seed(43) reps(20)
        local c3 = r(chi2)
        assert `c1' == `c2'
        assert `c1' != `c3'
    """, df=df)
    assert rc == 0, out


def test_xtbsht_refuses_one_name_and_unknown_options(do):
    df = _panel()
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE", df=df)
    assert rc == 198 and "You need to specify the names of two models to compare" in out
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE OLS, reps(5) nosuch", df=df)
    assert rc == 198 and "option nosuch not allowed" in out
    rc, out, _ = do(XTBSHT_SETUP + "xtbsht FE nosuch, reps(5)", df=df)
    assert rc == 111


# ----------------------------------------------------------------------------- svypd
def _survey(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 400
    cluster = np.ceil(np.arange(1, n + 1) / 10)
    stratum = np.ceil(cluster / 10)
    w = 1 + rng.uniform(size=n)
    y = (rng.uniform(size=n) < 0.3 + 0.04 * (cluster % 7)).astype(float)
    y[:5] = np.nan
    return pd.DataFrame({"clusterid": cluster, "stratumid": stratum, "w": w, "y": y})


def _linearised(df: pd.DataFrame) -> tuple[float, float, int, int]:
    """p = sum(w y)/sum(w) and its stratified cluster-linearised standard error."""
    d = df.dropna(subset=["y"])
    W = d["w"].sum()
    p = float((d["w"] * d["y"]).sum() / W)
    z = d["w"] * (d["y"] - p) / W
    var = 0.0
    for _, g in d.assign(z=z).groupby("stratumid"):
        totals = g.groupby("clusterid")["z"].sum().to_numpy()
        m = totals.size
        var += m / (m - 1) * ((totals - totals.mean()) ** 2).sum()
    return p, float(np.sqrt(var)), d["clusterid"].nunique(), d["stratumid"].nunique()


def test_svypd_wilson_and_clopper_against_the_formulas(do):
    from scipy import stats

    df = _survey()
    rc, out, s = do("""
        svyset clusterid, strata(stratumid) weight(w) singleunit(scaled)
        svypd y if inlist(y,0,1), adjust truncate method(wilson)
        matrix W = r(ci_list)
        scalar deff = r(deff)
        scalar neff = r(neff)
        assert "`r(method)'" == "Wilson"
        svypd y if inlist(y,0,1), adjust truncate method(clopper)
        matrix C = r(ci_list)
    """, df=df)
    assert rc == 0, out
    p, se, clusters, strata = _linearised(df)
    n = int(df["y"].notna().sum())
    r = s.r
    assert r["svyp"] == pytest.approx(p, rel=1e-10) and r["stderr"] == pytest.approx(se, rel=1e-8)
    assert r["df"] == clusters - strata and r["N"] == n and r["clusters"] == clusters
    neff0 = p * (1 - p) / se ** 2
    assert s.scalars["deff"] == pytest.approx((n - 1) / neff0, rel=1e-8)
    assert r["method"] == "Clopper"
    W, C = s.matrices["W"].values, s.matrices["C"].values
    for row, level in enumerate((95, 90)):
        a = (100 - level) / 200
        zq, tq = stats.norm.ppf(1 - a), stats.t.ppf(1 - a, clusters - strata)
        ne = neff0 * (zq / tq) ** 2
        centre = (p + zq ** 2 / (2 * ne)) / (1 + zq ** 2 / ne)
        half = zq * np.sqrt(p * (1 - p) / ne + zq ** 2 / (4 * ne ** 2)) / (1 + zq ** 2 / ne)
        assert W[row].tolist() == pytest.approx([level, centre - half, centre + half], rel=1e-9)
        x = p * ne
        assert C[row].tolist() == pytest.approx([level, stats.beta.ppf(a, x, ne - x + 1),
                                                 stats.beta.ppf(1 - a, x + 1, ne - x)], rel=1e-7)
    assert s.scalars["neff"] == pytest.approx(neff0 * (stats.norm.ppf(.975) / stats.t.ppf(.975, clusters - strata)) ** 2)


def test_svypd_truncates_a_design_effect_below_one_and_falls_back_for_p_zero(do):
    df = _survey()
    df["y"] = np.where(df["y"].isna(), np.nan, 0.0)
    df.loc[df.index[10], "y"] = 1.0
    rc, out, s = do("""
        svyset clusterid
        svypd y, method(wald) truncate
    """, df=df)
    assert rc == 0, out
    assert s.r["method"] in ("Wald", "Clopper-Pearson")
    df2 = _survey()
    df2["y"] = np.where(df2["y"].isna(), np.nan, 0.0)
    rc, out, s = do("svyset clusterid\nsvypd y, method(logit)", df=df2)
    assert rc == 0, out
    n = int(df2["y"].notna().sum())
    assert s.r["method"] == "Clopper-Pearson" and s.r["svyp"] == 0 and s.r["deff"] == 1
    assert s.r["lb_alpha"] == 0 and s.r["df"] == n - 1
    from scipy import stats
    assert s.r["ub_alpha"] == pytest.approx(stats.beta.ppf(0.975, 1, n), rel=1e-7)


def test_svypd_refusals_and_null_result(do):
    df = _survey()
    rc, out, s = do("svyset clusterid\nsvypd y if y == 5", df=df)
    assert rc == 0, out
    assert np.isnan(s.r["svyp"]) and s.r["N"] == 0 and s.r["method"] == ""
    rc, out, _ = do("svyset clusterid\nsvypd y, method(foo)", df=df)
    assert rc == 99 and "The method option must be either Wald, Wilson" in out
    df.loc[df.index[7], "y"] = 2
    rc, out, _ = do("svyset clusterid\nsvypd y", df=df)
    assert rc == 99 and "should contain only 0's, 1's, and missing values" in out
    rc, out, _ = do("svyset clusterid\nsvypd y, level(95) cilevellist(90 95)", df=_survey())
    assert rc == 99 and "specify LEVEL or CILEVELLIST, but not both" in out
    rc, out, _ = do("svyset clusterid\nsvypd y, nosuch", df=_survey())
    assert rc == 198
    rc, out, _ = do("svyset clusterid\nsvypd y in 1/50", df=_survey())
    assert rc == 101 and "in not allowed" in out


def test_invsym_stack_equals_invsym_on_each_panel_matrix():
    """xtfeis's per-panel inverse, batched, equals invsym matrix by matrix (full-rank,
    collinear and all-zero cases)."""
    from mlmcli.expr.matrix_algebra import Mat, invsym, invsym_stack

    rng = np.random.default_rng(4)
    stack = []
    for _ in range(30):
        z = np.column_stack([rng.normal(size=6), rng.normal(size=6) ** 2, np.ones(6)])
        stack.append(z.T @ z)
    z = np.column_stack([np.arange(5.0), 2 * np.arange(5.0), np.ones(5)])  # collinear slopes
    stack.append(z.T @ z)
    stack.append(np.zeros((3, 3)))
    A = np.array(stack)
    names = ("a", "b", "c")
    expected = np.array([invsym(Mat(a, names, names)).values for a in A])
    assert np.allclose(invsym_stack(A), expected, rtol=1e-10, atol=1e-12)
    assert np.all(invsym_stack(A)[-2][1] == 0)  # the collinear column's row is zero, as invsym's


def test_binary_log_probs_are_the_derivs_first_two_to_the_bit():
    """The binomial log density's ln p and ln(1-p) without the derivatives (gsem
    family(binomial) fits spent most of their time in them): the same bits, every link."""
    from mlmcli.glm.inverse_links import binary_log_derivs, binary_log_probs

    eta = np.random.default_rng(1).normal(0, 8, (300, 7))
    eta[0, :3] = (-800.0, 800.0, 0.0)
    for link in ("logit", "probit", "cloglog"):
        with np.errstate(all="ignore"):  # at eta = +-800: -inf logs, overflowing squares in the derivatives
            lp, lq = binary_log_probs(link, eta)
            lp0, lq0 = binary_log_derivs(link, eta)[:2]
        assert np.array_equal(lp, lp0, equal_nan=True) and np.array_equal(lq, lq0, equal_nan=True)
    assert np.allclose(np.exp(binary_log_probs("logit", np.array([0.3]))[0]), 1 / (1 + np.exp(-0.3)))
