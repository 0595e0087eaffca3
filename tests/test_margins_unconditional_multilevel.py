"""``margins ..., vce(unconditional)`` after robust / pweighted ``mixed`` and ``me`` fits.

The linearized variance is checked by hand: margin m = sum_j w_j q_j / W, its linearization
z_c = sum_{j in c} w_j (q_j - m) / W + J IF_c over the clusters (top-level groups), J the
margin's derivative in e(b) computed here from the fit's coefficients, and
V = G/(G-1) sum_c z_c^2.  The clusters' influence IF_c must give back the fit's robust e(V)
(G/(G-1) sum_c IF_c IF_c' = e(V)), so that with every covariate fixed by at() the
unconditional SE is the delta-method one.  Refusals follow margins' _parse_vce (r(322))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.estimation.active import active


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(65)
    G, m = 40, 6
    gid = np.repeat(np.arange(1, G + 1), m)
    u = np.repeat(rng.normal(size=G), m)
    w2 = np.repeat(1 + rng.uniform(size=G), m)
    x = rng.normal(size=G * m)
    g = rng.integers(0, 3, G * m)
    w = 0.5 + rng.uniform(size=G * m)
    ystar = 0.5 * x + 0.3 * g + u + rng.logistic(size=G * m)
    y = 0.5 * x + 0.3 * g + u + rng.normal(size=G * m)
    return pd.DataFrame(dict(id=gid, x=x, g=g, w=w, w2=w2, yb=(ystar > 0).astype(float), y=y,
                             yo=1.0 + (ystar > -0.5) + (ystar > 1), cl=(gid - 1) // 4))


def _fit(do, data, text):
    rc, out, s = do(f"quietly {text}", df=data)
    assert rc == 0, out
    e = active(s)
    return s, e, e.matrices["b"].values.ravel(), e.matrices["V"].values


def _table(s):
    t = s.r["table"]
    return t.values[0], t.values[1]


def _cluster_sums(Z, codes):
    G = codes.max() + 1
    return np.array([np.bincount(codes, weights=z, minlength=G) for z in Z]), G


def _influence(e):
    """The fit's influence per highest-level group present in the sample, each group's
    cluster, and each estimation row's cluster (the data are in fit order here)."""
    IF, clusters = e.model.margins_influence(None)
    group = np.asarray(e.model.re_terms()[0].group, np.int64)
    present = np.unique(group)
    return IF[present], clusters[present], clusters[group]


def _linearized_se(dev, IF_groups, cl_groups, cl_rows, J):
    """sqrt(G/(G-1) sum_c z_c^2), z_c = the rows' deviations + the groups' J IF, per cluster."""
    G = int(cl_rows.max()) + 1
    zc = np.bincount(cl_rows, weights=dev, minlength=G) + np.bincount(cl_groups, weights=IF_groups @ J, minlength=G)
    return np.sqrt(G / (G - 1) * np.sum(zc ** 2))


def test_influence_gives_back_the_robust_vce(do, data):
    for cmd in ("melogit yb x i.g [pw=w] || id:, pweight(w2)", "mixed y x i.g [pw=w] || id:",
                "meologit yo x i.g || id:, vce(cluster cl)"):
        s, e, b, V = _fit(do, data, cmd)
        IF, codes, _ = _influence(e)
        Zc, G = _cluster_sums(IF.T, codes)
        Vu = G / (G - 1) * Zc @ Zc.T
        used = np.flatnonzero(np.any(IF != 0, axis=0))
        np.testing.assert_allclose(Vu[np.ix_(used, used)], V[np.ix_(used, used)], rtol=1e-6, atol=1e-12)
        expected_G = 10 if "cluster" in cmd else 40
        assert G == expected_G


@pytest.mark.parametrize("fit, at", [("melogit yb x i.g [pw=w] || id:", "x=0 g=1"),
                                     ("mixed y x i.g || id:, vce(robust)", "x=1 g=2")])
def test_fixed_covariates_give_the_delta_method_se(do, data, fit, at):
    rc, out, s = do(f"quietly {fit}\nmargins, at({at}) vce(unconditional)", df=data)
    assert rc == 0 and "Unconditional" in out
    b_u, se_u = _table(s)
    rc, out, s = do(f"margins, at({at})", session=s)
    b_d, se_d = _table(s)
    np.testing.assert_allclose([b_u[0], se_u[0]], [b_d[0], se_d[0]], rtol=1e-8)


def test_melogit_pweights_by_hand(do, data):
    s, e, b, V = _fit(do, data, "melogit yb x i.g [pw=w] || id:, pweight(w2)")
    rc, out, s = do("margins g, vce(unconditional)", session=s)
    # _marg_report prints "Model VCE" only under vce(delta)
    assert rc == 0 and "Unconditional" in out and "Model VCE" not in out
    assert s.r["clustvar"] == "id" and s.r["N_clust"] == 40
    margins, se = _table(s)
    names = list(e.matrices["b"].colnames)
    IF, cl_groups, cl_rows = _influence(e)
    w = data.w.to_numpy()
    W = w.sum()
    col = {n: i for i, n in enumerate(names)}
    for k, level in enumerate((0, 1, 2)):
        # x b at g = level: the base level 0 adds nothing
        xb = b[col["yb:x"]] * data.x.to_numpy() + b[col["yb:_cons"]]
        if level:
            xb = xb + b[col[f"yb:{level}.g"]]
        p = 1 / (1 + np.exp(-xb))
        m = np.sum(w * p) / W
        assert margins[k] == pytest.approx(m, rel=1e-10)
        dp = w * p * (1 - p) / W
        J = np.zeros(len(names))
        J[col["yb:x"]] = np.sum(dp * data.x)
        J[col["yb:_cons"]] = np.sum(dp)
        if level:
            J[col[f"yb:{level}.g"]] = np.sum(dp)
        assert se[k] == pytest.approx(_linearized_se(w * (p - m) / W, IF, cl_groups, cl_rows, J), rel=1e-7)


def test_mixed_pweights_by_hand(do, data):
    s, e, b, V = _fit(do, data, "mixed y x i.g [pw=w] || id:, pweight(w2)")
    rc, out, s = do("margins g, vce(unconditional)", session=s)
    assert rc == 0
    margins, se = _table(s)
    names = list(e.matrices["b"].colnames)
    col = {n: i for i, n in enumerate(names)}
    IF, cl_groups, cl_rows = _influence(e)
    w = data.w.to_numpy()
    W = w.sum()
    xbar = np.sum(w * data.x) / W
    for k, level in enumerate((0, 1, 2)):
        q = b[col["y:x"]] * data.x.to_numpy() + b[col["y:_cons"]] + (b[col[f"y:{level}.g"]] if level else 0)
        m = np.sum(w * q) / W
        J = np.zeros(len(names))
        J[col["y:x"]], J[col["y:_cons"]] = xbar, 1.0
        if level:
            J[col[f"y:{level}.g"]] = 1.0
        assert margins[k] == pytest.approx(m, rel=1e-10)
        assert se[k] == pytest.approx(_linearized_se(w * (q - m) / W, IF, cl_groups, cl_rows, J), rel=1e-7)


def test_the_real_do_files_ordinal_margins_run(do, data):
    # as elsa-activity: the weight at the person level only; the margins unweighted averages
    rc, out, s = do("quietly meologit yo x i.g || id:, pweight(w2)\n"
                    "margins i.g, predict(mu fixedonly outcome(2)) vsquish vce(unconditional)\n"
                    "margins i.g, expression(predict(mu fixedonly outcome(2)) + predict(mu fixedonly outcome(3))) "
                    "vsquish vce(unconditional)", df=data)
    assert rc == 0 and out.count("Unconditional") == 2
    margins, se = _table(s)
    assert np.all(np.isfinite(se)) and np.all(se > 0)
    IF, codes, _ = _influence(active(s))
    Zc, G = _cluster_sums(IF.T, codes)
    V = active(s).matrices["V"].values
    used = np.flatnonzero(np.any(IF != 0, axis=0))
    np.testing.assert_allclose((G / (G - 1) * Zc @ Zc.T)[np.ix_(used, used)], V[np.ix_(used, used)],
                               rtol=1e-6, atol=1e-12)


NEEDS_ROBUST = ("option vce(unconditional) is allowed only after estimation with robust, semirobust, "
                "or linearized standard errors")


@pytest.mark.parametrize("fit", ["melogit yb x || id:", "mixed y x || id:", "meologit yo x || id:"])
def test_refused_after_a_fit_without_robust_vce(do, data, fit):
    rc, out, s = do(f"quietly {fit}\ngen keep = x\nmargins, vce(unconditional)", df=data)
    assert rc == 322 and NEEDS_ROBUST in out
    assert list(s.data.df.columns)[-1] == "keep"  # the data are left as they were


def test_margins_own_weights_refused(do, data):
    rc, out, s = do("quietly melogit yb x [pw=w] || id:\nmargins [pw=w2], vce(unconditional)", df=data)
    assert rc == 198 and "with weights is not implemented" in out


def test_logit_pweights_by_hand_with_analytic_scores(do, data):
    """Single level: IF_j = (X' diag(w p (1-p)) X)^-1 x_j w_j (y_j - p_j), each row its own
    cluster -- computed here from the data alone (the same machinery as after the me fits)."""
    rc, out, s = do("quietly logit yb x i.g [pw=w]\nmargins g, vce(unconditional)", df=data)
    assert rc == 0 and "Unconditional" in out
    margins, se = _table(s)
    x, g, y, w = (data[c].to_numpy() for c in ("x", "g", "yb", "w"))
    X = np.column_stack([x, g == 1, g == 2, np.ones(len(x))]).astype(float)
    b = np.zeros(4)
    for _ in range(50):  # Newton: the weighted logit
        p = 1 / (1 + np.exp(-X @ b))
        H = X.T @ (X * (w * p * (1 - p))[:, None])
        b = b + np.linalg.solve(H, X.T @ (w * (y - p)))
    p = 1 / (1 + np.exp(-X @ b))
    IF = (X * (w * (y - p))[:, None]) @ np.linalg.inv(X.T @ (X * (w * p * (1 - p))[:, None]))
    W, n = w.sum(), len(x)
    for k, level in enumerate((0, 1, 2)):
        Xl = X.copy()
        Xl[:, 1], Xl[:, 2] = float(level == 1), float(level == 2)
        q = 1 / (1 + np.exp(-Xl @ b))
        m = np.sum(w * q) / W
        J = (Xl * (w * q * (1 - q))[:, None]).sum(axis=0) / W
        z = w * (q - m) / W + IF @ J
        assert margins[k] == pytest.approx(m, rel=1e-8)
        assert se[k] == pytest.approx(np.sqrt(n / (n - 1) * np.sum(z ** 2)), rel=1e-6)


def test_after_the_xt_random_effects_commands(do, data):
    """xtlogit, re runs on the me engine and posts its own e(b) (lnsig2u): its influence is mapped
    there since mg95 (tests/test_margins_leftovers95.py checks it against melogit's).  Its
    default (OIM) fit is refused by margins' ._parse_vce (Stata's r(322))."""
    rc, out, s = do("xtset id\nquietly xtlogit yb x, re\nmargins, vce(unconditional)", df=data)
    assert rc == 322 and "allowed only after estimation with robust, semirobust, or linearized" in out
    rc, out, s = do("xtset id\nquietly xtlogit yb x, re vce(robust)\nmargins, vce(unconditional)", df=data)
    assert rc == 0 and "Unconditional" in out


@pytest.mark.parametrize("fit", ["melogit yb x i.g [pw=w] || id:", "mixed y x i.g || id:, vce(cluster cl)"])
def test_sorting_the_data_after_the_fit_changes_nothing(do, data, fit):
    rc, out, s = do(f"quietly {fit}\nmargins g, vce(unconditional)", df=data)
    before = _table(s)
    rc, out, s = do("sort x\nmargins g, vce(unconditional)", session=s)
    assert rc == 0
    np.testing.assert_allclose(_table(s), before, rtol=1e-10)
