"""Conditional (fixed-effects) likelihoods: ``clogit``, ``xtlogit, fe``, ``xtpoisson, fe``.

Conditional logit (Chamberlain 1980; [R] clogit, Methods and formulas): in group g with
k_g positive outcomes among T_g observations and eta_t = x_t b,

    l_g = sum_{t: y_t = 1} eta_t - ln sum_{S subset, |S| = k_g} exp(sum_{t in S} eta_t)

The denominator f(T, k) is the recursion f(t, k) = f(t-1, k) + w_t f(t-1, k-1),
w_t = exp(eta_t), f(t, 0) = 1, carried with its gradient and Hessian (Gail, Lubin and
Rubinstein 1981); groups whose outcomes are all 0 or all 1 carry no information.

Conditional Poisson (Hausman, Hall and Griliches 1984; [XT] xtpoisson, fe): with
Y_g = sum_t y_t and p_t = exp(eta_t) / sum_s exp(eta_s),

    l_g = ln Gamma(Y_g + 1) - sum_t ln Gamma(y_t + 1) + sum_t y_t ln p_t

(groups with Y_g = 0 carry no information).  Both are maximised by Newton-Raphson from
b = 0, halving steps that lower the likelihood; the variance is the inverse of the
observed information.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from mlmcli.panel.fit import CoefficientTableFit


@dataclass(frozen=True)
class Groups:
    """Rows of the informative groups, ordered by group: ``starts`` are the offsets."""

    order: np.ndarray  # row indices, grouped
    starts: np.ndarray  # offsets of each group in ``order`` (len n_groups + 1)

    @property
    def n(self) -> int:
        return len(self.starts) - 1


def group_index(codes: np.ndarray) -> Groups:
    order = np.argsort(codes, kind="stable")
    c = codes[order]
    starts = np.r_[0, np.flatnonzero(np.diff(c)) + 1, len(c)]
    return Groups(order, starts)


def clogit_group_terms(X: np.ndarray, y: np.ndarray, b: np.ndarray):
    """(l_g, score, Hessian) of one group: the stacked recursion of ``conditional_group_batches``
    run on a stack of one."""
    from mlmcli.conditional_group_batches import stacked_terms

    ll, score, hess = stacked_terms(X[None], y[None], int(round(y.sum())), b)
    return float(ll[0]), score[0], hess[0]


def clogit_derivatives(X, y, groups: Groups, b):
    """sum_g (l_g, s_g, H_g): clogit_group_terms of every group, groups of one size and one
    count of positive outcomes stacked (``conditional_group_batches``)."""
    from mlmcli.conditional_group_batches import clogit_sums

    return clogit_sums(X, y, groups.order, groups.starts, b)


def cpoisson_derivatives(X, y, groups: Groups, b):
    """sum_g of l_g, its score sum_t y_t x_t - Y_g xbar_g and Hessian -Y_g sum_t p_t d_t d_t'
    (xbar_g = sum_t p_t x_t, d_t = x_t - xbar_g), every group at once over the grouped rows."""
    if groups.n == 0:
        return 0.0, np.zeros(X.shape[1]), np.zeros((X.shape[1],) * 2)
    Xo, yo = X[groups.order], y[groups.order]
    eta = Xo @ b
    first = groups.starts[:-1]
    row_group = np.repeat(np.arange(groups.n), np.diff(groups.starts))
    shifted = eta - np.maximum.reduceat(eta, first)[row_group]
    pw = np.exp(shifted)
    total = np.add.reduceat(pw, first)
    p = pw / total[row_group]
    Y = np.add.reduceat(yo, first)
    ll = float(np.sum(gammaln(Y + 1)) - np.sum(gammaln(yo + 1)) + yo @ (shifted - np.log(total)[row_group]))
    xbar = np.add.reduceat(p[:, None] * Xo, first, axis=0)
    score = yo @ Xo - Y @ xbar
    D = Xo - xbar[row_group]
    hess = -(D * (Y[row_group] * p)[:, None]).T @ D
    return ll, score, hess


def maximise(derivatives, X, y, groups, max_iter: int = 300, start: np.ndarray | None = None,
             tolerances: tuple[float, float, float] | None = None, value=None, difficult: bool = False,
             stall: int = 0):
    """Newton-Raphson from b = 0 (or ``start``): (b, ll, H, iteration log [(ll, note)], converged).

    Iterations are logged as Stata's ml logs them and stop as it stops (the relative change
    of the log likelihood, |ll - ll_prev|/(|ll_prev| + 1), below 1e-7 and g'(-H)^-1 g below
    1e-5; without the + 1 a likelihood climbing to 0 never stops); a few more, silent Newton
    steps then settle the estimates to machine precision.  ``max_iter`` (ml's
    iterate(#)) reached: not converged, the log ends at iteration ``max_iter`` (so
    ``len(log) - 1 == max_iter``; a step that finds no ascent stops it earlier).
    ``tolerances``: ml's typed (tolerance, ltolerance, nrtolerance): it stops, without the
    settling steps, where g'(-H)^-1 g < nrtolerance and either the relative change of the log
    likelihood |ll - ll_prev|/(|ll_prev| + 1) <= ltolerance or that of the coefficients
    max |b - b_prev|/(|b_prev| + 1) <= tolerance.  ``value``: the log likelihood alone (same
    arguments), for the step halving's trial points when it is much cheaper than the derivatives.
    ``difficult``: ml's difficult (xtnbreg.ado's default), see ``_direction``.  ``stall`` > 0:
    stop (not converged) after that many "(not concave)" iterations in a row (newton.maximize's).
    The log's lines are told to ``iteration_listener.current()`` as they are reached."""
    from mlmcli.iteration_listener import ReportedLog, current

    b = np.zeros(X.shape[1]) if start is None else np.asarray(start, float)
    listener = current()  # a live line's (iteration_listener): each log line as it is reached
    log = [] if listener is None else ReportedLog(listener)
    ll, g, H = derivatives(X, y, groups, b)
    if not b.size:  # no regressors (clogit.ado hands the null model to _clogit): nothing to move
        return b, ll, H, [(ll, "")], True
    previous = b_previous = None
    flat = 0
    for it in range(max_iter + 1):
        step, concave = _direction(g, H, difficult)
        log.append((ll, "" if concave else "(not concave)"))
        flat = 0 if concave else flat + 1
        if stall and flat > stall:
            return b, ll, H, log, False
        crit = float(g @ step)
        if tolerances is not None:
            if concave and ml_converged(crit, ll, previous, b, b_previous, tolerances):
                return b, ll, H, log, True
        elif concave and crit < 1e-5 and previous is not None and abs(ll - previous) <= 1e-7 * (abs(previous) + 1):
            return _polish(derivatives, X, y, groups, b, ll, g, H) + (log, True)
        if it == max_iter:
            break
        moved = line_search(derivatives, X, y, groups, b, step, ll, value)
        if moved is None:
            return b, ll, H, log, False
        previous, b_previous = ll, b
        b, ll, g, H = moved
    return b, ll, H, log, False


def ml_converged(crit: float, ll: float, previous, b, b_previous, tolerances) -> bool:
    """ml's stop with typed (tolerance, ltolerance, nrtolerance): g'A^-1 g below nrtolerance and
    the relative change of the log likelihood or of b within its tolerance."""
    return previous is not None and crit < tolerances[2] and (
        abs(ll - previous) / (abs(previous) + 1) <= tolerances[1]
        or np.max(np.abs(b - b_previous) / (np.abs(b_previous) + 1), initial=0.0) <= tolerances[0])


def line_search(derivatives, X, y, groups, b, step, ll, value=None):
    """(b + t step, its ll, g, H) for the first t = 1, 1/2, 1/4, ... (60 halvings) where the log
    likelihood does not fall; None when none does.  ``value``: ll alone for the trial points
    (the derivatives then only at the one kept)."""
    t = 1.0
    for _ in range(60):
        cand = b + t * step
        if value is None:
            ll_new, g_new, H_new = derivatives(X, y, groups, cand)
        else:
            ll_new = value(X, y, groups, cand)
        if np.isfinite(ll_new) and ll_new >= ll - 1e-12 * abs(ll):
            if value is not None:
                ll_new, g_new, H_new = derivatives(X, y, groups, cand)
            return cand, ll_new, g_new, H_new
        t /= 2
    return None


def _direction(g, H, difficult: bool = False):
    """The Newton step where -H is positive definite; elsewhere the gradient over |diag H|, or
    with ``difficult`` (ml's other stepping in nonconcave regions) Newton along the directions
    of the right curvature and the gradient over |curvature| along the others
    (``glm.newton.newton_direction``): on a ridge toward a boundary (xtnbreg fe with
    time-invariant regressors and no within-panel overdispersion) the diagonal steps crept
    through all 300 iterations, these reach the supremum in a few dozen."""
    try:
        eig = np.linalg.eigvalsh(-H)
        concave = bool(eig.min() > 1e-12 * max(1.0, eig.max()))
    except np.linalg.LinAlgError:
        concave = False
    if concave:
        return np.linalg.solve(-H, g), True
    if difficult and np.all(np.isfinite(H)):
        from mlmcli.glm.newton import newton_direction

        return newton_direction(g, H)[0], False
    return g / np.maximum(np.abs(np.diag(H)), 1e-8), False


def _polish(derivatives, X, y, groups, b, ll, g, H):
    """Newton steps from ml's stop to machine precision.  A step is kept when the log likelihood
    does not fall or g'(-H)^-1 g falls: this close to the optimum ll gains ~g'(-H)^-1 g / 2,
    below its own rounding, so ll alone (a rounding-level fall) rejected the steps still due."""
    for _ in range(5):
        step, concave = _direction(g, H)
        crit = float(g @ step)
        if not concave or crit < 1e-20:
            break
        ll_new, g_new, H_new = derivatives(X, y, groups, b + step)
        if not np.isfinite(ll_new):
            break
        if not ll_new >= ll:
            step_new, concave_new = _direction(g_new, H_new)
            if not (concave_new and float(g_new @ step_new) < crit):
                break
        b, ll, g, H = b + step, ll_new, g_new, H_new
    return b, ll, H


@dataclass(frozen=True)
class ConditionalFit(CoefficientTableFit):
    """A fitted conditional model: implements the estimation interface.  predict:
    xb, stdp; after logit also pu0 = exp(xb)/(1+exp(xb)) (the fixed effect at zero) and
    pc1 = exp(xb_t)/sum_{s in group} exp(xb_s) (the probability of a positive outcome
    given one in the group); after Poisson nu0 = exp(xb) and pu0 (as pc1 with y counts)."""

    family: str  # logit | poisson
    depvar: str
    group_var: str
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    level: float
    y: np.ndarray
    codes: np.ndarray
    offset_var: tuple | None = None  # ("offset" | "exposure", variable): clogit's offset, xtpoisson fe's offset or exposure
    df_r: float | None = None  # vce(jackknife)'s e(df_r): t statistics and intervals

    def e_matrices(self):
        """e(b), e(V) in the depvar's equation (``y:x``): clogit.ado's `ml model (`depname': ...)` (its
        `matrix coleq` after time-series operators), xtlogit.ado's fe restripe, xtpoisson.ado's `yname':x."""
        import dataclasses

        b, V = super().e_matrices()
        names = tuple(f"{self.depvar}:{n}" for n in b.colnames)
        return dataclasses.replace(b, colnames=names), dataclasses.replace(V, rownames=names, colnames=names)

    def predict_options(self) -> tuple:
        if self.family == "logit":
            return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the linear prediction"),
                    ("pc1", 3, f"Pr({self.depvar} | one positive outcome within group)"),
                    ("pu0", 3, f"Pr({self.depvar} | fixed effect is 0)"))
        return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the linear prediction"),
                ("nu0", 3, "Predicted number of events (assuming u_i=0)"),
                ("pu0", 3, "Predicted incidence rate (assuming u_i=0)"),
                ("iru0", 4, "Predicted incidence rate (assuming u_i=0)"))  # xtcnt_p's IRU0

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        from mlmcli.errors import StataError

        if statistic in ("pu0", "iru0") and self.family == "poisson":  # the incidence rate: without the offset
            return np.exp(xb)
        xb = self.with_offset(xb, rows)
        if statistic == "xb":
            return xb
        if statistic == "pu0" and self.family == "logit":
            return 1 / (1 + np.exp(-xb))
        if statistic in ("nu0", "pu0"):
            return np.exp(xb)
        if statistic == "pc1" and self.family == "logit":
            groups = rows.groups()
            code, sample = groups.codes[0], groups.sample
            ok = (code >= 0) & ~np.isnan(xb)
            n = max(int(self.codes.max()) + 1, int(code.max()) + 1 if code.size else 0)
            # less each group's largest xb (the same ratio): a regressor near 1e9 puts xb near 4e8
            top = np.full(n, -np.inf)
            np.maximum.at(top, code[ok], xb[ok])
            ex = np.exp(xb[ok] - top[code[ok]])
            tot = np.bincount(code[ok], weights=ex, minlength=n)
            out = np.full(len(xb), np.nan)
            out[ok] = ex / tot[code[ok]]
            return out
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        from mlmcli.margins.response import InverseLink, LinearIndex
        from mlmcli.panel.count_predictions import margins_words, with_offset_response

        words, nooffset = margins_words(options)
        base = None
        if not words or words == ["xb"]:
            base = LinearIndex("Linear prediction")
        elif self.family == "logit" and words == ["pu0"]:
            base = InverseLink("logit", f"Pr({self.depvar} | fixed effect is 0)")
        elif self.family == "poisson" and words == ["nu0"]:
            base = InverseLink("log", "Predicted number of events (assuming u_i=0)")
        if base is not None:  # predict's xb and nu0 include the offset (or ln of the exposure)
            return with_offset_response(base, self.offset_var, nooffset)
        from mlmcli.errors import StataError

        raise StataError("prediction is a function of possibly stochastic quantities other than e(b)", 498)


def reduced_derivatives(derivatives, cmap):
    """The conditional likelihood over gamma: (ll, N'g, N'HN) at b = b_0 + N gamma."""
    def over_gamma(X, y, groups, gamma):
        ll, g, H = derivatives(X, y, groups, cmap.theta(gamma))
        return (ll, *cmap.reduced(g, H))
    return over_gamma


def constrained_estimates(cmap, gamma: np.ndarray, H_gamma: np.ndarray):
    """(b, V) from the fit over gamma: b = b_0 + N gamma, V = N (-H_gamma)^-1 N'."""
    try:
        Vg = np.linalg.inv(-H_gamma) if H_gamma.size else H_gamma
    except np.linalg.LinAlgError:
        Vg = np.linalg.pinv(-H_gamma)
    return cmap.theta(gamma), cmap.vcov(Vg)
