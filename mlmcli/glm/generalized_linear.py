"""``fit_generalized_linear``: glm's maximum-likelihood fit (Newton-Raphson on the observed
information, Stata's default ``ml`` optimization) of g(mu/m) = eta = X b + offset.

Per observation (prior weight w, u = h(eta), mu = m u, V the variance function):
score of b:   s_i = w_i (y_i - mu_i) mu'_i / V_i x_i,                  mu' = m h'(eta)
Hessian:      H = -sum_i w_i [mu'^2/V - (y-mu)(mu''/V - mu'^2 V'/V^2)] x_i x_i'
Newton steps b <- b - H^-1 s (halved while the log likelihood falls) start from one
iteratively-reweighted least-squares step from IRLS's starting mean (when that step's mean
is outside the family's and link's domain: b = 0, else the constant-only mean, else ml's
r(491)); the log likelihood is the family's (``exponential_family``).

vce(opg): V = (sum_i s_i s_i')^-1 with ml's scores s_i = (y-mu) mu'/(phi V) x_i (per unit of
fweight).  Scale phi: 1 for the discrete families, Pearson X2/(N - k) for the continuous ones (Stata's
default ``scale(x2)``), e(phi); ``scale``: "x2" (V scaled by Pearson's X2/(N - k) for every
family) or a number (scale(#): V scaled by it, and e(phi) it for the continuous families; the
discrete ones keep e(phi) = 1, as glm.ado's ``fixme`` step); ``vfactor`` multiplies V.  V = phi (-H)^-1 (``oim``); with vce(robust|cluster) the sandwich
(-H)^-1 (c sum_g S_g S_g') (-H)^-1 with c = N/(N-1) (robust, each observation its own
cluster; fweights: a row is w_i observations) or G/(G-1) (cluster), scores and H at phi = 1
(phi cancels); the meat is ``robust.cluster_sandwich``'s, the other single-level commands' own.
Deviance D = sum w d(y, mu), Pearson X2 = sum w (y-mu)^2/V; AIC = (-2 lnL + 2k)/N,
BIC = D - (N - k) ln N ([R] glm, Methods and formulas).
"""
from __future__ import annotations

import dataclasses
import math

from dataclasses import dataclass, field

import numpy as np

from ..errors import StataError
from ..missing import MAX_DOUBLE, stata_ratio
from ..mixed.inference import fixed_rows
from .exponential_family import Family, Link
from ..robust.cluster_sandwich import cluster_sandwich
from .saturated_mean import STALLED_STEPS, bounded_binomial_mean
from ..ols import depvar_scale, squares


@dataclass
class GeneralizedLinearFit:
    depvar: str
    labels: tuple
    family: Family
    link: Link
    beta: np.ndarray
    V: np.ndarray
    y: np.ndarray
    mu: np.ndarray
    w: np.ndarray
    nobs: float
    loglik: float
    deviance: float
    pearson: float
    phi: float
    vce: str
    level: float
    offset_name: str | None = None
    cluster_var: str | None = None
    n_clusters: int | None = None
    iterations: list = field(default_factory=list)  # (iteration, log likelihood, note)
    converged: bool = True
    limit_reached: bool = False  # not converged because ``iterate`` was reached
    nbml: bool = False  # family(nbinomial ml): k estimated by nbreg first (e(nbml))
    scale: object = None  # scale() as typed: None, "x2" or the number's text
    vfactor: float = 1.0
    vce_label: str | None = None  # over Std. Err. under vce(bootstrap|jackknife|jackknife1) (e(vcetype))
    df_r: float | None = None  # jackknife's e(df_r): t statistics
    n_reps: int | None = None  # the replicates that fit (e(N_reps))
    mse: bool = False  # jackknife's mse
    pseudo: bool = False  # pweights under vce(bootstrap|jackknife): a log pseudolikelihood, as the fit's
    free: int | None = None  # under constraints(): the free parameters, e(rank) (glm.ado's k)
    constraints: object = None  # constraints(): glm.spec.LinearConstraints over the estimable coefficients
    irls_deviances: list | None = None  # glm, irls: the deviance at each iteration (None: ML)
    disp: float = 1.0  # glm, irls: disp(#)
    robust_bread: np.ndarray | None = None  # the sandwich's bread (-H)^-1 (irls: the EIM's inverse, robust fits only)
    robust_scores: np.ndarray | None = None  # each row's score (weights included): margins' influence
    weight_kind: str | None = None  # fweight, pweight, aweight, iweight (the command's)
    irls_leverage: np.ndarray | None = None  # glm, irls: glm.ado's h (vce(unbiased|jackknife1))
    fitted_metric: object = None  # a fit on shifted columns in its own metric (glm.rescaled_fit)
    influence_rows: np.ndarray | None = None  # such a fit's rows' S' B' T' (margins, svy: S B cancels)

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units); after
        vce(bootstrap|jackknife) the replicates' V there (``replicate_metric``)."""
        return self.fitted_metric

    @property
    def constraint_labels(self) -> tuple:
        """`` ( 1)  [y]x1 - [y]x2 = 0``: the constraints' lines over the table."""
        return self.constraints.labels if self.constraints is not None else ()

    @property
    def k(self) -> int:
        """glm.ado's k = e(rank): the coefficients, less the constraints' rank."""
        return len(self.beta) if self.free is None else self.free

    @property
    def df(self) -> float:
        return self.nobs - self.k

    @property
    def aic(self) -> float:
        return (-2 * self.loglik + 2 * self.k) / self.nobs

    @property
    def bic(self) -> float:
        return self.deviance - self.df * np.log(self.nobs)

    def rows(self, level: float | None = None):
        if self.df_r is not None:  # jackknife: t on e(df_r)
            from mlmcli.postest.coefficient_rows import rows_from_estimates

            return rows_from_estimates(self.labels, self.beta, self.V, self.level if level is None else level,
                                       self.df_r)
        rows = fixed_rows(self.labels, self.beta, self.V, self.level if level is None else level)
        if self.constraint_labels:  # a coefficient the constraints fix: b  (constrained)
            from mlmcli.postest.ml_constraints import mark_constrained

            rows = mark_constrained(rows)
        return rows

    # ---- predictions (glim_p) on the data in memory -------------------------------
    def mean(self, eta: np.ndarray, m: np.ndarray) -> np.ndarray:
        return link_scale(self.link, m) * self.link.inverse(eta)[0]

    def predict(self, statistic: str, X: np.ndarray, offset: np.ndarray, y: np.ndarray,
                m: np.ndarray) -> np.ndarray:
        """mu, xb (eta), stdp, response, pearson, deviance, working, score (module docstring)."""
        xb = X @ self.beta + offset
        if statistic == "xb":
            return xb
        if statistic == "stdp" and self.fitted_metric is not None:  # fitted on shifted columns: there
            return self.fitted_metric.prediction_se(X, [j for j, lab in enumerate(self.labels)
                                                        if not (lab.base or lab.omitted)])
        if statistic == "stdp":
            return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, self.V, X), 0))
        h, dh, _ = self.link.inverse(xb)
        s = link_scale(self.link, m)
        mu = s * h
        if statistic == "mu":
            return mu
        fam = self.family if self.family.m is None else Family(self.family.name, m, self.family.m_label,
                                                                 self.family.k)
        with np.errstate(invalid="ignore", divide="ignore"):
            if statistic == "response":
                return y - mu
            if statistic == "pearson":
                return (y - mu) / np.sqrt(fam.variance(mu))
            if statistic == "deviance":
                return np.sign(y - mu) * np.sqrt(np.maximum(fam.unit_deviance(y, mu), 0))
            if statistic == "working":
                return (y - mu) / (s * dh)
            if statistic == "score":
                return (y - mu) * s * dh / fam.variance(mu)
        raise StataError(f"option {statistic} not allowed", 198)

    # ---- margins hook (``glm_margins``) -------------------------------------------
    @property
    def margins_influence_weighted(self) -> bool:
        """The scores carry the weights: with pweights IF_j = (-H_w)^-1 w_j s_j."""
        return self.weight_kind == "pweight"

    def margins_influence(self, X=None) -> tuple[np.ndarray, str | None]:
        """vce(unconditional) of margins: each row's influence on e(b), IF_j = B s_j with B the
        robust sandwich's bread (ML: (-H)^-1; IRLS: the EIM's inverse) and s_j the row's score
        w_j (y_j - mu_j) mu'_j / V_j x_j, in e(b)'s columns (base and omitted ones zero); and the
        cluster variable of a vce(cluster) fit."""
        if self.constraints is not None:
            raise StataError("vce(unconditional) not allowed after constrained estimation", 198)
        if self.robust_scores is None or self.robust_bread is None:
            raise StataError("vce(unconditional) not allowed after glm", 198)
        IF = self.influence_rows if self.influence_rows is not None else self.robust_scores @ self.robust_bread
        est = [j for j, lab in enumerate(self.labels) if not (lab.base or lab.omitted)]
        out = np.zeros((IF.shape[0], len(self.labels)))
        out[:, est] = IF
        return out, self.cluster_var if self.vce == "cluster" else None

    def margins_prediction(self, options: str):
        from .glm_margins import glm_margins_prediction
        return glm_margins_prediction(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from .glm_margins import glm_margins_variables
        return glm_margins_variables(self)


def link_scale(link: Link, m: np.ndarray) -> np.ndarray:
    """What the inverse link's value is multiplied by to give the mean: the binomial denominators
    (h acts on mu/m), except under the nbinomial link, whose glim_l04 maps the mean itself --
    mu = (1/k)/(exp(-eta) - 1) whatever the family, its denominator aside."""
    return np.ones_like(m) if link.name == "nbinomial" else m


def step_quantities(fam: Family, link: Link, X, y, m, off, w, beta):
    """(eta, mu, dmu/deta, d2mu/deta2, V(mu)) at beta; a binomial mean bounded as glim_mu does
    (``saturated_mean``)."""
    eta = X @ beta + off
    h, dh, d2h = link.inverse(eta)
    s = link_scale(link, m)
    mu, d1, d2 = bounded_binomial_mean(fam, link, s * h, s * dh, s * d2h, m, s)
    V = fam.variance(mu)
    return eta, mu, d1, d2, V


def _loglik(fam, y, mu, w) -> float:
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # y near 1e307: missing
        v = fam.loglik(y, mu, w)
    return v if np.isfinite(v) else -np.inf


def _valid_mean(fam: Family, mu: np.ndarray, m: np.ndarray) -> bool:
    if not np.all(np.isfinite(mu)):
        return False
    if fam.name == "binomial":
        return bool(np.all((mu > 0) & (mu < m)))
    if fam.name != "gaussian":
        return bool(np.all(mu > 0))
    return True


def _unbounded_feasible(fam: Family, link: Link, y, m, w, eta) -> bool:
    """ln L finite at the mean before glim_mu's bound (``saturated_mean``)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return bool(np.isfinite(_loglik(fam, y, link_scale(link, m) * link.inverse(eta)[0], w)))


def _irls_start(fam: Family, link: Link, X, y, m, off, w, cmap=None) -> np.ndarray:
    """One IRLS step from the starting mean: weighted least squares of the working response
    (under constraints, glm.ado's cnsreg: b = theta0 + N gamma, gamma by least squares)."""
    mu = fam.starting_mean(y)
    s = link_scale(link, m)
    u = mu / s
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # y near 1e307, mean 0: checked just below
        eta = link.link(u)
        _, dh, _ = link.inverse(eta)
        d1 = s * dh
        z = eta - off + (y - mu) / d1
        W = w * d1 ** 2 / fam.variance(mu)
        sw = np.sqrt(np.maximum(W, 0))
    if not (np.all(np.isfinite(sw)) and np.all(np.isfinite(z))):  # the link undefined at the start: b = 0
        return np.zeros(X.shape[1]) if cmap is None else cmap.theta(np.zeros(cmap.m))
    if cmap is None:
        return np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)[0]
    gamma = np.linalg.lstsq((X @ cmap.N) * sw[:, None], (z - X @ cmap.theta0) * sw, rcond=None)[0]
    return cmap.theta(gamma)


def _constrained_solve(H: np.ndarray, g: np.ndarray, cmap) -> np.ndarray:
    """The Newton step N (N'HN)^-1 N'g within the constraints (``cmap``; N = I without them)."""
    b, A = cmap.reduced(g, H)
    try:
        return cmap.lifted(np.linalg.solve(A, b))
    except np.linalg.LinAlgError:
        return cmap.lifted(np.linalg.lstsq(A, b, rcond=None)[0])


def _intercept_start(fam: Family, link: Link, X, y, m, w) -> np.ndarray | None:
    """The constant-only mean, b = (0, ..., g(mean y / m)): inside the mean's domain for every
    link when the IRLS step is not (e.g. power -2 with a negative eta somewhere); None
    without a constant column."""
    ones = np.flatnonzero(np.all(X == 1, axis=0))
    if not len(ones):
        return None
    u = np.average(fam.starting_mean(y) / m, weights=w)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = link.link(np.array([u]))[0]
    if not np.isfinite(g):
        return None
    beta = np.zeros(X.shape[1])
    beta[ones[0]] = g
    return beta


def _feasible_start(fam: Family, link: Link, X, y, m, off, w):
    """The IRLS step's b when its mean is valid, else b = 0, else the constant-only b;
    (b, step quantities), or r(491) when none of them is inside the mean's domain."""
    tried = [_irls_start(fam, link, X, y, m, off, w), np.zeros(X.shape[1]),
             _intercept_start(fam, link, X, y, m, w)]
    for beta in tried:
        if beta is None:
            continue
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            quantities = step_quantities(fam, link, X, y, m, off, w, beta)
        if _valid_mean(fam, quantities[1], m):
            return beta, quantities
    raise StataError("could not find feasible values", 491)


def fit_generalized_linear(depvar, labels, X, y, family: Family, link: Link, **options) -> GeneralizedLinearFit:
    """The fit (``_fit_generalized_linear``).  A Gaussian identity-link model of a depvar past
    2^480 (values near 1e307, whose squares pass the largest double) is fitted as y / 2^j
    (the offset, constraints' r and from() too) and scaled back -- b, its SEs and mu times
    2^j, ln L less sum(w) ln 2^j; V, the deviance, Pearson's X2 and phi past the largest
    double missing -- as regress's fit_ols does.  A regressor near 1e9: fitted on shifted columns
    (``rescaled_fit.glm_on_shifted_columns``)."""
    from .rescaled_fit import glm_on_shifted_columns

    return glm_on_shifted_columns(_fit_depvar_scaled, depvar, labels, X, y, family, link, **options)


def _fit_depvar_scaled(depvar, labels, X, y, family: Family, link: Link, **options) -> GeneralizedLinearFit:
    y = np.asarray(y, float)
    k = depvar_scale(y)
    if k == 1.0 or family.name != "gaussian" or link.name != "identity" or options.get("scale") not in (None, "x2"):
        return _fit_generalized_linear(depvar, labels, X, y, family, link, **options)
    scaled = dict(options)
    if options.get("offset") is not None:
        scaled["offset"] = np.asarray(options["offset"], float) / k
    if options.get("constraints") is not None:
        R, r = options["constraints"]
        scaled["constraints"] = (R, None if r is None else np.asarray(r, float) / k)
    if options.get("start") is not None:
        scaled["start"] = np.asarray(options["start"], float) / k
    fit = _fit_generalized_linear(depvar, labels, X, y / k, family, link, **scaled)
    shift = float(np.sum(fit.w)) * math.log(k)
    with np.errstate(over="ignore", invalid="ignore"):
        V = fit.V * k * k
    return dataclasses.replace(
        fit, beta=fit.beta * k, V=np.where(np.abs(V) <= MAX_DOUBLE, V, np.nan), y=y, mu=fit.mu * k,
        loglik=fit.loglik - shift, deviance=squares(fit.deviance, k), pearson=squares(fit.pearson, k),
        phi=squares(fit.phi, k), iterations=[(i, ll - shift, note) for i, ll, note in fit.iterations],
        robust_scores=None if fit.robust_scores is None else fit.robust_scores * k)  # IF = S B scales as b


def fit_inputs(X, y, family: Family, link: Link, offset, weight):
    """(X, offset, weights, denominators, link) as the fits take them, the outcome checked; the
    nbinomial link reads the family's k (glim_l04; nbinomial ml's too)."""
    n = len(y)
    X = np.asarray(X, float).reshape(n, -1)
    off = np.zeros(n) if offset is None else np.asarray(offset, float)
    w = np.ones(n) if weight is None else np.asarray(weight, float)
    family.check_outcome(y)
    if link.name == "nbinomial" and family.name == "nbinomial":
        link = dataclasses.replace(link, k=family.k)
    return X, off, w, family.denominators(n), link


def _fit_generalized_linear(depvar, labels, X, y, family: Family, link: Link, *, offset=None, weight=None,
                           pweight: bool = False, vce: str = "oim", cluster=None, cluster_var=None,
                           level: float = 95.0, offset_name=None, iterate: int = 300,
                           tolerance: float = 1e-6, ltolerance: float = 1e-7, scale=None,
                           vfactor: float = 1.0, constraints=None, start=None,
                           nrtolerance: float = 1e-5) -> GeneralizedLinearFit:
    """``constraints``: (R, r), R b = r imposed as ml does (b = theta0 + N gamma, V = N (N'(-H)N)^-1 N');
    ``start``: ml's init() from glm's from() (nan entries 0: glm hands ml init() with search(off)),
    moved onto the constraints."""
    from .inference import ConstraintMap

    n = len(y)
    X, off, w, m, link = fit_inputs(X, y, family, link, offset, weight)
    cmap = ConstraintMap(X.shape[1], *(constraints if constraints is not None else (None, None)))
    if start is not None:
        beta = cmap.theta(cmap.gamma(np.nan_to_num(np.asarray(start, float))))
        eta, mu, d1, d2, V = step_quantities(family, link, X, y, m, off, w, beta)
    elif cmap.active:
        beta = _irls_start(family, link, X, y, m, off, w, cmap)
        eta, mu, d1, d2, V = step_quantities(family, link, X, y, m, off, w, beta)
        if not (_valid_mean(family, mu, m) and _unbounded_feasible(family, link, y, m, w, eta)):
            # the IRLS step left the mean's domain (or reached its bounds where y is not): b = 0
            beta = cmap.theta(np.zeros(cmap.m))
            eta, mu, d1, d2, V = step_quantities(family, link, X, y, m, off, w, beta)
    else:
        beta, (eta, mu, d1, d2, V) = _feasible_start(family, link, X, y, m, off, w)
    ll = _loglik(family, y, mu, w)
    if cmap.active and not _unbounded_feasible(family, link, y, m, w, eta):
        # the constraints hold the start where the mean leaves its range (x1 = 1e300 under a
        # probit link: mu 0 or 1, ln L missing before the bound): ml's check of the initial values
        raise StataError("initial values not feasible", 1400)
    if not np.isfinite(ll) and depvar_scale(y) != 1.0:
        # a depvar near 1e307 outside the scaled Gaussian identity fit: ln L at the start is past
        # the largest double, which ml refuses (mlm's reading of ml's check; Stata's run not seen)
        raise StataError("initial values not feasible", 1400)
    log = [(0, ll, "")]
    # glm.ado: Gaussian with the identity link and no offset starts at the least-squares
    # optimum and hands ml iterate(0) nowarning -- one log line, e(converged) = 1
    exact_start = family.name == "gaussian" and link.name == "identity" and offset is None
    if exact_start:
        iterate = 0
    converged = exact_start
    limit = True  # unless a step fails below (or the iterations converge)
    stalled = 0  # backed-up steps in a row that did not raise ln L
    for it in range(1, iterate + 1):
        r = y - mu
        g = X.T @ (w * r * d1 / V)
        Vd = family.variance_derivative(mu)
        curv = w * (d1 ** 2 / V - r * (d2 / V - d1 ** 2 * Vd / V ** 2))
        H = X.T @ (X * curv[:, None])
        note = ""
        if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g))):  # overflow: a failure, r(430)
            limit = False
            break
        step = _constrained_solve(H, g, cmap)
        if np.any(np.linalg.eigvalsh(cmap.reduced_hessian((H + H.T) / 2)) <= 0):  # not concave: a scoring step instead
            Hf = X.T @ (X * (w * d1 ** 2 / V)[:, None])
            step = _constrained_solve(Hf, g, cmap)
            note = "(not concave)"
        t, new = 1.0, None
        for _ in range(60):
            cand = beta + t * step
            e2, mu2, *_ = step_quantities(family, link, X, y, m, off, w, cand)
            if _valid_mean(family, mu2, m):
                ll2 = _loglik(family, y, mu2, w)
                if ll2 >= ll - 1e-12 * abs(ll):
                    new = (cand, ll2)
                    break
            t /= 2
        if new is None:
            limit = False  # no step raises the likelihood: a failure, not the limit
            break
        change = np.max(np.abs(new[0] - beta) / (np.abs(beta) + 1))
        dll = abs(new[1] - ll) / (abs(ll) + 1)
        # ml's rule needs g'(-H)^-1 g <= nrtolerance too (at the step's start, as glm.newton takes it):
        # a loose tolerance() alone does not stop ml early
        nr = float(g @ step) if not note else np.inf
        stalled = stalled + 1 if t < 1 and not new[1] > ll else 0
        beta, ll = new
        eta, mu, d1, d2, V = step_quantities(family, link, X, y, m, off, w, beta)
        log.append((it, ll, note if note else ("(backed up)" if t < 1 else "")))
        if (change < tolerance or dll < ltolerance) and nr <= nrtolerance:
            converged = True
            break
        if stalled >= STALLED_STEPS:  # the steps get nowhere: a failure, r(430), not the limit
            limit = False
            break
    r = y - mu
    Vd = family.variance_derivative(mu)
    curv = w * (d1 ** 2 / V - r * (d2 / V - d1 ** 2 * Vd / V ** 2))
    negH = X.T @ (X * curv[:, None])
    try:
        inv = cmap.vcov(np.linalg.inv(cmap.reduced_hessian(negH)))
    except np.linalg.LinAlgError:
        raise StataError("Hessian is not negative semidefinite", 430) from None
    nobs = float(np.sum(w)) if not pweight else float(n)
    dev = float(np.sum(w * family.unit_deviance(y, mu)))
    pearson = float(np.sum(w * r ** 2 / V))
    k = cmap.m  # e(rank): the coefficients less the constraints
    phi = 1.0 if family.discrete else stata_ratio(pearson, nobs - k)  # nobs = k: missing
    v_factor = phi  # what V = v_factor (-H)^-1 is scaled by (glm.ado: phi, or its fixme factor)
    if scale == "x2":  # scale(x2): Pearson's X2 / (N - k) for every family
        v_factor = stata_ratio(pearson, nobs - k)
    elif scale is not None:  # scale(#): e(phi) # for the continuous families, 1 for the discrete
        v_factor = float(scale)
        phi = phi if family.discrete else v_factor
    n_clusters = None
    # each row's score and (-H)^-1 (phi cancels in their product): margins' influence, svy's too
    robust = (inv, X * (w * r * d1 / V)[:, None])
    if vce == "oim":
        Vb = v_factor * inv
    elif vce == "opg":  # glm's vce(opg): ml's scores (glim_lf: w (y-mu) mu'/(phi V) x), one per unit of fweight
        S = X * (w * r * d1 / V)[:, None] / phi
        S = S / np.sqrt(w)[:, None] if weight is not None else S
        try:
            # N'S'S N as (N'S')S then N: S'S as one product of two arrays (not numpy's S.T @ S
            # of one, which BLAS's syrk sums in another order), the same bits as N = I's product
            info = cmap.reduced_scores(cmap.reduced_gradient(S.T) @ S)
            Vb = cmap.vcov(np.linalg.inv(info))
        except np.linalg.LinAlgError:
            raise StataError("Hessian is not negative semidefinite", 430) from None
    else:
        S = X * (w * r * d1 / V)[:, None]
        codes = np.asarray(cluster) if vce == "cluster" else None
        n_clusters = int(codes.max()) + 1 if codes is not None else None
        Vb = cluster_sandwich(inv, S, codes, fweight=w if weight is not None and not pweight else None)
    Vb = cmap.exactly_fixed(vfactor * Vb)  # vfactor(#)
    return GeneralizedLinearFit(depvar, tuple(labels), family, link, beta, (Vb + Vb.T) / 2, y, mu, w, nobs, ll,
                                dev, pearson, phi, vce, level, offset_name, cluster_var, n_clusters, log,
                                converged, limit and not converged, scale=scale, vfactor=vfactor,
                                free=k if cmap.active else None, robust_bread=robust[0], robust_scores=robust[1])


def estimated_nbinomial_k(X, y, labels, *, offset=None, weight=None, pweight: bool = False,
                          iterate: int = 300, constraints=None) -> float:
    """``family(nbinomial ml)``: glm.ado first fits ``nbreg`` (NB2, mean dispersion) on the same
    terms, offset and weights and takes its e(alpha) as the k of the glm fit (``labels``: the
    coefficients' ``CoefLabel`` s, the constant named _cons); ``constraints``: glm's
    constraints(), which glm.ado hands nbreg in its ml options (``LinearConstraints`` over b and
    ln alpha)."""
    from .fit import fit_glm
    from .spec import GLMSpec

    spec = GLMSpec(depvar="y", y=np.asarray(y, float), X=np.asarray(X, float), coef_labels=tuple(labels),
                   family="nbinomial", link="log", offset=offset, fweight=None if pweight else weight,
                   pweight=weight if pweight else None, iterate=iterate, constraints=constraints)
    fit = fit_glm(spec)
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
    return float(np.exp(fit.anc[0]))
