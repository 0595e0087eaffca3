"""The single-level ML fit (``fit_glm``: logit, probit, cloglog, poisson, nbreg, ologit,
oprobit) on a regressor near 1e9 (x + 1e9): in the user's units the Hessian of x and the
constant is singular to rounding (their columns agree to nine digits), so Newton's steps are
'not concave' to the iteration limit and the SEs come out near 1e-20.

The model is fitted on X' = (X - shift) * scale (``panel.centred_fit.ColumnRescaling``: the far
columns shifted by their means and power-of-two scaled, the constant and ordinary columns as
they are; an ordered model's cutpoints take the constant's part) and mapped back, theta =
T theta', V = T V' T' (the sandwich likewise: its scores map by T^-T).  The log likelihood is
the same function of the mapped parameters, so ll, ll_0, the iteration log and the LR tests
carry over; the fit returned holds the user's design, so tables, e(), predict and margins read
it unchanged (a robust fit keeps each row's influence from the fitted metric for margins'
vce(unconditional): in the user's units -H is singular to rounding).

Only a shifted design is refitted: a column merely scaled by 1e9 (or 1e-9) fits in the user's
units as it is (Newton's steps are the same up to the scaling, the log bit for bit Stata's
metric), and so do from() values with missing entries or a column past the double range
(``metric_representable``: Stata's ml stops in its own metric there, glm's overflow quietly).
Constraints R b = r hold as R T b' = r in the fitted metric (``constraints_in_metric``; the
parameters they fix exact in the user's units), and maximize's trace/gradient/hessian records
are mapped back (``details_to_user``).

The other engines take the same map through the pieces below: ``shifted_columns`` /
``shifted_design`` (the map when a column is shifted into a constant or cutpoints, else None),
``equations_map`` (several equations, each with its own constant: zip/zinb, mlogit),
``mapped_back`` and ``scores_to_user``; glm's own ML and IRLS fits (``glm_on_shifted_columns``),
tobit/intreg (``censored_normal``), zip/zinb (``zero_inflated``), mlogit (``multinomial``) and
xtgee/the pa models (``panel.gee``) use them.  ``FittedMetric`` keeps a fit's e(b) and e(V) in
the metric it was fitted in, where margins' delta method differentiates (``MarginCalculator``'s
metric: each design column as (x - shift) scale): after logit ... ologit, glm, tobit, xtgee and
the me commands; predict's stdp there too (``FittedMetric.prediction_se``).  svy's linearized
variance reads each row's influence from the fitted metric (``influence_rows``: GLMFit,
GeneralizedLinearFit, MultinomialFit; tobit's Olsen theta').  Several equations' fits (mlogit,
zip/zinb: ``equations_metric``) have their other equations' columns read in the fitted metric by
margins' prediction (``margins.equations.EquationsResponse.in_fitted_metric``); after
vce(bootstrap|jackknife) the replicates map into the fitted metric (``FittedMetric.replicate_b``,
``commands.estimation.replicate_metric``), whose summary gives V' there.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from .spec import GLMSpec

if TYPE_CHECKING:
    from mlmcli.panel.centred_fit import ColumnRescaling


def shifted_design_rescaling(spec: GLMSpec, used: np.ndarray, labels) -> ColumnRescaling | None:
    """The ``ColumnRescaling`` of ``spec``'s design over the ``used`` rows when a column needs a
    shift, else None (module docstring)."""
    X = np.asarray(spec.X, float).reshape(spec.n, -1)
    if not free_start(spec.start):
        return None  # from() with defaults left: those are the engine's own, in its metric
    cutpoints = len(spec.categories) - 1 if spec.family == "ordinal" else 0
    return shifted_columns(X[np.asarray(used, bool)], labels, cutpoints=max(cutpoints, 0))


def free_start(start) -> bool:
    """No from() or one giving every value (defaults left to the engine are in its metric)."""
    return start is None or bool(np.all(np.isfinite(np.asarray(start, float))))


def shifted_columns(X: np.ndarray, labels, cutpoints: int = 0) -> ColumnRescaling | None:
    """``far_column_rescaling`` of the design X (estimable columns; ``labels`` its coefficient
    labels, base and omitted ones included) when it shifts a column into the constant (the last
    column, labelled _cons and all ones) or ``cutpoints``; None otherwise -- ordinary and merely
    scaled designs fit in the user's units as they are, their logs unchanged."""
    X = np.asarray(X, float)
    # labels may be plain names (fracpoly/fpfit's _fp# columns): estimable, no _cons among them
    estimable = [lab for lab in labels if isinstance(lab, str) or not (lab.base or lab.omitted)]
    if len(estimable) != X.shape[1] or X.shape[0] == 0:
        return None
    last = estimable[-1] if estimable else None
    constant = bool(last is not None and getattr(last, "name", last) == "_cons" and np.all(X[:, -1] == 1.0))
    return shifted_design(X, constant, cutpoints)


def shifted_design(X: np.ndarray, constant: bool, cutpoints: int = 0) -> ColumnRescaling | None:
    """``shifted_columns`` of X whose constant (when ``constant``) is its last column."""
    from mlmcli.panel.centred_fit import far_column_rescaling

    X = np.asarray(X, float)
    if X.shape[0] == 0 or (constant and not np.all(X[:, -1] == 1.0)):
        return None
    rescaling = far_column_rescaling(X, constant, cutpoints=cutpoints)
    if rescaling is None or not rescaling.shifted or (not constant and not cutpoints):
        return None
    return rescaling


def equations_map(maps, sizes, n_extra: int = 0) -> np.ndarray:
    """theta = T theta' of a model with several equations, each over its own columns (``sizes``)
    and rescaled by its ``ColumnRescaling`` (None: as it is), then ``n_extra`` ancillary
    parameters unchanged: T block diagonal of the equations' ``parameter_map`` s."""
    total = int(sum(sizes)) + n_extra
    T = np.eye(total)
    at = 0
    for rescaling, size in zip(maps, sizes):
        if rescaling is not None:
            T[at:at + size, at:at + size] = rescaling.parameter_map()
        at += size
    return T


def equations_from_user(maps, sizes, theta: np.ndarray) -> np.ndarray:
    """theta' of theta (a start in the user's units) under ``equations_map``."""
    out = np.array(theta, float)
    at = 0
    for rescaling, size in zip(maps, sizes):
        if rescaling is not None:
            out[at:at + size] = rescaling.from_user(out[at:at + size])
        at += size
    return out


def mapped_back(T: np.ndarray, theta: np.ndarray, V: np.ndarray | None = None):
    """(T theta', T V' T') in the user's units (V None: theta alone; missing past the double range)."""
    with np.errstate(over="ignore", invalid="ignore"):
        theta = T @ np.asarray(theta, float)
        return theta if V is None else (theta, T @ np.asarray(V, float) @ T.T)


def scores_to_user(T: np.ndarray, S: np.ndarray | None) -> np.ndarray | None:
    """Per-row scores (rows of S') over theta: d/dtheta = T^-T d/dtheta', S = S' T^-1."""
    return None if S is None else np.linalg.solve(T.T, np.asarray(S, float).T).T


def rescaled_spec(spec: GLMSpec, rescaling) -> GLMSpec:
    """``spec`` on the rescaled columns, its from() values and constraints mapped to them."""
    X = np.asarray(spec.X, float).reshape(spec.n, -1)
    start = None if spec.start is None else rescaling.from_user(np.asarray(spec.start, float).ravel())
    return dataclasses.replace(spec, X=rescaling.apply(X), start=start,
                               constraints=constraints_in_metric(spec.constraints, map_of(rescaling)))


def map_of(rescaling):
    """``size -> T`` of a fit's parameters (its columns', then ancillary ones) under ``rescaling``."""
    return lambda size: rescaling.parameter_map(size - len(rescaling.scale))


def constraints_in_metric(constraints, parameter_map):
    """R theta = r in the fitted metric, R T theta' = r (None: none); ``parameter_map(size)``
    the T of ``size`` parameters (``map_of``)."""
    if constraints is None:
        return None
    R = np.atleast_2d(np.asarray(constraints.R, float))
    return dataclasses.replace(constraints, R=R @ parameter_map(R.shape[1]))


def constrained_in_user_units(constraints, theta: np.ndarray, V: np.ndarray):
    """(theta, V) mapped back with the parameters the user's constraints fix set exactly (their
    value, no variance: ``(constrained)``) -- T's rounding would leave 1e-9 on a constant fixed
    through its shift."""
    if constraints is None:
        return theta, V
    from .inference import ConstraintMap

    cmap = ConstraintMap(len(theta), constraints.R, constraints.r)
    fixed = np.all(np.abs(cmap.N) < 1e-10, axis=1)
    theta = np.where(fixed, cmap.theta0, theta)
    return theta, cmap.exactly_fixed(V)


def in_user_units(fit, spec: GLMSpec, rescaling):
    """The ``GLMFit`` of ``rescaled_spec(spec)`` as the fit of ``spec``: its design, theta and V."""
    from .likelihood_model import GLMModel

    theta, V = constrained_in_user_units(spec.constraints, *rescaling.to_user(fit.theta, fit.V))
    model = GLMModel(spec, rows=fit.model.rows)
    # margins' vce(unconditional) and svy's linearization: T (-H')^-1 s'_j from the fitted metric --
    # in the user's units -H is singular to rounding (near's column and the constant's)
    influence = fit.model.influence(fit.theta)
    rows = influence @ rescaling.parameter_map(len(fit.theta) - len(rescaling.scale)).T
    metric = dataclasses.replace(labelled_metric((rescaling, fit.theta, fit.V), fit.labels,
                                                 len(fit.param_names()) - len(fit.labels)),
                                 influence=influence)
    return dataclasses.replace(fit, spec=spec, model=model, theta=theta, V=V, influence_rows=rows,
                               fitted_metric=metric, phases=details_to_user(fit.phases, map_of(rescaling)))


def details_to_user(phases, parameter_map) -> list:
    """The iteration log's records (maximize's trace, gradient, hessian options) of a fit on
    rescaled columns in the user's units: b = T b', g = T^-T g', -H = T^-T (-H') T^-1 (the
    steps and criteria as the fitted metric took them); ``parameter_map(size)`` as ``map_of``."""
    out = []
    for phase in phases:
        details = getattr(phase, "details", ())
        if not details:
            out.append(phase)
            continue
        mapped = []
        for d in details:
            b = np.asarray(d.b, float)
            T = parameter_map(len(b))
            T_inv = np.linalg.inv(T)
            with np.errstate(over="ignore", invalid="ignore"):
                mapped.append(dataclasses.replace(d, b=T @ b, gradient=T_inv.T @ np.asarray(d.gradient, float),
                                                  neg_hessian=T_inv.T @ np.asarray(d.neg_hessian, float) @ T_inv))
        out.append(dataclasses.replace(phase, details=tuple(mapped)))
    return out


@dataclasses.dataclass(frozen=True)
class FittedMetric:
    """A fit on shifted columns in the metric it was fitted in, over e(b)'s columns: e(b) =
    T b', e(V) = T V' T', and e(b)'s design column j enters as (x_j - shift_j) scale_j (0 and 1
    where untouched).  margins' delta method works here: in the user's units J e(V) J' is a
    difference of terms near 1e15 for a variance near 1e-3 (and J's column of near less 1e9
    times the constant's loses seven digits)."""

    T: np.ndarray
    b: np.ndarray
    V: np.ndarray
    shift: np.ndarray
    scale: np.ndarray
    blocks: tuple = ()  # ((ColumnRescaling, e(b)'s positions of its columns and cutpoints), ...)
    # each estimation row's influence (-H')^-1 s'_j over the fitted parameters (svy's linearized V')
    influence: object = None

    def jacobian_to_user(self, J: np.ndarray) -> np.ndarray:
        """J = J' T^-1: dm/de(b) of the fitted metric's dm/db'."""
        return np.linalg.solve(self.T.T, np.asarray(J, float).T).T

    def prediction_se(self, X: np.ndarray, positions) -> np.ndarray:
        """predict's stdp, sqrt(x V x'), as sqrt((x T) V' (x T)'): X the design's columns at e(b)'s
        ``positions`` (x T is near - shift to rounding; x V x' cancels terms near 1e18)."""
        idx = np.asarray(positions, int)
        XT = np.asarray(X, float) @ self.T[np.ix_(idx, idx)]
        V = self.V[np.ix_(idx, idx)]
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", XT, V, XT), 0))

    def replicate_b(self, other: "FittedMetric | None", b_user: np.ndarray) -> np.ndarray:
        """A replicate's e(b) in this metric (vce(bootstrap)'s V there): from its own fitted
        metric ``other`` -- its columns shifted by its sample's means, x'' = (x' - (s'' - s')
        c') c''/c': the map between the two is exact -- else from its e(b) ``b_user`` (T^-1 b:
        its constant near 1e9 holds seven digits)."""
        from mlmcli.panel.centred_fit import ColumnRescaling

        def aligned(mine, theirs):
            (r, idx), (q, idx2) = mine, theirs
            return (np.array_equal(idx, idx2) and len(r.scale) == len(q.scale) and r.constant == q.constant
                    and r.cutpoints == q.cutpoints)

        if other is None or len(other.blocks) != len(self.blocks) or \
                not all(aligned(m, t) for m, t in zip(self.blocks, other.blocks)):
            return np.linalg.solve(self.T, np.asarray(b_user, float))
        out = np.array(other.b, float)
        for (mine, idx), (theirs, _) in zip(self.blocks, other.blocks):
            idx = np.asarray(idx, int)
            relative = ColumnRescaling((theirs.shift - mine.shift) * mine.scale, theirs.scale / mine.scale,
                                       mine.constant, mine.cutpoints, mine.shift_free)
            out[idx] = relative.parameter_map(len(idx) - len(mine.scale)) @ other.b[idx]
        return out

    def describes(self, V: np.ndarray) -> bool:
        """e(V) is still T V' T' (not reposted, not a replicate's)."""
        V = np.asarray(V, float)
        if V.shape != self.V.shape:
            return False
        with np.errstate(over="ignore", invalid="ignore"):
            gap = np.abs(self.T @ self.V @ self.T.T - V)
        return bool(np.all(np.isfinite(gap)) and gap.max(initial=0.0) <= 1e-8 * np.abs(V).max(initial=0.0))


def labelled_metric(fitted, labels, n_extra: int = 0) -> FittedMetric | None:
    """``fitted_metric`` of an engine's (rescaling, theta', V') (None: fitted in the user's units)
    over e(b)'s columns: the design's ``labels`` (base and omitted ones included), then
    ``n_extra`` ancillary parameters."""
    if fitted is None:
        return None
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    return fitted_metric(*fitted, est + list(range(len(labels), len(labels) + n_extra)), len(labels) + n_extra)


def fitted_metric(rescaling, theta: np.ndarray, V: np.ndarray, positions, size: int) -> FittedMetric:
    """``FittedMetric`` of a fit whose parameters theta' (design columns first, then the
    cutpoints and ancillary ones) sit at e(b)'s ``positions`` out of ``size`` columns."""
    idx = np.asarray(positions, int)
    return equations_metric([rescaling], [len(rescaling.scale) + rescaling.cutpoints], theta, V, idx, size)


def equations_metric(maps, sizes, theta: np.ndarray, V: np.ndarray, positions, size: int) -> FittedMetric:
    """``FittedMetric`` of a fit of several equations (``equations_map``: each over its own
    ``sizes`` parameters, its columns then its cutpoints, rescaled by its ``ColumnRescaling`` or
    None) whose theta' and V' sit at e(b)'s ``positions`` out of ``size`` columns."""
    idx = np.asarray(positions, int)
    b = np.zeros(size)
    b[idx] = theta
    V_full = np.zeros((size, size))
    V_full[np.ix_(idx, idx)] = V
    blocks, at = [], 0
    for rescaling, n in zip(maps, sizes):
        if rescaling is not None:
            blocks.append((rescaling, idx[at:at + n]))
        at += n
    return metric_of(blocks, b, V_full)


def metric_over(rescaling, positions, b: np.ndarray, V: np.ndarray) -> FittedMetric:
    """``FittedMetric`` of e(b)'s b' and V' in the fitted metric (every column), the
    rescaling's design columns and then its cutpoints at e(b)'s ``positions``."""
    return metric_of([(rescaling, positions)], b, V)


def metric_of(blocks, b: np.ndarray, V: np.ndarray) -> FittedMetric:
    """``FittedMetric`` of e(b)'s b' and V' (every column) whose equations are ``blocks`` of
    (``ColumnRescaling``, e(b)'s positions of its design columns and then its cutpoints)."""
    size = len(b)
    T = np.eye(size)
    shift, scale = np.zeros(size), np.ones(size)
    blocks = tuple((rescaling, np.asarray(positions, int)) for rescaling, positions in blocks)
    for rescaling, idx in blocks:
        k = len(rescaling.scale)
        T[np.ix_(idx, idx)] = rescaling.parameter_map(len(idx) - k)
        shift[idx[:k]], scale[idx[:k]] = rescaling.shift, rescaling.scale
    return FittedMetric(T, np.asarray(b, float), np.asarray(V, float), shift, scale, blocks)


def glm_on_shifted_columns(fitter, depvar, labels, X, y, family, link, **options):
    """glm's own fit (``fitter``: ML's ``_fit_generalized_linear`` or IRLS's ``_fit_glm_irls``) on
    the rescaled columns when a regressor is near 1e9 -- in the user's units ML is 'not concave'
    to the iteration limit and IRLS's weighted X'X is not positive definite -- mapped back: b,
    V and the sandwich's bread by T, its scores by T^-T.  The log likelihood, deviances, means
    and leverages are the same functions of the mapped b, so the logs carry over."""
    X = np.asarray(X, float).reshape(len(y), -1)
    start = options.get("start")
    rescaling = None
    if free_start(start):
        rescaling = shifted_columns(X, labels)
    if rescaling is None:
        from mlmcli.panel.centred_fit import metric_representable

        if metric_representable(X):
            return fitter(depvar, labels, X, y, family, link, **options)
        with np.errstate(over="ignore", invalid="ignore"):  # a column near 1e300: the raw metric's
            return fitter(depvar, labels, X, y, family, link, **options)  # overflow is its stop, r(430)
    if start is not None:
        options = {**options, "start": rescaling.from_user(np.asarray(start, float).ravel())}
    T = rescaling.parameter_map()
    constraints = options.get("constraints")  # (R, r): R T b' = r in the fitted metric
    if constraints is not None:
        options = {**options, "constraints": (np.atleast_2d(np.asarray(constraints[0], float)) @ T, constraints[1])}
    fit = fitter(depvar, labels, rescaling.apply(X), y, family, link, **options)
    beta, V = mapped_back(T, fit.beta, fit.V)
    if constraints is not None:
        from types import SimpleNamespace

        beta, V = constrained_in_user_units(SimpleNamespace(R=constraints[0], r=constraints[1]), beta, V)
    bread = None if fit.robust_bread is None else mapped_back(T, fit.beta, fit.robust_bread)[1]
    influence = None
    if fit.robust_scores is not None and fit.robust_bread is not None:  # S B in the fitted metric, T'd
        influence = fit.robust_scores @ fit.robust_bread @ T.T
    metric = labelled_metric((rescaling, fit.beta, fit.V), labels)
    if influence is not None:  # svy's linearized V' (survey_models)
        metric = dataclasses.replace(metric, influence=fit.robust_scores @ fit.robust_bread)
    return dataclasses.replace(fit, beta=beta, V=V, robust_bread=bread,
                               robust_scores=scores_to_user(T, fit.robust_scores), influence_rows=influence,
                               fitted_metric=metric)
