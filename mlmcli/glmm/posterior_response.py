"""Expectations over the random effects of a two-level GLMM (one random-effects level):
gllapred's ``mu``, ``mu marginal``, ``u`` and ``linpred``.

For group j with data y_j the posterior of its random effects b (prior N(0, Sigma)) is
p(b | y_j) proportional to phi(b; 0, Sigma) prod_i f(y_i | x_i'beta + z_i'b).  On the Q^q
Gauss-Hermite product rule with nodes b_k = mu_j + R_j t_k (``quadrature``):

    p_jk = exp(a_jk) / sum_k exp(a_jk),   a_jk = c_k + ln phi(b_k; 0, Sigma) + sum_i ln f(y_i | eta_ik),

with (mu_j, R_j) = (0, chol Sigma) -- ordinary quadrature, nodes from the prior, where a_jk
reduces to ln w_k + ln L_j(b_k) -- or, adaptively (gllamm's ``adapt``), the posterior mean and
the Cholesky factor of the posterior covariance, iterated to a fixed point from the prior
(Rabe-Hesketh, Skrondal & Pickles 2005).  Then

    E(b | y_j) = sum_k p_jk b_k,  SD = sqrt(diag(sum_k p_jk (b_k - E)(b_k - E)')),
    E(mu_i | y_j) = sum_k p_jk g^-1(x_i'beta + z_i'b_k)          (posterior mean of the mean),
    E(mu_i) = sum_k w_k g^-1(x_i'beta + z_i'chol(Sigma) t_k)    (marginal: over the prior),
    linear predictor with the posterior means plugged in: x_i'beta + z_i'E(b | y_j).

A row whose group has no estimation data takes the prior (E(b) = 0, SD = sqrt(diag Sigma)).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import StataError
from .quadrature import LOG_2PI, logsumexp_rows, product_rule


@dataclass(frozen=True)
class PosteriorGrid:
    """Per group of the model: nodes (G, K, q) and posterior probabilities (G, K)."""

    nodes: np.ndarray
    prob: np.ndarray

    def means(self) -> np.ndarray:
        return np.einsum("gk,gka->ga", self.prob, self.nodes)

    def sds(self) -> np.ndarray:
        m = self.means()
        d = self.nodes - m[:, None, :]
        return np.sqrt(np.maximum(np.einsum("gk,gka->ga", self.prob, d * d), 0.0))


def single_level(fit):
    """The model's one random-effects level (r(198) for several levels or crossed effects)."""
    levels = fit.model.structure.levels
    if len(levels) != 1 or levels[0].name == "_all":
        raise StataError("gllapred: posterior predictions for models with more than two levels are not "
                         "available in mlmcli", 198)
    return levels[0]


def _log_terms(nodes, R, S, rule, eta0, Z, group, G, logf) -> np.ndarray:
    """a_jk (module docstring) on nodes b_k = mu_j + R_j t_k: rows' ln f summed by group."""
    q = S.shape[0]
    eta = eta0[:, None] + np.einsum("iq,ikq->ik", Z, nodes[group])
    ll = np.zeros((G, rule.size))
    np.add.at(ll, group, logf(eta))
    prior = (-0.5 * np.einsum("gka,ab,gkb->gk", nodes, np.linalg.inv(S), nodes)
             - 0.5 * float(np.linalg.slogdet(S)[1]) - 0.5 * q * LOG_2PI)
    logdetR = np.sum(np.log(np.abs(np.diagonal(R, axis1=1, axis2=2))), axis=1)
    return rule.logc[None, :] + prior + ll + logdetR[:, None]


def _adapted_terms(S, Q, eta0, Z, group, G, logf, adaptive: bool, tol: float = 1e-10,
                   max_iter: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """(nodes (G, K, q), a (G, K)): from the prior, or adapted to each group's posterior mean
    and covariance (iterated to a fixed point)."""
    q = S.shape[0]
    rule = product_rule(Q, q)
    mu = np.zeros((G, q))
    R = np.broadcast_to(np.linalg.cholesky(S), (G, q, q)).copy()
    for _ in range(max_iter if adaptive else 1):
        nodes = mu[:, None, :] + np.einsum("gab,kb->gka", R, rule.nodes)
        a = _log_terms(nodes, R, S, rule, eta0, Z, group, G, logf)
        if not adaptive:
            return nodes, a
        grid = PosteriorGrid(nodes, np.exp(a - logsumexp_rows(a)[:, None]))
        new_mu = grid.means()
        d = nodes - new_mu[:, None, :]
        C = np.einsum("gk,gka,gkb->gab", grid.prob, d, d) + 1e-300 * np.eye(q)
        new_R = np.linalg.cholesky(C)
        done = np.max(np.abs(new_mu - mu)) < tol and np.max(np.abs(new_R - R)) < tol
        mu, R = new_mu, new_R
        if done:
            break
    nodes = mu[:, None, :] + np.einsum("gab,kb->gka", R, rule.nodes)
    return nodes, _log_terms(nodes, R, S, rule, eta0, Z, group, G, logf)


def _model_logf(model, anc):
    w = model.w_obs
    return lambda eta: model.family.logf(eta, anc) * (w[:, None] if w is not None else 1.0)


def posterior_grid(fit, adaptive: bool, tol: float = 1e-10, max_iter: int = 200) -> PosteriorGrid:
    """The posterior nodes and probabilities of every group (see the module docstring)."""
    model = fit.model
    lv = single_level(fit)
    beta, anc, phi = model.split(fit.theta)
    S = model.sigmas(phi)[0]
    nodes, a = _adapted_terms(S, model.Q, model.X @ beta + model.offset, lv.Z, lv.group, lv.G,
                              _model_logf(model, anc), adaptive, tol, max_iter)
    return PosteriorGrid(nodes, np.exp(a - logsumexp_rows(a)[:, None]))


def posterior_grid_at(fit, nodes: np.ndarray, R: np.ndarray) -> PosteriorGrid:
    """Posterior probabilities on given nodes b_k = mu_j + R_j t_k."""
    model = fit.model
    lv = single_level(fit)
    beta, anc, phi = model.split(fit.theta)
    S = model.sigmas(phi)[0]
    a = _log_terms(nodes, R, S, product_rule(model.Q, S.shape[0]), model.X @ beta + model.offset, lv.Z,
                   lv.group, lv.G, _model_logf(model, anc))
    return PosteriorGrid(nodes, np.exp(a - logsumexp_rows(a)[:, None]))


def cluster_loglik(fit, logf, xb: np.ndarray, Z: np.ndarray, group: np.ndarray, adaptive: bool) -> np.ndarray:
    """ln L_j = ln integral prod_i f(y_i | xb_i + z_i'b) phi(b; 0, Sigma) db of each group
    ``group`` = 0..G-1 of the given rows (gllapred's ``ll``): the sum over the (adapted)
    quadrature nodes, ``logf(eta)`` the rows' ln f at eta (n, K)."""
    _, _, phi = fit.model.split(fit.theta)
    S = fit.model.sigmas(phi)[0]
    G = int(group.max()) + 1 if group.size else 0
    if G == 0:
        return np.zeros(0)
    _, a = _adapted_terms(S, fit.model.Q, xb, Z, group, G, logf, adaptive)
    return logsumexp_rows(a)


def prior_grid(fit) -> tuple[np.ndarray, np.ndarray]:
    """(nodes (K, q), weights (K,)) of the rule over the prior N(0, Sigma)."""
    model = fit.model
    _, _, phi = model.split(fit.theta)
    S = model.sigmas(phi)[0]
    t = product_rule(model.Q, S.shape[0])
    weights = np.exp(t.logc - 0.5 * np.sum(t.nodes ** 2, axis=1) - 0.5 * S.shape[0] * LOG_2PI)
    return t.nodes @ np.linalg.cholesky(S).T, weights / weights.sum()


def expected_mean(mean_fn, xb: np.ndarray, Z: np.ndarray, nodes: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """sum_k prob_ik g^-1(xb_i + z_i'b_ik) row by row: ``nodes`` (n, K, q), ``prob`` (n, K)."""
    eta = xb[:, None] + np.einsum("iq,ikq->ik", Z, nodes)
    return np.sum(prob * mean_fn(eta), axis=1)
