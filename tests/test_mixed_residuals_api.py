"""The engine API of residuals() fits: e(b) names, result blocks, within-cluster covariance,
Stata's error codes for invalid structures, and equivalences between structures."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from residual_datasets import DATASETS, _res, _spec, _term

from mlmcli.errors import StataError
from mlmcli.mixed.estimate import fit_mixed
from mlmcli.mixed.fit import MixedFit
from mlmcli.mixed.residual_fit import StructuredResidualFit
from mlmcli.mixed.spec import ResidualSpec

PANEL = DATASETS["panel"]()
SMALL = PANEL[PANEL.time <= 3].reset_index(drop=True)
X = ["x", "time", "grp"]


def fit_of(kind, order=None, df=PANEL, random=True, by=None, t="time", method="ML"):
    return fit_mixed(_spec(df, "y", X, [_term(df, "id", cons=random)], method,
                           _res(kind, df, order, t=t, by=by)))


def colnames(fit):
    return [c.split(":")[0] for c in fit.e_matrices()[0].colnames[4:]]


def test_ebv_names_follow_stata():
    # by() groups one after the other, each group's sd ratio before its correlations
    # (ResidualCovariance.stata_order documents the source)
    assert colnames(fit_of("ar", 1, by="grp")) == ["lns1_1_1", "lnsig_e", "r_atr1", "r_lns2ose", "r_atr2"]
    assert colnames(fit_of("ar", 2)) == ["lns1_1_1", "lnsig_e", "r_phi1_1", "r_phi1_2"]
    assert colnames(fit_of("ma", 1)) == ["lns1_1_1", "lnsig_e", "r_att1"]
    assert colnames(fit_of("ma", 2)) == ["lns1_1_1", "lnsig_e", "r_theta1_1", "r_theta1_2"]
    assert colnames(fit_of("toeplitz", 2)) == ["lns1_1_1", "lnsig_e", "r_atr1_1", "r_atr1_2"]
    assert colnames(fit_of("exchangeable", random=False, t=None)) == ["lnsig_e", "r_atr1"]
    assert colnames(fit_of("exponential")) == ["lns1_1_1", "lnsig_e", "r_logitr1"]
    assert colnames(fit_of("unstructured", df=SMALL, random=False)) == [
        "lnsig_e", "r_lns1_2ose", "r_lns1_3ose", "r_atr1_1_2", "r_atr1_1_3", "r_atr1_2_3"]
    assert colnames(fit_of("banded", 1, df=SMALL, random=False, by="grp")) == [
        "lnsig_e", "r_lns1_2ose", "r_lns1_3ose", "r_atr1_1_2", "r_atr1_2_3",
        "r_lns2_1ose", "r_lns2_2ose", "r_lns2_3ose", "r_atr2_1_2", "r_atr2_2_3"]
    b, V = fit_of("ar", 1, by="grp").e_matrices()
    assert V.values.shape == (b.values.shape[1],) * 2
    assert np.allclose(V.values, V.values.T)


def test_residual_blocks_labels_and_metrics():
    fit = fit_of("ar", 1, by="grp")
    res = fit.result()
    block = res.residual_blocks["variance"]
    assert (block.structure, block.by) == ("AR(1)", "grp")
    # _xtmixed_display (Stata 12 and 16): ar 1's parameter is "rho"
    assert [r.label for r in block.rows] == ["0: rho", "0: var(e)", "1: rho", "1: var(e)"]
    assert [r.label for r in res.residual_blocks["sd"].rows] == ["0: rho", "0: sd(e)", "1: rho", "1: sd(e)"]
    assert [(g.label, [r.label for r in g.rows]) for g in block.groups] == [
        ("0", ["rho", "var(e)"]), ("1", ["rho", "var(e)"])]
    assert block.label_width == 6 and res.residual_blocks["sd"].label_width == 5
    assert [r.label for r in res.residual_blocks["est"].rows] == ["lnsig_e", "r_atr1", "r_lns2ose", "r_atr2"]
    names = fit.phi_names
    phi, V = fit.phi, fit.V_phi
    i0, i1, a2 = names.index("lnsig_e"), names.index("r_lns2ose"), names.index("r_atr2")
    # group 1's variance: exp(2 (lnsig_e + r_lns2ose)), se by the delta method, CI from ln sd
    m = phi[i0] + phi[i1]
    se_m = np.sqrt(V[i0, i0] + V[i1, i1] + 2 * V[i0, i1])
    row = block.rows[3]
    assert row.estimate == pytest.approx(np.exp(2 * m))
    assert row.se == pytest.approx(2 * np.exp(2 * m) * se_m)
    assert row.ci_lo == pytest.approx(np.exp(2 * (m - 1.959963984540054 * se_m)))
    # rho of group 2: tanh of the atanh estimate and interval
    row = block.rows[2]
    s = np.sqrt(V[a2, a2])
    assert row.estimate == pytest.approx(np.tanh(phi[a2]))
    assert row.ci_hi == pytest.approx(np.tanh(phi[a2] + 1.959963984540054 * s))
    assert res.residual["variance"].label == "var(e)"
    # LR test vs. linear model counts every parameter but lnsig_e
    assert res.lr_test.df == 4 and res.lr_test.kind == "chi2"
    assert fit.scalars()["k_res"] == 3  # xtmixed.ado: the parameters after lnsig_e
    assert fit.residual_macros() == {"rstructure": "ar", "rstructlab": "AR(1)", "res_order": "1",
                                     "timevar": "time", "rbyvar": "grp", "rglabels": "0 1"}


def test_other_structure_labels():
    rows = [r.label for r in fit_of("exchangeable", random=False, t=None).result().residual_blocks["variance"].rows]
    assert rows == ["var(e)", "cov(e)"]
    res = fit_of("exchangeable", random=False, t=None).result()
    assert [r.label for r in res.residual_blocks["sd"].rows] == ["sd(e)", "corr(e)"]
    assert [r.label for r in fit_of("ma", 2).result().residual_blocks["variance"].rows] == [
        "theta1", "theta2", "var(e)"]
    toep = fit_of("toeplitz", 2).result().residual_blocks
    assert [r.label for r in toep["variance"].rows] == ["cov1", "cov2", "var(e)"]
    assert [r.label for r in toep["sd"].rows] == ["rho1", "rho2", "sd(e)"]
    cov1, var = toep["variance"].rows[0], toep["variance"].rows[2]
    assert cov1.estimate == pytest.approx(toep["sd"].rows[0].estimate * var.estimate)
    assert [r.label for r in fit_of("ar", 1).result().residual_blocks["variance"].rows] == ["rho", "var(e)"]
    b = fit_of("unstructured", df=SMALL, random=False).result().residual_blocks
    assert [r.label for r in b["variance"].rows] == [
        "var(e1)", "var(e2)", "var(e3)", "cov(e1,e2)", "cov(e1,e3)", "cov(e2,e3)"]
    assert [r.label for r in b["sd"].rows] == [
        "sd(e1)", "sd(e2)", "sd(e3)", "corr(e1,e2)", "corr(e1,e3)", "corr(e2,e3)"]
    assert fit_of("banded", 1, df=SMALL, random=False).result().residual_blocks["variance"].structure == "Banded(1)"


def test_equivalent_structures_give_the_same_likelihood():
    """ar 1 = exponential at integer t; banded (p-1) = unstructured; toeplitz 1 = ma 1 when
    |rho1| < 1/2; exchangeable without random effects = random intercept with i.i.d. errors."""
    assert fit_of("ar", 1).loglik == pytest.approx(fit_of("exponential").loglik, abs=1e-7)
    un = fit_of("unstructured", df=SMALL, random=False)
    assert fit_of("banded", 2, df=SMALL, random=False).loglik == pytest.approx(un.loglik, abs=1e-7)
    ma1 = fit_of("ma", 1, random=False)
    assert abs(np.tanh(ma1.s[0])) < 1
    rho1 = np.tanh(ma1.s[0]) / (1 + np.tanh(ma1.s[0]) ** 2)
    if abs(rho1) < 0.5 - 1e-3:
        assert fit_of("toeplitz", 1, random=False).loglik == pytest.approx(ma1.loglik, abs=1e-7)
    ex = fit_of("exchangeable", random=False, t=None, method="REML")
    ri = fit_mixed(_spec(PANEL, "y", X, [_term(PANEL, "id")], "REML", None))
    assert ex.loglik == pytest.approx(ri.loglik, abs=1e-7)
    # the plain i.i.d. structure is the ordinary fit
    plain = fit_mixed(_spec(PANEL, "y", X, [_term(PANEL, "id")], "ML", ResidualSpec()))
    assert type(plain) is MixedFit
    assert plain.loglik == pytest.approx(
        fit_mixed(_spec(PANEL, "y", X, [_term(PANEL, "id")], "ML", None)).loglik, abs=1e-12)


def test_independent_by_may_vary_within_panels():
    df = PANEL.assign(half=(PANEL.time > 3).astype(int))
    fit = fit_mixed(_spec(df, "y", X, [_term(df, "id")], "ML", _res("independent", df, by="half")))
    assert isinstance(fit, StructuredResidualFit)
    assert [r.label for r in fit.result().residual_blocks["variance"].rows] == ["0: var(e)", "1: var(e)"]


def test_within_covariance():
    fit = fit_of("ar", 1)
    rows = np.flatnonzero(np.asarray(fit.spec.terms[0].group) == 0)
    V = fit.within_covariance(rows)
    t = PANEL["time"].to_numpy()[rows]
    var_u = np.exp(2 * fit.phi[0])
    rho = np.tanh(fit.s[0])
    expected = var_u + fit.sigma2 * rho ** np.abs(t[:, None] - t[None, :])
    assert V == pytest.approx(expected, rel=1e-10)
    C = fit.within_covariance(rows, correlation=True)
    assert np.diag(C) == pytest.approx(np.ones(len(rows)))
    # an ordinary fit: Z G Z' + sigma^2 I
    plain = fit_mixed(_spec(PANEL, "y", X, [_term(PANEL, "id", ["time"], cov="unstructured")], "REML", None))
    Z = np.column_stack([PANEL["time"].to_numpy()[rows], np.ones(len(rows))])
    lam = plain.model.lambdas(plain.theta)[0]
    G = plain.sigma2 * lam @ lam.T
    assert plain.within_covariance(rows) == pytest.approx(Z @ G @ Z.T + plain.sigma2 * np.eye(len(rows)))


def _refused(spec, rc):
    with pytest.raises(StataError) as err:
        fit_mixed(spec)
    assert err.value.rc == rc
    return str(err.value)


def test_invalid_structures_are_refused_with_stata_codes():
    term = [_term(PANEL, "id")]
    _refused(_spec(PANEL, "y", X, term, "ML", _res("ar", PANEL, 1)), 198)  # t() missing
    dup = PANEL.assign(time=np.where(PANEL.time == 2, 1, PANEL.time))
    assert "repeated time values" in _refused(_spec(dup, "y", X, [_term(dup, "id")], "ML",
                                                     _res("ar", dup, 1, t="time")), 451)
    half = PANEL.assign(half=(PANEL.time > 3).astype(int))
    _refused(_spec(half, "y", X, [_term(half, "id")], "ML", _res("ar", half, 1, t="time", by="half")), 459)
    frac = PANEL.assign(tf=PANEL.time + 0.5 * (PANEL.id % 2))
    _refused(_spec(frac, "y", X, [_term(frac, "id")], "ML", _res("ar", frac, 1, t="tf")), 198)
    _refused(_spec(PANEL, "y", X, term, "ML", _res("toeplitz", PANEL, 9, t="time")), 198)
    _refused(_spec(PANEL, "y", X, term, "ML", _res("banded", PANEL, 9, t="time")), 198)
    _refused(_spec(PANEL, "y", X, term, "ML", _res("ar", PANEL, 0, t="time")), 198)
    weighted = dataclasses.replace(_spec(PANEL, "y", X, term, "ML", _res("ar", PANEL, 1, t="time")),
                                   fweight=np.full(len(PANEL), 2.0))
    # observation-level weights with correlated errors (all ones are no weights: fitted)
    assert "observation-level weights not allowed" in _refused(weighted, 101)
    assert fit_mixed(dataclasses.replace(weighted, fweight=np.ones(len(PANEL)))).converged
    robust = dataclasses.replace(_spec(PANEL, "y", X, term, "ML", _res("ar", PANEL, 1, t="time")),
                                 vce="robust")
    # vce(robust) is Stata's with residuals() (mx88; tests/test_mixed_weights_residuals.py), not with REML
    assert fit_mixed(robust).robust
    assert "REML not supported with robust" in _refused(dataclasses.replace(robust, method="REML"), 198)
    crossed = [_term(PANEL, "grp"), _term(PANEL, "time")]
    _refused(_spec(PANEL, "y", X, crossed, "ML", _res("ar", PANEL, 1, t="time")), 198)
    _refused(_spec(PANEL, "y", X, [], "ML", _res("ar", PANEL, 1, t="time")), 198)


class _Rows:
    """The estimation sample as ``predict`` sees the data in memory (in fit order)."""

    def __init__(self, fit, order=None):
        spec = fit.spec
        self.n = len(spec.y)
        self.relevel = None
        self.order = np.arange(self.n) if order is None else order
        self.spec, self.fit = spec, fit

    def fixed_design(self):
        return self.fit.model.X[self.order]

    def depvar(self):
        return np.asarray(self.spec.y)[self.order]

    def variable(self, name):
        return {"time": PANEL["time"].to_numpy(float)}[name][self.order]

    def groups(self):
        from types import SimpleNamespace
        return SimpleNamespace(sample=np.ones(self.n, bool),
                               codes=[np.asarray(t.group)[self.order] for t in self.spec.terms])


def test_predict_after_a_residuals_fit():
    fit = fit_of("ar", 1, random=True)
    rows = _Rows(fit)
    assert fit.predict("fitted", rows) == pytest.approx(fit.fitted())
    assert fit.predict("residuals", rows) == pytest.approx(np.asarray(fit.spec.y) - fit.fitted())
    assert fit.predict("rstandard", rows) == pytest.approx(fit.standardized_residuals())
    shuffled = _Rows(fit, np.random.RandomState(0).permutation(len(fit.spec.y)))
    with pytest.raises(StataError) as err:
        fit.predict("rstandard", shuffled)
    assert err.value.rc == 459
