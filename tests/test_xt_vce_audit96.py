"""vce(robust) and vce(cluster v) across the xt estimators (docs/xt_vce.md).

xtlogit.ado, xtprobit.ado, xtcloglog.ado and xtpoisson.ado (normal), re: ``_vce_parse, opt(OIM Robust)
argopt(Cluster)`` for callers of version 13 on; without cluster() the panel variable is the cluster
(``local clust `ivar'``); _xt_robust posts ``e(vce) "robust"``, ``e(vcetype) "Robust"`` under both
spellings; the ado posts ``e(clustvar) `clust'`` and e(N_clust); DispLR shows no LR test when e(vce)
is "robust".  vce(robust) and vce(cluster panelvar) are one estimator: the same V everywhere.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(96)
    n, t = 24, 4
    ids = np.repeat(np.arange(1, n + 1), t)
    u = rng.normal(size=n)[ids - 1]
    x = rng.normal(size=n * t)
    ystar = 0.3 + x + u + rng.normal(size=n * t)
    return pd.DataFrame({"id": ids.astype(float), "t": np.tile(np.arange(1.0, t + 1), n), "x": x,
                         "cv": np.ceil(ids / 3).astype(float), "yc": ystar, "yb": (ystar > 0.3).astype(float),
                         "yo": np.digitize(ystar, [-0.5, 0.5, 1.5]).astype(float),
                         "c": rng.poisson(np.exp(0.2 + 0.4 * x + 0.5 * u)).astype(float)})


RE_BINARY = ["xtlogit yb x", "xtprobit yb x", "xtcloglog yb x", "xtpoisson c x, normal"]


def _fit(do, panel, line, vce):
    sep = " " if "," in line else ", "
    quiet = "" if line.startswith(("xtreg yc x", "xtivreg")) and "mle" not in line else " nolog"
    rc, out, s = do(f"xtset id t\n{line}{sep}{vce}{quiet}", panel)
    assert rc == 0, out
    return out, s.e


@pytest.mark.parametrize("line", RE_BINARY)
def test_re_robust_clusters_on_the_panel_variable(do, panel, line):
    out, e = _fit(do, panel, line, "vce(robust)")
    assert (e.macros["vce"], e.macros["vcetype"], e.macros["clustvar"]) == ("robust", "Robust", "id")
    assert e.scalars["N_clust"] == 24
    assert "(Std. Err. adjusted for 24 clusters in id)" in out
    assert "LR test" not in out and "ll_c" in e.scalars  # posted, not shown
    out_c, e_c = _fit(do, panel, line, "vce(cluster id)")
    assert (e_c.macros["vce"], e_c.macros["clustvar"], e_c.scalars["N_clust"]) == ("robust", "id", 24)
    np.testing.assert_array_equal(e.matrices["V"].values, e_c.matrices["V"].values)


@pytest.mark.parametrize("line", RE_BINARY[:2])
def test_re_cluster_on_a_coarser_variable(do, panel, line):
    out, e = _fit(do, panel, line, "vce(cluster cv)")
    assert (e.macros["vce"], e.macros["clustvar"], e.scalars["N_clust"]) == ("robust", "cv", 8)
    assert "(Std. Err. adjusted for 8 clusters in cv)" in out
    _, e_id = _fit(do, panel, line, "vce(cluster id)")
    assert not np.allclose(e.matrices["V"].values, e_id.matrices["V"].values)


@pytest.mark.parametrize("line", ["xtreg yc x", "xtreg yc x, fe", "xtreg yc x, mle", "xtologit yo x",
                                  "xtivreg yc (x = cv), fe", "mixed yc x || id:"])
def test_robust_equals_cluster_on_the_panel_variable(do, panel, line):
    out, e = _fit(do, panel, line, "vce(robust)")
    _, e_c = _fit(do, panel, line, "vce(cluster id)")
    assert e.macros["clustvar"] == e_c.macros["clustvar"] == "id" and e.scalars["N_clust"] == 24
    assert "(Std. Err. adjusted for 24 clusters in id)" in out
    np.testing.assert_array_equal(e.matrices["V"].values, e_c.matrices["V"].values)


def test_re_robust_log_says_pseudolikelihood(do, panel):
    """The ado's ``crittype(log pseudolikelihood)`` in the comparison logit and in ml; _xt_robust's
    ``di`` and ``Calculating robust standard errors:`` (printed under nolog too)."""
    rc, out, s = do("xtset id t\nxtlogit yb x, vce(robust)", panel)
    assert rc == 0 and s.e.macros["crittype"] == "log pseudolikelihood"
    log = out[out.index("Fitting comparison model:"):out.index("Random-effects logistic")]
    assert "Iteration 0:   log pseudolikelihood = " in log and "log likelihood" not in log
    assert log.rstrip().endswith("\n\nCalculating robust standard errors:")
    rc, out, s = do("xtset id t\nxtlogit yb x, vce(cluster id) nolog", panel)
    assert "Iteration" not in out and "\nCalculating robust standard errors:\n" in out
    rc, out, s = do("xtset id t\nxtlogit yb x", panel)
    assert "Calculating" not in out and "pseudo" not in out and s.e.macros["crittype"] == "log likelihood"
    assert "Likelihood-ratio test of rho=0" in out


@pytest.mark.parametrize("line, name", [
    # xttobit.ado, xtintreg.ado, xtfrontier.ado: _vce_parse, opt(OIM) old; xtgee.ado (and the pa
    # models through it): opt(CONVENTIONAL Robust) old -- the message names vce()'s first word
    ("xttobit yc x, ll(0) vce(robust)", "robust"),
    ("xttobit yc x, ll(0) vce(cluster id)", "cluster"),
    ("xtintreg yc yc x, vce(cluster cv)", "cluster"),
    ("xtgee yc x, vce(cluster id)", "cluster"),
    ("xtlogit yb x, pa vce(cluster id)", "cluster"),
    ("xtreg yc x, pa vce(cluster id)", "cluster"),
    ("xtfrontier yc x, ti vce(robust)", "robust"),
    ("xtfrontier yc x, tvd vce(cluster id)", "cluster"),
])
def test_vcetype_not_allowed_names_the_first_word(do, panel, line, name):
    rc, out, s = do(f"xtset id t\n{line}", panel)
    assert rc == 198 and out.strip().splitlines()[-2:] == [f"vcetype '{name}' not allowed", "r(198);"]


def test_xtabond_cluster_is_vce_parses_refusal(do, panel):
    """_xtab_parser: ``_vce_parse, opt(GMM Robust) old`` -- no cluster for xtabond/xtdpdsys."""
    for line in ("xtabond yc x, vce(cluster id)", "xtdpdsys yc x, vce(cluster id)", "xtabond yc x, vce(oim)"):
        rc, out, s = do(f"xtset id t\n{line}", panel)
        name = line.split("vce(")[1].split()[0].rstrip(")")
        assert rc == 198 and out.strip().splitlines()[-2:] == [f"vcetype '{name}' not allowed", "r(198);"]


@pytest.mark.parametrize("line", ["xtlogit yb x", "xtpoisson c x, normal", "xtologit yo x"])
def test_clusters_must_contain_whole_panels(do, panel, line):
    """_xtreg_chk_cl2 (xtlogit.ado and kin, _xtordinal) before the fit: r(498)."""
    rc, out, s = do(f"xtset id t\n{line}{' ' if ',' in line else ', '}vce(cluster t) nolog", panel)
    assert rc == 498 and out.strip().splitlines()[-2:] == ["panels are not nested within clusters", "r(498);"]


def test_xtologit_robust_log_and_crittype(do, panel):
    """xtologit runs meologit with the vce: its log and e(crittype) say pseudolikelihood."""
    rc, out, s = do("xtset id t\nxtologit yo x, vce(robust)", panel)
    assert rc == 0 and s.e.macros["crittype"] == "log pseudolikelihood"
    assert "Iteration 0:   log pseudolikelihood = " in out and "log likelihood =" not in out
