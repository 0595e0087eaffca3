"""``clogit, constraints(numlist)`` and ``xtlogit, fe constraints(numlist)``: the conditional
logit maximised under ml's linear constraints R b = r.

xtlogit.ado (2.12.4 and 2.16.0) hands ``constraints()`` (``mlopts``) to ``clogit``, whose ml
fits under them.  As ml does, the fit runs over gamma with b = b_0 + N gamma (``glm.inference.
ConstraintMap``: N spans R's null space, b_0 solves R b_0 = r), so the log likelihood, gradient
N'g and Hessian N'HN are the conditional likelihood's at b (``conditional_likelihood.
reduced_derivatives``); V = N (N'(-H)N)^-1 N' (``constrained_estimates``), a
coefficient the constraints fix having no variance (``(constrained)`` in the table).  The model
test is ml's Wald test of the coefficients ([R] test dropping what the constraints leave
untestable: ``x1 = -x2`` gives chi2(1); with vce(robust|cluster) over the sandwich V_c M V_c, ml's
robust V under constraints); the constraints print above the table (`` ( 1)  x1 +
x2 = 0``) and are posted as e(Cns).  clogit's vce(opg), vce(bootstrap|jackknife) and technique()s
other than nr are refused with constraints() (their variance or steps are over b, not gamma).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def check_clogit_constraints(vce_kind: str, schedule) -> None:
    """clogit's constraints() with what mlm's constrained fit covers: Newton's steps (technique()
    nr only) and the OIM or sandwich variance (vce(opg) and the replicates: r(198))."""
    if vce_kind not in ("oim", "robust", "cluster"):
        raise StataError(f"option constraints() with vce({vce_kind}) not supported by mlmcli", 198)
    if schedule is not None and schedule != [("nr", schedule[0][1])]:
        raise StataError("option technique() with constraints() not supported by mlmcli", 198)


def read_fe_constraints(session, names: list[str], text: str, note):
    """constraints(text) over e(b)'s ``names`` -> (LinearConstraints, ConstraintMap) or None when
    none applies (makecns' note for one naming what the model lacks)."""
    from mlmcli.glm.inference import ConstraintMap
    from mlmcli.postest.ml_constraints import read_constraints

    cns = read_constraints(session, names, text, note=note)
    if cns is None:
        return None
    return cns, ConstraintMap(len(names), cns.R, cns.r)
