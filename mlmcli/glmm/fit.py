"""``fit_glmm(spec) -> GLMMFit``: estimation and inference for the ``me`` commands.

The marginal log likelihood (``likelihood.GLMMModel``) is maximised over
theta = (beta, alpha, phi) jointly (``optimize``, in the scaled coordinates of
``coordinates``), phi in Stata's estimation metric (ln sd, atanh corr).  V(theta) = (-H)^-1 with H the Hessian of the same
approximated log likelihood at the optimum (Richardson-extrapolated finite
differences, analytic gradients where available); for pweights or
vce(robust|cluster) the sandwich (-H)^-1 (G/(G-1) sum_c s_c s_c') (-H)^-1 with
s_c the scores of cluster c (sums of the top-level groups' score vectors).

Reported random-effects parameters: variances exp(2 ln sd) and covariances
rho sd_i sd_j with delta-method SEs; variance CIs from the ln-sd interval
(log scale), covariance CIs symmetric, correlations tanh of the atanh interval
(as ``mixed``).  ``LR test vs. <model> model``: 2 (ll - ll_c) against the
fixed-effects model of phase 1, chibar2(01) with one random-effects parameter,
else chi2(k) marked conservative; not reported with pweights, robust VCE or
constraints (Stata's rule).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from ..errors import StataError
from ..glm.fit import GLMFit, fit_glm
from ..glm.inference import ConstraintMap, ancillary_rows, chibar_or_chi2, eform_label, eform_rows, natural_ancillary
from ..mixed.blas_threads import quiet_numerics, single_threaded_blas
from ..mixed.inference import fixed_rows, invert_negative_hessian, term_rows, wald_test, zcrit
from ..mixed.random_effects_term import DISPLAY_NAMES
from ..results.glmm import (ME_TITLES, GLMMResult, GroupInfo, IterationLog, IterationPhase, IterationStep,
                            LRTestSingle)
from ..results.matrix import Matrix
from ..results.mixed import GroupSummary, RandomLevel, VarianceRow
from . import stored_results
from .coordinates import ScaledMap, fixed_part_scaling
from .derivatives import atanh_indices, group_scores, log_sd_indices, model_gradient  # noqa: F401 (API)
from .likelihood import GLMMModel
from .optimize import GRID_VARIANCES, Objective, maximize, polish
from .spec import INTMETHODS, GLMMSpec

LATENT_VARIANCE = {"logit": np.pi ** 2 / 3, "probit": 1.0, "cloglog": np.pi ** 2 / 6}



def _validate(spec: GLMMSpec) -> None:
    if spec.n == 0:
        raise StataError("no observations", 2000)
    if spec.method not in INTMETHODS:
        raise StataError(f"intmethod({spec.method}) invalid", 198)
    if spec.method != "laplace" and not (1 <= int(spec.intpoints) <= 195):
        raise StataError("intpoints() must be an integer between 1 and 195", 198)
    for t in spec.terms:
        if np.asarray(t.Z).reshape(spec.n, -1).shape[1] == 0:
            raise StataError("random-effects equation with no variables and noconstant", 198)
    if spec.fixed.fweight is not None and spec.fixed.pweight is not None:
        raise StataError("fweights and pweights may not be combined", 198)


def combined_weights(spec: GLMMSpec) -> np.ndarray | None:
    """Observation weight times every level weight: the weights under which the GLMM
    likelihood tends to the single-level one as the variances go to zero."""
    w = spec.fixed.obs_weights()
    for t in spec.terms:
        lw = t.fweight if t.fweight is not None else t.pweight
        if lw is not None:
            w = np.asarray(lw, float) if w is None else w * np.asarray(lw, float)
    return w


def fixed_effects_spec(spec: GLMMSpec):
    """The single-level GLM of phase 1 (same family, weights combined over levels)."""
    fx = spec.fixed
    w = combined_weights(spec)
    kw = {"vce": "oim", "cluster": None, "constraints": None, "start": None}
    if w is not None and spec.level_iweights:  # any real value; e(N) the rows
        kw.update(fweight=None, pweight=None, iweight=w)
    elif w is not None:
        kw.update(fweight=w, pweight=None)
    return dataclasses.replace(fx, **kw)


@dataclass
class GLMMFit:
    """Estimates of a GLMM; ``result()``, ``e_matrices()``, ``scalars()``, ``macros()``,
    ``posterior()``, ``predict()``, ``icc()``."""

    spec: GLMMSpec
    model: GLMMModel
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    glm: GLMFit
    used: np.ndarray
    labels: tuple
    phases: list = field(default_factory=list)
    robust: bool = False
    n_clusters: int | None = None
    notes: tuple[str, ...] = ()
    constrained: bool = False
    V_model: np.ndarray | None = None  # (-H)^-1 of a robust fit (the bread; margins' vce(unconditional))
    group_clusters: np.ndarray | None = None  # a robust fit's cluster code per top-level group

    # ---- parameter blocks -----------------------------------------------------------
    @property
    def beta(self):
        return self.theta[:self.model.p]

    @property
    def anc(self):
        return self.theta[self.model.p:self.model.p + self.model.m]

    @property
    def phi(self):
        return self.theta[self.model.p + self.model.m:]

    @property
    def ll_single(self) -> float:
        return self.glm.loglik

    def sigmas(self) -> list[np.ndarray]:
        return self.model.sigmas(self.phi)

    def nobs(self) -> int:
        fw = self.spec.fixed.fweight
        if fw is not None:
            return int(round(float(np.sum(np.asarray(fw)[self.used]))))
        return int(np.count_nonzero(self.used))

    # ---- tables -------------------------------------------------------------------------
    def group_infos(self) -> tuple[GroupInfo, ...]:
        """The group table rows with their integration points."""
        out = []
        fw = self.spec.fixed.fweight
        fw = None if fw is None else np.asarray(fw, float)[self.used]
        for lv in self.model.structure.levels:
            total = self.nobs()
            if lv.name == "_all":
                out.append(GroupInfo(GroupSummary("_all", 1, total, float(total), total), self.spec.points))
                continue
            cnt = np.rint(np.bincount(lv.group, weights=fw, minlength=lv.G)).astype(int)
            cnt = cnt[cnt > 0]
            out.append(GroupInfo(GroupSummary(lv.name, len(cnt), int(cnt.min()), float(cnt.mean()),
                                              int(cnt.max())), self.spec.points))
        return tuple(out)

    def random_tables(self) -> dict[str, tuple[RandomLevel, ...]]:
        z = zcrit(self.spec.fixed.level)
        k0 = self.model.p + self.model.m
        out = {"variance": [], "sd": []}
        k = 0
        for lv in self.model.structure.levels:
            for blk in lv.blocks:
                n = blk.cov.n_est
                sl = slice(k0 + k, k0 + k + n)
                v, s, _ = term_rows(blk.cov, self.theta[sl], self.V[sl, sl], z)
                disp = DISPLAY_NAMES[blk.cov.kind]
                out["variance"].append(RandomLevel(lv.name, disp, tuple(_with_z(r) for r in v)))
                out["sd"].append(RandomLevel(lv.name, disp, tuple(_with_z(r) for r in s)))
                k += n
        return {m: tuple(v) for m, v in out.items()}

    def random_labels(self) -> tuple[str, ...]:
        """Stata's label of each random-effects block's level (``school>class``)."""
        return tuple(lv.label for lv in self.model.structure.levels for _ in lv.blocks)

    def lr_test(self) -> LRTestSingle | None:
        if not self.spec.terms:  # _me_display: no LR test when e(k_r) is 0
            return None
        if self.robust or self.constrained or self.spec.fixed.pweight is not None:
            return None
        df = self.model.n_phi
        chi2 = max(2 * (self.loglik - self.ll_single), 0.0)
        p, kind = chibar_or_chi2(chi2, df)
        fx = self.spec.fixed
        model = (stored_results.model_word(fx) if fx.family in stored_results.FAMILY_MODEL
                 else stored_results.LR_MODEL.get(fx.command, "fixed-effects"))
        label = f"LR test vs. {model} regression:" if model not in ("linear",) else "LR test vs. linear model:"
        return LRTestSingle(chi2, df, p, kind, self.ll_single, model, label, conservative=df > 1)

    def result(self) -> GLMMResult:
        with quiet_numerics():
            return self._result()

    def _result(self) -> GLMMResult:
        spec, fx, p, m = self.spec, self.spec.fixed, self.model.p, self.model.m
        fixed = fixed_rows(self.labels, self.beta, self.V[:p, :p], fx.level)
        chi2, df, pv = wald_test(self.labels, self.beta, self.V[:p, :p])
        se = np.sqrt(np.maximum(np.diag(self.V), 0))
        anc_names = self.model.family.anc_names
        sea = se[p:p + m]
        parts = {"ancillary": ancillary_rows(anc_names, self.anc, sea, fx.level),
                 "ancillary_natural": (natural_ancillary(anc_names, self.anc, sea, fx.level)
                                       if fx.family != "ordinal" else ())}
        parts.update(_gaussian_residual(fx, self.anc, sea))
        return GLMMResult(
            title=("Mixed-effects GLM" if spec.cmd == "meglm" else ME_TITLES.get((fx.family, fx.link),
                                                                                 "Mixed-effects GLM")),
            command=spec.cmd,
            family=fx.family, link=fx.link, depvar=fx.depvar, nobs=self.nobs(),
            groups=self.group_infos(), integration=spec.method, integration_points=spec.points,
            fixed=fixed, fixed_eform=eform_rows(fixed), eform_label=eform_label(fx.command),
            random=self.random_tables(), loglik=self.loglik, wald_chi2=chi2, wald_df=df, wald_p=pv,
            lr_test=self.lr_test(), level=fx.level, binomial_label=fx.trials_label,
            offset_name=fx.offset_name, dispersion=fx.dispersion if fx.family == "nbinomial" else None,
            pseudo=self.robust and (fx.pweight is not None or any(t.pweight is not None for t in spec.terms)),
            vce="robust" if self.robust else "oim", cluster_var=fx.cluster_var if self.robust else None,
            n_clusters=self.n_clusters, converged=self.converged, crossed=spec.crossed,
            iteration_log=IterationLog(tuple(self.phases)), notes=self.notes,
            constraint_labels=fx.constraints.labels if fx.constraints else (),
            random_labels=self.random_labels(), **parts)

    # ---- e() (see ``stored_results``) ---------------------------------------------------
    def param_names(self) -> list[str]:
        return stored_results.param_names(self)

    def e_matrices(self) -> tuple[Matrix, Matrix]:
        """e(b), e(V) in Stata's me metric and names (``stored_results.e_matrices``)."""
        return stored_results.e_matrices(self)

    def scalars(self) -> dict:
        return stored_results.scalars(self)

    def macros(self) -> dict[str, str]:
        return stored_results.macros(self)

    def latent_residual_variance(self) -> float | None:
        """pi^2/3 (logit), 1 (probit), pi^2/6 (cloglog): the latent-response residual
        variance of ``estat icc`` (None for count models, where Stata refuses it)."""
        fx = self.spec.fixed
        if fx.family not in ("bernoulli", "binomial", "ordinal"):
            return None
        return LATENT_VARIANCE.get(fx.link)

    def icc(self, level: float | None = None):
        """``estat icc`` rows (``postest.icc.ICCEstimate``): for level k the latent-response
        ICC (s_1^2 + ... + s_k^2) / (s_1^2 + ... + s_L^2 + c), c = pi^2/3 (logit), 1
        (probit), pi^2/6 (cloglog), s_l^2 the random-intercept variances; delta-method SE
        on the ln-sd parameters, logit-transformed CI (Stata's me estat icc)."""
        from ..postest.icc import nested_icc
        c = self.latent_residual_variance()
        if c is None:
            raise StataError(f"estat icc not allowed after {self.spec.cmd}", 321)
        if not self.spec.terms:  # meglm_estat's __estat_icc on an empty e(ivars)
            raise StataError(f"requested action not valid after {self.spec.cmd} because there are no "
                             "random effects in the model", 321)
        if self.spec.crossed:
            raise StataError("estat icc not allowed after crossed-effects models", 321)
        k0 = self.model.p + self.model.m
        idx, labels, k = [], [], 0
        for lv in self.model.structure.levels:
            found = None
            for blk in lv.blocks:
                if "_cons" in blk.names and found is None:
                    j = 0 if blk.cov.kind in ("identity", "exchangeable") else blk.names.index("_cons")
                    found = k0 + k + j
                k += blk.cov.n_est
            if found is None:
                raise StataError("estat icc not allowed after random-effects models with random-level "
                                 "specifications that do not contain random intercepts", 321)
            idx.append([found])
            labels.append(lv.name)
        n = len(self.theta)
        b = np.concatenate([self.theta, [0.5 * np.log(c)]])
        V = np.zeros((n + 1, n + 1))
        V[:n, :n] = np.nan_to_num(self.V)
        return nested_icc(labels, idx, n, b, V, self.spec.fixed.level if level is None else level)

    def icc_kind(self) -> str:
        """``estat icc``'s heading: ``conditional`` (random slopes), ``residual`` (fixed
        covariates) or ``plain``."""
        if any(n != "_cons" for t in self.spec.terms for n in t.names):
            return "conditional"
        return "residual" if any(lab.name != "_cons" for lab in self.labels) else "plain"

    # ---- postestimation -----------------------------------------------------------------
    def posterior(self, kind: str = "ebmeans"):
        from .posterior import posterior_effects
        with single_threaded_blas(), quiet_numerics():
            return posterior_effects(self, kind)

    def predict(self, what: str = "mu", rows=None, **kw):
        """Without ``rows``: ``posterior.predict`` over the estimation observations (model
        row order).  With ``rows`` (``PredictionRows``, the estimation interface): the
        statistic on every row of the data in memory (``varcorr.predict_rows``)."""
        with single_threaded_blas(), quiet_numerics():
            if rows is not None:
                from .varcorr import predict_rows
                return predict_rows(self, what, rows, **kw)
            from .posterior import predict
            return predict(self, what, **kw)

    # ---- the estimation interface (MultilevelFit; ``varcorr``) ---------------------------
    def re_terms(self):
        from .varcorr import re_terms
        return re_terms(self)

    def re_covariance(self, k: int) -> np.ndarray:
        from .varcorr import re_covariance
        return re_covariance(self, k)

    def blups(self, kind: str = "ebmeans") -> list:
        from .varcorr import blups
        with single_threaded_blas(), quiet_numerics():
            return blups(self, kind)

    def group_summaries(self) -> tuple[GroupSummary, ...]:
        return tuple(g.summary for g in self.group_infos())

    def residual_variance(self) -> float:
        """The latent-response residual variance (NaN for count models)."""
        c = self.latent_residual_variance()
        return float("nan") if c is None else float(c)

    def response(self) -> np.ndarray:
        """y over the estimation sample as in the data (ordinal: the category values)."""
        fx = self.spec.fixed
        y = np.asarray(fx.y, float)[self.used]
        if fx.family == "ordinal":
            return np.asarray(fx.categories, float)[y.astype(np.int64) - 1]
        return y

    def model_matrix(self) -> np.ndarray:
        return self.model.X

    def fixef(self) -> np.ndarray:
        return self.beta

    def has_weights(self) -> bool:
        return combined_weights(self.spec) is not None

    def margins_prediction(self, options: str):
        from .margins_hook import margins_prediction
        return margins_prediction(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from .margins_hook import margins_variables
        return margins_variables(self)

    margins_influence_weighted = True  # the groups' scores carry the sampling weights

    def margins_influence(self, X=None):
        from .margins_influence import margins_influence
        return margins_influence(self)


def _gaussian_residual(fx, anc, se) -> dict:
    """Gaussian family: the residual variance exp(2 ln sigma) as Stata's ``var(e.depvar)`` row
    (delta-method SE, CI from the ln-sigma interval) in place of the ``/lnsigma`` row."""
    if fx.family != "gaussian":
        return {}
    z = zcrit(fx.level)
    m, s = float(anc[0]), float(se[0])
    row = VarianceRow(f"var(e.{fx.depvar})", np.exp(2 * m), 2 * np.exp(2 * m) * s,
                      np.exp(2 * (m - z * s)), np.exp(2 * (m + z * s)))
    return {"residual": row, "ancillary": (), "ancillary_natural": ()}


def _with_z(row):
    """Covariance/correlation rows get z = estimate/SE and its two-sided P (Stata prints them)."""
    if not row.label.startswith(("cov(", "corr(")) or not (row.se > 0):
        return row
    from scipy.stats import norm
    zval = row.estimate / row.se
    return dataclasses.replace(row, z=float(zval), p=float(2 * norm.sf(abs(zval))))


def fit_glmm(spec: GLMMSpec, on_iteration=None) -> GLMMFit:
    """Fit ``spec``; see the module docstring."""
    with single_threaded_blas(), quiet_numerics():
        return _fit(spec, on_iteration)


def _cluster_codes(spec: GLMMSpec, model: GLMMModel) -> tuple[np.ndarray, int]:
    """Cluster index per top-level group (clusters must contain whole groups)."""
    top = model.structure.levels[0]
    fx = spec.fixed
    if fx.cluster is None or top.name == "_all":
        codes = np.arange(top.G)
        return codes, top.G
    cl = np.asarray(fx.cluster)[model.rows]
    per = np.full(top.G, -1, np.int64)
    _, clc = np.unique(cl, return_inverse=True)
    per[top.group] = clc
    if np.any(per[top.group] != clc):
        raise StataError(f"highest-level groups are not nested within {fx.cluster_var}", 459)
    uniq, codes = np.unique(per, return_inverse=True)
    return codes, len(uniq)


def _start_phi(model: GLMMModel, var: float) -> np.ndarray:
    out = []
    for lv in model.structure.levels:
        for blk in lv.blocks:
            q = blk.cov.q
            out.append(blk.cov.est_from_cov(var * np.eye(q)) if not blk.factor
                       else np.array([0.5 * np.log(var)]))
    return np.concatenate(out) if out else np.zeros(0)


def _fit(spec: GLMMSpec, on_iteration=None) -> GLMMFit:
    _validate(spec)
    fx = spec.fixed
    if not spec.terms:
        from .no_random_effects import fit_without_random_effects
        return GLMMFit(**fit_without_random_effects(spec))
    robust = (fx.vce in ("robust", "cluster") or fx.pweight is not None
              or any(t.pweight is not None for t in spec.terms))
    top = spec.terms[0].levelvar
    if spec.method == "laplace" and any(t.levelvar != top and (t.fweight is not None or t.pweight is not None)
                                        for t in spec.terms):
        # the joint Laplace approximation has no place for an inner integral raised to a weight
        raise StataError("weights at lower levels not allowed with intmethod(laplace)", 198)
    # phase 1: the fixed-effects model (its checks: outcome, perfect prediction)
    glm = fit_glm(fixed_effects_spec(spec))
    labels = glm.labels
    used = glm.used
    fspec = spec
    if not np.all(used) or len(labels) != len(fx.coef_labels) or any(
            a.omitted != b.omitted for a, b in zip(labels, fx.coef_labels)):
        keep = [j for j, lab in enumerate(fx.coef_labels) if not (lab.base or lab.omitted)]
        keep_now = [j for j in keep if not labels[j].omitted]
        cols = [keep.index(j) for j in keep_now]
        X = np.asarray(fx.X, float).reshape(fx.n, -1)[:, cols]
        fspec = dataclasses.replace(spec, fixed=dataclasses.replace(fx, X=X, coef_labels=labels))
    model = GLMMModel(fspec, rows=None if np.all(used) else np.flatnonzero(used))
    phases = [IterationPhase("Fitting fixed-effects model:", tuple(glm.phases[-1].steps))]
    # phase 2: grid of starting variances
    base = np.concatenate([glm.theta, np.zeros(model.n_phi)])
    grid = []
    best = None
    for i, v in enumerate(GRID_VARIANCES):
        th = base.copy()
        th[model.p + model.m:] = _start_phi(model, v)
        ll = model.loglik(th)
        grid.append(IterationStep(i, ll))
        if best is None or ll > best[1]:
            best = (th, ll)
        if i == 0 and np.isfinite(ll) and ll > glm.loglik - 0.5 * abs(glm.loglik):
            break
    phases.append(IterationPhase("Refining starting values:", tuple(grid), label="Grid node"))
    if best is None or not np.isfinite(best[1]):
        raise StataError("initial values not feasible", 1400)
    if fx.start is not None and len(fx.start) == model.k:  # from(): the values given start the full model
        best = (np.where(np.isfinite(fx.start), fx.start, best[0]), model.loglik(best[0]))
    # phase 3: the full model
    cons = _constraints(fx, model)
    cmap0 = ConstraintMap(model.k, *cons)
    cmap = ScaledMap(cmap0, fixed_part_scaling(cmap0, glm.V, model.p + model.m))
    obj = Objective(lambda g: model.loglik(cmap.theta(g)), cmap.m, None)
    grad = model_gradient(model)
    if grad is not None:
        obj.grad_fn = lambda g: cmap.N.T @ grad(cmap.theta(g))
    elif len(model.structure.levels) > 1:
        from .nested_gradient import quadrature_partial_gradient
        obj.search_grad_fn = lambda g: cmap.N.T @ quadrature_partial_gradient(model, cmap.theta(g))
    if not cmap.active and obj.grad_fn is not None:
        # boundary jumps (optimize) need an exact gradient: a finite-difference one of a
        # badly scaled model can stall after the jump short of the optimum.  Constrained:
        # the optimizer's coordinates are not theta's.
        obj.log_sd = log_sd_indices(model)
        obj.atanh = atanh_indices(model)
    res = maximize(obj, cmap.gamma(best[0]), iterate=fx.iterate, tolerance=fx.tolerance,
                   ltolerance=fx.ltolerance, on_iteration=on_iteration)
    Happrox = res.hessian if res.hessian is not None else obj.rough_hessian(res.x, res.f)
    if res.converged:
        x, f, H = polish(obj, res.x, res.f, Happrox)
    else:  # iterate(#) reached (or a failure): the results where the maximiser stopped
        x, f, H = res.x, res.f, Happrox
    steps = list(res.steps)
    if f > res.f + 1e-9 * max(1.0, abs(res.f)):
        steps.append(IterationStep(len(steps), f))
    phases.append(IterationPhase("Fitting full model:", tuple(steps)))
    theta = cmap.theta(x)
    Vg = invert_negative_hessian(H)
    n_clusters = None
    V_model = codes = None
    if robust:
        V_model = cmap.vcov(Vg)
        codes, G = _cluster_codes(spec, model)
        S = group_scores(model, theta) @ cmap.N
        W = model.top_weights()
        if W is not None:
            S = S * W[:, None]
        Sc = np.zeros((G, S.shape[1]))
        np.add.at(Sc, codes, S)
        meat = (G / (G - 1)) * Sc.T @ Sc if G > 1 else np.full((S.shape[1],) * 2, np.nan)
        Vg = Vg @ meat @ Vg
        n_clusters = G if fx.cluster is not None else None
    V = cmap.vcov(Vg)
    notes = tuple(glm.notes)
    return GLMMFit(fspec, model, theta, V, float(f), bool(res.converged), glm, used, labels, phases,
                   robust, n_clusters, notes, cmap.active, V_model, codes)


def _constraints(fx, model):
    if fx.constraints is None:
        return None, None
    R = np.asarray(fx.constraints.R, float)
    if R.shape[1] != model.k:
        raise StataError("constraint matrix does not conform to the model's parameters", 503)
    return R, fx.constraints.r
