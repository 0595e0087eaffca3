"""The ``Residual:`` block of a residuals() fit in Stata's three display metrics.

Input: P = (lnsig_e, s) in Stata's estimation metric (``residual_covariance``)
and its covariance V_P (inverse negative Hessian).  Per displayed quantity g(P):

- a variance / sd: ln sd = lnsig_e (+ the group's or level's ratio r_lns...), a linear
  function c'P with se(c'P) = sqrt(c'V_P c); var = exp(2 ln sd), se 2 var se(ln sd),
  CI exp(2 (ln sd -/+ z se)) (the sd likewise), as for ``var(Residual)``;
- an atanh-metric correlation (phi1 of ar 1, theta1 of ma 1, toeplitz rho_k,
  corr(e..)): tanh, se (1 - tanh^2) se, CI tanh of the atanh interval;
- exponential rho: invlogit, se rho (1 - rho) se, CI invlogit of the logit interval;
- ar/ma coefficients of order >= 2: as estimated, symmetric CI;
- covariances cov(e), cov(e_i,e_j): delta method, symmetric CI.

Estimation-metric rows are the e(b) parameters with symmetric CIs, z and P>|z|.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from ..results.mixed import ResidualBlock, VarianceRow
from .inference import numerical_jacobian, zcrit
from .correlation_functions import invlogit
from .residual_covariance import ResidualCovariance

NAN = float("nan")

TITLES = {"independent": "Independent", "exchangeable": "Exchangeable", "unstructured": "Unstructured",
          "exponential": "Exponential"}


def structure_title(rc: ResidualCovariance) -> str:
    k = rc.kind
    if k in TITLES:
        return TITLES[k]
    return {"ar": "AR", "ma": "MA", "toeplitz": "Toeplitz", "banded": "Banded"}[k] + f"({rc.order})"


def _se(c: np.ndarray, V: np.ndarray) -> float:
    v = float(c @ V @ c)
    return float(np.sqrt(v)) if np.isfinite(v) and v >= 0 else NAN


class _Rows:
    """Accumulates the rows of the three metrics for one block."""

    def __init__(self, P: np.ndarray, V: np.ndarray, z: float):
        self.P, self.V, self.z = P, V, z
        self.var: list[VarianceRow] = []
        self.sd: list[VarianceRow] = []

    def unit(self, idx: list[int]) -> np.ndarray:
        c = np.zeros(len(self.P))
        c[idx] = 1.0
        return c

    def variance(self, vlab: str, slab: str, idx: list[int]):
        c = self.unit(idx)
        m, s, z = float(c @ self.P), _se(c, self.V), self.z
        self.var.append(VarianceRow(vlab, np.exp(2 * m), 2 * np.exp(2 * m) * s,
                                    np.exp(2 * (m - z * s)), np.exp(2 * (m + z * s))))
        self.sd.append(VarianceRow(slab, np.exp(m), np.exp(m) * s, np.exp(m - z * s), np.exp(m + z * s)))

    def transformed(self, label: str, k: int, kind: str, sd_label: str | None = None,
                    both: bool = True):
        a, s, z = float(self.P[k]), _se(self.unit([k]), self.V), self.z
        if kind == "tanh":
            row = VarianceRow(label, np.tanh(a), (1 - np.tanh(a) ** 2) * s, np.tanh(a - z * s),
                              np.tanh(a + z * s))
        elif kind == "invlogit":
            r = invlogit(a)
            row = VarianceRow(label, r, r * (1 - r) * s, invlogit(a - z * s), invlogit(a + z * s))
        else:
            row = VarianceRow(label, a, s, a - z * s, a + z * s)
        if both:
            self.var.append(row)
        self.sd.append(VarianceRow(sd_label or label, row.estimate, row.se, row.ci_lo, row.ci_hi))

    def delta(self, label: str, f):
        est = float(f(self.P))
        if np.all(np.isfinite(self.P)) and np.all(np.isfinite(self.V)):
            J = numerical_jacobian(f, self.P)[0]
            s = _se(J, self.V)
        else:
            s = NAN
        self.var.append(VarianceRow(label, est, s, est - self.z * s, est + self.z * s))


def residual_blocks(rc: ResidualCovariance, P: np.ndarray, V: np.ndarray, level: float,
                    names: list[str]) -> dict[str, ResidualBlock]:
    """``MixedResult.residual_blocks`` (metric -> block) from P = (lnsig_e, s), V_P."""
    z = zcrit(level)
    P = np.asarray(P, float)
    V = np.asarray(V, float)
    rows = _Rows(P, V, z)
    K, nr = rc.K, rc.n_ratio
    corr0 = 1 + nr  # position of group 1's first correlation parameter in P
    for g in range(K):
        pre = f"{rc.by_labels[g]}: " if K > 1 else ""
        c0 = corr0 + g * rc.n_corr
        kind = rc.kind
        if rc.per_level_sd:
            p = rc.p_levels

            def lnsd_idx(i, g=g):
                k = g * p + i
                return [0] if k == 0 else [0, k]  # P[k] is r_lns for (g, i) != (0, 0)
            for i in range(p):
                rows.variance(f"{pre}var(e{i + 1})", f"{pre}sd(e{i + 1})", lnsd_idx(i))
            for m, (i, j) in enumerate(rc.pairs()):
                ci, cj = rows.unit(lnsd_idx(i)), rows.unit(lnsd_idx(j))

                def cov(Q, a=c0 + m, ci=ci, cj=cj):
                    return np.tanh(Q[a]) * np.exp(ci @ Q + cj @ Q)
                rows.delta(f"{pre}cov(e{i + 1},e{j + 1})", cov)
                rows.transformed(f"{pre}corr(e{i + 1},e{j + 1})", c0 + m, "tanh", both=False)
            continue
        var_idx = [0] if g == 0 else [0, g]
        if kind == "exchangeable":
            rows.variance(f"{pre}var(e)", f"{pre}sd(e)", var_idx)
            cv = rows.unit(var_idx)

            def cov(Q, a=c0, cv=cv):
                return np.tanh(Q[a]) * np.exp(2 * (cv @ Q))
            rows.delta(f"{pre}cov(e)", cov)
            rows.transformed(f"{pre}corr(e)", c0, "tanh", both=False)
            continue
        if kind in ("ar", "ma", "toeplitz"):
            stem = {"ar": "phi", "ma": "theta", "toeplitz": "rho"}[kind]
            atanh = kind == "toeplitz" or rc.order == 1
            for k in range(rc.order):
                rows.transformed(f"{pre}{stem}{k + 1}", c0 + k, "tanh" if atanh else "raw")
        elif kind == "exponential":
            rows.transformed(f"{pre}rho", c0, "invlogit")
        rows.variance(f"{pre}var(e)", f"{pre}sd(e)", var_idx)
    est = []
    se = np.sqrt(np.where(np.diag(V) >= 0, np.diag(V), np.nan))
    for name, m, s in zip(names, P, se):
        zs = m / s if s > 0 else NAN
        p = float(2 * stats.norm.sf(abs(zs))) if s > 0 else NAN
        est.append(VarianceRow(name, float(m), float(s), float(m - z * s), float(m + z * s),
                               float(zs), p))
    title = structure_title(rc)
    by = rc.rs.by_name if rc.rs.by is not None else None
    return {"variance": ResidualBlock(title, by, tuple(rows.var)),
            "sd": ResidualBlock(title, by, tuple(rows.sd)),
            "est": ResidualBlock(title, by, tuple(est))}
