"""ppmlhdfe's ReLU separation check (``relu_fix_separation`` of ppmlhdfe_separation_relu.mata
and ``solve_lse`` of ppmlhdfe_functions.mata, ppmlhdfe 2.3; Correia, Guimaraes and Zylkin,
"Verifying the existence of maximum likelihood estimates for generalized linear models").

u starts at 1 on the rows with y = 0 ("boundary") and 0 elsewhere.  Each iteration regresses u
on X and the fixed effects by weighted least squares with weight M = ceil(epsilon^-1/2) on the
rows with y > 0 (least squares with equality constraints) and 1 on the boundary; xbd = u - resid;
delta = epsilon + tol (epsilon: u'u / M times max(|X_boundary|_1 / |X_interior|_1, 1)^2, at least
1e-8).  xbd is set to 0 where y > 0 and where it lies in [-delta / 10, delta]; the loop stops when
every boundary xbd is >= 0 (separated: those > 0) or, residuals within zero_tol of zero set to
zero, when no boundary residual is negative (separated: xbd > 0 after the residuals above delta
are zeroed) -- the ado prints that stop without verbose(); otherwise u = max(xbd, 0) on the
boundary.  Without acceleration (the ado's default).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmcli.panel.multiway_absorb import partial_out

EPS1 = 2.220446049250313e-16


@dataclass
class ReluOutcome:
    separated: np.ndarray        # mask over the rows
    iterations: int
    subiterations: int
    stopped_on_residuals: bool   # the ado's "$$ Stopping (no negative residuals)" line
    max_iterations_reached: bool = False


def _norm1(A: np.ndarray) -> float:
    """Mata's norm(X, 1): the largest column sum of absolute values (0 without columns)."""
    return float(np.abs(A).sum(axis=0).max()) if A.size else 0.0


def relu_separation(y: np.ndarray, X: np.ndarray, codes: list[np.ndarray], *, tol: float = 1e-4,
                    zero_tol: float = 1e-8, maxiter: int = 100) -> ReluOutcome | None:
    """The check on rows free of singletons (None: no row has y = 0)."""
    boundary = y == 0
    if not boundary.any():
        return None
    n, k = X.shape
    interior = ~boundary
    regtol = max(tol ** 2, 1e-13)
    M = math.ceil(EPS1 ** -0.5)
    w = np.where(interior, float(M), 1.0)
    ratio = _norm1(X[boundary]) / _norm1(X[interior]) if k and _norm1(X[interior]) > 0 else None
    scale = max(ratio, 1.0) if ratio is not None else 1.0
    xt, sub = partial_out(X, codes, tol=regtol, weights=w, weight_kind="aweight") if k else (X, 0)
    sw = np.sqrt(w)
    u = boundary.astype(float)
    total = 0
    for iteration in range(1, maxiter + 1):
        ut, sub = partial_out(u[:, None], codes, tol=regtol, weights=w, weight_kind="aweight")
        ut = ut[:, 0]
        total += sub
        b = np.linalg.lstsq(xt * sw[:, None], ut * sw, rcond=None)[0] if k else np.zeros(0)
        resid = ut - (xt @ b if k else 0.0)
        epsilon = max(float(u @ u) / M * scale ** 2, 1e-8)
        delta = epsilon + tol
        xbd = u - resid
        xbd[interior] = 0.0
        near = boundary & (xbd >= -0.1 * delta) & (xbd <= delta)
        xbd[near] = 0.0
        if np.all(xbd[boundary] >= 0):
            return ReluOutcome(boundary & (xbd > 0), iteration, total, False)
        resid = np.where(np.abs(resid) <= zero_tol, 0.0, resid)
        if resid[boundary].min() >= 0:
            xbd[boundary & (resid > delta)] = 0.0
            return ReluOutcome(boundary & (xbd > 0), iteration, total, True)
        u[boundary] = np.maximum(xbd[boundary], 0.0)
    return ReluOutcome(np.zeros(n, bool), maxiter, total, False, max_iterations_reached=True)
