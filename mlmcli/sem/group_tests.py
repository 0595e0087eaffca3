"""estat ginvariant after sem with group() ([SEM] estat ginvariant; Sörbom 1989): for each
parameter, a Wald test that its copies allowed to vary across groups are equal (df G - 1, the
differences from the first group's copy, a fixed copy entering as its constant) and a score
(Lagrange multiplier) test that a parameter constrained equal across groups may vary: the
model with that parameter split into one per group, its score g and information I (the
negative Hessian) at the constrained estimates, chi2 = g' I^-1 g on G - 1 df.  ``class``:
the same tests jointly over every parameter of each class."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats
from mlmcli.sem.group_model import CLASSES, MultiGroupRAM, slot_class


@dataclass(frozen=True)
class Parameter:
    name: str  # the slot's name (``x2:F``, ``var(e.x2):_cons``)
    pclass: str
    columns: tuple[int, ...]  # its e(b) columns, one per group
    shared: bool  # one parameter for every group


def parameters(fit) -> list[Parameter]:
    from mlmcli.sem.group_table import invariant_columns

    model = fit.group_model
    entries = fit.extra["entries"]
    out = []
    for name, cols, shared in invariant_columns(fit):
        g, k = entries[cols[0]]
        cls = slot_class(model.builts[g], model.builts[g].ram.slots[k])
        if cls is None:
            continue
        free = [model.builts[gg].ram.index[kk] is not None for gg, kk in (entries[c] for c in cols)]
        if not any(free):
            continue
        out.append(Parameter(name, cls, tuple(cols), shared))
    return out


def _common_index(fit, column: int):
    g, k = fit.extra["entries"][column]
    model = fit.group_model
    j = model.builts[g].ram.index[k]
    return None if j is None else int(model.maps[g][j])


def wald(fit, params: list[Parameter]):
    """Equality of each parameter's group copies: R theta + c = 0."""
    rows, consts = [], []
    theta = fit.extra["theta"]
    for par in params:
        idx = [_common_index(fit, c) for c in par.columns]
        base = par.columns[0]
        for c, j in zip(par.columns[1:], idx[1:]):
            r = np.zeros(len(theta))
            const = 0.0
            if j is None:
                const += float(fit.b[c])
            else:
                r[j] += 1.0
            if idx[0] is None:
                const -= float(fit.b[base])
            else:
                r[idx[0]] -= 1.0
            if r.any():
                rows.append(r)
                consts.append(const)
    if not rows:
        return None
    R = np.array(rows)
    d = R @ theta + np.array(consts)
    M = R @ fit.extra["V_free"] @ R.T
    df = int(np.linalg.matrix_rank(M))
    chi2 = float(d @ np.linalg.pinv(M) @ d)
    return chi2, df, float(stats.chi2.sf(chi2, df))


def score(fit, params: list[Parameter]):
    """Free each shared parameter in every group but the first; the score test at the fit."""
    model = fit.group_model
    keys = sorted({_common_index(fit, par.columns[0]) for par in params} - {None})
    if not keys:
        return None
    maps = [m.copy() for m in model.maps]
    extra = []
    for j in keys:
        for g in range(1, len(maps)):
            new = model.n_free + len(extra)
            if (maps[g] == j).any():
                maps[g][maps[g] == j] = new
                extra.append(j)
    split = dataclasses.replace(model, keys=model.keys + tuple(f"split{k}" for k in range(len(extra))),
                                maps=tuple(maps))
    ram = MultiGroupRAM(split)
    theta = np.r_[fit.extra["theta"], fit.extra["theta"][extra]]
    mom = fit.extra["moments"]
    g = ram.gradient(theta, mom)
    info = -ram.hessian(theta, mom)
    chi2 = float(g @ np.linalg.pinv(info) @ g)
    df = len(extra)
    return max(chi2, 0.0), df, float(stats.chi2.sf(chi2, df))


def ginvariant_tests(fit, classes: frozenset) -> list[tuple[Parameter, tuple | None, tuple | None]]:
    """(parameter, Wald test or None, score test or None) of every parameter in ``classes``."""
    out = []
    for par in parameters(fit):
        if par.pclass not in classes:
            continue
        w, sc = (None, score(fit, [par])) if par.shared else (wald(fit, [par]), None)
        if w is not None or sc is not None:  # a parameter of one group only: nothing to test
            out.append((par, w, sc))
    return out


def class_tests(fit, classes: frozenset) -> list[tuple[str, tuple | None, tuple | None]]:
    """Each class's joint Wald test over its varying parameters and joint score test over its
    shared ones."""
    pars = parameters(fit)
    out = []
    for cls in CLASSES:
        if cls not in classes:
            continue
        mine = [p for p in pars if p.pclass == cls]
        varying = [p for p in mine if not p.shared]
        shared = [p for p in mine if p.shared]
        out.append((cls, wald(fit, varying) if varying else None, score(fit, shared) if shared else None))
    return out
