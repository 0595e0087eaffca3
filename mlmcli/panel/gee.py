"""Generalized estimating equations (Liang and Zeger 1986): the population-averaged model
of ``xtgee`` (and ``xtreg, pa``, ``xtlogit, pa``, ``xtpoisson, pa``).

For panel i with responses y_i, mean mu_i = g^{-1}(X_i b), variance phi v(mu_i) and working
correlation R(alpha), beta solves

    sum_i D_i' V_i^{-1} (y_i - mu_i) = 0,   D_i = diag(dmu/deta) X_i,   V_i = A_i^{1/2} R_i A_i^{1/2},
    A_i = diag(v(mu_i)),

by Fisher scoring from the independence (GLM) fit, re-estimating phi and alpha from the Pearson
residuals r_it = (y_it - mu_it)/sqrt(v(mu_it)) at each step ([XT] xtgee, Methods and formulas):

    phi = sum r_it^2 / N     (N - p with nmp)

and the working correlation's estimators of ``mlmcli.panel.gee_structures``.  Families and
links are glm's (``mlmcli.glm.exponential_family``): mu = m h(eta) with m the binomial
denominators, variance function V(mu).

The conventional variance is phi (sum D_i' V_i^{-1} D_i)^{-1}; the robust (semirobust)
variance is the sandwich H^{-1} [sum_i D_i' V_i^{-1} e_i e_i' V_i^{-1} D_i] H^{-1} with
e_i = y_i - mu_i and H = sum D_i' V_i^{-1} D_i.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli.glm.exponential_family import Family, Link
from mlmcli.panel.fit import CoefficientTableFit
from mlmcli.panel.gee_structures import KINDS, CorrelationAboveOne, WorkingCorrelation

FAMILIES = ("gaussian", "binomial", "poisson", "gamma", "igaussian", "nbinomial")
LINKS = ("identity", "log", "logit", "probit", "cloglog", "power", "opower", "nbinomial")
CORRELATIONS = KINDS


def model_pieces(family, link, corr):
    """glm's Family and Link objects (``mlmcli.glm.exponential_family``) and the
    WorkingCorrelation from their names (or the objects themselves)."""
    if isinstance(family, str):
        family = Family(family)
    if isinstance(link, str):
        link = Link(link)
    if isinstance(corr, str):
        corr = WorkingCorrelation(corr)
    return family, link, corr


def mean_and_derivative(family, link, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mu, dmu/deta): mu = m h(eta), m the binomial denominators (1 otherwise)."""
    h, d, _ = link.inverse(eta)
    if family.name == "binomial" and family.m is not None:
        m = family.denominators(len(eta))
        return m * h, m * d
    return h, d


MISSING_PREDICTIONS = "estimates diverging (missing predictions)"
CORRELATION_ABOVE_ONE = "estimates diverging (correlation > 1)"
NOT_POSITIVE_DEFINITE = "working correlation matrix not positive definite"
EXCHANGEABLE_NOT_PD = "exchangeable working correlation matrix not positive definite"


class GEEDiverged(np.linalg.LinAlgError):
    """xtgee.ado's stops inside its iterations (r(430), no estimates): ``message`` is the ado's
    error text (or None: only r(430)'s "convergence not achieved"), ``note`` a line before it,
    ``iterations`` the tolerances logged and ``resets`` the alpha resets, before the stop."""

    def __init__(self, message: str | None, iterations=(), resets=(), note: str | None = None):
        super().__init__(message or note or "convergence not achieved")
        self.message, self.note = message, note
        self.iterations, self.resets = tuple(iterations), tuple(resets)


@dataclass(frozen=True)
class GEEFit:
    b: np.ndarray
    V: np.ndarray          # the variance the table shows (conventional or robust)
    V_model: np.ndarray    # phi (D'V^-1 D)^-1
    phi: float             # the scale estimate sum r^2 / (N or N - p)
    scale: float           # the scale used (phi for gaussian, 1 for binomial/Poisson)
    R: np.ndarray          # the working correlation matrix (T x T; 1 x 1 when not time-indexed)
    mu: np.ndarray
    iterations: tuple[float, ...]  # the tolerance after each GEE step
    converged: bool
    deviance: float
    pearson: float
    tolerance: float = 1e-6  # the target: tolerance(), e(tol)
    resets: tuple = ()       # (iteration, alpha): exchangeable alpha reset to 0.99 (-1/(T - 1)) there
    alpha_reset: bool = False  # reset at the last iteration: e(alphareset), r(430) after the table
    nonpd: bool = False      # the final R has a negative eigenvalue: e(nonpdcorr), r(430) after the table
    fitted: tuple | None = None  # fitted on shifted columns: (ColumnRescaling, b', V') of that metric
    dof: float | None = None  # xtgee.ado's $S_E_dof: the sum of weights (N), less p under nmp

    @property
    def rc(self) -> int:
        """xtgee.ado's ``finalrc``: 430 when the steps did not converge, alpha was reset at the
        last one, or R is not positive semidefinite."""
        return 0 if self.converged and not self.alpha_reset and not self.nonpd else 430


def stored_scalars(fit: GEEFit, N: float, codes: np.ndarray, chi2: float, df_m: int, p: float) -> dict:
    """xtgee's e() scalars after ``fit`` (xtgee.ado's SaveMac and its model test): e(N) (the
    fweights' sum with fweights), e(N_g) and the panel sizes e(g_min), e(g_avg), e(g_max),
    e(df_m), e(chi2), e(p), e(df_pear) = N (N - k under nmp), e(chi2_dev) the Pearson sum and
    e(chi2_dis) it over e(df_pear), e(deviance) and e(dispers) = deviance / e(df_pear), e(phi) the
    scale the variance used and the header shows (xtgee.ado's FixScale sets phi to 1 for binomial
    and Poisson unless scale(); the estimate itself only under scale(phi)),
    e(rank) = k, e(tol) the target tolerance (tolerance()), e(dif) the
    last step's tolerance and e(rc), 0 or 430 when the steps did not converge (xtgee.ado's
    SaveMac and its `finalrc`)."""
    sizes = np.bincount(np.asarray(codes))
    sizes = sizes[sizes > 0]
    k = len(fit.b)
    dof = float(fit.dof) if fit.dof is not None else float(N)
    per = (lambda total: total / dof) if dof > 0 else (lambda total: float("nan"))
    # SaveMac's names as they are: chi2_dev holds the Pearson sum, chi2_dis Pearson / dof,
    # dispers deviance / dof (FixScale's P1, P2, D1, D2), df_pear the dof
    return {"N": float(N), "N_g": float(len(sizes)), "g_min": float(sizes.min()), "g_avg": float(sizes.mean()),
            "g_max": float(sizes.max()), "df_m": float(df_m), "chi2": chi2, "p": p, "df_pear": dof,
            "chi2_dev": fit.pearson, "chi2_dis": per(fit.pearson), "deviance": fit.deviance,
            "dispers": per(fit.deviance), "phi": fit.scale, "rank": float(k),
            "tol": fit.tolerance, "dif": fit.iterations[-1] if fit.iterations else 0.0,
            "rc": float(fit.rc), **({"alphareset": 1.0} if fit.alpha_reset else {}),
            **({"nonpdcorr": 1.0} if fit.nonpd else {})}


def fit_gee(y: np.ndarray, X: np.ndarray, codes: np.ndarray, pos: np.ndarray, **options) -> GEEFit:
    """``_fit_gee``; a regressor near 1e9 beside the constant (the last column of ones) on
    shifted columns (``glm.rescaled_fit.shifted_design``) -- in the user's units the scoring
    matrix of its column and the constant's is singular to rounding (r(430), 'working
    correlation matrix not positive definite') -- b, V and the model-based V mapped back.  The
    tolerances logged are the fitted metric's (its slopes are the user's; its constant the
    mean-centred model's)."""
    from mlmcli.glm.rescaled_fit import mapped_back, shifted_design

    X = np.asarray(X, float)
    rescaling = shifted_design(X, bool(X.shape[1]) and bool(np.all(X[:, -1] == 1.0)))
    if rescaling is None:
        return _fit_gee(y, X, codes, pos, **options)
    fit = _fit_gee(y, rescaling.apply(X), codes, pos, **options)
    T = rescaling.parameter_map()
    b, V = mapped_back(T, fit.b, fit.V)
    return dataclasses.replace(fit, b=b, V=V, V_model=mapped_back(T, fit.b, fit.V_model)[1],
                               fitted=(rescaling, fit.b, fit.V))


def _fit_gee(y: np.ndarray, X: np.ndarray, codes: np.ndarray, pos: np.ndarray, *, family, link,
            corr, offset: np.ndarray | None = None, robust: bool = False, fixed_scale: float | None = None,
            tol: float = 1e-6, max_iter: int = 100, weights: np.ndarray | None = None,
            weight_kind: str | None = None, nmp: bool = False, rgf: bool = False) -> GEEFit:
    """Fit on rows sorted by panel (``codes`` 0..G-1, non-decreasing) and, within panel, by
    time position ``pos`` (0..T-1; used by the time-indexed correlations).  ``family``/``link``/
    ``corr``: names or glm Family/Link and WorkingCorrelation objects.  ``fixed_scale``: the
    scale of the conventional variance (None: phi).  ``weights`` (constant within panel):
    fweights and iweights count a panel w times, pweights too in the estimating equations,
    but enter the sandwich's meat squared.  ``nmp``: phi's divisor N - p; ``rgf``: the robust
    variance times (N - 1)/(N - p).  ``iterations`` records Stata's tolerance
    max|b_new - b|/(|b_new| + 1) of each step until it is below ``tol``; the steps then go on
    until the estimates stop changing (1e-13), so the result is the limit Stata's iterations
    approach."""
    family, link, corr = model_pieces(family, link, corr)
    N, p = X.shape
    w = np.ones(N) if weights is None else np.asarray(weights, float)
    n_eff = float(w.sum())
    divisor = n_eff - p if nmp else n_eff
    off = np.zeros(N) if offset is None else offset
    bounds = np.flatnonzero(np.r_[True, np.diff(codes) != 0, True])
    starts, ends = bounds[:-1], bounds[1:]
    if corr.time_indexed:
        T = int(pos.max()) + 1
    else:
        T = int(np.max(ends - starts))
        pos = np.concatenate([np.arange(z - a) for a, z in zip(starts, ends)])
    if corr.kind == "fixed" and corr.matrix.shape != (T, T):
        raise ValueError("fixed correlation matrix of the wrong size")
    b = _glm_start(y, X, off, family, link, w)
    history: list[float] = []
    resets: list[tuple[int, float]] = []
    converged = False

    def state(b):
        """mu, dmu/deta, V(mu), R, the Pearson sum and the alpha an exchangeable alpha was reset
        to (None: not reset), with xtgee.ado's stops: a missing Pearson residual; an
        exchangeable alpha above 1 (or missing)."""
        with np.errstate(all="ignore"):
            mu, d = mean_and_derivative(family, link, X @ b + off)
            v = family.variance(mu)
            r = (y - mu) / np.sqrt(v)
        if not np.all(np.isfinite(r)) or not np.all(np.isfinite(d)):
            raise GEEDiverged(MISSING_PREDICTIONS, history, resets)
        with np.errstate(over="ignore"):  # a depvar near 1e307: the sum is missing, a stop as a missing residual
            pearson = float(w @ (r * r))
        if not np.isfinite(pearson):
            raise GEEDiverged(MISSING_PREDICTIONS, history, resets)
        try:
            R, reset = corr.estimate(r, starts, ends, pos, T, pearson / divisor, w, p if nmp else 0)
        except CorrelationAboveOne:
            raise GEEDiverged(CORRELATION_ABOVE_ONE, history, resets) from None
        if not np.all(np.isfinite(R)):
            raise GEEDiverged(MISSING_PREDICTIONS, history, resets)
        return mu, d, v, R, pearson, reset

    last_reset = False
    for it in range(max_iter + 50):
        try:
            mu, d, v, R, _, reset = state(b)
            H, score = _scoring(X, y, mu, d, v, R, starts, ends, pos, w)
            step = np.linalg.solve(H, score)
        except np.linalg.LinAlgError as exc:
            if converged:  # the polishing steps after convergence: keep the converged b
                break
            if isinstance(exc, GEEDiverged):
                raise
            raise GEEDiverged(None, history, resets, note=NOT_POSITIVE_DEFINITE) from None
        if not converged and reset is not None:
            resets.append((len(history) + 1, reset))
        b = b + step
        change = float(np.max(np.abs(step) / (np.abs(b) + 1)))
        if not converged:
            history.append(change)
            last_reset = reset is not None
            converged = change < tol
        elif change < 1e-13 or it >= max_iter + 49:
            break
        if not converged and it >= max_iter - 1:
            break
    try:
        mu, d, v, R, pearson, _ = state(b)
        H, _ = _scoring(X, y, mu, d, v, R, starts, ends, pos, w)
        Hinv = np.linalg.inv(H)
    except np.linalg.LinAlgError as exc:
        if isinstance(exc, GEEDiverged):
            raise
        raise GEEDiverged(None, history, resets, note=NOT_POSITIVE_DEFINITE) from None
    phi = pearson / divisor
    scale = phi if fixed_scale is None else fixed_scale
    # a fit that ran away (r(430) follows: scores past 1e154) or a scale and an inverse whose
    # product is past the largest double (y near 1e150, x near 1e-150): those variances are missing
    with np.errstate(over="ignore", invalid="ignore"):
        V_model = scale * Hinv
        if robust:
            meat_w = w * w if weight_kind in ("pweight", "iweight") else w
            V = Hinv @ _meat(X, y, mu, d, v, R, starts, ends, pos, meat_w) @ Hinv
            if rgf:
                V = V * (n_eff - 1) / (n_eff - p)
        else:
            V = V_model
        V = np.where(np.isfinite(V), V, np.nan)
        V_model = np.where(np.isfinite(V_model), V_model, np.nan)
    nonpd = bool(np.linalg.eigvalsh((R + R.T) / 2).min() < 0)  # the ado's symeigen check of the final R
    with np.errstate(all="ignore"):
        deviance = float(w @ family.unit_deviance(y, mu))
    return GEEFit(b, (V + V.T) / 2, V_model, phi, scale, R, mu, tuple(history), converged, deviance, pearson, tol,
                  tuple(resets), last_reset, nonpd, dof=divisor)


# elements of the stacked V_i one solve holds (16 MB of doubles)
STACKED_ELEMENTS = 1 << 21


def _panel_solves(X, y, mu, d, v, R, starts, ends, pos):
    """Each panel's D_i and W_i = V_i^-1 [D_i, y_i - mu_i], the panels of one size at a time: one
    stacked solve makes the same LAPACK solve of each V_i as a call per panel did, without a
    Python round per panel.  Yields (panel indices into starts, D (m, t, p), W (m, t, p + 1))."""
    sizes = ends - starts
    for t in np.unique(sizes):
        same = np.flatnonzero(sizes == t)
        # at most ~2M elements of stacked V_i (16 MB): many long panels would otherwise stack
        # gigabytes that the loop over panels never held
        step = max(1, STACKED_ELEMENTS // int(t * t))
        for lo in range(0, same.size, step):
            yield _panel_solve(X, y, mu, d, v, R, starts, pos, same[lo:lo + step], int(t))


def _panel_solve(X, y, mu, d, v, R, starts, pos, idx, t: int):
    """The panels ``idx`` (all of size ``t``): (idx, D, V^-1 [D, y - mu])."""
    rows = starts[idx][:, None] + np.arange(t)
    ti = pos[rows]
    sd = np.sqrt(v[rows])
    Vi = R[ti[:, :, None], ti[:, None, :]] * (sd[:, :, None] * sd[:, None, :])
    Di = d[rows][:, :, None] * X[rows]
    rhs = np.concatenate([Di, (y[rows] - mu[rows])[:, :, None]], axis=2)
    return idx, Di, np.linalg.solve(Vi, rhs)


def _panel_terms(X, y, mu, d, v, R, starts, ends, pos):
    """D_i' V_i^-1 D_i (m, p, p) and D_i' V_i^-1 (y_i - mu_i) (m, p) of the panels ``starts``/``ends``
    in their order.  The products take the same W slices as one panel's D_i' W_i[:, :p] and
    D_i' W_i[:, p], so the same BLAS calls and bits."""
    p = X.shape[1]
    H_terms, score_terms = np.empty((len(starts), p, p)), np.empty((len(starts), p))
    for idx, Di, W in _panel_solves(X, y, mu, d, v, R, starts, ends, pos):
        Dt = Di.transpose(0, 2, 1)
        H_terms[idx] = Dt @ W[:, :, :p]
        score_terms[idx] = (Dt @ W[:, :, p:])[:, :, 0]
    return H_terms, score_terms


def _chunks(starts, ends, p: int):
    """Consecutive runs of panels whose (panels, p, p) terms stay near 16 MB."""
    size = max(64, (1 << 21) // (p * p + 1))
    for lo in range(0, len(starts), size):
        yield starts[lo:lo + size], ends[lo:lo + size]


def _add_in_order(total: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """total + terms[0] + terms[1] + ..., added one at a time in that order (cumsum is sequential):
    the bits of the loop over panels these sums were."""
    return np.cumsum(np.concatenate([total[None], terms]), axis=0)[-1]


def _scoring(X, y, mu, d, v, R, starts, ends, pos, w):
    p = X.shape[1]
    H = np.zeros((p, p))
    score = np.zeros(p)
    for a, z in _chunks(starts, ends, p):
        H_terms, score_terms = _panel_terms(X, y, mu, d, v, R, a, z, pos)
        H = _add_in_order(H, w[a][:, None, None] * H_terms)
        score = _add_in_order(score, w[a][:, None] * score_terms)
    return H, score


def _meat(X, y, mu, d, v, R, starts, ends, pos, w):
    p = X.shape[1]
    M = np.zeros((p, p))
    for a, z in _chunks(starts, ends, p):
        _, u = _panel_terms(X, y, mu, d, v, R, a, z, pos)
        M = _add_in_order(M, w[a][:, None, None] * (u[:, :, None] * u[:, None, :]))
    return M


def _glm_start(y, X, off, family, link, w):
    """The independence GLM fit by iteratively reweighted least squares; as xtgee.ado's GetIval,
    least squares of y - offset on X when that fit fails (a mean outside the family's range, an
    outcome that does not vary under logit/probit)."""
    m = family.denominators(len(y)) if family.name == "binomial" else np.ones(len(y))
    b = np.zeros(X.shape[1])
    with np.errstate(all="ignore"):
        eta = link.link(family.starting_mean(y) / m)
        for _ in range(100):
            mu, d = mean_and_derivative(family, link, eta)
            ww = w * d ** 2 / family.variance(mu)
            z = eta - off + (y - mu) / d
            if not (np.all(np.isfinite(ww)) and np.all(ww >= 0) and np.all(np.isfinite(z))):
                return _least_squares(y - off, X, w)
            Xw = X * ww[:, None]
            try:
                b_new = np.linalg.solve(X.T @ Xw, Xw.T @ z)
            except np.linalg.LinAlgError:
                return _least_squares(y - off, X, w)
            if not np.all(np.isfinite(b_new)):
                return _least_squares(y - off, X, w)
            if np.max(np.abs(b_new - b)) < 1e-10:
                b = b_new
                break
            b = b_new
            eta = X @ b + off
    return b


def _least_squares(z, X, w):
    """GetIval's fallback start ``_regress``: (weighted) least squares, minimum norm when X is short."""
    sw = np.sqrt(w)
    return np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)[0]


@dataclass(frozen=True)
class PopulationAveragedFit(CoefficientTableFit):
    """A fitted GEE model: implements the estimation interface.  predict: mu (the default:
    g^{-1}(xb), with the offset), xb, stdp."""

    depvar: str
    ivar: str
    link: str
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    level: float
    y: np.ndarray
    codes: np.ndarray
    offset_var: tuple | None = None  # ("offset" | "exposure", variable)
    link_model: Link | None = None   # glm's Link (None: Link(link))
    trials: tuple | None = None      # the binomial denominator: ("number", m) or ("variable", name)
    df_r: float | None = None        # vce(jackknife)'s e(df_r): t statistics and intervals
    fitted_metric: object = None     # fitted on shifted columns: glm.rescaled_fit.FittedMetric

    predict_default = "mu"

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units)."""
        return self.fitted_metric

    def coef_rows(self, eform: bool = False) -> tuple:
        """The table rows; a coefficient whose variance is exactly 0 has no SE: _b_stat.mata
        (Stata 16's _coef_table) resets a zero SE to missing for every estimator but the
        summary commands, so its SE, z, P>|z| and interval print ``.``."""
        import dataclasses

        nan = float("nan")
        return tuple(dataclasses.replace(r, se=nan, stat=nan, p=nan, ci_lo=nan, ci_hi=nan)
                     if r.se == 0 and r.coef != 0 and not (r.base or r.omitted) else r
                     for r in super().coef_rows(eform))

    @property
    def group_var(self) -> str:
        return self.ivar

    @property
    def predict_default_note(self) -> str:
        return f"(option mu assumed; predicted mean {self.depvar})"

    def predict_options(self) -> tuple:
        return (("mu", 2, f"Predicted mean {self.depvar}"), ("rate", 1, self.rate_title()),
                ("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the linear prediction"))

    def rate_title(self) -> str:
        """xtgee_p's Title for ``rate`` (the mean without the offset and the binomial
        denominator): by e(link), then "not considering offset" after offset()/exposure()."""
        from mlmcli.panel.gee_options import link_title

        link = link_title(self.link_model) if self.link_model is not None else self.link
        power = link[link.find("(") + 1:-1] if link.endswith(")") else ""
        title = {"identity": "Linear prediction", "log": "Exponentiated linear prediction",
                 "reciprocal": "Reciprocal of linear prediction",
                 "negative binomial": "Negative binomial prediction"}.get(link)
        if link in ("logit", "probit", "cloglog"):
            title = f"Pr({self.depvar} != 0)"
        elif link.startswith("power("):
            title = f"Power (1/{power}) of linear prediction"
        elif link.startswith("odds power("):
            title = f"Odds power ({power}) of linear prediction"
        return f"{title} not considering offset" if self.offset_var else str(title)

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        from mlmcli.errors import StataError

        if statistic == "xb":  # as Stata's: with the offset (nooffset: without)
            return self.with_offset(xb, rows)
        if statistic == "rate":  # xtgee_p's Calc with nooffset: no offset, no denominator
            return (self.link_model or Link(self.link)).inverse(xb)[0]
        if statistic == "mu":
            mu = (self.link_model or Link(self.link)).inverse(self.with_offset(xb, rows))[0]
            if self.trials is None:
                return mu
            kind, m = self.trials
            return mu * (rows.variable(m) if kind == "variable" else float(m))
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """margins' hook: ``mu`` (the default, as predict's: the population-averaged mean
        g^{-1}(x b + offset)) or ``xb`` (x b + offset), ``nooffset`` leaving the offset out;
        ``stdp`` depends on more than e(b) (r(498))."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex
        from mlmcli.panel.count_predictions import margins_words, with_offset_response

        words, nooffset = margins_words(options)
        if len(words) > 1:
            raise StataError(f"option {words[1]} not allowed", 198)
        word = words[0] if words else "mu"
        if len(word) >= 2 and "xb".startswith(word):
            return with_offset_response(LinearIndex("Linear prediction"), self.offset_var, nooffset)
        if len(word) >= 2 and "mu".startswith(word):
            if self.link not in LINKS[:5] or self.trials is not None:
                raise StataError(f"margins after xtgee with link({self.link}) or binomial denominators not "
                                 "supported by mlmcli", 198)
            base = InverseLink(self.link, f"Predicted mean {self.depvar}")
            return with_offset_response(base, self.offset_var, nooffset)
        if len(word) >= 4 and "stdp".startswith(word) or word in ("score", "scores"):
            raise StataError(STOCHASTIC, 498)
        raise StataError(f"option {word} not allowed", 198)
