"""``fit_glm(spec) -> GLMFit``: maximum likelihood for a single-level GLM.

log L(theta) = sum_i w_i logf(y_i | eta_i; alpha),  eta_i = x_i beta + offset_i,
theta = (beta, alpha) with alpha the ancillary parameters in Stata's metric
(cutpoints, ln alpha, ln delta, ln sigma).  Gradient analytic:
d/d beta = X'(w d1), d/d alpha_m = sum_i w_i dlogf_i/d alpha_m; Hessian analytic in
beta (X' diag(w d2) X), by central differences of the analytic gradient in the
rows of alpha.  Maximised by Newton-Raphson (``newton.maximize``) from the
constant-only model, whose log likelihood is ll_0 (Stata's ``Iteration 0``).

V = (-H)^-1 (vce(opg): (sum_i s_i s_i')^-1, s_i the scores, w_i s_i s_i' with fweights); with pweights or vce(robust|cluster) the sandwich
V = (-H)^-1 (G/(G-1) sum_c s_c s_c') (-H)^-1 with s_c the score sums of cluster c
(each observation its own cluster for vce(robust); with fweights and vce(robust) a row is w_i
observations, as in the expanded data: sum_i w_i s_i s_i' and N/(N-1), N = sum w).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from ..errors import StataError
from ..mixed.blas_threads import quiet_numerics
from ..mixed.inference import fixed_rows, wald_test, invert_negative_hessian
from ..postest.ml_constraints import mark_constrained
from ..robust.cluster_sandwich import cluster_index, cluster_sandwich
from ..results.glmm import GLM_TITLES, GLMResult, IterationLog, IterationPhase, LRTestSingle
from ..results.matrix import Matrix
from . import inference as ginf
from .likelihood_model import GLMModel, constant_only, nbreg_full_start
from .newton import maximize
from .predictions import GLMPredictions
from .separation import check_outcome, perfect_prediction
from .spec import GLMSpec


@dataclass
class GLMFit(GLMPredictions):
    """Estimates of a GLM; ``result()``, ``e_matrices()``, ``scalars()``, predictions
    (``predict``, ``margins_prediction``: ``mlmcli.glm.predictions``)."""

    spec: GLMSpec
    model: GLMModel
    theta: np.ndarray
    V: np.ndarray
    loglik: float
    ll_0: float
    converged: bool
    used: np.ndarray  # estimation-sample mask over spec rows (perfect predictors drop rows)
    labels: tuple = ()
    notes: tuple[str, ...] = ()
    phases: list = field(default_factory=list)
    n_clusters: int | None = None
    robust: bool = False
    ll_poisson: float | None = None  # nbreg: LR test of alpha = 0
    limit_reached: bool = False  # not converged because ``iterate`` was reached
    replicate: ginf.Replicates | None = None  # vce(bootstrap|jackknife): V is the replicates'
    # each row's influence (-H)^-1 s_j over theta when the fit knows it better than the user's
    # units do (glm.rescaled_fit: from the fitted metric, mapped back)
    influence_rows: np.ndarray | None = None
    # a fit on shifted columns in the metric it was fitted in (glm.rescaled_fit): margins'
    # delta method differentiates there
    fitted_metric: object = None

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units); after
        vce(bootstrap) the replicates' V there (``glm_replicates.with_replicate_variance``)."""
        return self.fitted_metric

    @property
    def beta(self) -> np.ndarray:
        return self.theta[:self.model.p]

    @property
    def anc(self) -> np.ndarray:
        return self.theta[self.model.p:]

    def nobs(self) -> int:
        if self.spec.fweight is not None:
            return int(round(float(np.sum(np.asarray(self.spec.fweight)[self.used]))))
        return int(np.count_nonzero(self.used))

    def result(self) -> GLMResult:
        with quiet_numerics():
            return self._result()

    def _result(self) -> GLMResult:
        spec, p = self.spec, self.model.p
        fixed = fixed_rows(self.labels, self.beta, self.V[:p, :p], spec.level)
        se_a = np.sqrt(np.maximum(np.diag(self.V)[p:], 0))
        anc_names = self.model.family.anc_names
        anc_rows = ginf.ancillary_rows(anc_names, self.anc, se_a, spec.level)
        if spec.constraints is not None:  # a parameter the constraints fix: b  (constrained)
            fixed, anc_rows = mark_constrained(fixed), mark_constrained(anc_rows)
        df = sum(1 for lab in self.labels if not (lab.base or lab.omitted) and lab.name != "_cons")
        if self.replicate is not None and spec.constraints is None:  # _prefix_model_test: missing when V is singular
            chi2, df, pv = ginf.replicate_model_test(self.labels, self.beta, self.V[:p, :p])
            ctype = "Wald"
        elif spec.constraints is not None:  # ml's wald(1), _prefix_model_test with e(Cns): [R] test, drops kept
            chi2, df, pv = ginf.constrained_model_test(self.labels, self.beta, self.V[:p, :p])
            ctype = "Wald"
        elif self.robust:
            chi2, df, pv = wald_test(self.labels, self.beta, self.V[:p, :p])
            ctype = "Wald"
        else:
            chi2 = max(2 * (self.loglik - self.ll_0), 0.0)
            pv = float(stats.chi2.sf(chi2, df)) if df else float("nan")
            ctype = "LR"
        lr_alpha = None
        if self.ll_poisson is not None and not self.robust and self.replicate is None:
            c = max(2 * (self.loglik - self.ll_poisson), 0.0)
            pp, kind = ginf.chibar_or_chi2(c, 1)
            lr_alpha = LRTestSingle(c, 1, pp, kind, self.ll_poisson, "Poisson",
                                    f"LR test of {anc_names[0][2:]}=0:")
        cmd = spec.command
        y = np.asarray(spec.y)[self.used]
        zero = int(np.sum(y == 0)) if cmd == "cloglog" else None
        result = GLMResult(
            title=GLM_TITLES.get(cmd, "Generalized linear model"), command=cmd, depvar=spec.depvar,
            nobs=self.nobs(), fixed=fixed, fixed_eform=ginf.eform_rows(fixed),
            eform_label=ginf.eform_label(cmd),
            ancillary=anc_rows,
            ancillary_natural=(ginf.natural_ancillary(anc_names, self.anc, se_a, spec.level)
                               if spec.family != "ordinal" else ()),
            loglik=self.loglik, ll_0=self.ll_0, chi2=chi2, chi2_type=ctype, df_m=df, p=pv,
            pseudo_r2=1 - self.loglik / self.ll_0 if self.ll_0 else float("nan"),
            lr_alpha=lr_alpha, level=spec.level, pseudo=(self.robust or self.replicate is not None) and spec.pweight is not None,
            vce="robust" if self.robust else "oim", cluster_var=spec.cluster_var if self.robust else None,
            n_clusters=self.n_clusters, n_zero=zero,
            n_nonzero=None if zero is None else int(len(y) - zero),
            offset_name=spec.offset_name, dispersion=spec.dispersion if spec.family == "nbinomial" else None,
            converged=self.converged,
            iteration_log=IterationLog(tuple(self.phases)), notes=self.notes,
            constraint_labels=spec.constraints.labels if spec.constraints else (),
            vce_label="OPG" if spec.vce == "opg" and not self.robust else None)
        return ginf.with_replicates(result, self.replicate) if self.replicate is not None else result

    def param_names(self) -> list[str]:
        """e(b) column names: ``depvar:x`` ... then ``cut1:_cons`` / ``lnalpha:_cons``."""
        names = [f"{self.spec.depvar}:{lab.name}" for lab in self.labels]
        return names + [f"{n}:_cons" for n in self.model.family.anc_names]

    def e_matrices(self) -> tuple[Matrix, Matrix]:
        names = tuple(self.param_names())
        est = [j for j, lab in enumerate(self.labels) if not (lab.base or lab.omitted)]
        nf = len(self.labels)
        idx = est + list(range(nf, len(names)))
        b = np.zeros(len(names))
        b[idx] = self.theta
        V = np.zeros((len(names), len(names)))
        V[np.ix_(idx, idx)] = self.V
        return Matrix(b[None, :], ("y1",), names), Matrix(V, names, names)

    @property
    def margins_influence_weighted(self) -> bool:
        """The scores below carry the weights: with pweights IF_j = (-H_w)^-1 w_j s_j."""
        return self.spec.pweight is not None

    def margins_influence(self, X=None) -> tuple[np.ndarray, str | None]:
        """Each estimation-sample row's influence on the parameters (vce(unconditional) of
        margins): IF_j = (-H)^-1 s_j, s_j the row's score, in e(b)'s columns (base and
        omitted ones zero); and the cluster variable of a vce(cluster) fit (None: independent
        rows).  Constrained fits are refused."""
        if self.spec.constraints:
            raise StataError("vce(unconditional) not allowed after constrained estimation", 198)
        IF = self.influence_rows
        if IF is None:
            IF = self.model.influence(self.theta)
        names = self.param_names()
        est = [j for j, lab in enumerate(self.labels) if not (lab.base or lab.omitted)]
        idx = est + list(range(len(self.labels), len(names)))
        out = np.zeros((IF.shape[0], len(names)))
        out[:, idx] = IF
        return out, self.spec.cluster_var if self.spec.cluster is not None else None

    def scalars(self) -> dict[str, float]:
        r = self.result()
        # e(k): the parameters of e(b), base and omitted ones too (ml posts colsof(e(b)))
        out = {"N": float(self.nobs()), "ll": self.loglik, "ll_0": self.ll_0, "k": float(len(self.param_names())),
               "df_m": float(r.df_m), "chi2": r.chi2, "p": r.p, "r2_p": r.pseudo_r2,
               "converged": float(self.converged), "rank": float(self._free_parameters())}
        if self.model.family.family == "ordinal":
            out["k_cat"] = float(self.model.family.ncat)
        if self.n_clusters is not None:
            out["N_clust"] = float(self.n_clusters)
        return out

    def _free_parameters(self) -> int:
        """e(rank): the parameters less the independent linear constraints on them."""
        c = self.spec.constraints
        return len(self.theta) - (int(np.linalg.matrix_rank(np.atleast_2d(c.R))) if c is not None and len(c.R)
                                  else 0)

    # ---- predictions on the estimation rows ---------------------------------
    def xb(self, X: np.ndarray | None = None, offset: np.ndarray | None = None) -> np.ndarray:
        X = self.model.X if X is None else X
        off = self.model.offset if offset is None else offset
        return X @ self.beta + off

    def stdp(self, X: np.ndarray | None = None) -> np.ndarray:
        X = self.model.X if X is None else X
        Vb = self.V[:self.model.p, :self.model.p]
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0))

    def mu(self, X: np.ndarray | None = None, offset: np.ndarray | None = None) -> np.ndarray:
        return self.model.family.mean(self.xb(X, offset), self.anc)


def _clusters(spec: GLMSpec, used: np.ndarray) -> np.ndarray | None:
    """0..G-1 cluster codes of the used rows (None: vce(robust), each observation its own cluster)."""
    if spec.cluster is None:
        return None
    return cluster_index(np.asarray(spec.cluster)[used])[0]


def sandwich(H: np.ndarray, S: np.ndarray, codes: np.ndarray | None, fweight: np.ndarray | None = None
             ) -> np.ndarray:
    """(-H)^-1 (c sum_c s_c s_c') (-H)^-1: ``robust.cluster_sandwich`` with the bread from the
    Hessian (S the rows' weighted scores, ``codes`` None for vce(robust))."""
    return cluster_sandwich(invert_negative_hessian(H), S, codes, fweight=fweight)


def fit_glm(spec: GLMSpec) -> GLMFit:
    """Fit ``spec`` by maximum likelihood; see the module docstring."""
    with quiet_numerics():
        return _fit(spec)


def _fit(spec: GLMSpec) -> GLMFit:
    if spec.n == 0:
        raise StataError("no observations", 2000)
    notes: tuple[str, ...] = tuple(check_outcome(spec))
    labels = tuple(spec.coef_labels)
    X = np.asarray(spec.X, float).reshape(spec.n, -1)
    used = np.ones(spec.n, bool)
    if spec.family == "bernoulli" and not spec.asis:
        used, keep_cols, labels, pp_notes = perfect_prediction(spec, X, labels)
        notes += pp_notes
        if not np.all(keep_cols) or not np.all(used):
            import dataclasses
            spec = dataclasses.replace(spec, X=X[:, keep_cols], coef_labels=labels,
                                       constraints=ginf.constraints_on_kept(spec.constraints, keep_cols))
    from .rescaled_fit import in_user_units, rescaled_spec, shifted_design_rescaling

    rescaling = shifted_design_rescaling(spec, used, labels)
    if rescaling is None:
        return _fit_design(spec, used, labels, notes)
    # a regressor near 1e9: fitted on rescaled columns, reported in the user's (glm.rescaled_fit)
    return in_user_units(_fit_design(rescaled_spec(spec, rescaling), used, labels, notes), spec, rescaling)


def _fit_design(spec: GLMSpec, used: np.ndarray, labels: tuple, notes: tuple) -> GLMFit:
    """The fit of ``spec``'s columns (perfect predictors already dropped) over the ``used`` rows."""
    model = GLMModel(spec, rows=np.flatnonzero(used))
    cons = next((j for j, lab in enumerate(_estimable(labels)) if lab.name == "_cons"), None)
    phases = []
    ll_poisson = None
    if spec.family == "nbinomial":
        import dataclasses
        pspec = dataclasses.replace(spec, family="poisson", constraints=None, vce="oim")
        pois = fit_glm(pspec)
        # nbreg.ado: nolrtest under constraints() (and robust, pweights: set where the test is drawn)
        ll_poisson = pois.loglik if spec.constraints is None else None
        phases.append(IterationPhase("Fitting Poisson model:", tuple(pois.phases[-1].steps)))
    theta0, ll_0, steps0 = constant_only(model, cons)
    if spec.family == "nbinomial":
        phases.append(IterationPhase("Fitting constant-only model:", tuple(steps0)))
    from .inference import ConstraintMap
    if spec.constraints is not None and np.shape(spec.constraints.R)[1] != model.k:
        raise StataError("conformability error", 503)
    cmap = ConstraintMap(model.k, *(_constraint_arrays(spec)))
    start = theta0.copy()
    if spec.family == "nbinomial" and len(pois.theta) >= model.p:
        start = nbreg_full_start(model, np.asarray(pois.theta[:model.p], float), theta0, ll_0, cons)
    if spec.start is not None and len(spec.start) == model.k:  # from(): the values given
        start = np.where(np.isfinite(spec.start), spec.start, start)
    gamma0 = cmap.gamma(start)

    def f(gm):
        return model.loglik(cmap.theta(gm))

    def gh(gm):
        t = cmap.theta(gm)
        return cmap.reduced(model.gradient(t), model.hessian(t))

    if cmap.m == 0:  # the constraints fix every parameter: nothing left to maximise
        from .newton import NewtonResult
        res = NewtonResult(np.zeros(0), f(np.zeros(0)), True)
    else:
        res = maximize(f, gh, gamma0, iterate=spec.iterate, tolerance=spec.tolerance,
                       ltolerance=spec.ltolerance, nrtolerance=spec.nrtolerance, record=spec.record)
    theta = cmap.theta(res.x)
    heading = "Fitting full model:" if spec.family == "nbinomial" else ""
    phases.append(IterationPhase(heading, tuple(res.steps), details=_details_over_theta(model, cmap, res.details),
                                 names=_parameter_names(spec, model, labels) if spec.record else ()))
    H = cmap.reduced_hessian(model.hessian(theta))
    robust = spec.vce in ("robust", "cluster") or spec.pweight is not None
    n_clusters = None
    if robust:
        codes = _clusters(spec, used)
        S = cmap.reduced_scores(model.scores(theta))
        V = cmap.vcov(sandwich(H, S, codes, model.w if spec.fweight is not None else None))
        n_clusters = int(codes.max()) + 1 if codes is not None else None
    elif spec.vce == "opg":  # ml's vce(opg): the inverse of the scores' outer product (per unit of weight)
        S = cmap.reduced_scores(model.scores(theta))
        S = S / np.sqrt(model.w)[:, None] if spec.fweight is not None else S
        V = cmap.vcov(invert_negative_hessian(-(S.T @ S)))
    else:
        V = cmap.vcov(invert_negative_hessian(H))
    V = cmap.exactly_fixed(V)
    if cmap.active:  # ml_model.ado: "constraints imply a model Wald test", lf0() dropped: no e(ll_0)
        ll_0 = float("nan")
    if not np.isfinite(res.f):
        raise StataError("initial values not feasible", 1400)
    return GLMFit(spec, model, theta, V, float(res.f), float(ll_0), bool(res.converged), used, labels,
                  notes, phases, n_clusters, robust, ll_poisson, bool(res.limit_reached))


def _details_over_theta(model, cmap, details) -> tuple:
    """The optimiser's records over gamma as b, gradient and negative Hessian over theta."""
    import dataclasses

    out = []
    for d in details:
        t = cmap.theta(d.b)
        out.append(dataclasses.replace(d, b=t, gradient=model.gradient(t), neg_hessian=-model.hessian(t)))
    return tuple(out)


def _parameter_names(spec, model, labels) -> tuple[str, ...]:
    """e(b)'s names of the parameters theta holds (``depvar:x``, then ``cut1:_cons`` ...)."""
    names = [f"{spec.depvar}:{lab.name}" for lab in _estimable(labels)]
    names += [f"{n}:_cons" for n in model.family.anc_names]
    return tuple(names) if len(names) == model.k else tuple(f"b{j + 1}" for j in range(model.k))


def _estimable(labels):
    return [lab for lab in labels if not (lab.base or lab.omitted)]


def _constraint_arrays(spec):
    if spec.constraints is None:
        return None, None
    return spec.constraints.R, spec.constraints.r
