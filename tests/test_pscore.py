"""pscore (Becker-Ichino, pscore.ado 2.02): the probit's predicted score (statsmodels here),
the blocks -- numblo() equal blocks of the score, each block whose treated and controls differ
in mean score (equal-variance t test, p < level()) cut at its midpoint and tested again,
recomputed here by a separate recursive implementation --, the common support and the
balancing messages, and the refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

sm = pytest.importorskip("statsmodels.api")


@pytest.fixture(scope="module")
def households():
    rng = np.random.default_rng(4601)
    n = 600
    land = rng.lognormal(3.5, 1.2, n)
    educ = rng.poisson(3, n).astype(float)
    female = (rng.random(n) < 0.2).astype(float)
    eta = -0.3 - 0.35 * np.log1p(land / 100) * 3 + 0.08 * educ + 0.4 * female
    treat = (rng.random(n) < stats.norm.cdf(eta)).astype(float)
    w = rng.uniform(1, 5, n)
    return pd.DataFrame({"treat": treat, "lnland": np.log1p(land / 100), "educ": educ, "female": female, "w": w})


def _p(values, T):
    a, b = values[T == 0], values[T == 1]
    if a.size == 0 or b.size == 0 or a.size + b.size < 3:
        return np.nan
    return stats.ttest_ind(a, b, equal_var=True).pvalue


def _blocks(score, T, numblo=5, level=0.01):
    """Recursive statement of Step 1: intervals [lo, hi) cut while the t test rejects."""
    out = np.zeros(score.size)

    def intervals(lo, hi):
        rows = (score >= lo) & (score < hi)
        if rows.sum() and (T[rows] == 0).any() and (T[rows] == 1).any() and _p(score[rows], T[rows]) < level:
            mid = (lo + hi) / 2
            return intervals(lo, mid) + intervals(mid, hi)
        return [(lo, hi)]

    cuts = []
    for k in range(numblo):
        cuts += intervals(k / numblo, (k + 1) / numblo)
    for j, (lo, hi) in enumerate(cuts, start=1):
        out[(score >= lo) & (score < hi)] = j
    return out


def test_score_and_blocks(do, households):
    rc, out, s = do("pscore treat lnland educ female, pscore(ps) blockid(blk)", households)
    assert rc == 0, out
    X = sm.add_constant(households[["lnland", "educ", "female"]])
    expected = sm.Probit(households["treat"], X).fit(disp=0, tol=1e-12).predict(X).to_numpy()
    ps = s.data.numeric("ps")
    np.testing.assert_allclose(ps, expected, rtol=1e-6)
    T = households["treat"].to_numpy()
    np.testing.assert_array_equal(s.data.numeric("blk"), _blocks(ps, T))
    assert s.e.macros["cmd"] == "probit"  # the last estimates are the probit's
    assert f"The final number of blocks is {int(_blocks(ps, T).max())}" in out
    assert s.data.var_labels["ps"] == "Estimated propensity score"


def test_weights_go_to_the_probit_and_logit_option(do, households):
    rc, out, s = do("pscore treat lnland educ female [pw=w], pscore(ps) logit", households)
    assert rc == 0, out
    X = sm.add_constant(households[["lnland", "educ", "female"]])
    fit = sm.GLM(households["treat"], X, family=sm.families.Binomial(), freq_weights=households["w"]).fit(tol=1e-12)
    np.testing.assert_allclose(s.data.numeric("ps"), fit.predict(X).to_numpy(), rtol=1e-6)
    assert "Logistic regression" in out and "pseudolikelihood" in out


def test_common_support(do, households):
    rc, out, s = do("pscore treat lnland educ female, pscore(ps) blockid(blk) comsup", households)
    assert rc == 0, out
    ps, T = s.data.numeric("ps"), households["treat"].to_numpy()
    lo, hi = ps[T == 1].min(), ps[T == 1].max()
    inside = (ps >= lo) & (ps <= hi)
    np.testing.assert_array_equal(s.data.numeric("comsup"), inside.astype(float))
    blk = s.data.numeric("blk")
    assert np.isnan(blk[~inside]).all() and (blk[inside] >= 1).all()
    assert "The region of common support is [" in out and "Note: the common support option has been selected" in out


def test_if_sample(do, households):
    rc, out, s = do("pscore treat lnland educ if female==0, pscore(ps) blockid(blk)", households)
    assert rc == 0, out
    female = households["female"].to_numpy() == 1
    assert np.isnan(s.data.numeric("ps")[female]).all() and np.isnan(s.data.numeric("blk")[female]).all()
    assert not np.isnan(s.data.numeric("ps")[~female]).any()
    assert "The balancing property is satisfied" in out


def test_unbalanced_covariate(do):
    # treatment jumps where x2 passes 0.8: the linear probit leaves treated and controls of
    # the same block with different mean x1 and x2
    rng = np.random.default_rng(7)
    x1, x2 = rng.normal(size=3000), rng.uniform(size=3000)
    treat = (rng.random(3000) < 1 / (1 + np.exp(-(0.8 * x1 + np.where(x2 > 0.8, 2.0, -1.0))))).astype(float)
    frame = pd.DataFrame({"treat": treat, "x1": x1, "x2": x2})
    rc, out, s = do("pscore treat x1 x2, pscore(ps) blockid(blk)", frame)
    assert rc == 0, out
    blk = s.data.numeric("blk")
    messages = []
    for k in range(1, int(blk.max()) + 1):
        rows = blk == k
        if not ((treat[rows] == 0).any() and (treat[rows] == 1).any()):
            continue
        for name, x in (("x1", x1), ("x2", x2)):
            if _p(x[rows], treat[rows]) < 0.01:
                messages.append(f"Variable {name} is not balanced in block {k}")
    assert messages
    assert [line for line in out.splitlines() if "is not balanced" in line] == messages
    assert "The balancing property is not satisfied" in out


def test_refusals_leave_the_data(do, households):
    for line, rc_expected in (("pscore treat lnland, blockid(blk)", 198),
                              ("pscore treat lnland, pscore(lnland)", 110),
                              ("pscore treat lnland, pscore(ps) blockid(educ)", 110),
                              ("pscore treat lnland [aw=w], pscore(ps)", 101),
                              ("pscore treat nosuch, pscore(ps)", 111)):
        rc, out, s = do(line, households)
        assert rc == rc_expected, (line, out)
        assert list(s.data.varnames) == list(households.columns), line


def test_existing_comsup_is_replaced(do, households):
    rc, out, s = do("generate comsup = 7\npscore treat lnland educ, pscore(ps) comsup", households)
    assert rc == 0, out
    assert set(np.unique(s.data.numeric("comsup"))) <= {0.0, 1.0}
    assert not any(v.startswith("__") for v in s.data.varnames)


def test_detail_prints_the_tests_and_changes_nothing_else(do, households):
    plain = do("pscore treat lnland educ female, pscore(ps) blockid(blk) numblo(3)", households)[2]
    rc, out, s = do("pscore treat lnland educ female, pscore(ps) blockid(blk) numblo(3) detail", households)
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("blk"), plain.data.numeric("blk"))
    assert "Test for block 1" in out and "Two-sample t test with equal variances" in out
    assert "Testing the balancing property for variable lnland in block 1" in out
    assert "Distribution of treated and controls across blocks" in out
