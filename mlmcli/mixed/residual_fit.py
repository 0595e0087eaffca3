"""Fitting a linear mixed model with a residuals() structure.

With the panels whitened (``residual_covariance``), the data enter the usual
profiled (RE)ML deviance of ``profiled_deviance``; the covariance parameters
u of the residual structure join theta:

    d(theta, u) = d_white(theta; u) + sum_j log|C_j(u)|,

minimised over (theta >= lower, u free) by ``optimizer.minimize_deviance``.
beta^, sigma^2 and V(beta^) = sigma^2 (X~'V~^-1 X~)^-1 come from the whitened
system at the optimum.  Stata's estimation metric is

    phi = (random-effects lns/atr ..., lnsig_e, residual parameters s ...)

(names ``MixedFit.phi_names``), and V(phi^) is the inverse negative Hessian of
the (RE)ML log likelihood in phi, ML profiled over beta, as for i.i.d. errors.
BLUPs are the usual conditional modes of the whitened model (Z~'(y~ - X~b) =
Z'C^-1(y - Xb)); fitted values use the original X and Z.

A lowest level without random effects (``|| id:, noconstant``) only defines the
panels: it has no parameters and empty BLUPs.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..errors import StataError
from ..results.mixed import MixedResult
from . import inference as inf
from .blas_threads import quiet_numerics
from .fit import LoggedIterations, MixedFit, compact_history
from .likelihood import MixedModel
from .nested_statistics import NestedStatistics, is_nested
from .optimizer import minimize_deviance
from .panel_gls import PanelGLS, applies, newton_in_phi
from .phi_hessian import phi_steps
from .phi_newton import newton_in_phi_by_values
from .profiled_deviance import loglik_at, profile, reduce_nested, top_logliks
from .residual_covariance import ResidualCovariance, Whitening
from .residual_inference import residual_blocks
from .spec import MixedSpec
from .weights import model_weights


_CACHED = 4  # whitenings (and their statistics) kept
_DEGENERATE = 1e-8  # a C_j pivot^2 / diagonal this small at the optimum: on the region's edge
_NEAR_EDGE = 1e-4  # ... this small where a search stalled (not its iterate() limit): pushing into it
UNBOUNDED = ("convergence not achieved: the likelihood rises towards a singular residual covariance "
             "of a panel (no maximum inside the region for this residuals() structure)")
# toeplitz: the correlations of lags seen in few pairs are what can make a C_j singular
FEW_PAIRS = "; its highest lags are seen in few pairs: a lower order, residuals(toeplitz #), may have one"


def _ncols(term, n: int) -> int:
    return np.asarray(term.Z).reshape(n, -1).shape[1]


class StructuredResidualModel(MixedModel):
    """The likelihood of a spec with ``spec.residuals`` as a function of (theta, u) or phi.

    ``spec`` (inherited) is the spec without empty terms; ``full_spec`` the one given.
    ``lambdas(theta)`` is aligned with ``full_spec.terms`` (0 x 0 for empty terms).
    """

    def __init__(self, spec: MixedSpec):
        n = len(spec.y)
        self.full_spec = spec
        self.kept = [k for k, t in enumerate(spec.terms) if _ncols(t, n) > 0]
        core = dataclasses.replace(spec, terms=tuple(spec.terms[k] for k in self.kept), residuals=None)
        super().__init__(core)
        low = spec.terms[-1]
        self.rcov = ResidualCovariance(spec.residuals, low.group, low.n_groups, low.levelvar)
        self.n_theta = len(self.lower)
        self.lower = np.concatenate([self.lower, np.full(self.rcov.n_params, -np.inf)])
        y = np.asarray(core.y, float)[:, None]
        Zs = [np.asarray(t.Z, float).reshape(n, -1) for t in core.terms]
        self._stack = np.column_stack([y, self.X] + Zs)
        self._widths = [1, self.p] + [z.shape[1] for z in Zs]
        self.replication, self.obs_w = _frequencies(spec, self.kept, self.obs_w)
        # no random effects and a structure with an exact gradient (panel_gls): GLS statistics
        self.gls = (PanelGLS(self.rcov, core.y, self.X)
                    if applies(self.rcov, bool(self.kept), self.replication is not None or self.obs_w is not None)
                    else None)
        # the last few whitenings and their statistics: steps in theta alone (half a numeric
        # gradient, a quarter of the phi Hessian) reuse them -- the same objects, so the same bits
        self._whitenings: dict[tuple, Whitening | None] = {}
        self._statistics: list[tuple[Whitening, bool, NestedStatistics]] = []

    def whiten(self, s: np.ndarray, per_row: bool = False) -> Whitening | None:
        s = np.asarray(s, float)
        key = (s.tobytes(), per_row)
        if key in self._whitenings:
            return self._whitenings[key]
        w = self.rcov.whitening(s, self.replication, per_row)
        self._whitenings[key] = w
        while len(self._whitenings) > _CACHED:  # the oldest goes
            self._whitenings.pop(next(iter(self._whitenings)))
        return w

    def forget(self) -> None:
        """Drop the kept whitenings and statistics (the fitted model outlives the fit)."""
        self._whitenings, self._statistics = {}, []

    def ols_loglik(self) -> float:
        """The linear regression of the LR test, with every level's weights (those of a
        level without random effects are in the whitened system's observation weights)."""
        zero = [np.zeros((c.q, c.q)) for c in self.covs]
        plain = Whitening(None, np.ones(len(self.full_spec.y)), 0.0)
        return -0.5 * profile(self.reduce_white(plain, zero), self.reml).deviance

    # --- parameters ---------------------------------------------------------
    def core_lambdas(self, theta: np.ndarray) -> list[np.ndarray]:
        return MixedModel.lambdas(self, theta)

    def lambdas(self, theta: np.ndarray) -> list[np.ndarray]:
        core = iter(self.core_lambdas(theta))
        return [next(core) if k in self.kept else np.zeros((0, 0))
                for k in range(len(self.full_spec.terms))]

    def split(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = np.asarray(x, float)
        return x[:self.n_theta], x[self.n_theta:]

    # --- whitened system ----------------------------------------------------
    def whitened_spec(self, w: Whitening) -> MixedSpec:
        """The core spec with y, X and every Z premultiplied by L_j^-1 per panel."""
        M = w.apply(self._stack)
        cuts = np.cumsum(self._widths)[:-1]
        parts = np.split(M, cuts, axis=1)
        terms = tuple(dataclasses.replace(t, Z=z) for t, z in zip(self.spec.terms, parts[2:]))
        return dataclasses.replace(self.spec, y=parts[0][:, 0], X=parts[1], terms=terms)

    def white_statistics(self, w: Whitening, keep_top: bool = False) -> NestedStatistics:
        """The nested statistics of the system whitened by ``w`` (kept for the last few w)."""
        for cached, top, stats in self._statistics:
            if cached is w and top == keep_top:
                return stats
        stats = NestedStatistics.build(self.whitened_spec(w), self.obs_w, self.group_w, keep_top=keep_top)
        self._statistics = ([(w, keep_top, stats)] + self._statistics)[:_CACHED]
        return stats

    def reduce_white(self, w: Whitening, lambdas: list[np.ndarray], keep_top: bool = False):
        return reduce_nested(self.white_statistics(w, keep_top), lambdas, keep_top)

    # --- the robust VCE's inputs (sandwich.robust_vce) --------------------------
    def loglik_full(self, x: np.ndarray) -> float:
        """ML (pseudo) log likelihood at x = (beta, phi), phi with the residual parameters."""
        lams, s2, s = self.from_phi(x[self.p:])
        w = self.whiten(s)
        if w is None:
            return -np.inf
        return loglik_at(self.reduce_white(w, lams), x[:self.p], s2, False) - 0.5 * w.logdet

    group_beta_scores = None  # the sandwich differences this model's group_logliks in beta too

    def group_logliks(self, x: np.ndarray) -> np.ndarray:
        """Per highest-level group of the full spec (the clusters hold whole groups) its ML
        log likelihood at x = (beta, phi); they sum to ``loglik_full``."""
        lams, s2, s = self.from_phi(x[self.p:])
        top = self.full_spec.terms[0]
        codes, G = np.asarray(top.group, np.int64), top.n_groups
        w = self.whiten(s, per_row=True)
        if w is None:
            return np.full(G, -np.inf)
        logdet = np.bincount(codes, weights=w.row_logdet, minlength=G)
        if self.spec.terms:  # the core's highest-level groups nest in the full spec's
            red = self.reduce_white(w, lams, keep_top=True)
            core = top_logliks(red, x[:self.p], s2)
            to_full = np.zeros(self.spec.terms[0].n_groups, np.int64)
            to_full[np.asarray(self.spec.terms[0].group, np.int64)] = codes
            return np.bincount(to_full, weights=core, minlength=G) - 0.5 * logdet
        # no random effects at all (only ``|| id:, noconstant``): independent whitened rows
        ws = self.whitened_spec(w)
        e = np.asarray(ws.y, float) - (np.asarray(ws.X, float) @ x[:self.p] if self.p else 0.0)
        wt = np.ones(len(e)) if self.obs_w is None else np.asarray(self.obs_w, float)
        rows = -0.5 * wt * (np.log(2 * np.pi * s2) + e * e / s2)
        return np.bincount(codes, weights=rows, minlength=G) - 0.5 * logdet

    def deviance(self, x: np.ndarray) -> float:
        """d(theta, u).  Where u gives no valid covariance (toeplitz, banded and
        exchangeable correlations can leave the positive-definite region; u = 0 never
        does) the value continues outward as d at the boundary point u_b on the ray
        from 0 plus 10 |u - u_b| + 1000 |u - u_b|^2: finite and rising, so that a line
        search that overshoots comes back instead of failing on an infinite value."""
        theta, u = self.split(x)
        w = self.whiten(self.rcov.stata_from_internal(u))
        if w is not None:
            return self._white_deviance(theta, w)
        if not np.all(np.isfinite(u)):
            return np.inf
        lo, hi = 0.0, 1.0
        for _ in range(40):
            mid = 0.5 * (lo + hi)
            if self.whiten(self.rcov.stata_from_internal(mid * u)) is None:
                hi = mid
            else:
                lo = mid
        w = self.whiten(self.rcov.stata_from_internal(lo * u))
        if w is None:
            return np.inf
        gap = float(np.linalg.norm((1 - lo) * u))
        return self._white_deviance(theta, w) + 10 * gap + 1000 * gap * gap

    def deviance_grad(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """(d, its gradient) from ``panel_gls`` (only when ``self.gls``; no theta there);
        +inf outside the positive-definite region, so the search stays inside."""
        out = self.gls.evaluate(self.rcov.stata_from_internal(self.split(x)[1]), self.reml)
        return (np.inf, np.zeros(len(x))) if out is None else out

    def _white_deviance(self, theta: np.ndarray, w: Whitening) -> float:
        return profile(self.reduce_white(w, self.core_lambdas(theta)), self.reml).deviance + w.logdet

    # --- Stata's estimation metric --------------------------------------------
    def phi_from(self, theta: np.ndarray, sigma2: float, s: np.ndarray | None = None) -> np.ndarray:
        parts = [c.est_from_cov(sigma2 * L @ L.T) for c, L in zip(self.covs, self.core_lambdas(theta))]
        return np.concatenate(parts + [np.array([0.5 * np.log(sigma2)]), np.asarray(s, float)])

    @property
    def n_re(self) -> int:
        return sum(c.n_est for c in self.covs)

    def from_phi(self, phi: np.ndarray):
        """(core Lambdas, sigma^2, residual parameters s) from phi."""
        re = phi[:self.n_re + 1]
        lams, s2 = MixedModel.from_phi(self, re)
        return lams, s2, phi[self.n_re + 1:]

    def loglik_phi(self, phi: np.ndarray) -> float:
        lams, s2, s = self.from_phi(phi)
        w = self.whiten(s)
        if w is None:
            return -np.inf
        red = self.reduce_white(w, lams)
        if self.reml:
            ll = loglik_at(red, None, s2, True)
        else:
            ll = loglik_at(red, profile(red, False).beta, s2, False)
        return ll - 0.5 * w.logdet


@dataclass
class StructuredResidualFit(MixedFit):
    """A MixedFit with a residuals() structure; ``s``: its parameters in Stata's metric
    (after lnsig_e in phi).  Adds ``residual_covariance(rows)``,
    ``standardized_residuals()`` and ``residual_macros()``."""

    s: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))

    @property
    def phi_names(self) -> list[str]:
        return [n for c in self.model.covs for n in c.est_names()] + ["lnsig_e"] + self.model.rcov.names()

    def n_re_params(self) -> int:
        return self.model.n_re + len(self.s)

    def _result(self) -> MixedResult:
        model, spec = self.model, self.spec
        k = model.n_re + 1
        base = dataclasses.replace(self, phi=self.phi[:k], V_phi=self.V_phi[:k, :k])
        res = MixedFit._result(base)
        # levels with random effects get their blocks; an empty lowest level (``|| id:,
        # noconstant``) is shown as Stata does, ``id: (empty)``
        random, _ = inf.random_tables(model.covs, [t.levelvar for t in model.spec.terms], self.phi[:k],
                                      self.V_phi[:k, :k], spec.level)
        random = {m: _with_empty_levels(blocks, spec.terms, model.kept) for m, blocks in random.items()}
        blocks = residual_blocks(model.rcov, self.phi[k - 1:], self.V_phi[k - 1:, k - 1:], spec.level,
                                 self.phi_names[k - 1:])
        ref = {m: dataclasses.replace(r, label=r.label.replace("Residual", "e"))
               for m, r in res.residual.items()}
        n = self.n_re_params()
        if self.robust:  # pseudolikelihood: no LR test (Stata's nolrtest)
            return dataclasses.replace(res, random=random, residual=ref, residual_blocks=blocks, lr_test=None)
        lr = inf.lr_vs_linear(self.loglik, self.ll_linear, n)
        if n == 1 and model.n_re == 0:  # a correlation parameter is not on a boundary
            from mlmcli import distributions as stats
            lr = dataclasses.replace(lr, kind="chi2", p=float(stats.chi2.sf(lr.chi2, 1)))
        # all random-effects equations empty: Stata notes the df assume no boundary
        lr = dataclasses.replace(lr, undetermined=model.n_re == 0)
        return dataclasses.replace(res, random=random, residual=ref, residual_blocks=blocks,
                                   lr_test=lr)

    def e_matrices(self):
        """e(b), e(V): the residual parameters after lnsig_e in Stata's order
        (``ResidualCovariance.stata_order``)."""
        b, V = MixedFit.e_matrices(self)
        k0 = len(b.colnames) - len(self.s)
        perm = list(range(k0)) + [k0 + i for i in self.model.rcov.stata_order()]
        names = tuple(b.colnames[i] for i in perm)
        from ..results.matrix import Matrix
        return (Matrix(b.values[:, perm], b.rownames, names),
                Matrix(V.values[np.ix_(perm, perm)], names, names))

    def scalars(self) -> dict[str, float]:
        out = MixedFit.scalars(self)
        # e(k_res): the residual parameters after lnsig_e (xtmixed.ado: colsof(rho))
        out["k_res"] = float(len(self.s))
        return out

    def residual_macros(self) -> dict[str, str]:
        """e() macros Stata stores for the residual structure."""
        rc = self.model.rcov
        out = {"rstructure": rc.kind, "rstructlab": _title(rc)}
        if rc.kind in ("ar", "ma", "toeplitz", "banded"):
            out["res_order"] = str(rc.order)
        if rc.rs.t_name:
            out["timevar"] = rc.rs.t_name
        if rc.rs.by is not None:
            out["rbyvar"] = rc.rs.by_name or ""
            out["rglabels"] = " ".join(rc.by_labels)
        return out

    # --- predictions ----------------------------------------------------------
    def whitening(self) -> Whitening:
        return self.model.whiten(self.s)

    def blups(self):
        from .blups import TermPredictions, predict_random_effects
        model = self.model
        white = dataclasses.replace(model.spec, residuals=None)
        with quiet_numerics():
            wspec = model.whitened_spec(self.whitening())
            proxy_model = MixedModel(dataclasses.replace(wspec, residuals=None))
            proxy_model.zscale = model.zscale  # theta's metric is that of the original Z
            proxy = dataclasses.replace(self, spec=wspec, model=proxy_model)
            core = iter(predict_random_effects(proxy) if white.terms else [])
        out = []
        for k, t in enumerate(self.spec.terms):
            if k in model.kept:
                out.append(next(core))
            else:
                empty = np.zeros((t.n_groups, 0))
                out.append(TermPredictions(t.levelvar, (), empty, empty))
        return out

    def fitted(self) -> np.ndarray:
        spec = self.spec
        n = len(spec.y)
        yhat = self.model.X @ self.beta if self.model.p else np.zeros(n)
        for t, pred in zip(spec.terms, self.blups()):
            Z = np.asarray(t.Z, float).reshape(n, -1)
            if Z.shape[1]:
                yhat = yhat + np.einsum("ij,ij->i", Z, pred.modes[t.group])
        return yhat

    def standardized_residuals(self) -> np.ndarray:
        """L_j^-1 (y_j - fitted_j) / sigma per panel (the residuals whitened by the
        estimated residual covariance, as Stata's ``predict, rstandard``)."""
        resid = np.asarray(self.spec.y, float) - self.fitted()
        return self.whitening().apply(resid) / np.sqrt(self.sigma2)

    def predict(self, statistic: str, rows) -> np.ndarray:
        """As ``MixedFit.predict``; ``rstandard`` is L_j^-1 (y_j - fitted_j) / sigma per
        panel (Stata: the residuals times the inverse square root of the estimated
        residual covariance), which needs the estimation sample in its original order."""
        if statistic != "rstandard":
            return MixedFit.predict(self, statistic, rows)
        groups = rows.groups()
        resid = MixedFit.predict(self, "residuals", rows)
        est = np.flatnonzero(groups.sample)
        y = np.asarray(self.spec.y, float)
        if len(est) != len(y) or not np.array_equal(np.asarray(rows.depvar(), float)[est], y):
            raise StataError("rstandard after residuals() requires the estimation sample in the order "
                             "it was fitted in", 459)
        out = np.full(rows.n, np.nan)
        out[est] = self.whitening().apply(resid[est]) / np.sqrt(self.sigma2)
        return out

    def residual_layout(self, rows: np.ndarray) -> tuple:
        """What ``residual_covariance(rows)`` depends on besides the parameters: the rows'
        split into panels, their by() groups and t() values.  Two row sets with equal keys
        have the same R at every (sigma^2, s) (the small-sample derivatives reuse it)."""
        rows = np.asarray(rows, np.int64)
        rc = self.model.rcov
        _, panels = np.unique(rc.panel_codes[rows], return_inverse=True)
        t = b"" if rc.t is None else np.asarray(rc.t[rows], float).tobytes()
        return panels.astype(np.int64).tobytes(), np.asarray(rc.by[rows], np.int64).tobytes(), t

    def residual_covariance(self, rows: np.ndarray) -> np.ndarray:
        """R for the observations ``rows`` (block diagonal over panels)."""
        rows = np.asarray(rows, np.int64)
        rc = self.model.rcov
        R = np.zeros((len(rows), len(rows)))
        panel = rc.panel_codes[rows]
        for j in np.unique(panel):
            pos = np.flatnonzero(panel == j)
            R[np.ix_(pos, pos)] = self.sigma2 * rc.panel_covariance(self.s, rows[pos])
        return R


def _with_empty_levels(blocks, terms, kept) -> tuple:
    """Random-effects blocks of the kept terms with ``(empty)`` blocks for the others,
    in model order."""
    from ..results.mixed import RandomLevel
    it = iter(blocks)
    return tuple(next(it) if k in kept else RandomLevel(t.levelvar, "", (), empty=True)
                 for k, t in enumerate(terms))


def _title(rc: ResidualCovariance) -> str:
    from .residual_inference import structure_title
    return structure_title(rc)


def _frequencies(spec: MixedSpec, kept: list[int], obs_w: np.ndarray | None):
    """(each observation's replication count -- its fweight times its groups' at every
    level -- for the log|C_j| terms, or None; the observation weights of the whitened
    system).  A level without random effects has no group weights in the whitened
    system: replicating its groups replicates their whitened rows, so its fweights
    join the observation weights."""
    n = len(spec.y)
    _, full_group_w = model_weights(spec)
    rep = None if obs_w is None else np.asarray(obs_w, float)
    white = rep
    for k, (term, gw) in enumerate(zip(spec.terms, full_group_w)):
        if gw is None:
            continue
        per_obs = np.asarray(gw, float)[np.asarray(term.group, np.int64)]
        rep = per_obs if rep is None else rep * per_obs
        if k not in kept:
            white = per_obs if white is None else white * per_obs
    return rep, (None if white is None else white.reshape(n))


def _refuse(spec: MixedSpec) -> None:
    """Options the whitening does not cover are refused (never ignored)."""
    if not spec.terms:
        raise StataError("residuals() requires a random-effects equation defining the panels", 198)
    if _robust(spec) and spec.method.upper() == "REML":
        raise StataError("REML not supported with robust variance estimation", 198)
    obs_w = model_weights(spec)[0]  # after pwscale(), as Stata checks them
    if obs_w is not None and not np.all(obs_w == 1) and spec.residuals.kind != "independent":
        # _xtmixed_estimate.ado: an observation's likelihood cannot be written out
        # (so weighted) under correlated errors; weights at the levels are fine
        raise StataError("observation-level weights not allowed with correlated residual structures", 101)
    if any(t.crossed_factor for t in spec.terms) or not is_nested(spec):
        raise StataError("residuals() not allowed with crossed random effects", 198)


def _robust(spec: MixedSpec) -> bool:
    return spec.vce in ("robust", "cluster") or spec.pweight is not None or any(
        t.pweight is not None for t in spec.terms)


def _start(model: StructuredResidualModel) -> np.ndarray:
    """theta at the usual start; for a one-parameter correlation structure the best of a
    few values (the deviance is cheap and the optimiser then starts in the right basin)."""
    theta0 = np.concatenate([c.theta_start() for c in model.covs]) if model.covs else np.zeros(0)
    u0 = model.rcov.internal_start()
    rc = model.rcov
    if rc.n_corr == 1 and rc.kind in ("exchangeable", "ar", "ma", "exponential", "toeplitz"):
        grid = {"exponential": (-3.0, -1.0, 0.0, 1.0, 3.0)}.get(rc.kind, (-0.5, 0.0, 0.5, 1.0, 1.5))
        best, fbest = u0, np.inf
        for v in grid:
            u = u0.copy()
            u[rc.n_ratio::rc.n_corr] = v
            f = model.deviance(np.concatenate([theta0, u]))
            if f < fbest:
                best, fbest = u, f
        u0 = best
    return np.concatenate([theta0, u0])


def _theta_of(model: StructuredResidualModel, lams: list[np.ndarray]) -> np.ndarray:
    """theta (the optimiser's metric: Z columns scaled by ``zscale``) of actual Lambdas."""
    parts = [c.theta_from_relcov((d[:, None] * L) @ (d[:, None] * L).T)
             for c, L, d in zip(model.covs, lams, model.zscale)]
    return np.concatenate(parts) if parts else np.zeros(0)


def fit_structured(spec: MixedSpec, on_iteration: Callable[[int, float], None] | None = None
                   ) -> StructuredResidualFit:
    """Fit ``spec`` (with ``spec.residuals``) by ML or REML; see the module docstring."""
    _refuse(spec)
    model = StructuredResidualModel(spec)
    reml = model.reml
    exact = model.gls is not None
    logged = LoggedIterations(on_iteration)
    opt = minimize_deviance(None if exact else model.deviance, _start(model), model.lower, spec.iterate,
                            logged.callback(), tolerance=spec.tolerance, ltolerance=spec.ltolerance,
                            dev_grad=model.deviance_grad if exact else None)
    theta, u = model.split(opt.theta)
    s = model.rcov.stata_from_internal(u)
    w = model.whiten(s)
    # the start (u = 0, independence) is always feasible: an end outside the region, on its
    # edge, or a search stalled near it (steps further in leave the region while the
    # gradient points there), is a likelihood rising without bound towards a singular C_j
    stalled = not opt.converged and opt.message != "iteration limit reached"
    if w is None or (exact and model.gls.min_pivot(s) < (_NEAR_EDGE if stalled else _DEGENERATE)):
        raise StataError(UNBOUNDED + (FEW_PAIRS if model.rcov.kind == "toeplitz" else ""), 430)
    red = model.reduce_white(w, model.core_lambdas(theta))
    pf = profile(red, reml)
    if not np.isfinite(pf.deviance):
        raise StataError("initial values not feasible", 1400)
    sigma2 = pf.r2 / (red.n - model.p if reml else red.n)  # red.n: the frequency-weighted N
    deviance = pf.deviance + w.logdet
    if exact:
        phi, ll, H = newton_in_phi(model.gls, reml, model.phi_from(theta, sigma2, s), -0.5 * deviance,
                                   phi_steps)
    else:
        phi, ll, H = newton_in_phi_by_values(model, model.phi_from(theta, sigma2, s), -0.5 * deviance)
    lams, sigma2, s = model.from_phi(phi)
    theta = _theta_of(model, lams)
    w = model.whiten(s)
    pf = profile(model.reduce_white(w, model.core_lambdas(theta)), reml)
    V_beta = sigma2 * np.linalg.inv(pf.RX @ pf.RX.T) if model.p else np.zeros((0, 0))
    finite = np.flatnonzero(np.isfinite(phi))
    V_phi = np.full((len(phi), len(phi)), np.nan)
    if H is not None:
        V_phi[np.ix_(finite, finite)] = inf.invert_negative_hessian(H)
    V_cross = n_clusters = beta_influence = None
    if _robust(spec):  # pweights or vce(robust|cluster): the sandwich in (beta, phi)
        from .sandwich import robust_vce
        V_beta, V_phi, V_cross, n_clusters, beta_influence = robust_vce(model, pf.beta, phi, V_beta, ll)
    deviance = -2 * ll
    ll_linear = float(model.ols_loglik())
    model.forget()
    history = compact_history(opt.history, deviance)
    logged.finish(history)
    return StructuredResidualFit(spec, model, theta, pf.beta, float(sigma2), phi, V_beta, V_phi,
                                 float(ll), bool(opt.converged), history, ll_linear,
                                 V_cross, n_clusters, beta_influence, s=s)
