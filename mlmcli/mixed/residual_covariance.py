"""Residual-error covariance within panels: Stata's ``residuals()`` structures.

A *panel* j is a group of the lowest random-effects level.  Its errors are

    eps_j ~ N(0, R_j),   R_j = sigma^2 C_j,   C_j = D_j P_j D_j,

with P_j the structure's correlation matrix at the panel's t() values and D_j the
standard deviations relative to the reference sd sigma = exp(lnsig_e) (that of
by() group 1 -- for unstructured/banded, of group 1 at the first t level).

Correlation functions (k = |t_a - t_b|; for unstructured/banded the index
distance between t levels):

- exchangeable:   corr = r
- ar p:           the autocorrelations of e_t = phi_1 e_{t-1} + ... + phi_p e_{t-p} + u_t
                  (stationary; Yule-Walker); gaps in t are lags, as Stata treats them
- ma q:           e_t = u_t + theta_1 u_{t-1} + ... + theta_q u_{t-q}:
                  corr(k) = sum_{i=0}^{q-k} theta_i theta_{i+k} / sum_{i=0}^q theta_i^2
                  (theta_0 = 1), 0 for k > q
- toeplitz #:     corr(k) = r_k for 1 <= k <= #, 0 beyond
- exponential:    corr = rho^|t_a - t_b|  (t real)
- unstructured:   a free correlation for each pair of t levels, a free sd per level
- banded #:       unstructured with zero correlation beyond # off-diagonals

Stata's estimation metric (``e(b)`` equations, g = by() group 1..K; 1 without by()):

    lnsig_e          ln sigma
    r_lns<g>ose      ln(sd_g / sigma), g >= 2   (unstructured/banded: r_lns<g>_<i>ose,
                     ln(sd_{g,i} / sigma), t level i, every (g, i) but (1, 1))
    r_atr<g>         atanh r (exchangeable), atanh phi_1 (ar 1)
    r_phi<g>_<k>     phi_k (ar p >= 2)
    r_att<g>         atanh theta_1 (ma 1)
    r_theta<g>_<k>   theta_k (ma q >= 2)
    r_atr<g>_<k>     atanh r_k (toeplitz, lag k)
    r_atr<g>_<i>_<j> atanh corr(e_i, e_j) (unstructured, banded)
    r_logitr<g>      logit rho (exponential)

Sources for these names: Statalist, "Estout after xtmixed with ar(1) residuals"
(2010: lnsig_e, r_atr1, r_atr2, r_lns2ose after ``res(ar 1, t(year) by(race2))``,
sd_2 = exp(lnsig_e + r_lns2ose)); mixedpower.ado (M. Burnell, UCL; reads every
structure's parameters from e(b): r_phi<g>_<k>, r_att<g>, r_theta<g>_<k>,
r_atr<g>_<k>, r_lns<g>_<i>ose, r_atr<g>_<i>_<j>, r_logitr<g>); G. Rodriguez's
oxboys tutorial (``invlogit(_b[r_logitr1:_cons])`` after residuals(exponential)).
The order within e(b) (here: lnsig_e, sd ratios, then each group's correlation
parameters) is confirmed only for independent by(): lnsig_e then r_lns2ose.

The optimiser works in an unconstrained metric u that equals Stata's except for
ar p >= 2 and ma q >= 2 (atanh of the partial autocorrelations, Durbin-Levinson:
every u is stationary / invertible) and unstructured (atanh of the canonical
partial correlations: every u gives a positive-definite matrix).

Whitening: with C_j = L_j L_j', L_j^-1 [y_j X_j Z_j] has i.i.d. N(0, sigma^2)
errors, and -2 l = -2 l_white + sum_j log|C_j| for ML and REML alike.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import StataError
from .correlation_functions import (ar_acf, ar_to_pacf, corr_to_cpc, cpc_to_corr, invlogit, ma_acf,
                                    pacf_to_ar)
from .spec import ResidualSpec

KINDS = ("independent", "exchangeable", "ar", "ma", "unstructured", "banded", "toeplitz",
         "exponential")
NEEDS_T = ("ar", "ma", "unstructured", "banded", "toeplitz", "exponential")
INTEGER_T = ("ar", "ma", "toeplitz", "unstructured", "banded")


# ----- panels ---------------------------------------------------------------
@dataclass
class SizeClass:
    """The panels with n_p observations, batched.  ``rows``: (m, n_p) observation
    indices (data order within each panel); ``pattern``: (m,) index of the panel's
    covariance pattern (its by() group and t values); per pattern (k of them):
    ``group`` (k,), ``t`` (k, n_p), ``level`` (k, n_p) t-level indices, ``lag`` (k,
    n_p, n_p) integer |t_a - t_b| (ar/ma/toeplitz), ``dist`` (k, n_p, n_p) |t_a - t_b|."""

    rows: np.ndarray
    pattern: np.ndarray
    group: np.ndarray
    t: np.ndarray
    level: np.ndarray
    lag: np.ndarray
    dist: np.ndarray


def _panel_rows(codes: np.ndarray, n_panels: int) -> list[np.ndarray]:
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_panels + 1))
    return [order[bounds[j]:bounds[j + 1]] for j in range(n_panels)]


class ResidualCovariance:
    """One ``residuals()`` structure over the panels of a model (module docstring).

    Parameters (excluding lnsig_e) are stacked as: sd ratios (``n_ratio``), then per
    by() group the correlation parameters (``n_corr`` each).  ``names()`` gives their
    e(b) equations; ``stata_from_internal`` maps the optimiser's u to Stata's metric;
    ``whitening(s)`` the per-panel factors at Stata-metric parameters s.
    """

    def __init__(self, rs: ResidualSpec, panel_codes: np.ndarray, n_panels: int,
                 panel_var: str = "panel"):
        if rs.kind not in KINDS:
            raise StataError(f"residuals({rs.kind}) invalid", 198)
        n = len(panel_codes)
        self.rs = rs
        self.kind = rs.kind
        self.panel_codes = np.asarray(panel_codes, np.int64)
        self.n_panels = n_panels
        self.t = None if rs.t is None else np.asarray(rs.t, float)
        if self.kind in NEEDS_T and self.t is None:
            raise StataError(f"t() is required with residuals({self.kind})", 198)
        if self.t is not None and self.kind in INTEGER_T and np.any(self.t != np.round(self.t)):
            what = "nonnegative-integer" if self.kind in ("unstructured", "banded") else "integer"
            raise StataError(f"t() variable {rs.t_name or ''} must be {what} valued".replace("  ", " "), 198)
        if self.t is not None and self.kind in ("unstructured", "banded") and np.any(self.t < 0):
            raise StataError(f"t() variable {rs.t_name or ''} must be nonnegative-integer valued"
                             .replace("  ", " "), 198)
        by = np.zeros(n, np.int64) if rs.by is None else np.asarray(rs.by, np.int64)
        self.by = by
        self.K = int(by.max()) + 1 if (rs.by is not None and n) else 1
        self.by_labels = tuple(rs.by_labels) if rs.by_labels else tuple(str(g + 1) for g in range(self.K))
        rows = _panel_rows(self.panel_codes, n_panels)
        self.rows = rows
        if self.kind != "independent":
            for r in rows:
                if len(r) and np.any(by[r] != by[r[0]]):
                    raise StataError(f"{rs.by_name or 'by()'} is not constant within {panel_var}", 459)
        if self.t is not None and self.kind != "independent" and self.kind != "exchangeable":
            for r in rows:
                if len(np.unique(self.t[r])) != len(r):
                    raise StataError(f"repeated time values within {panel_var}", 451)
        # t levels (unstructured/banded)
        self.levels = np.unique(self.t) if self.t is not None else np.zeros(0)
        self.p_levels = len(self.levels)
        self.maxlag = 0
        if self.t is not None and n:
            span = [self.t[r].max() - self.t[r].min() for r in rows if len(r)]
            self.maxlag = int(round(max(span))) if span else 0
        order = rs.order
        if self.kind in ("ar", "ma"):
            order = 1 if order is None else int(order)
            if order < 1:
                raise StataError(f"invalid order in residuals({self.kind} {order})", 198)
        elif self.kind == "toeplitz":
            order = self.maxlag if order is None else int(order)
            if order < 1 or order > max(self.maxlag, 1):
                raise StataError(f"toeplitz order must be between 1 and the maximum lag, {self.maxlag}", 198)
        elif self.kind == "banded":
            order = self.p_levels - 1 if order is None else int(order)
            if order < 0 or order > max(self.p_levels - 1, 0):
                raise StataError(f"banded order must be between 0 and {self.p_levels - 1}", 198)
        self.order = order
        self.patterns = self._patterns()

    # ----- layout -------------------------------------------------------------
    @property
    def per_level_sd(self) -> bool:
        return self.kind in ("unstructured", "banded")

    @property
    def n_ratio(self) -> int:
        return self.K * self.p_levels - 1 if self.per_level_sd else self.K - 1

    def pairs(self) -> list[tuple[int, int]]:
        """(i, j) t-level pairs with a free correlation (unstructured/banded)."""
        p = self.p_levels
        band = p if self.kind == "unstructured" else self.order
        return [(i, j) for i in range(p) for j in range(i + 1, p) if j - i <= band]

    @property
    def n_corr(self) -> int:
        k = self.kind
        if k == "independent":
            return 0
        if k in ("exchangeable", "exponential"):
            return 1
        if k in ("ar", "ma", "toeplitz"):
            return self.order
        return len(self.pairs())

    @property
    def n_params(self) -> int:
        return self.n_ratio + self.K * self.n_corr

    def names(self) -> list[str]:
        """e(b) equation names of the parameters (after lnsig_e); module docstring."""
        out = []
        if self.per_level_sd:
            out += [f"r_lns{g + 1}_{i + 1}ose" for g in range(self.K) for i in range(self.p_levels)
                    if (g, i) != (0, 0)]
        else:
            out += [f"r_lns{g + 1}ose" for g in range(1, self.K)]
        for g in range(1, self.K + 1):
            k, q = self.kind, self.order
            if k == "exchangeable" or (k == "ar" and q == 1):
                out.append(f"r_atr{g}")
            elif k == "ar":
                out += [f"r_phi{g}_{i + 1}" for i in range(q)]
            elif k == "ma" and q == 1:
                out.append(f"r_att{g}")
            elif k == "ma":
                out += [f"r_theta{g}_{i + 1}" for i in range(q)]
            elif k == "toeplitz":
                out += [f"r_atr{g}_{i + 1}" for i in range(q)]
            elif k == "exponential":
                out.append(f"r_logitr{g}")
            elif self.per_level_sd:
                out += [f"r_atr{g}_{i + 1}_{j + 1}" for i, j in self.pairs()]
        return out

    def stata_order(self) -> list[int]:
        """Indices into the parameters (engine order: all sd ratios, then each group's
        correlations) in e(b)'s order: by() group by group, the group's sd ratios
        (r_lns<g>ose, r_lns<g>_<i>ose) then its correlation parameters.  Stata fits
        ``ml model ... /lnsig_e <residual equations>`` (xtmixed.ado, Stata 12), so lnsig_e
        precedes them all; the group-by-group order follows the Statalist listing of e(b)
        after ``res(ar 1, t(year) by(race2))`` (2010: lnsig_e, r_atr1, r_lns2ose, r_atr2)."""
        out: list[int] = []
        p = self.p_levels
        for g in range(self.K):
            if self.per_level_sd:
                out += [g * p + i - 1 for i in range(p) if (g, i) != (0, 0)]
            elif g > 0:
                out.append(g - 1)
            out += [self.n_ratio + g * self.n_corr + k for k in range(self.n_corr)]
        return out

    def split(self, s: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """(sd-ratio block, [correlation block of each by() group])."""
        s = np.asarray(s, float)
        r = s[:self.n_ratio]
        c = self.n_corr
        return r, [s[self.n_ratio + g * c:self.n_ratio + (g + 1) * c] for g in range(self.K)]

    # ----- metrics ------------------------------------------------------------
    def internal_start(self) -> np.ndarray:
        return np.zeros(self.n_params)

    def _corr_to_stata(self, u: np.ndarray) -> np.ndarray:
        k, q = self.kind, self.order
        if k == "ar" and q > 1:
            return pacf_to_ar(np.tanh(u))
        if k == "ma" and q > 1:
            return -pacf_to_ar(np.tanh(u))
        if k == "unstructured":
            R = cpc_to_corr(np.tanh(u), self.p_levels)
            return np.array([np.arctanh(np.clip(R[i, j], -1 + 1e-16, 1 - 1e-16)) for i, j in self.pairs()])
        return np.asarray(u, float)

    def _corr_from_stata(self, s: np.ndarray) -> np.ndarray | None:
        k, q = self.kind, self.order
        if k == "ar" and q > 1:
            pacf = ar_to_pacf(s)
            return None if pacf is None else np.arctanh(pacf)
        if k == "ma" and q > 1:
            pacf = ar_to_pacf(-np.asarray(s, float))
            return None if pacf is None else np.arctanh(pacf)
        if k == "unstructured":
            z = corr_to_cpc(self._level_corr(s))
            return None if z is None else np.arctanh(np.clip(z, -1 + 1e-16, 1 - 1e-16))
        return np.asarray(s, float)

    def stata_from_internal(self, u: np.ndarray) -> np.ndarray:
        r, cs = self.split(u)
        return np.concatenate([r] + [self._corr_to_stata(c) for c in cs])

    def internal_from_stata(self, s: np.ndarray) -> np.ndarray | None:
        r, cs = self.split(s)
        parts = [self._corr_from_stata(c) for c in cs]
        if any(p is None for p in parts):
            return None
        return np.concatenate([r] + parts)

    # ----- matrices -------------------------------------------------------------
    def _level_corr(self, c: np.ndarray) -> np.ndarray:
        """Correlation matrix over all t levels (unstructured/banded) from atanh corrs."""
        R = np.eye(self.p_levels)
        for (i, j), a in zip(self.pairs(), c):
            R[i, j] = R[j, i] = np.tanh(a)
        return R

    def _acf(self, c: np.ndarray) -> np.ndarray | None:
        """Correlation at integer lags 0..maxlag (ar, ma, toeplitz)."""
        k, q, L = self.kind, self.order, self.maxlag
        if k == "ar":
            phi = np.tanh(c) if q == 1 else c
            return ar_acf(phi, L)
        if k == "ma":
            theta = np.tanh(c) if q == 1 else np.asarray(c, float)
            if q > 1 and ar_to_pacf(-theta) is None:
                return None
            return ma_acf(theta, L)
        rho = np.zeros(L + 1)
        rho[0] = 1.0
        m = min(q, L)
        rho[1:m + 1] = np.tanh(c[:m])
        return rho

    def group_table(self, c: np.ndarray):
        """What a group's correlations are read from: the level correlation matrix
        (unstructured/banded) or the autocorrelations at lags 0..maxlag (ar, ma,
        toeplitz); None when the parameters give no valid structure."""
        if self.per_level_sd:
            return self._level_corr(c)
        if self.kind in ("ar", "ma", "toeplitz"):
            return self._acf(c)
        return ()

    def correlation(self, c: np.ndarray, t: np.ndarray, level: np.ndarray,
                    table=None) -> np.ndarray | None:
        """P for one panel (rows in data order) from group correlation params c
        (``table``: ``group_table(c)`` when already computed)."""
        k = self.kind
        n = len(t)
        if k == "independent":
            return np.eye(n)
        if k == "exchangeable":
            r = np.tanh(c[0])
            return (1 - r) * np.eye(n) + r * np.ones((n, n))
        if k == "exponential":
            rho = invlogit(c[0])
            return rho ** np.abs(t[:, None] - t[None, :])
        table = self.group_table(c) if table is None else table
        if table is None:
            return None
        if self.per_level_sd:
            return table[np.ix_(level, level)]
        lag = np.rint(np.abs(t[:, None] - t[None, :])).astype(np.int64)
        return table[lag]

    def sd_ratios(self, r: np.ndarray, group: int, level: np.ndarray) -> np.ndarray:
        """sd / sigma per row of a panel of by() group ``group``."""
        if self.per_level_sd:
            full = np.concatenate([[0.0], r])  # (g, i) = (0, 0) is the reference
            return np.exp(full[group * self.p_levels + level])
        full = np.concatenate([[0.0], r])
        return np.full(len(level), np.exp(full[group]))

    def panel_covariance(self, s: np.ndarray, rows: np.ndarray) -> np.ndarray | None:
        """C_j (relative to sigma^2) for the observations ``rows`` of one panel."""
        r, cs = self.split(s)
        g = int(self.by[rows[0]]) if len(rows) else 0
        t = self.t[rows] if self.t is not None else np.zeros(len(rows))
        level = np.searchsorted(self.levels, t) if self.per_level_sd else np.zeros(len(rows), np.int64)
        if self.kind == "independent":
            full = np.concatenate([[0.0], r])
            return np.diag(np.exp(2 * full[self.by[rows]]))
        P = self.correlation(cs[g], t, level)
        if P is None:
            return None
        d = self.sd_ratios(r, g, level)
        return P * np.outer(d, d)

    def _patterns(self) -> list[SizeClass]:
        if self.kind == "independent":
            return []
        by_size: dict[int, dict[tuple, int]] = {}
        members: dict[int, list[tuple[np.ndarray, int]]] = {}
        for r in self.rows:
            if not len(r):
                continue
            t = self.t[r] if self.t is not None else np.zeros(len(r))
            key = (int(self.by[r[0]]), tuple(t.tolist()) if self.kind != "exchangeable" else ())
            keys = by_size.setdefault(len(r), {})
            members.setdefault(len(r), []).append((r, keys.setdefault(key, len(keys))))
        out = []
        for npp, keys in by_size.items():
            rows = np.vstack([m[0] for m in members[npp]])
            pattern = np.array([m[1] for m in members[npp]], np.int64)
            group = np.array([k[0] for k in keys], np.int64)
            t = np.array([k[1] if k[1] else (0.0,) * npp for k in keys], float).reshape(len(keys), npp)
            level = (np.searchsorted(self.levels, t) if self.per_level_sd
                     else np.zeros(t.shape, np.int64))
            dist = np.abs(t[:, :, None] - t[:, None, :])
            out.append(SizeClass(rows, pattern, group, t, level, np.rint(dist).astype(np.int64), dist))
        return out

    def _class_correlations(self, sc: SizeClass, cs: list[np.ndarray], tables) -> np.ndarray:
        """P for every pattern of a size class: (k, n_p, n_p)."""
        k, npp = sc.t.shape
        kind = self.kind
        P = np.empty((k, npp, npp))
        for g in np.unique(sc.group):
            sel = sc.group == g
            c = cs[g]
            if kind == "exchangeable":
                r = np.tanh(c[0])
                P[sel] = (1 - r) * np.eye(npp) + r
            elif kind == "exponential":
                P[sel] = invlogit(c[0]) ** sc.dist[sel]
            elif self.per_level_sd:
                lv = sc.level[sel]
                P[sel] = tables[g][lv[:, :, None], lv[:, None, :]]
            else:
                P[sel] = tables[g][sc.lag[sel]]
        return P

    def whitening(self, s: np.ndarray, weight: np.ndarray | None = None,
                  per_row: bool = False) -> "Whitening | None":
        """Per-panel Cholesky factors of C_j at Stata-metric parameters s (None when
        some C_j is not positive definite).  ``weight``: each observation's frequency
        weight (the product over its levels; constant within a panel unless the structure
        is independent), which counts its panel's log|C_j| that many times.  ``per_row``:
        also keep each panel's weighted log|C_j| on its first row (``row_logdet``; the
        robust VCE's per-group likelihoods)."""
        r, cs = self.split(s)
        if self.kind == "independent":
            full = np.concatenate([[0.0], r])
            lnsd = full[self.by]
            wlnsd = lnsd if weight is None else lnsd * weight
            return Whitening(None, np.exp(lnsd), float(2 * wlnsd.sum()), 2 * wlnsd if per_row else None)
        tables = [self.group_table(c) for c in cs]
        if any(tb is None for tb in tables):
            return None
        full = np.concatenate([[0.0], r])
        factors, logdet = [], 0.0
        row_logdet = np.zeros(len(self.panel_codes)) if per_row else None
        for sc in self.patterns:
            P = self._class_correlations(sc, cs, tables)
            if self.per_level_sd:
                d = np.exp(full[sc.group[:, None] * self.p_levels + sc.level])
            else:
                d = np.exp(full[sc.group])[:, None] * np.ones(sc.t.shape[1])
            C = P * d[:, :, None] * d[:, None, :]
            if not np.all(np.isfinite(C)):
                return None
            try:
                L = np.linalg.cholesky(C)
            except np.linalg.LinAlgError:
                return None
            ld = 2 * np.log(np.diagonal(L, axis1=1, axis2=2)).sum(axis=1)[sc.pattern]
            if weight is not None:
                ld = ld * weight[sc.rows[:, 0]]
            logdet += float(ld.sum())
            if per_row:
                row_logdet[sc.rows[:, 0]] = ld
            # L^-1 once per distinct pattern (a few), not a solve per panel: Whitening.apply
            factors.append((sc.rows, np.linalg.inv(L), sc.pattern))
        if not np.isfinite(logdet):
            return None
        return Whitening(factors, None, logdet, row_logdet)


_FEW_PATTERNS = 32  # up to this many distinct panel patterns, one product per pattern


@dataclass
class Whitening:
    """L_j^-1 for every panel: ``factors`` [(rows (m, n_p), L^-1 per distinct pattern (k, n_p,
    n_p), each panel's pattern (m,))] or, for a
    diagonal C, ``sd`` per observation.  ``logdet`` = sum_j log|C_j|; ``row_logdet``
    (when asked for) the same sum's terms, each panel's on its first row."""

    factors: list[tuple[np.ndarray, np.ndarray]] | None
    sd: np.ndarray | None
    logdet: float
    row_logdet: np.ndarray | None = None

    def apply(self, M: np.ndarray) -> np.ndarray:
        """L^-1 M for an (n, k) array M (rows = observations, in data order)."""
        M = np.asarray(M, float)
        if self.sd is not None:
            return M / self.sd.reshape((-1,) + (1,) * (M.ndim - 1))
        squeeze = M.ndim == 1
        A = M[:, None] if squeeze else M
        out = np.empty_like(A)
        for rows, Linv, pattern in self.factors:
            if len(Linv) > _FEW_PATTERNS:  # (nearly) every panel its own times: batched products
                out[rows] = np.matmul(Linv[pattern], A[rows])
                continue
            npp, c = rows.shape[1], A.shape[1]
            for k in range(len(Linv)):
                sel = rows[pattern == k] if len(Linv) > 1 else rows
                # all panels of one pattern in one product: (n_p x n_p) @ (n_p x m_k c)
                block = A[sel].transpose(1, 0, 2).reshape(npp, -1)
                out[sel] = (Linv[k] @ block).reshape(npp, len(sel), c).transpose(1, 0, 2)
        return out[:, 0] if squeeze else out
