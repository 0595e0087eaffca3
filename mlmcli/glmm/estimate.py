"""``estimate_glmm(spec) -> dict``: the estimation of an ``me`` command's model, the fields
of the fitted model (``fit.GLMMFit``, built by ``fit.fit_glmm``, and what is read off it).

The marginal log likelihood (``likelihood.GLMMModel``) is maximised over
theta = (beta, alpha, phi) jointly (``optimize``, in the scaled coordinates of
``coordinates``), phi in Stata's estimation metric (ln sd, atanh corr), after phase 1 (the
fixed-effects GLM) and phase 2 (a grid of starting variances).  V(theta) = (-H)^-1 with H the
Hessian of the same approximated log likelihood at the optimum (Richardson-extrapolated finite
differences, analytic gradients where available); for pweights or vce(robust|cluster) the
sandwich (-H)^-1 (G/(G-1) sum_c s_c s_c') (-H)^-1 with s_c the scores of cluster c (sums of the
top-level groups' score vectors).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..errors import StataError
from ..glm.fit import fit_glm
from ..glm.inference import ConstraintMap
from ..mixed.inference import invert_negative_hessian
from ..results.glmm import IterationPhase, IterationStep
from ..robust.cluster_sandwich import cluster_index, cluster_sandwich
from .coordinates import ScaledMap, fixed_part_scaling
from .derivatives import atanh_indices, correlation_partners, group_scores, log_sd_indices, model_gradient
from .likelihood import GLMMModel
from .optimize import GRID_VARIANCES, Objective, maximize, polish
from .spec import INTMETHODS, GLMMSpec
from .start_values import fixed_start, search_grid


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



def kept_columns(coef_labels, labels) -> list[int]:
    """Positions, among the design's estimable columns, of those phase 1 kept (``labels``: its
    labels, a column it dropped marked omitted)."""
    keep = [j for j, lab in enumerate(coef_labels) if not (lab.base or lab.omitted)]
    return [i for i, j in enumerate(keep) if not labels[j].omitted]


def start_on_model(fx, model: GLMMModel, cols) -> np.ndarray | None:
    """from()'s values on the model's parameters, or None without from().  They come over the
    design's estimable columns, the ancillary and the variance parameters (``me_constraints.
    with_start``; a refit's start, over the same columns); a column phase 1 dropped (collinear
    in the sample, a perfect predictor) loses its value and the others keep theirs by name
    (``cols``: the kept columns' positions), as ml's init() matches a name.  A start over
    the model's own parameters (a replicate's refit from the full sample's estimates) is taken
    as it is; one of any other length (a refit whose sample kept a column the full sample's fit
    dropped: from() always comes over the design's columns) leaves the engine's own start."""
    if fx.start is None:
        return None
    start = np.asarray(fx.start, float).ravel()
    p_design = sum(1 for lab in fx.coef_labels if not (lab.base or lab.omitted))
    if cols is not None and len(start) == p_design + model.k - model.p:
        return np.concatenate([start[:p_design][cols], start[p_design:]])
    return start if len(start) == model.k else None


def _cluster_codes(spec: GLMMSpec, model: GLMMModel) -> tuple[np.ndarray, int]:
    """Cluster index per top-level group (clusters must contain whole groups)."""
    top = model.structure.levels[0]
    fx = spec.fixed
    if fx.cluster is None or top.name == "_all":
        codes = np.arange(top.G)
        return codes, top.G
    cl = np.asarray(fx.cluster)[model.rows]
    per = np.full(top.G, -1, np.int64)
    clc = cluster_index(cl)[0]
    per[top.group] = clc
    if np.any(per[top.group] != clc):
        raise StataError(f"highest-level groups are not nested within {fx.cluster_var}", 459)
    return cluster_index(per)


def _start_phi(model: GLMMModel, var: float) -> np.ndarray:
    out = []
    for lv in model.structure.levels:
        for blk in lv.blocks:
            q = blk.cov.q
            out.append(blk.cov.est_from_cov(var * np.eye(q)) if not blk.factor
                       else np.array([0.5 * np.log(var)]))
    return np.concatenate(out) if out else np.zeros(0)


def estimate_glmm(spec: GLMMSpec, on_iteration=None) -> dict:
    """The fields of ``fit.GLMMFit`` for ``spec`` (see the module docstring)."""
    _validate(spec)
    fx = spec.fixed
    if not spec.terms:
        from .no_random_effects import fit_without_random_effects
        return fit_without_random_effects(spec)
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
    cols = None  # the design's estimable columns phase 1 kept (None: all)
    if not np.all(used) or len(labels) != len(fx.coef_labels) or any(
            a.omitted != b.omitted for a, b in zip(labels, fx.coef_labels)):
        cols = kept_columns(fx.coef_labels, labels)
        X = np.asarray(fx.X, float).reshape(fx.n, -1)[:, cols]
        fspec = dataclasses.replace(spec, fixed=dataclasses.replace(fx, X=X, coef_labels=labels))
    model = GLMMModel(fspec, rows=None if np.all(used) else np.flatnonzero(used))
    given = start_on_model(fx, model, cols)
    fixed_part, phase = fixed_start(spec, glm, fixed_effects_spec(spec))
    phases = [phase] if phase is not None else []
    # phase 2: grid of starting variances (startgrid(): its own, start_values.search_grid)
    base = np.concatenate([fixed_part, np.zeros(model.n_phi)])
    grid = []
    best = None
    for i, v in enumerate(GRID_VARIANCES):
        th = base.copy()
        th[model.p + model.m:] = _start_phi(model, v)
        ll = model.loglik(th)
        grid.append(IterationStep(i, ll))
        if best is None or ll > best[1]:
            best = (th, ll)
        if spec.start_grid is not None:
            best, grid = search_grid(spec, model, th, ll, log_sd_indices(model))
            break
        if not spec.refine or i == 0 and np.isfinite(ll) and ll > glm.loglik - 0.5 * abs(glm.loglik):
            break
    if spec.refine or spec.start_grid is not None:
        phases.append(IterationPhase("Refining starting values:", tuple(grid), label="Grid node"))
    if given is not None:  # from(): the values given start the full model
        th = np.where(np.isfinite(given), given, best[0])
        best = (th, model.loglik(th))
    if best is None or not np.isfinite(best[1]):
        raise StataError("initial values not feasible", 1400)
    # phase 3: the full model
    cons = _constraints(fx, model)
    cmap0 = ConstraintMap(model.k, *cons)
    cmap = ScaledMap(cmap0, fixed_part_scaling(cmap0, glm.V, model.p + model.m))
    if spec.noestimate:  # the full model's start (on the constraints), as a fit that took no step
        theta0 = cmap.theta(cmap.gamma(best[0]))
        return dict(spec=fspec, model=model, theta=theta0, V=np.zeros((model.k, model.k)),
                    loglik=float(model.loglik(theta0)), converged=False, glm=glm, used=used, labels=labels,
                    phases=phases, robust=False, n_clusters=None, notes=tuple(glm.notes), constrained=False,
                    V_model=None, group_clusters=None)
    obj = Objective(lambda g: model.loglik(cmap.theta(g)), cmap.m, None)
    grad = None if spec.dnumerical else model_gradient(model)
    if grad is not None:
        obj.grad_fn = lambda g: cmap.N.T @ grad(cmap.theta(g))
    if not cmap.active and obj.grad_fn is not None:
        # boundary jumps (optimize) need an exact gradient: a finite-difference one of a
        # badly scaled model can stall after the jump short of the optimum.  Constrained:
        # the optimizer's coordinates are not theta's.
        obj.log_sd = log_sd_indices(model)
        obj.atanh = atanh_indices(model)
        obj.partners = correlation_partners(model)
    # nested quadrature: J(h)'s truncation left the variance SEs 1e-7-1e-6 off the limit of the
    # gradient's differences (7th digit); the extrapolate of the settling check's two steps is not
    obj.extrapolate_settled = len(model.structure.levels) > 1 and model.method != "laplace"
    res = maximize(obj, cmap.gamma(best[0]), iterate=fx.iterate, tolerance=fx.tolerance,
                   ltolerance=fx.ltolerance, on_iteration=on_iteration,
                   nrtolerance=np.inf if spec.nonrtolerance else fx.nrtolerance, difficult=spec.difficult)
    Happrox = res.hessian if res.hessian is not None else obj.rough_hessian(res.x, res.f)
    if res.converged:
        x, f, H = polish(obj, res.x, res.f, Happrox)
    else:  # iterate(#) reached (or a failure): the results where the maximiser stopped
        x, f, H = res.x, res.f, Happrox
    steps = list(res.steps)
    if f > res.f + 1e-9 * max(1.0, abs(res.f)):
        steps.append(IterationStep(len(steps), f))
        if on_iteration is not None:  # the log's last line, as the iterations' were reported
            on_iteration(len(steps) - 1, f)
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
        Vg = cluster_sandwich(Vg, S, codes, n_clusters=G)
        n_clusters = G if fx.cluster is not None else None
    V = cmap.vcov(Vg)
    notes = tuple(glm.notes)
    return dict(spec=fspec, model=model, theta=theta, V=V, loglik=float(f), converged=bool(res.converged),
                glm=glm, used=used, labels=labels, phases=phases, robust=robust, n_clusters=n_clusters,
                notes=notes, constrained=cmap.active, V_model=V_model, group_clusters=codes)


def _constraints(fx, model):
    if fx.constraints is None:
        return None, None
    R = np.asarray(fx.constraints.R, float)
    if R.shape[1] != model.k:
        raise StataError("constraint matrix does not conform to the model's parameters", 503)
    return R, fx.constraints.r
