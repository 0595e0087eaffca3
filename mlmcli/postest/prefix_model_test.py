"""_prefix_model_test's Wald test of a replicate (bootstrap/jackknife) V.

The prefix runs ``test`` on the model's coefficients; when ``test`` has to drop a constraint
that is not an omitted coefficient (the replicate V is singular: fewer replications than
coefficients), _prefix_model_test posts e(chi2) (or e(F)) and e(p) missing, with e(df_m) the
number of constraints ``test`` kept (the rank).  Otherwise W = b' V^-1 b on df_m = rank."""
from __future__ import annotations

import numpy as np


def replicate_wald(b: np.ndarray, V: np.ndarray) -> tuple[float, int]:
    """(W, df_m) of H0: b = 0 with the replicate V; W missing (nan) when V cannot test every
    coefficient with a variance (zero-variance ones are omitted, not dropped)."""
    b, V = np.asarray(b, float).ravel(), np.asarray(V, float)
    keep = [j for j in range(b.size) if np.isfinite(V[j, j]) and V[j, j] > 0]
    if not keep:
        return float("nan"), 0
    bb, VV = b[keep], V[np.ix_(keep, keep)]
    if not np.all(np.isfinite(VV)):
        return float("nan"), 0
    d = 1.0 / np.sqrt(np.diag(VV))  # on the unit-diagonal V: a slope scaled by 1e9 is not rounding
    C = VV * d[:, None] * d[None, :]
    rank = int(np.linalg.matrix_rank(C))
    if rank < len(keep):  # test dropped a constraint: the prefix's chi2 and p are missing
        return float("nan"), rank
    return float((bb * d) @ np.linalg.solve(C, bb * d)), rank
