"""Rows of a coefficient table from b and V: z (t on df_r degrees of freedom when the model
has them) = b / se, p = 2 P(|Z| > |z|), and the level% interval b -/+ c se with c the
(1 + level/100)/2 quantile of the normal (or t) distribution.  Used by ``ereturn display``
and ``nlcom``."""
from __future__ import annotations

import math

import numpy as np

from mlmcli.results.mixed import CoefRow
from mlmcli.syntax.coefnames import split_eq


def coefficient_rows(names, b, V, *, df_r: float | None = None, level: float = 95.0):
    """(equation name, [CoefRow]) blocks in the order of ``names`` (``eq:name`` or ``name``)."""
    from scipy import stats

    b = np.asarray(b, float).ravel()
    se = np.sqrt(np.maximum(np.diag(np.asarray(V, float)), 0.0))
    prob = 0.5 + level / 200.0
    crit = float(stats.t.ppf(prob, df_r) if df_r else stats.norm.ppf(prob))
    blocks: list[tuple[str | None, list[CoefRow]]] = []
    for j, full in enumerate(names):
        eq, name = split_eq(full)
        if not blocks or blocks[-1][0] != (eq or None):
            blocks.append((eq or None, []))
        s = float(se[j])
        if s > 0 and math.isfinite(s):
            z = float(b[j] / s)
            p = float(2 * (stats.t.sf(abs(z), df_r) if df_r else stats.norm.sf(abs(z))))
            lo, hi = float(b[j] - crit * s), float(b[j] + crit * s)
        else:
            z = p = lo = hi = math.nan
            s = math.nan if not s == 0 else 0.0
        blocks[-1][1].append(CoefRow(name, float(b[j]), s, z, p, lo, hi))
    return blocks
