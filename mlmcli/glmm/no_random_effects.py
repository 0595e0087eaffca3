"""An me command with no random-effects equation (``melogit y x``): [ME] meglm's syntax makes
the ``||`` equations optional, and Stata's me commands then fit the single-level GLM by ML
(gsem with no latent variables): e(k_r) 0, no group table, no LR test (``_me_display``)."""
from __future__ import annotations

import dataclasses

import numpy as np

from ..glm.fit import fit_glm
from ..results.glmm import IterationPhase
from .likelihood import GLMMModel
from .spec import GLMMSpec


def fit_without_random_effects(spec: GLMMSpec) -> dict:
    """``melogit y x`` with no ``||``: Stata's me commands fit the single-level GLM by ML
    (the estimates of logit, poisson, ologit ...), vce() and weights as given.  The fields
    of the ``GLMMFit`` (``fit.py`` builds it)."""
    fx = spec.fixed
    glm = fit_glm(fx)
    fspec = spec
    if not np.all(glm.used) or len(glm.labels) != len(fx.coef_labels) or any(
            a.omitted != b.omitted for a, b in zip(glm.labels, fx.coef_labels)):
        keep = [j for j, lab in enumerate(fx.coef_labels) if not (lab.base or lab.omitted)]
        cols = [keep.index(j) for j in keep if not glm.labels[j].omitted]
        X = np.asarray(fx.X, float).reshape(fx.n, -1)[:, cols]
        fspec = dataclasses.replace(spec, fixed=dataclasses.replace(fx, X=X, coef_labels=glm.labels))
    model = GLMMModel(fspec, rows=None if np.all(glm.used) else np.flatnonzero(glm.used))
    phases = [IterationPhase("", tuple(glm.phases[-1].steps))] if glm.phases else []
    return dict(spec=fspec, model=model, theta=np.asarray(glm.theta, float), V=np.asarray(glm.V, float),
                loglik=float(glm.loglik), converged=bool(glm.converged), glm=glm, used=glm.used,
                labels=glm.labels, phases=phases, robust=bool(glm.robust), n_clusters=glm.n_clusters,
                notes=tuple(glm.notes), constrained=fx.constraints is not None)
