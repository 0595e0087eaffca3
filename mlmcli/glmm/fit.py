"""``GLMMFit``: the estimates of an ``me`` command's model and what is read off them
(``result()``, e() matrices, posterior means, predictions, ICCs); the estimation itself is
``mlmcli.glmm.estimate``, which ``fit_glmm`` runs.

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
from ..glm.fit import GLMFit
from ..glm.inference import ancillary_rows, chibar_or_chi2, eform_label, eform_rows, natural_ancillary
from ..mixed.blas_threads import quiet_numerics, single_threaded_blas
from ..mixed.inference import fixed_rows, term_rows, wald_test, zcrit
from ..mixed.random_effects_term import DISPLAY_NAMES
from ..results.glmm import CENSORED_MODELS, GLMMResult, me_title, GroupInfo, IterationLog, LRTestSingle
from ..results.matrix import Matrix
from ..results.mixed import GroupSummary, RandomLevel, VarianceRow
from . import stored_results
from .derivatives import model_gradient  # noqa: F401 (API)
from .estimate import combined_weights, estimate_glmm, fixed_effects_spec  # noqa: F401 (fixed_effects_spec: API)
from .levels import level_factor_label
from .likelihood import GLMMModel
from .spec import GLMMSpec

LATENT_VARIANCE = {"logit": np.pi ** 2 / 3, "probit": 1.0, "cloglog": np.pi ** 2 / 6}



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
    # d ln L_g / d theta of the top-level groups at theta when the fit knows them better than
    # central differences in theta do (glmm.rescaled_fit: differenced in the rescaled metric)
    group_score_rows: np.ndarray | None = None
    # a fit on shifted columns in the metric it was fitted in (glmm.rescaled_fit): margins'
    # delta method differentiates there
    fitted_metric: object = None

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units)."""
        return self.fitted_metric

    def fixed_prediction_se(self, X: np.ndarray) -> np.ndarray:
        """stdp, sqrt(x V x') of the fixed portion at the estimable columns X -- in the fitted
        metric after a fit on shifted columns (in the user's units x V x' cancels terms near
        1e18: stdp 0 for .26)."""
        if self.fitted_metric is not None:
            est = [j for j, lab in enumerate(self.labels) if not (lab.base or lab.omitted)]
            return self.fitted_metric.prediction_se(X, est)
        Vb = np.nan_to_num(self.V[:self.model.p, :self.model.p])
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0))
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
            groups = lv.group if lv.count_group is None else lv.count_group  # schools, not school-class cells
            cnt = np.rint(np.bincount(groups, weights=fw)).astype(int)
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
                if level_factor_label(lv, blk):  # the intercept of level ``d>x``: var(_cons)
                    v = [dataclasses.replace(r, label="var(_cons)") for r in v]
                    s = [dataclasses.replace(r, label="sd(_cons)") for r in s]
                disp = DISPLAY_NAMES[blk.cov.kind]
                out["variance"].append(RandomLevel(lv.name, disp, tuple(self.marked(_with_z(r)) for r in v)))
                out["sd"].append(RandomLevel(lv.name, disp, tuple(self.marked(_with_z(r)) for r in s)))
                k += n
        return {m: tuple(v) for m, v in out.items()}

    def marked(self, row):
        """A row with no variance under constraints() is one the constraints fix."""
        if self.constrained and row.se == 0 and not getattr(row, "base", False) and not getattr(row, "omitted", False):
            return dataclasses.replace(row, constrained=True)
        return row

    def random_labels(self) -> tuple[str, ...]:
        """Stata's label of each random-effects block's level (``school>class``)."""
        return tuple(level_factor_label(lv, blk) or lv.label for lv in self.model.structure.levels
                     for blk in lv.blocks)

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
        # Stata 13's _me_display: ``LR test vs. `e(model)' regression:`` for every family
        # (a log: ``LR test vs. Poisson regression:``), linear as mixed's
        label = f"LR test vs. {model} regression:"
        if self.spec.cmd in CENSORED_MODELS:  # Stata 15's _me_display: ``LR test vs. `e(model)' model:``
            model = CENSORED_MODELS[self.spec.cmd][1]
            label = f"LR test vs. {model} model:"
        return LRTestSingle(chi2, df, p, kind, self.ll_single, model, label, conservative=df > 1)

    def censoring(self):
        """metobit/meintreg's header rows: the counts by kind of censoring (frequency weights
        summed) and the limits as typed (``GLMMResult.censoring``)."""
        fx = self.spec.fixed
        if fx.censor is None:
            return None
        fw = None if fx.fweight is None else np.asarray(fx.fweight, float)[self.used]
        return self.model.family.counts(fw), fx.censor_limits
    def result(self) -> GLMMResult:
        with quiet_numerics():
            return self._result()

    def _result(self) -> GLMMResult:
        spec, fx, p, m = self.spec, self.spec.fixed, self.model.p, self.model.m
        fixed = tuple(self.marked(r) for r in fixed_rows(self.labels, self.beta, self.V[:p, :p], fx.level))
        chi2, df, pv = wald_test(self.labels, self.beta, self.V[:p, :p])
        se = np.sqrt(np.maximum(np.diag(self.V), 0))
        anc_names = self.model.family.anc_names
        sea = se[p:p + m]
        parts = {"ancillary": tuple(self.marked(r) for r in ancillary_rows(anc_names, self.anc, sea, fx.level)),
                 "ancillary_natural": (natural_ancillary(anc_names, self.anc, sea, fx.level)
                                       if fx.family != "ordinal" else ())}
        parts.update(_gaussian_residual(fx, self.anc, sea))
        if "residual" in parts:  # var(e.y) = # in constraints(): ``(constrained)``
            parts["residual"] = self.marked(parts["residual"])
        return GLMMResult(
            title=me_title(spec.cmd, fx.family, fx.link, bool(spec.terms)), censoring=self.censoring(),
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
        fx = self.spec.fixed
        # meglm's gaussian identity model is a linear one: its own var(e.y) is the residual
        # variance, as after mixed (_me_estimate's e(icctype) linear; [ME] estat icc)
        linear = fx.family == "gaussian" and fx.link == "identity"
        c = None if linear else self.latent_residual_variance()
        if c is None and not linear:  # meglm_estat's __estat_icc: a bare `error 321` without e(iccok)
            raise StataError("requested action not valid after most recent estimation command", 321)
        if not self.spec.terms:  # meglm_estat's __estat_icc on an empty e(ivars)
            raise StataError(f"requested action not valid after {self.spec.cmd} because there are no "
                             "random effects in the model", 321)
        if self.spec.crossed or any(t.factor or any(n.startswith("R.") for n in t.names) for t in self.spec.terms):
            # meglm_estat's __estat_icc: an _all level or any R. in e(revars) (level: R.x too)
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
        level = fx.level if level is None else level
        if linear:  # the residual is the model's ln sigma, estimated with the rest
            return nested_icc(labels, idx, self.model.p, self.theta, np.nan_to_num(self.V), level)
        b = np.concatenate([self.theta, [0.5 * np.log(c)]])
        V = np.zeros((n + 1, n + 1))
        V[:n, :n] = np.nan_to_num(self.V)
        return nested_icc(labels, idx, n, b, V, level)

    def icc_kind(self) -> str:
        """``estat icc``'s heading: ``conditional`` (random slopes), ``residual`` (fixed
        covariates) or ``plain``."""
        if any(n != "_cons" for t in self.spec.terms for n in t.names):
            return "conditional"
        return "residual" if any(lab.name != "_cons" for lab in self.labels) else "plain"

    # ---- postestimation -----------------------------------------------------------------
    def posterior(self, kind: str = "ebmeans", points: int | None = None):
        from .posterior import posterior_effects
        with single_threaded_blas(), quiet_numerics():
            return posterior_effects(self, kind, points)

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

    def blups(self, kind: str = "ebmeans", points: int | None = None) -> list:
        from .varcorr import blups
        with single_threaded_blas(), quiet_numerics():
            return blups(self, kind, points)

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


def fit_glmm(spec: GLMMSpec, on_iteration=None) -> GLMMFit:
    """Fit ``spec`` (``estimate.estimate_glmm``) single-threaded, numpy's warnings quiet."""
    with single_threaded_blas(), quiet_numerics():
        return GLMMFit(**estimate_glmm(spec, on_iteration))


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
    from scipy.special import ndtr  # norm.sf(x) is ndtr(-x), bit for bit, without scipy.stats' import (~1 s)
    zval = row.estimate / row.se
    return dataclasses.replace(row, z=float(zval), p=float(2 * ndtr(-abs(zval))))
