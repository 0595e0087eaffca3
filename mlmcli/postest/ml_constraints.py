"""ml's ``constraints(numlist)`` over an estimation command's parameters, shared by the ML
commands (mlogit, streg, stcrreg): the constraints ``constraint define`` stored, read as [R] test
reads an expression against the parameters' ``eq:name`` columns, and e(Cns).

A defined constraint naming a coefficient the model lacks is left out with makecns' note
``(note: constraint number # caused error r(111))`` (``note``; None: hidden, as under fracpoly's
quietly); an undefined number is ``constraint (#) not defined`` r(111).  e(Cns) is
[R | r] over e(b)'s columns, its last column named ``_Cns:_r``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def constraint_numbers(text: str) -> tuple[int, ...]:
    """constraints(numlist) -> the numbers (each 1..1999)."""
    from mlmcli.syntax.numlist import constraint_number, numlist

    return tuple(constraint_number(f"{v:g}") for v in numlist(str(text).replace("-", "/")))


def read_constraints(session, names, text, note=None):
    """``constraints(text)`` over the parameters ``names`` (``eq:name``, the first equation what
    an unqualified name means) -> ``glm.spec.LinearConstraints`` or None when none applies."""
    from mlmcli.glm.spec import LinearConstraints
    from mlmcli.postest.wald import CoefIndex, format_constraint, parse_constraint

    index = CoefIndex(list(names), multi_equation=True)
    rows, rhs, labels = [], [], []
    for number in constraint_numbers(str(text)):
        defined = session.constraints.get(number)
        if defined is None:
            raise StataError(f"constraint ({number}) not defined", 111)
        try:
            c = parse_constraint(defined, index)
        except StataError as err:
            if note is not None:
                note(f"(note: constraint number {number} caused error r({err.rc}))")
            continue
        rows.append(c.coefs)
        rhs.append(c.rhs)
        labels.append(format_constraint(c, index))
    return LinearConstraints(np.array(rows), np.array(rhs), tuple(labels)) if rows else None


def cns_matrix(constraints, colnames, positions=None):
    """e(Cns): ``constraints`` (over the parameters) at e(b)'s columns ``positions`` (default
    all), the right-hand sides last."""
    from mlmcli.results.matrix import Matrix

    colnames = tuple(colnames)
    C = np.zeros((len(constraints.R), len(colnames) + 1))
    C[:, list(range(len(colnames))) if positions is None else positions] = constraints.R
    C[:, -1] = constraints.r
    return Matrix(C, tuple(f"r{i + 1}" for i in range(len(C))), colnames + ("_Cns:_r",))


def mark_constrained(rows):
    """Table rows with no variance (a coefficient the constraints fix) marked ``constrained``:
    ``b  (constrained)``."""
    import dataclasses

    return tuple(dataclasses.replace(r, constrained=True) if r.se == 0 and not (r.base or r.omitted) else r
                 for r in rows)
