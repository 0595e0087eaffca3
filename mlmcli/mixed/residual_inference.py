"""The ``Residual:`` block of a residuals() fit in Stata's three display metrics.

Input: P = (lnsig_e, s) in Stata's estimation metric (``residual_covariance``)
and its covariance V_P (inverse negative Hessian).  Per displayed quantity g(P):

- a variance / sd: ln sd = lnsig_e (+ the group's or level's ratio r_lns...), a linear
  function c'P with se(c'P) = sqrt(c'V_P c); var = exp(2 ln sd), se 2 var se(ln sd),
  CI exp(2 (ln sd -/+ z se)) (the sd likewise), as for ``var(Residual)``;
- an atanh-metric correlation (rho of ar 1, theta1 of ma 1, toeplitz rho_k,
  corr(e..)): tanh, se (1 - tanh^2) se, CI tanh of the atanh interval;
- exponential rho: invlogit, se rho (1 - rho) se, CI invlogit of the logit interval;
- ar/ma coefficients of order >= 2: as estimated, symmetric CI;
- covariances cov(e), cov(e_i,e_j), toeplitz cov_k = r_k var(e): delta method, symmetric CI.

Labels and order follow Stata's display program ``_xtmixed_display.ado`` (StataCorp;
v1.2.0 of Stata 12 and v1.4.0 of Stata 16 agree): ``rho`` for ar 1 (``phi1``.. for ar p > 1),
``theta1``.. for ma, ``rho1``.. (sd metric) / ``cov1``.. (variance metric) for toeplitz,
``rho`` for exponential, each group's correlation parameters before its ``var(e)``;
unstructured/banded rows are named by the t() values (``e(tmap)``), variances first.

Estimation-metric rows are the e(b) parameters with symmetric CIs, z and P>|z|.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli import distributions as stats
from ..results.mixed import ResidualBlock, ResidualGroup, VarianceRow
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
    """sqrt(c'Vc) over the parameters c involves: a parameter left without a variance (NaN
    rows of V, e.g. the correlation of a lag no panel has a pair at) blanks only what uses it."""
    used = np.flatnonzero(c)
    v = float(c[used] @ V[np.ix_(used, used)] @ c[used])
    return float(np.sqrt(v)) if np.isfinite(v) and v >= 0 else NAN


class _Rows:
    """Accumulates the rows of the variance and sd metrics for one block, group by group."""

    def __init__(self, P: np.ndarray, V: np.ndarray, z: float):
        self.P, self.V, self.z = P, V, z
        self.var: list[list[VarianceRow]] = []
        self.sd: list[list[VarianceRow]] = []

    def new_group(self) -> None:
        self.var.append([])
        self.sd.append([])

    def unit(self, idx: list[int]) -> np.ndarray:
        c = np.zeros(len(self.P))
        c[idx] = 1.0
        return c

    def variance(self, vlab: str, slab: str, idx: list[int]):
        c = self.unit(idx)
        m, s, z = float(c @ self.P), _se(c, self.V), self.z
        self.var[-1].append(VarianceRow(vlab, np.exp(2 * m), 2 * np.exp(2 * m) * s,
                                        np.exp(2 * (m - z * s)), np.exp(2 * (m + z * s))))
        self.sd[-1].append(VarianceRow(slab, np.exp(m), np.exp(m) * s, np.exp(m - z * s), np.exp(m + z * s)))

    def transformed(self, label: str, k: int, kind: str, metrics: tuple[str, ...] = ("var", "sd")):
        a, s, z = float(self.P[k]), _se(self.unit([k]), self.V), self.z
        if kind == "tanh":
            row = VarianceRow(label, np.tanh(a), (1 - np.tanh(a) ** 2) * s, np.tanh(a - z * s),
                              np.tanh(a + z * s))
        elif kind == "invlogit":
            r = invlogit(a)
            row = VarianceRow(label, r, r * (1 - r) * s, invlogit(a - z * s), invlogit(a + z * s))
        else:
            row = VarianceRow(label, a, s, a - z * s, a + z * s)
        if "var" in metrics:
            self.var[-1].append(row)
        if "sd" in metrics:
            self.sd[-1].append(row)

    def delta(self, label: str, f):
        """A function of P with a delta-method SE and a symmetric CI (variance metric)."""
        est = float(f(self.P))
        if np.all(np.isfinite(self.P)):
            J = numerical_jacobian(f, self.P)[0]
            s = _se(J, self.V)
        else:
            s = NAN
        self.var[-1].append(VarianceRow(label, est, s, est - self.z * s, est + self.z * s))


def _t_label(value: float) -> str:
    """A t() level as Stata's ``display`` prints it in ``e<t>`` (integer t for these structures)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def label_width(rc: ResidualCovariance, metric: str) -> int:
    """Stata's ``maxl``: the width the parameter labels take beside a by() group's label
    (``_xtmixed_display``: max(len("phi<p>"), len("var(e)")) for ar, "theta<q>" for ma,
    len("cov(e<t_p-1>,e<t_p>)") for unstructured/banded, max(len(cov/corr(e)), len(var/sd(e)))
    for the others)."""
    typ, ctype = ("var", "cov") if metric == "variance" else ("sd", "corr")
    k = rc.kind
    if k == "ar":
        return max(len(f"phi{rc.order}"), len(f"{typ}(e)"))
    if k == "ma":
        return max(len(f"theta{rc.order}"), len(f"{typ}(e)"))
    if rc.per_level_sd:
        lv = [_t_label(v) for v in rc.levels]
        return len(f"{ctype}(e{lv[-2]},e{lv[-1]})") if len(lv) > 1 else len(f"{typ}(e{lv[-1]})")
    return max(len(f"{ctype}(e)"), len(f"{typ}(e)"))


def residual_blocks(rc: ResidualCovariance, P: np.ndarray, V: np.ndarray, level: float,
                    names: list[str]) -> dict[str, ResidualBlock]:
    """``MixedResult.residual_blocks`` (metric -> block) from P = (lnsig_e, s), V_P (s in
    the engine's order, ``names`` its e(b) names); labels and order as ``_xtmixed_display``."""
    z = zcrit(level)
    P = np.asarray(P, float)
    V = np.asarray(V, float)
    rows = _Rows(P, V, z)
    K = rc.K
    corr0 = 1 + rc.n_ratio  # position of group 1's first correlation parameter in P
    tl = [_t_label(v) for v in rc.levels]
    for g in range(K):
        rows.new_group()
        c0 = corr0 + g * rc.n_corr
        kind = rc.kind
        if rc.per_level_sd:
            p = rc.p_levels

            def lnsd_idx(i, g=g):
                k = g * p + i
                return [0] if k == 0 else [0, k]  # P[k] is r_lns for (g, i) != (0, 0)
            for i in range(p):
                rows.variance(f"var(e{tl[i]})", f"sd(e{tl[i]})", lnsd_idx(i))
            for m, (i, j) in enumerate(rc.pairs()):
                ci, cj = rows.unit(lnsd_idx(i)), rows.unit(lnsd_idx(j))

                def cov(Q, a=c0 + m, ci=ci, cj=cj):
                    return np.tanh(Q[a]) * np.exp(ci @ Q + cj @ Q)
                rows.delta(f"cov(e{tl[i]},e{tl[j]})", cov)
                rows.transformed(f"corr(e{tl[i]},e{tl[j]})", c0 + m, "tanh", ("sd",))
            continue
        var_idx = [0] if g == 0 else [0, g]
        cv = rows.unit(var_idx)
        if kind == "exchangeable":
            rows.variance("var(e)", "sd(e)", var_idx)

            def cov(Q, a=c0, cv=cv):
                return np.tanh(Q[a]) * np.exp(2 * (cv @ Q))
            rows.delta("cov(e)", cov)
            rows.transformed("corr(e)", c0, "tanh", ("sd",))
            continue
        if kind == "ar":
            if rc.order == 1:
                rows.transformed("rho", c0, "tanh")
            else:
                for k in range(rc.order):
                    rows.transformed(f"phi{k + 1}", c0 + k, "raw")
        elif kind == "ma":
            for k in range(rc.order):
                rows.transformed(f"theta{k + 1}", c0 + k, "tanh" if rc.order == 1 else "raw")
        elif kind == "toeplitz":
            for k in range(rc.order):
                rows.transformed(f"rho{k + 1}", c0 + k, "tanh", ("sd",))

                def cov(Q, a=c0 + k, cv=cv):
                    return np.tanh(Q[a]) * np.exp(2 * (cv @ Q))
                rows.delta(f"cov{k + 1}", cov)
        elif kind == "exponential":
            rows.transformed("rho", c0, "invlogit")
        rows.variance("var(e)", "sd(e)", var_idx)
    est = []
    se = np.sqrt(np.where(np.diag(V) >= 0, np.diag(V), np.nan))
    order = [0] + [1 + i for i in rc.stata_order()]
    for i in order:
        name, m, s = names[i], P[i], se[i]
        zs = m / s if s > 0 else NAN
        p = float(2 * stats.norm.sf(abs(zs))) if s > 0 else NAN
        est.append(VarianceRow(name, float(m), float(s), float(m - z * s), float(m + z * s),
                               float(zs), p))
    title = structure_title(rc)
    by = rc.rs.by_name if rc.rs.by is not None else None
    out = {}
    for metric, groups in (("variance", rows.var), ("sd", rows.sd)):
        glabels = rc.by_labels if by is not None else ("",) * len(groups)
        flat = tuple(dataclasses.replace(r, label=f"{lab}: {r.label}") if by is not None else r
                     for lab, grp in zip(glabels, groups) for r in grp)
        out[metric] = ResidualBlock(title, by, flat, rc.kind,
                                    tuple(ResidualGroup(lab, tuple(grp)) for lab, grp in zip(glabels, groups)),
                                    label_width(rc, metric))
    out["est"] = ResidualBlock(title, by, tuple(est), rc.kind, (ResidualGroup("", tuple(est)),))
    return out
