"""``xtlogit, re constraints(numlist)``: ml's linear constraints over e(b) = (b, lnsig2u).

xtlogit.ado (2.12.4 and 2.16.0, Estimate): ``mlopts`` takes ``constraints()``; the comparison
model is ``logit ..., collinear constr()`` (a constraint naming lnsig2u is left out of it:
makecns), the full model ``ml model d2 xtlogit_d2 ..., constraints()``; e(ll_c) is the
constrained logit's, so the LR test of rho = 0 compares the two constrained fits.  The model's
Wald test is ml's of the slopes ([R] test drops what the constraints leave untestable), the
constraints are listed above the table (``( 1)  [yb]x1 - [yb]x2 = 0``) and posted as e(Cns).
The engine's variance parameter is ln sigma_u = lnsig2u / 2, so a constraint's lnsig2u
coefficient doubles there.
"""
from __future__ import annotations

import dataclasses

import numpy as np


def parameter_names(spec, design) -> list[str]:
    """e(b)'s estimated columns: ``depvar:name`` of the design's estimable terms, ``lnsig2u:_cons``."""
    return [f"{spec.fixed.depvar}:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)] + [
        "lnsig2u:_cons"]


def with_constraints(session, spec, design, text: str):
    """(spec with the engine's constraints, the constraints over e(b)'s metric, the comparison
    logit's or None); makecns' note for a constraint naming what the model lacks."""
    from mlmcli.postest.ml_constraints import read_constraints

    names = parameter_names(spec, design)
    cns = read_constraints(session, names, text, note=session.print)
    if cns is None:
        return spec, None, None
    R = np.array(cns.R, float)
    R[:, -1] *= 2.0  # lnsig2u = 2 ln sigma_u
    engine = dataclasses.replace(cns, R=R)
    pooled = read_constraints(session, names[:-1], text)  # the comparison logit's (no lnsig2u)
    spec = dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, constraints=engine))
    return spec, cns, pooled


def comparison_fit(spec, pooled):
    """The constrained comparison logit (``logit ..., constr()``): its GLM fit."""
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glmm.fit import fixed_effects_spec

    return fit_glm(dataclasses.replace(fixed_effects_spec(spec), constraints=pooled))


def slopes_wald(labels, theta: np.ndarray, V: np.ndarray) -> tuple[float, int, float]:
    """ml's model test of the slopes under the constraints: (chi2, df, p)."""
    from mlmcli.postest.wald import Constraint, wald_test

    est = [lab for lab in labels if not (lab.base or lab.omitted)]
    slopes = [j for j, lab in enumerate(est) if lab.name != "_cons"]
    if not slopes:
        return float("nan"), 0, float("nan")
    k = len(est)
    rows = [Constraint(np.eye(k)[j], 0.0) for j in slopes]
    w = wald_test(rows, np.asarray(theta[:k], float), np.asarray(V[:k, :k], float), [""] * len(rows))
    return w.chi2, w.df, w.p
