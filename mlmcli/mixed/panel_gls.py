"""The (RE)ML deviance of a residuals() model without random effects (``|| id:, noconstant``)
and its exact gradient, from per-panel statistics: toeplitz.

With no random effects the model is generalised least squares over the panels,

    y_j = X_j b + e_j,   e_j ~ N(0, sigma^2 C_j),

and with b and sigma^2 profiled out (Q = min_b sum_j r_j' C_j^-1 r_j, n' = n or n - p)

    d = sum_j log|C_j| [+ log|A|] + n' (1 + log 2 pi + log(Q / n')),   A = sum_j X_j' C_j^-1 X_j.

For a parameter with derivative dC_j (b at its GLS value: Q is stationary in b there)

    d d = sum_j < W_j, dC_j >,   W_j = C_j^-1 - c a_j a_j' [- B_j A^-1 B_j'],

a_j = C_j^-1 r_j, B_j = C_j^-1 X_j, the bracket for REML; c = n' / Q for the profiled
deviance and 1 / sigma^2 for -2 l at a given sigma^2 (the log likelihood in Stata's metric).
toeplitz: C_j = d_g^2 P_j, P_j[a, b] = tanh(u_k) at lag k = |t_a - t_b| <= order, so
dC_j / du_k = d_g^2 (1 - r_k^2) [lag = k] and dC_j / d ln(d_g) = 2 C_j.

A near-singular C_j (a Cholesky pivot below ``SINGULAR`` of its diagonal) counts as outside:
a structure with as many lags as the data have pairs can drive the likelihood to infinity
along such a C_j (its residuals in C_j's range), and the search must not follow it there.
Replication weights are not covered (``applies``).
"""
from __future__ import annotations

import numpy as np

from .residual_covariance import ResidualCovariance

LOG2PI = np.log(2 * np.pi)
SINGULAR = 1e-10  # pivot^2 / diagonal below which a panel's C_j is treated as singular


def applies(rcov: ResidualCovariance, has_random_effects: bool, weighted: bool) -> bool:
    return rcov.kind == "toeplitz" and not has_random_effects and not weighted


class PanelGLS:
    """``evaluate(s, reml, sigma2=None)``: (-2 l or the profiled deviance, its gradient in
    Stata's residual parameters s (and ln sigma_e first when ``sigma2`` is given)), None
    outside the positive-definite region."""

    def __init__(self, rcov: ResidualCovariance, y: np.ndarray, X: np.ndarray):
        self.rcov = rcov
        self.y = np.asarray(y, float)
        self.X = np.asarray(X, float).reshape(len(self.y), -1)
        self.n, self.p = self.X.shape
        # per size class: y (m, n_p), X (m, n_p, p), each panel's by() group and the
        # flattened (group, lag) index of every cell (-1 beyond the order and on the diagonal)
        q = rcov.order
        self.classes = []
        for sc in rcov.patterns:
            group = sc.group[sc.pattern]
            lag = sc.lag[sc.pattern]
            cell = np.where((lag >= 1) & (lag <= q), group[:, None, None] * q + lag - 1, -1)
            self.classes.append((sc, self.y[sc.rows], self.X[sc.rows], group, cell))

    def min_pivot(self, s: np.ndarray) -> float:
        """The smallest Cholesky pivot^2 / diagonal over the panels' C_j (0: not PD)."""
        fac = self._factor(s, 0.0)
        return 0.0 if fac is None else fac[2]

    def _factor(self, s, singular: float = SINGULAR):
        """Per class: C (m, n, n) and C^-1, log|C| in total, the smallest relative pivot;
        None when some C_j is singular."""
        rc = self.rcov
        r, cs = rc.split(s)
        tables = [rc.group_table(c) for c in cs]
        full = np.concatenate([[0.0], r])
        out, logdet, smallest = [], 0.0, 1.0
        for sc, *_ in self.classes:
            P = rc._class_correlations(sc, cs, tables)[sc.pattern]
            C = P * np.exp(2 * full[sc.group[sc.pattern]])[:, None, None]
            try:
                L = np.linalg.cholesky(C)
            except np.linalg.LinAlgError:
                return None
            piv = np.diagonal(L, axis1=1, axis2=2) ** 2
            rel = piv / np.diagonal(C, axis1=1, axis2=2)
            if not np.all(rel > singular):
                return None
            smallest = min(smallest, float(rel.min()))
            logdet += float(np.log(piv).sum())
            Linv = np.linalg.inv(L)
            out.append((C, np.swapaxes(Linv, 1, 2) @ Linv))
        return out, logdet, smallest

    def evaluate(self, s: np.ndarray, reml: bool, sigma2: float | None = None):
        s = np.asarray(s, float)
        fac = self._factor(s)
        if fac is None:
            return None
        mats, logdet, _ = fac
        p = self.p
        A, c, yy = np.zeros((p, p)), np.zeros(p), 0.0
        for (C, Ci), (sc, y, X, *_) in zip(mats, self.classes):
            CiX = Ci @ X
            Ciy = np.einsum("mab,mb->ma", Ci, y)
            A += np.einsum("mai,maj->ij", X, CiX)
            c += np.einsum("mai,ma->i", X, Ciy)
            yy += float(np.einsum("ma,ma->", y, Ciy))
        try:
            RA = np.linalg.cholesky(A) if p else np.zeros((0, 0))
        except np.linalg.LinAlgError:
            return None
        b = np.linalg.solve(A, c) if p else np.zeros(0)
        Q = yy - float(c @ b)
        dof = self.n - p if reml else self.n
        if not Q > 0:
            return None
        profiled = sigma2 is None
        s2 = Q / dof if profiled else float(sigma2)
        value = logdet + (2 * np.log(np.diag(RA)).sum() if reml else 0.0)
        value += dof * (1 + LOG2PI + np.log(Q / dof)) if profiled else dof * (LOG2PI + np.log(s2)) + Q / s2
        Ainv = np.linalg.inv(A) if (reml and p) else None
        rc = self.rcov
        q = rc.order
        g_corr = np.zeros(rc.K * q)
        g_ratio = np.zeros(rc.K)
        for (C, Ci), (sc, y, X, group, cell) in zip(mats, self.classes):
            a = np.einsum("mab,mb->ma", Ci, y - X @ b)
            W = Ci - np.einsum("ma,mb->mab", a, a) / s2
            if Ainv is not None:
                B = Ci @ X
                W -= np.einsum("mai,ij,mbj->mab", B, Ainv, B)
            WC = W * C  # C_j's entries: d_g^2 tanh(u_k) off the diagonal, d_g^2 on it
            g_ratio += 2 * np.bincount(group, weights=WC.sum(axis=(1, 2)), minlength=rc.K)
            keep = cell >= 0
            scale = np.exp(2 * np.concatenate([[0.0], rc.split(s)[0]]))[group]
            g_corr += np.bincount(cell[keep], weights=(W * scale[:, None, None])[keep], minlength=rc.K * q)
        corr = np.concatenate(rc.split(s)[1])
        grad = np.concatenate([g_ratio[1:], g_corr * (1 - np.tanh(corr) ** 2)])
        if not profiled:  # d(-2 l) / d ln sigma_e
            grad = np.concatenate([[2 * dof - 2 * Q / s2], grad])
        return float(value), grad


def newton_in_phi(gls: PanelGLS, reml: bool, phi: np.ndarray, ll: float, steps):
    """Newton steps on the (RE)ML log likelihood in Stata's metric phi = (ln sigma_e, s) from
    the optimiser's answer, with the exact gradient and its central-difference Hessian
    (2 k gradients, not the 2 k^2 values of second differences).  Returns (phi, loglik,
    Hessian), the Hessian None when a step left the positive-definite region."""
    from .optimizer import hessian_from_gradient

    def value_grad(z):
        out = gls.evaluate(z[1:], reml, float(np.exp(2 * z[0])))
        return (-np.inf, np.full(len(z), np.nan)) if out is None else (-0.5 * out[0], -0.5 * out[1])

    def hess(z):
        H = hessian_from_gradient(lambda w: value_grad(w)[1], z, steps(z), richardson=True)
        return H if np.all(np.isfinite(H)) else None

    z = np.asarray(phi, float)
    for _ in range(6):
        H = hess(z)
        if H is None:
            return z, ll, None
        g = value_grad(z)[1]
        try:
            np.linalg.cholesky(-H)
            step = np.linalg.solve(-H, g)
        except np.linalg.LinAlgError:
            return z, ll, H
        moved = False
        for t in (1.0, 0.5, 0.25):
            cand = value_grad(z + t * step)[0]
            if cand > ll + 1e-12 * max(1.0, abs(ll)):
                z, ll, moved = z + t * step, cand, True
                break
        if not moved:
            return z, ll, H
        if np.all(np.abs(step) < 1e-8 * (1 + np.abs(z))):
            break
    return z, ll, hess(z)
