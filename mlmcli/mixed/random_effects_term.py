"""Covariance structures of one random-effects term.

Per term with q columns of Z the random effects b_g ~ N(0, Sigma) are written
b_g = Lambda u_g with u_g ~ N(0, sigma_e^2 I), so that

    Sigma = sigma_e^2 Lambda Lambda'           (Lambda: the relative covariance factor).

theta parametrises Lambda:

- identity:      Lambda = t I                             (1 parameter, t >= 0)
- independent:   Lambda = diag(t_1..t_q)                   (q parameters, t_k >= 0)
- exchangeable:  Lambda = a (I - J/q) + c J/q              (2 parameters, a, c >= 0)
  (J = ones; eigen-decomposition of Sigma: a^2 on the contrasts, c^2 on the
  mean, so Lambda Lambda' = a^2 I + (c^2 - a^2) J / q stays positive semi-definite
  for every (a, c): var = sigma_e^2 (a^2 (q-1) + c^2)/q, cov = sigma_e^2 (c^2 - a^2)/q)
- unstructured:  Lambda lower triangular, column-major theta (q(q+1)/2 parameters,
  diagonal >= 0), as lme4.

Stata's estimation metric per term: ln sd per distinct variance (one for
identity and exchangeable, q otherwise), atanh of each correlation
(exchangeable: one common rho; unstructured: every pair (i, j), i < j), and
ln sigma_e for the residual.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DISPLAY_NAMES = {
    "identity": "Identity",
    "independent": "Independent",
    "exchangeable": "Exchangeable",
    "unstructured": "Unstructured",
}


@lru_cache(maxsize=None)
def _est_names(kind: str, q: int, lv: int, eq: int) -> tuple[str, ...]:
    """``TermCovariance.est_names``, made once per parametrisation (the glmm likelihood asks
    for them at every evaluation)."""
    if kind == "identity":
        return (f"lns{lv}_{eq}_1",)
    if kind == "exchangeable":
        return (f"lns{lv}_{eq}_1",) + ((f"atr{lv}_{eq}_1_2",) if q > 1 else ())
    names = tuple(f"lns{lv}_{eq}_{k + 1}" for k in range(q))
    if kind == "unstructured":
        names += tuple(f"atr{lv}_{eq}_{i + 1}_{j + 1}" for i in range(q) for j in range(i + 1, q))
    return names


@dataclass(frozen=True)
class TermCovariance:
    """The map theta <-> Lambda <-> Sigma <-> Stata estimation metric of one term.

    ``level``/``eq``: Stata's indices in ``lns<level>_<eq>_<k>`` (level: 1 for the
    first distinct level variable as typed; eq: the equation number within
    that level).
    """

    kind: str
    names: tuple[str, ...]
    level: int = 1
    eq: int = 1
    label: str | None = None  # one display name for all columns (``R.x`` of indicator columns)

    @property
    def q(self) -> int:
        return len(self.names)

    # ----- theta <-> Lambda --------------------------------------------------
    @property
    def n_theta(self) -> int:
        q = self.q
        return {"identity": 1, "independent": q, "exchangeable": 2 if q > 1 else 1,
                "unstructured": q * (q + 1) // 2}[self.kind]

    def theta_lower(self) -> np.ndarray:
        """Lower bounds: 0 for every diagonal element, -inf for the rest."""
        if self.kind != "unstructured":
            return np.zeros(self.n_theta)
        lo = []
        for j in range(self.q):
            for i in range(j, self.q):
                lo.append(0.0 if i == j else -np.inf)
        return np.array(lo)

    def theta_start(self, scale: np.ndarray | None = None) -> np.ndarray:
        """Diagonal ``scale`` (default 1), off-diagonal 0."""
        q = self.q
        s = np.ones(q) if scale is None else np.asarray(scale, float)
        if self.kind == "identity":
            return np.array([float(np.mean(s))])
        if self.kind == "independent":
            return s.copy()
        if self.kind == "exchangeable":
            return np.array([np.mean(s)] * self.n_theta)
        out = []
        for j in range(q):
            for i in range(j, q):
                out.append(s[j] if i == j else 0.0)
        return np.array(out)

    def lam(self, theta: np.ndarray) -> np.ndarray:
        """Lambda (q x q) from this term's theta."""
        q = self.q
        t = np.asarray(theta, float)
        if self.kind == "identity":
            return t[0] * np.eye(q)
        if self.kind == "independent":
            return np.diag(t)
        if self.kind == "exchangeable":
            if q == 1:
                return np.array([[t[0]]])
            J = np.full((q, q), 1.0 / q)
            return t[0] * (np.eye(q) - J) + t[1] * J
        L = np.zeros((q, q))
        k = 0
        for j in range(q):
            for i in range(j, q):
                L[i, j] = t[k]
                k += 1
        return L

    def column_flips(self, offset: int = 0) -> list[tuple[int, np.ndarray]]:
        """Unstructured: (theta index of the diagonal, theta indices below it) per column
        of Lambda (negating a column leaves Lambda Lambda' unchanged)."""
        if self.kind != "unstructured":
            return []
        out, k = [], offset
        for j in range(self.q):
            n_below = self.q - j - 1
            out.append((k, np.arange(k + 1, k + 1 + n_below)))
            k += n_below + 1
        return out

    def lam_basis(self) -> np.ndarray:
        """d Lambda / d theta_i for each i, (n_theta, q, q): Lambda is linear in theta."""
        eye = np.eye(self.n_theta)
        return np.stack([self.lam(e) for e in eye]) if self.n_theta else np.zeros((0, self.q, self.q))

    def theta_from_relcov(self, S: np.ndarray) -> np.ndarray:
        """theta whose Lambda Lambda' equals the relative covariance S (PSD)."""
        q = self.q
        S = np.asarray(S, float)
        if self.kind == "identity":
            return np.array([np.sqrt(max(np.mean(np.diag(S)), 0.0))])
        if self.kind == "independent":
            return np.sqrt(np.maximum(np.diag(S), 0.0))
        if self.kind == "exchangeable":
            if q == 1:
                return np.array([np.sqrt(max(S[0, 0], 0.0))])
            v = np.mean(np.diag(S))
            c = (S.sum() - np.trace(S)) / (q * (q - 1))
            a2 = max(v - c, 0.0)
            c2 = max(a2 + q * c, 0.0)
            return np.array([np.sqrt(a2), np.sqrt(c2)])
        try:
            L = np.linalg.cholesky(S)
        except np.linalg.LinAlgError:
            w, V = np.linalg.eigh(S)
            L = np.linalg.cholesky(V @ np.diag(np.maximum(w, 0) + 1e-12) @ V.T)
        return np.array([L[i, j] for j in range(q) for i in range(j, q)])

    # ----- Stata estimation metric -------------------------------------------
    def est_names(self) -> list[str]:
        """Equation names of this term's parameters in e(b) (``lns1_1_1`` ...)."""
        return list(_est_names(self.kind, self.q, self.level, self.eq))

    def est_from_cov(self, Sigma: np.ndarray) -> np.ndarray:
        """(ln sd..., atanh corr...) of the covariance Sigma (absolute, not relative)."""
        q = self.q
        sd = np.sqrt(np.maximum(np.diag(Sigma), 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            lnsd = np.log(sd)
            if self.kind == "identity":
                return np.array([np.log(np.sqrt(np.mean(np.diag(Sigma))))])
            if self.kind == "independent":
                return lnsd
            if self.kind == "exchangeable":
                v = np.mean(np.diag(Sigma))
                out = [0.5 * np.log(v)]
                if q > 1:
                    c = (Sigma.sum() - np.trace(Sigma)) / (q * (q - 1))
                    out.append(np.arctanh(np.clip(c / v, -1, 1)))
                return np.array(out)
            corr = [Sigma[i, j] / (sd[i] * sd[j]) for i in range(q) for j in range(i + 1, q)]
            return np.concatenate([lnsd, np.arctanh(np.clip(corr, -1, 1))])

    def cov_from_est(self, est: np.ndarray) -> np.ndarray:
        """Sigma from the estimation-metric vector (inverse of ``est_from_cov``)."""
        q = self.q
        e = np.asarray(est, float)
        if self.kind == "identity":
            return np.exp(2 * e[0]) * np.eye(q)
        if self.kind == "independent":
            return np.diag(np.exp(2 * e))
        if self.kind == "exchangeable":
            v = np.exp(2 * e[0])
            rho = np.tanh(e[1]) if q > 1 else 0.0
            return v * ((1 - rho) * np.eye(q) + rho * np.ones((q, q)))
        sd = np.exp(e[:q])
        R = np.eye(q)
        k = q
        for i in range(q):
            for j in range(i + 1, q):
                R[i, j] = R[j, i] = np.tanh(e[k])
                k += 1
        return R * np.outer(sd, sd)

    def cov_jacobian(self, est: np.ndarray) -> np.ndarray:
        """d Sigma / d est_j for each estimation-metric parameter, (n_est, q, q).

        Sigma_ab = sd_a sd_b R_ab with sd = exp(ln sd) and R_ab = tanh(atanh corr):
        d/d ln sd_i multiplies row and column i by 1 each (identity, exchangeable:
        d/d ln sd = 2 Sigma); d/d atanh r_ij = sd_i sd_j (1 - r_ij^2) at (i, j), (j, i)."""
        q = self.q
        e = np.asarray(est, float)
        Sigma = self.cov_from_est(e)
        out = np.zeros((len(e), q, q))
        if self.kind in ("identity", "exchangeable"):
            out[0] = 2 * Sigma
            if self.kind == "exchangeable" and q > 1:
                v = np.exp(2 * e[0])
                out[1] = v * (1 - np.tanh(e[1]) ** 2) * (np.ones((q, q)) - np.eye(q))
            return out
        for i in range(q):
            out[i][i, :] += Sigma[i, :]
            out[i][:, i] += Sigma[:, i]
        if self.kind == "unstructured":
            sd = np.exp(e[:q])
            k = q
            for i in range(q):
                for j in range(i + 1, q):
                    out[k][i, j] = out[k][j, i] = sd[i] * sd[j] * (1 - np.tanh(e[k]) ** 2)
                    k += 1
        return out

    @property
    def n_est(self) -> int:
        return len(_est_names(self.kind, self.q, self.level, self.eq))

    # ----- display -----------------------------------------------------------
    def rows(self) -> list[tuple[str, str, tuple[int, int]]]:
        """Displayed parameters as (variance label, sd label, (i, j) in Sigma).

        Order as Stata prints them: variances (or the common variance), then
        covariances.  (i, i) is a variance, (i, j) a covariance/correlation.
        """
        q, nm = self.q, self.names
        if self.label is not None:
            nm, q = (self.label,), 1
        if self.kind == "identity":
            lab = " ".join(nm) if q > 1 else nm[0]
            return [(f"var({lab})", f"sd({lab})", (0, 0))]
        if self.kind == "exchangeable":
            lab = " ".join(nm)
            out = [(f"var({lab})", f"sd({lab})", (0, 0))]
            if self.q > 1:
                out.append((f"cov({lab})", f"corr({lab})", (0, 1)))
            return out
        out = [(f"var({n})", f"sd({n})", (k, k)) for k, n in enumerate(nm)]
        if self.kind == "unstructured":
            out += [(f"cov({nm[i]},{nm[j]})", f"corr({nm[i]},{nm[j]})", (i, j))
                    for i in range(q) for j in range(i + 1, q)]
        return out


def split_theta(covs: list[TermCovariance], theta: np.ndarray) -> list[np.ndarray]:
    """Per-term Lambda matrices from the stacked theta."""
    out, k = [], 0
    for c in covs:
        out.append(c.lam(theta[k:k + c.n_theta]))
        k += c.n_theta
    return out
