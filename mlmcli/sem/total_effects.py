"""Direct, indirect and total effects of an observed-variable path model ([SEM] estat
teffects; Sobel 1987, Bollen 1989 ch. 8): with B the paths among the endogenous variables
and G those from the exogenous ones, the total effects are (I - B)^-1 - I on the endogenous
and (I - B)^-1 G on the exogenous variables, the indirect effects total minus direct; their
standard errors by the delta method from the fit's V, with d(I - B)^-1 = A dB A."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Effects:
    endogenous: tuple[str, ...]
    causes: tuple[str, ...]  # endogenous then exogenous variables (the columns of B | G)
    direct: np.ndarray  # (n_endog, n_causes)
    indirect: np.ndarray
    total: np.ndarray
    V_direct: np.ndarray  # over the cells in row-major order
    V_indirect: np.ndarray
    V_total: np.ndarray
    has_direct: np.ndarray  # bool: a path in the model
    has_indirect: np.ndarray  # bool: a path through at least one endogenous variable


def path_effects(colnames, b, V, endogenous) -> Effects:
    """``colnames`` ``eq:var`` of e(b); paths are the columns whose equation is an
    endogenous variable and whose variable is not ``_cons``."""
    endogenous = tuple(endogenous)
    paths = [(k, *name.split(":", 1)) for k, name in enumerate(colnames)
             if ":" in name and name.split(":", 1)[0] in endogenous and name.split(":", 1)[1] != "_cons"]
    exogenous = tuple(dict.fromkeys(v for _, _, v in paths if v not in endogenous))
    causes = endogenous + exogenous
    m, c = len(endogenous), len(causes)
    coef = np.zeros((m, c))
    present = np.zeros((m, c), bool)
    where = []  # (position in b, row, column)
    for k, eq, var in paths:
        i, j = endogenous.index(eq), causes.index(var)
        coef[i, j], present[i, j] = b[k], True
        where.append((k, i, j))
    A = np.linalg.inv(np.eye(m) - coef[:, :m])
    total = np.hstack([A - np.eye(m), A @ coef[:, m:]])
    jac_total = np.zeros((m * c, len(where)))
    jac_direct = np.zeros((m * c, len(where)))
    for p, (_, i, j) in enumerate(where):
        d = np.zeros((m, c))
        if j < m:  # a path between endogenous variables moves (I - B)^-1
            dA = np.outer(A[:, i], A[j, :])
            d[:, :m] = dA
            d[:, m:] = dA @ coef[:, m:]
        else:
            d[:, j] = A[:, i]
        jac_total[:, p] = d.ravel()
        jac_direct[i * c + j, p] = 1.0
    idx = [k for k, _, _ in where]
    Vp = np.asarray(V, float)[np.ix_(idx, idx)]
    jac_indirect = jac_total - jac_direct
    reach = present[:, :m].astype(int)
    longer = np.zeros((m, m), int)  # endogenous j reaches i through >= 1 other endogenous variable
    step = reach.copy()
    for _ in range(m):
        step = np.minimum(step @ reach, 1)
        longer = np.minimum(longer + step, 1)
    onward = np.minimum(reach + longer, 1)  # j reaches i by a path of any length >= 1
    has_indirect = np.hstack([longer, np.minimum(onward @ present[:, m:].astype(int), 1)]).astype(bool)
    return Effects(endogenous, causes, coef, total - coef, total,
                   jac_direct @ Vp @ jac_direct.T, jac_indirect @ Vp @ jac_indirect.T,
                   jac_total @ Vp @ jac_total.T, present, has_indirect)
