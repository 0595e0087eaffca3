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
from ..results.glmm import GLM_TITLES, GLMResult, IterationLog, IterationPhase, IterationStep, LRTestSingle
from ..results.matrix import Matrix
from . import inference as ginf
from .family import Family
from .gamma_family import gamma_logs_start
from .newton import maximize
from .predictions import GLMPredictions
from .separation import check_outcome, perfect_prediction
from .spec import GLMSpec


def make_family(spec) -> Family:
    ncat = len(spec.categories) if spec.family == "ordinal" else 0
    return Family(spec.family, spec.link, np.asarray(spec.y, float),
                  None if spec.trials is None else np.asarray(spec.trials, float),
                  spec.dispersion, ncat)


def ancillary_start(family: Family, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Constant-only values of the ancillary parameters (cutpoints at the cumulative
    proportions; ln alpha = ln delta = 0; ln sigma = ln sd(y))."""
    if family.family == "ordinal":
        k = np.asarray(y, np.int64)
        cum = np.cumsum(np.bincount(k, weights=w, minlength=family.ncat + 1)[1:])[:-1] / w.sum()
        cum = np.clip(cum, 1e-6, 1 - 1e-6)
        if family.link == "logit":
            return np.log(cum / (1 - cum))
        if family.link == "probit":
            return stats.norm.ppf(cum)
        return np.log(-np.log1p(-cum))
    if family.family == "nbinomial":
        return np.array([0.0])
    if family.family == "gamma":
        return np.array([gamma_logs_start(y, w)])
    if family.family == "gaussian":
        m = np.average(y, weights=w)
        return np.array([0.5 * np.log(max(np.average((y - m) ** 2, weights=w), 1e-300))])
    return np.zeros(0)


def inverse_link(link: str, p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    if link == "logit":
        return float(np.log(p / (1 - p)))
    if link == "probit":
        return float(stats.norm.ppf(p))
    return float(np.log(-np.log1p(-p)))


class GLMModel:
    """The log likelihood of a GLM spec as a function of theta = (beta, alpha)."""

    def __init__(self, spec: GLMSpec, family: Family | None = None, rows: np.ndarray | None = None):
        self.spec = spec
        n = spec.n
        self.rows = np.arange(n) if rows is None else rows
        fam = family or make_family(spec)
        self.family = fam if rows is None else fam.subset(self.rows)
        self.X = np.asarray(spec.X, float).reshape(n, -1)[self.rows]
        self.offset = (np.zeros(len(self.rows)) if spec.offset is None
                       else np.asarray(spec.offset, float)[self.rows])
        w = spec.obs_weights()
        self.w = np.ones(len(self.rows)) if w is None else w[self.rows]
        self.p = self.X.shape[1]
        self.m = self.family.n_anc
        self.k = self.p + self.m

    def eta(self, theta):
        # the latest x b kept for the same coefficients bit for bit: an iteration asks for it at
        # one b five times (the value, the gradient, the Hessian and the ancillary parameters'
        # differenced gradients, which move only those); callers do not write into it
        b = np.asarray(theta[:self.p], float)
        key = b.tobytes()
        if getattr(self, "_eta_key", None) != key:
            self._eta_value, self._eta_key = self.X @ b + self.offset, key
        return self._eta_value

    def obs_loglik(self, theta) -> np.ndarray:
        return self.w * self.family.logf(self.eta(theta), theta[self.p:])

    def loglik(self, theta) -> float:
        v = float(np.sum(self.obs_loglik(theta)))
        return v if np.isfinite(v) else -np.inf

    def scores(self, theta) -> np.ndarray:
        """n x k per-observation gradient contributions."""
        eta = self.eta(theta)
        anc = theta[self.p:]
        (d1,) = self.family.derivs(eta, anc, 1)
        S = np.zeros((len(eta), self.k))
        S[:, :self.p] = self.X * (self.w * d1)[:, None]
        for idx, val in self.family.dlogf_danc(eta, anc):
            ok = idx >= 0
            S[np.flatnonzero(ok), self.p + idx[ok]] += (self.w * val)[ok]
        return S

    def gradient(self, theta) -> np.ndarray:
        eta = self.eta(theta)
        anc = theta[self.p:]
        (d1,) = self.family.derivs(eta, anc, 1)
        g = np.zeros(self.k)
        g[:self.p] = self.X.T @ (self.w * d1)
        for idx, val in self.family.dlogf_danc(eta, anc):
            weights, ok = self.w * val, idx >= 0
            if not ok.all():  # (all of them: nbreg's ln alpha, the same sums without the copies)
                idx, weights = idx[ok], weights[ok]
            g[self.p:] += np.bincount(idx, weights=weights, minlength=self.m)
        return g

    def hessian(self, theta) -> np.ndarray:
        if self.family.family == "ordinal":
            return self.ordinal_hessian(theta)
        eta = self.eta(theta)
        d1, d2 = self.family.derivs(eta, theta[self.p:], 2)
        H = np.zeros((self.k, self.k))
        H[:self.p, :self.p] = (self.X * (self.w * d2)[:, None]).T @ self.X
        for j in range(self.p, self.k):  # rows of the ancillary parameters: differences of the gradient
            h = 1e-5 * (1 + abs(theta[j]))
            e = np.zeros(self.k)
            e[j] = h
            col = (self.gradient(theta + e) - self.gradient(theta - e)) / (2 * h)
            H[:, j] = col
            H[j, :] = col
        return H

    def ordinal_hessian(self, theta) -> np.ndarray:
        """Analytic Hessian of an ordinal model.  With l = ln(F(a) - F(c)), a = kappa_y - eta,
        c = kappa_{y-1} - eta, P = F(a) - F(c), g_a = f(a)/P, g_c = f(c)/P, h = f'/P:
        l_aa = h_a - g_a^2, l_cc = -h_c - g_c^2, l_ac = g_a g_c; eta enters a and c with
        -1, kappa_y a and kappa_{y-1} c with +1."""
        eta = self.eta(theta)
        kappa = theta[self.p:]
        P, fa, fc, _, _ = self.family._ordinal_pieces(eta, kappa)
        ga, gc, ha, hc = fa[0] / P, fc[0] / P, fa[1] / P, fc[1] / P
        laa, lcc, lac = ha - ga * ga, -hc - gc * gc, ga * gc
        w = self.w
        k = self.family._k
        m = self.m
        upper = np.where(k < self.family.ncat, k - 1, -1)
        lower = np.where(k > 1, k - 2, -1)
        H = np.zeros((self.k, self.k))
        p = self.p
        H[:p, :p] = (self.X * (w * (laa + 2 * lac + lcc))[:, None]).T @ self.X
        for slot, val in ((upper, -(laa + lac)), (lower, -(lac + lcc))):
            ok = slot >= 0
            for j in range(p):
                H[j, p:] += np.bincount(slot[ok], weights=(w * val * self.X[:, j])[ok], minlength=m)
        H[p:, :p] = H[:p, p:].T
        for slot, val in ((upper, laa), (lower, lcc)):
            ok = slot >= 0
            H[np.arange(p, self.k), np.arange(p, self.k)] += np.bincount(slot[ok], weights=(w * val)[ok],
                                                                         minlength=m)
        both = (upper >= 0) & (lower >= 0)
        off = np.bincount(upper[both], weights=(w * lac)[both], minlength=m)[1:]
        idx = np.arange(p + 1, self.k)
        H[idx, idx - 1] += off
        H[idx - 1, idx] += off
        return H

    def grad_hess(self, theta):
        return self.gradient(theta), self.hessian(theta)


def constant_only(model: GLMModel, cons_col: int | None) -> tuple[np.ndarray, float, list[IterationStep]]:
    """theta of the constant-only model (ancillary parameters free) and its log likelihood."""
    spec, fam = model.spec, model.family
    theta = np.zeros(model.k)
    theta[model.p:] = ancillary_start(fam, fam.y, model.w)
    if cons_col is None and model.m == 0:
        return theta, model.loglik(theta), []
    # sub-model on [_cons] + ancillary
    free = ([cons_col] if cons_col is not None else []) + list(range(model.p, model.k))
    if cons_col is not None:
        if fam.family in ("bernoulli", "binomial"):
            pbar = np.sum(model.w * fam.y) / np.sum(model.w * fam.trials)
            theta[cons_col] = inverse_link(spec.link, pbar)
        elif fam.family in ("poisson", "nbinomial", "gamma"):
            theta[cons_col] = float(np.log(max(np.sum(model.w * fam.y), 1e-300)
                                           / np.sum(model.w * np.exp(model.offset))))
        elif fam.family == "gaussian":
            theta[cons_col] = float(np.average(fam.y - model.offset, weights=model.w))

    def f(z):
        t = theta.copy()
        t[free] = z
        return model.loglik(t)

    def gh(z):
        t = theta.copy()
        t[free] = z
        return model.gradient(t)[free], model.hessian(t)[np.ix_(free, free)]

    res = maximize(f, gh, theta[free], iterate=200)
    theta[free] = res.x
    return theta, res.f, res.steps


def nbreg_full_start(model: GLMModel, poisson_b: np.ndarray, theta0: np.ndarray, ll_0: float,
                     cons_col: int | None) -> np.ndarray:
    """nbreg.ado's start of the full model.  With a constant: the Poisson coefficients with the
    constant moved so that the (weighted) mean of x b, offset aside, is the constant-only
    model's constant, and that model's ln alpha (ln delta), if their log likelihood beats the
    constant-only model's; else the constant-only estimates (slopes 0).  noconstant: the
    Poisson coefficients and ln alpha (ln delta) 0."""
    if cons_col is None:
        return np.r_[poisson_b, np.zeros(model.m)]
    if model.p <= 1:
        return theta0.copy()
    b = poisson_b.copy()
    b[cons_col] += theta0[cons_col] - float(np.average(model.X @ b, weights=model.w))
    moved = np.r_[b, theta0[model.p:]]
    ll = model.loglik(moved)
    return moved if np.isfinite(ll) and ll > ll_0 else theta0.copy()


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
        S = self.model.scores(self.theta)
        IF = S @ invert_negative_hessian(self.model.hessian(self.theta))
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
    _, codes = np.unique(np.asarray(spec.cluster)[used], return_inverse=True)
    return codes


def sandwich(H: np.ndarray, S: np.ndarray, codes: np.ndarray | None, fweight: np.ndarray | None = None
             ) -> np.ndarray:
    """(-H)^-1 (c sum_c s_c s_c') (-H)^-1 (the meat: ``robust_meat``)."""
    B = invert_negative_hessian(H)
    return B @ robust_meat(S, codes, fweight) @ B


def robust_meat(S: np.ndarray, codes: np.ndarray | None, fweight: np.ndarray | None = None) -> np.ndarray:
    """c sum_c s_c s_c', S the rows' weighted scores (w_i s_i).

    ``codes``: cluster codes 0..G-1, s_c the clusters' sums of S and c = G/(G-1) (the same
    with fweights: a cluster's sum is that of its expanded rows).  ``codes`` None
    (vce(robust)): each observation its own cluster, c = N/(N-1); with ``fweight`` a row stands
    for w_i observations of score s_i, so the meat is sum_i w_i s_i s_i' = sum_i S_i S_i' / w_i
    and N = sum w ([U] 20.23.1), not (w_i s_i)(w_i s_i)' over the rows (pweights' meat)."""
    if codes is not None:
        G = int(codes.max()) + 1 if len(codes) else 0
        Sc = np.zeros((G, S.shape[1]))
        np.add.at(Sc, codes, S)
        meat, n = Sc.T @ Sc, float(G)
    elif fweight is not None:
        w = np.asarray(fweight, float)
        unit = np.divide(S, w[:, None], out=np.zeros_like(S), where=w[:, None] > 0)
        meat, n = unit.T @ S, float(w.sum())
    else:
        meat, n = S.T @ S, float(len(S))
    return (n / (n - 1)) * meat if n > 1 else np.full((S.shape[1],) * 2, np.nan)


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
        return cmap.N.T @ model.gradient(t), cmap.N.T @ model.hessian(t) @ cmap.N

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
    H = cmap.N.T @ model.hessian(theta) @ cmap.N
    robust = spec.vce in ("robust", "cluster") or spec.pweight is not None
    n_clusters = None
    if robust:
        codes = _clusters(spec, used)
        S = model.scores(theta) @ cmap.N
        V = cmap.vcov(sandwich(H, S, codes, model.w if spec.fweight is not None else None))
        n_clusters = int(codes.max()) + 1 if codes is not None else None
    elif spec.vce == "opg":  # ml's vce(opg): the inverse of the scores' outer product (per unit of weight)
        S = model.scores(theta) @ cmap.N
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
