"""Frequency and sampling weights, robust/cluster VCE, noconstant, limits and errors."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.random_effects_term import TermCovariance
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm

from test_engine_simulated import two_level


def take(spec: MixedSpec, rows: np.ndarray, group_codes=None) -> MixedSpec:
    """The spec restricted/replicated to ``rows`` (optionally with new group codes)."""
    terms = []
    for k, t in enumerate(spec.terms):
        g = t.group[rows] if group_codes is None else group_codes[k]
        terms.append(dataclasses.replace(t, group=g, Z=t.Z[rows], n_groups=int(g.max()) + 1 if len(g) else 0))
    return dataclasses.replace(spec, y=spec.y[rows], X=spec.X[rows], terms=tuple(terms))


def test_fweights_equal_replicated_rows():
    spec = two_level(n_groups=15, per=5)
    n = len(spec.y)
    w = np.random.default_rng(3).integers(1, 4, n)
    weighted = fit_mixed(dataclasses.replace(spec, fweight=w.astype(float)))
    replicated = fit_mixed(take(spec, np.repeat(np.arange(n), w)))
    assert weighted.loglik == pytest.approx(replicated.loglik, rel=1e-9)
    np.testing.assert_allclose(weighted.beta, replicated.beta, rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(weighted.V_beta)),
                               np.sqrt(np.diag(replicated.V_beta)), rtol=1e-5)
    np.testing.assert_allclose(np.sqrt(np.diag(weighted.V_phi)),
                               np.sqrt(np.diag(replicated.V_phi)), rtol=1e-4)
    assert weighted.result().nobs == w.sum()


def test_group_fweights_equal_replicated_groups():
    spec = two_level(n_groups=12, per=4, slope=False)
    G = 12
    f = np.random.default_rng(4).integers(1, 4, G)
    t = spec.terms[0]
    weighted = dataclasses.replace(spec, terms=(dataclasses.replace(t, fweight=f[t.group].astype(float)),))
    rows, codes, nxt = [], [], 0
    for g in range(G):
        members = np.flatnonzero(t.group == g)
        for _ in range(f[g]):
            rows.extend(members)
            codes.extend([nxt] * len(members))
            nxt += 1
    rep = take(spec, np.array(rows), [np.array(codes)])
    a, b = fit_mixed(weighted), fit_mixed(rep)
    assert a.loglik == pytest.approx(b.loglik, rel=1e-9)
    np.testing.assert_allclose(a.phi, b.phi, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("scale", [None, "size", "effective", "gk"])
def test_unit_pweights_give_the_likelihood(scale):
    spec = two_level(n_groups=20, per=6)
    plain = fit_mixed(spec)
    pw = fit_mixed(dataclasses.replace(spec, pweight=np.ones(len(spec.y)), pwscale=scale))
    assert pw.loglik == pytest.approx(plain.loglik, rel=1e-10)
    np.testing.assert_allclose(pw.beta, plain.beta, rtol=1e-6)
    res = pw.result()
    assert res.pseudo and res.lr_test is None and res.vce == "robust" and res.n_clusters == 20


@pytest.mark.parametrize("scale", ["size", "effective", "gk"])
def test_pweights_each_pwscale_runs(scale):
    spec = two_level(n_groups=25, per=6, seed=7)
    rng = np.random.default_rng(8)
    n = len(spec.y)
    t = spec.terms[0]
    w2 = rng.uniform(1, 3, t.n_groups)[t.group]
    spec = dataclasses.replace(spec, pweight=rng.uniform(0.5, 2.0, n), pwscale=scale,
                               terms=(dataclasses.replace(t, pweight=w2),))
    fit = fit_mixed(spec)
    res = fit.result()
    assert np.isfinite(res.loglik) and fit.converged
    assert all(np.isfinite(r.se) and r.se > 0 for r in res.fixed)
    assert np.isfinite(res.residual["variance"].se)
    b, V = fit.e_matrices()
    assert np.allclose(V.values, V.values.T)


def test_pweights_refuse_reml():
    spec = two_level(method="REML")
    with pytest.raises(StataError):
        fit_mixed(dataclasses.replace(spec, pweight=np.ones(len(spec.y))))


def test_vce_cluster_at_top_level_equals_robust():
    spec = two_level(n_groups=40, per=5, seed=11)
    rob = fit_mixed(dataclasses.replace(spec, vce="robust"))
    clu = fit_mixed(dataclasses.replace(spec, vce="cluster", cluster=spec.terms[0].group,
                                        cluster_var="g"))
    np.testing.assert_allclose(rob.V_beta, clu.V_beta, rtol=1e-10)
    oim = fit_mixed(spec)
    ratio = np.sqrt(np.diag(rob.V_beta) / np.diag(oim.V_beta))
    assert np.all((ratio > 0.5) & (ratio < 2.0))
    assert rob.result().lr_test is None and rob.result().pseudo
    # coarser clusters: pairs of groups
    pairs = spec.terms[0].group // 2
    c2 = fit_mixed(dataclasses.replace(spec, vce="cluster", cluster=pairs, cluster_var="pair"))
    assert c2.n_clusters == 20


def test_cluster_must_contain_whole_groups():
    spec = two_level(n_groups=10, per=4)
    bad = np.arange(len(spec.y)) % 3
    with pytest.raises(StataError):
        fit_mixed(dataclasses.replace(spec, vce="cluster", cluster=bad, cluster_var="c"))


def test_noconstant_both_levels():
    spec = two_level(noconstant=True, cov="independent")
    fit = fit_mixed(spec)
    assert fit.converged and len(fit.beta) == 1
    res = fit.result()
    assert [r.label for r in res.random["variance"][0].rows] == ["var(x)"]
    assert np.isnan(res.wald_chi2) or res.wald_df == 1


def test_iteration_limit_reports_nonconvergence():
    spec = dataclasses.replace(two_level(), iterate=1)
    fit = fit_mixed(spec)
    assert not fit.converged and not fit.result().converged
    seen = []
    fit_mixed(two_level(), on_iteration=lambda i, ll: seen.append((i, ll)))
    assert seen and seen[0][0] == 0 and all(np.isfinite(v) for _, v in seen)


def test_boundary_variance_does_not_crash():
    rng = np.random.default_rng(0)
    g = np.repeat(np.arange(10), 5)
    n = len(g)
    y = rng.normal(size=n)  # no group effect at all
    y = y - np.bincount(g, y)[g] / 5 + 0.0  # group means exactly 0: sigma_u^2 -> 0
    spec = MixedSpec("y", y, np.ones((n, 1)), (CoefLabel("_cons"),),
                     (RandomTerm("g", g, np.ones((n, 1)), ("_cons",), "identity", 10),))
    fit = fit_mixed(spec)
    res = fit.result()
    assert np.isfinite(res.loglik)
    assert res.random["variance"][0].rows[0].estimate < 1e-6


def test_no_observations():
    spec = two_level()
    empty = take(spec, np.zeros(0, int), [np.zeros(0, int)])
    with pytest.raises(StataError) as e:
        fit_mixed(dataclasses.replace(empty, terms=(dataclasses.replace(empty.terms[0], n_groups=0),)))
    assert e.value.rc == 2000


@pytest.mark.parametrize("kind", ["identity", "independent", "exchangeable", "unstructured"])
def test_term_covariance_round_trips(kind):
    cov = TermCovariance(kind, ("a", "b", "_cons"))
    rng = np.random.default_rng(1)
    theta = np.abs(rng.normal(size=cov.n_theta)) + 0.2
    L = cov.lam(theta)
    S = L @ L.T
    assert np.all(np.linalg.eigvalsh(S) >= -1e-12)
    L2 = cov.lam(cov.theta_from_relcov(S))
    np.testing.assert_allclose(L2 @ L2.T, S, atol=1e-10)
    est = cov.est_from_cov(2.0 * S)
    np.testing.assert_allclose(cov.cov_from_est(est), 2.0 * S, rtol=1e-10, atol=1e-12)
    assert len(est) == len(cov.est_names()) == cov.n_est


def test_exchangeable_allows_negative_correlation():
    cov = TermCovariance("exchangeable", ("a", "b", "c"))
    S = cov.lam(np.array([1.0, 0.2]))
    S = S @ S.T
    rho = S[0, 1] / S[0, 0]
    assert -0.5 < rho < 0
    np.testing.assert_allclose(S[np.triu_indices(3, 1)], S[0, 1])


def test_e_matrix_names():
    fit = fit_mixed(two_level(cov="unstructured"))
    b, V = fit.e_matrices()
    assert b.colnames == ("y:x", "y:_cons", "lns1_1_1:_cons", "lns1_1_2:_cons", "atr1_1_1_2:_cons",
                          "lnsig_e:_cons")
    assert V.values.shape == (6, 6)
    sc = fit.scalars()
    assert sc["N"] == 240 and sc["k"] == 6 and sc["k_f"] == 2 and sc["k_r"] == 4
    assert sc["N_g"] == [30]


def test_robust_vce_equals_dense_sandwich():
    """V = B (G/(G-1) sum_c s_c s_c') B, B = blockdiag(H_bb^-1, H_pp^-1), from the textbook
    per-group likelihood."""
    spec = dataclasses.replace(two_level(n_groups=12, per=5, cov="independent", seed=3), vce="robust")
    fit = fit_mixed(spec)
    model = fit.model
    t = spec.terms[0]
    p = model.p

    def group_ll(x, g):
        lams, s2 = model.from_phi(x[p:])
        rows = t.group == g
        Z = t.Z[rows]
        V = s2 * (np.eye(rows.sum()) + Z @ lams[0] @ lams[0].T @ Z.T)
        r = spec.y[rows] - spec.X[rows] @ x[:p]
        return -0.5 * (rows.sum() * np.log(2 * np.pi) + np.linalg.slogdet(V)[1]
                       + r @ np.linalg.solve(V, r))

    x0 = np.concatenate([fit.beta, fit.phi])
    k = len(x0)
    h = 1e-5
    S = np.zeros((k, t.n_groups))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h
        S[i] = [(group_ll(x0 + e, g) - group_ll(x0 - e, g)) / (2 * h) for g in range(t.n_groups)]
    total = lambda x: sum(group_ll(x, g) for g in range(t.n_groups))  # noqa: E731
    H = np.zeros((k, k))
    hh = 1e-4
    for i in range(k):
        for j in range(k):
            ei = np.zeros(k)
            ej = np.zeros(k)
            ei[i] = hh
            ej[j] = hh
            H[i, j] = (total(x0 + ei + ej) - total(x0 + ei - ej) - total(x0 - ei + ej)
                       + total(x0 - ei - ej)) / (4 * hh * hh)
    G = t.n_groups
    Hi = np.zeros_like(H)  # Stata's block-diagonal bread
    Hi[:p, :p] = np.linalg.inv(H[:p, :p])
    Hi[p:, p:] = np.linalg.inv(H[p:, p:])
    V = Hi @ (G / (G - 1) * S @ S.T) @ Hi
    np.testing.assert_allclose(fit.V_beta, V[:p, :p], rtol=2e-4)
    np.testing.assert_allclose(fit.V_phi, V[p:, p:], rtol=2e-3, atol=1e-8)


def test_degenerate_data_raise_stata_errors():
    spec = two_level(n_groups=5, per=3)
    with pytest.raises(StataError):
        fit_mixed(dataclasses.replace(spec, y=np.ones(len(spec.y))))  # perfect fit
    X = np.column_stack([spec.X, spec.X[:, :1]])  # collinear columns
    with pytest.raises(StataError):
        fit_mixed(dataclasses.replace(spec, X=X, coef_labels=spec.coef_labels + (CoefLabel("z"),)))


def test_empty_random_equation_is_a_stata_error():
    spec = two_level()
    t = spec.terms[0]
    empty = dataclasses.replace(t, Z=np.zeros((len(spec.y), 0)), names=())
    with pytest.raises(StataError):
        fit_mixed(dataclasses.replace(spec, terms=(empty,)))
