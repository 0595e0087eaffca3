"""The sandwich covariance of a mixed model under pweights or vce(robust|cluster):

    V = B (G/(G-1) sum_c s_c s_c') B,   B = blockdiag(H_beta^-1, H_phi^-1)

with H the Hessian of the ML (pseudo) log likelihood in (beta, phi) (its beta-phi
block left out, as in Stata's block-diagonal information) and s_c the scores of
cluster c (sums of the per-highest-level-group scores; clusters hold whole groups).
The scores are central differences of ``MixedModel.group_logliks`` (``likelihood``), in beta
closed form (``MixedModel.group_beta_scores``).  Of H
only the two diagonal blocks are needed: l is exactly quadratic in beta with Hessian
-X'V^-1 X = -V_beta^-1 (the fit's model-based covariance at phi, ML: robust fits are ML
only), and H_phi is central differences of ``MixedModel.loglik_full`` in phi alone -- the
full difference Hessian took 2(p+k)^2 likelihoods (4,050 for 45 parameters).
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..robust.cluster_sandwich import cluster_index, clustered_meat, sandwich
from . import inference as inf
from .likelihood import MixedModel
from .optimizer import hessian
from .phi_hessian import phi_steps
from .spec import MixedSpec


# margins' _parse_vce (Stata 16 ado): vce(unconditional) after a fit without a robust VCE
NEEDS_ROBUST = ("option vce(unconditional) is allowed only after estimation with robust, semirobust, "
                "or linearized standard errors")


def cluster_codes(spec: MixedSpec) -> tuple[np.ndarray, int]:
    """Cluster code per highest-level group (clusters must contain whole groups); without
    random effects the groups are the observations."""
    if not spec.terms:
        return cluster_index(np.asarray(spec.cluster, np.int64) if spec.cluster is not None
                             else np.arange(spec.n_rows))
    top = spec.terms[0]
    cl = np.asarray(spec.cluster if spec.cluster is not None else top.group, np.int64)
    per = np.full(top.n_groups, -1, np.int64)
    per[top.group] = cl
    if np.any(per[top.group] != cl):
        raise StataError(f"highest-level groups are not nested within {spec.cluster_var}", 459)
    return cluster_index(per)


def _block_hessian(f, x: np.ndarray, steps: np.ndarray, f0: float, V_beta: np.ndarray, p: int) -> np.ndarray:
    """H's beta block as -V_beta^-1 and its phi block by differences (the beta-phi block,
    which the block-diagonal bread leaves out, is 0 here); the full difference Hessian when
    V_beta is not finite or not invertible."""
    if p:
        try:
            H_beta = -np.linalg.inv(V_beta) if np.all(np.isfinite(V_beta)) else None
        except np.linalg.LinAlgError:
            H_beta = None
        if H_beta is None:
            return hessian(f, x, steps, f0)
    H = np.zeros((len(x), len(x)))
    if p:
        H[:p, :p] = 0.5 * (H_beta + H_beta.T)

    def f_phi(z):
        return f(np.concatenate([x[:p], z]))

    if len(x) > p:
        H[p:, p:] = hessian(f_phi, x[p:], steps[p:], f0)
    return H


def robust_vce(model: MixedModel, beta: np.ndarray, phi: np.ndarray, V_beta: np.ndarray,
               loglik: float, finite: np.ndarray | None = None):
    """Sandwich (V_beta, V_phi, cov(beta, phi), number of clusters) and each highest-level
    group's influence on beta, (-H_beta)^-1 s_g (G x p; margins' vce(unconditional)): see the
    module docstring.  ``finite``: the phi indices off the boundary (default: the finite
    ones); a variance zero to the likelihood but left a tiny positive sd has a flat row in
    H_phi, whose inverse would make every SE missing."""
    spec, p = model.spec, model.p
    finite = np.flatnonzero(np.isfinite(phi)) if finite is None else np.asarray(finite, int)
    V_phi = np.full((len(phi), len(phi)), np.nan)
    idx = np.concatenate([np.arange(p), p + finite])
    x0 = np.concatenate([beta, phi])

    def f(z):
        x = x0.copy()
        x[idx] = z
        return model.loglik_full(x)

    def g(z):
        x = x0.copy()
        x[idx] = z
        return model.group_logliks(x)

    # l is exactly quadratic in beta, so beta steps can be large (less rounding noise)
    steps = np.concatenate([0.1 * np.sqrt(np.diag(V_beta)) if p else np.zeros(0),
                            phi_steps(phi[finite])])
    H = _block_hessian(f, x0[idx], steps, loglik, V_beta, p)
    rows = []
    # per-group l_g is quadratic in beta: its beta scores in closed form where the model
    # gives them (its central differences equal them but for rounding, at 2p reductions'
    # worth of per-group quadratic forms)
    exact = getattr(model, "group_beta_scores", None)
    if exact is not None and p:
        rows.extend(exact(beta, phi))
    for i in range(len(rows), len(idx)):
        e = np.zeros(len(idx))
        e[i] = steps[i]
        rows.append((g(x0[idx] + e) - g(x0[idx] - e)) / (2 * steps[i]))
    S = np.array(rows).reshape(len(idx), -1)
    model._top_reduction = None  # group_logliks' kept reduction: not carried with the fit
    # a residuals() model's likelihood is over its full spec (its core may lack empty levels)
    codes, G = cluster_codes(getattr(model, "full_spec", spec))
    meat = clustered_meat(S.T, codes, n_clusters=G)
    # Stata's bread is block diagonal (beta | variance parameters), as its
    # information matrix is: checked against Stata's pisa2000 example
    bread = np.zeros_like(H)
    bread[:p, :p] = -inf.invert_negative_hessian(H[:p, :p])
    bread[p:, p:] = -inf.invert_negative_hessian(H[p:, p:])
    Vr = sandwich(bread, meat)
    V_beta = Vr[:p, :p]
    V_phi[np.ix_(finite, finite)] = Vr[p:, p:]
    V_cross = np.full((p, len(phi)), np.nan)
    V_cross[:, finite] = Vr[:p, p:]
    beta_influence = S[:p].T @ inf.invert_negative_hessian(H[:p, :p])
    return V_beta, V_phi, V_cross, G, beta_influence
