"""Where the full model's maximisation starts: ``startvalues()`` and ``startgrid()`` of the me
commands ([ME] meglm, "startvalues(svmethod)" and "startgrid[(gridspec)]").

Phase 1 (the fixed-effects GLM, ``estimate``) always runs: its checks (collinear columns,
perfect predictors) fix the model, and its log likelihood is the LR test's comparison.  What
starts the fixed effects and ancillary parameters is the method's:

- ``fixedonly`` (the default): phase 1's estimates; ``iterate(#)`` caps phase 1's iterations
  for the start (the comparison model is still the converged one);
- ``constantonly``: the constant-only model (the constant and the ancillary parameters, the
  other coefficients 0), logged as ``Fitting constant-only model:``;
- ``zero``: every coefficient and ancillary parameter 0 (no phase is logged).

The variances then start at the engine's refining grid (``optimize.GRID_VARIANCES``), whatever
the method.  ``startgrid()`` replaces that grid: node 0 the first default node, then every
combination of the values given for the variances named (all of them when none is named), each
a variance in its ln sd with the other parameters where node 0 has them; the node with the
highest log likelihood starts the full model.  Which order Stata visits the nodes in, and how it
logs the constant-only phase, we could not check: these are mlmcli's (docs/me_start_values.md).
"""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from ..results.glmm import IterationPhase, IterationStep

START_METHODS = ("zero", "constantonly", "fixedonly")
DEFAULT_GRID = (0.1, 1.0, 10.0)  # [ME] meglm: "The default form tries 0.1, 1, and 10"


def fixed_start(spec, glm, fixed_effects_spec) -> tuple[np.ndarray, IterationPhase | None]:
    """(the fixed effects and ancillary parameters' start over phase 1's parameters, the phase
    logged for it or None); ``glm`` is phase 1's converged fit, ``fixed_effects_spec`` its spec."""
    from ..glm.fit import fit_glm
    from ..glm.likelihood_model import constant_only

    method = spec.start_values
    if method == "zero":
        return np.zeros(len(glm.theta)), None
    if method == "constantonly":
        cons = next((j for j, lab in enumerate(lab for lab in glm.labels if not (lab.base or lab.omitted))
                     if lab.name == "_cons"), None)
        theta, _, steps = constant_only(glm.model, cons)
        return theta, IterationPhase("Fitting constant-only model:", tuple(steps))
    if spec.start_iterate is not None and spec.start_iterate < len(glm.phases[-1].steps) - 1:
        capped = fit_glm(dataclasses.replace(fixed_effects_spec, iterate=int(spec.start_iterate)))
        return capped.theta, IterationPhase("Fitting fixed-effects model:", tuple(capped.phases[-1].steps))
    return glm.theta, IterationPhase("Fitting fixed-effects model:", tuple(glm.phases[-1].steps))


def grid_nodes(spec, model, node0: np.ndarray, log_sd: tuple[int, ...]) -> list[np.ndarray]:
    """startgrid()'s nodes after node 0 (module docstring); ``log_sd`` the ln sd positions in
    theta, a group's targets given as positions in phi (None: every variance).  A variance a
    constraint names is left where node 0 has it: the fit could not start elsewhere."""
    k0 = model.p + model.m
    cns = spec.fixed.constraints
    frozen = set() if cns is None else set(np.flatnonzero(np.any(np.asarray(cns.R, float) != 0, axis=0)))
    axes: dict[int, tuple[float, ...]] = {}
    for values, targets in spec.start_grid:
        where = log_sd if targets is None else tuple(k0 + t for t in targets)
        for j in where:
            if j not in frozen:
                axes.setdefault(j, tuple(values) or DEFAULT_GRID)
    at = list(axes)
    nodes = []
    for combo in itertools.product(*(axes[j] for j in at)):
        th = node0.copy()
        th[at] = 0.5 * np.log(np.asarray(combo, float))
        nodes.append(th)
    return nodes


def search_grid(spec, model, node0: np.ndarray, ll0: float, log_sd) -> tuple[tuple, list[IterationStep]]:
    """((best theta, its ln L), the log's grid nodes) over node 0 and startgrid()'s nodes."""
    best, steps = (node0, ll0), [IterationStep(0, ll0)]
    for i, th in enumerate(grid_nodes(spec, model, node0, log_sd), start=1):
        ll = model.loglik(th)
        steps.append(IterationStep(i, ll))
        if np.isfinite(ll) and (not np.isfinite(best[1]) or ll > best[1]):
            best = (th, ll)
    return best, steps
