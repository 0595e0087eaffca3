"""Faces of the theta space where a row of a triangular Lambda has its diagonal at 0 -- that
random effect a combination of the earlier ones of its term, correlations at +/-1 -- and the
search of such a face in polar coordinates (``face_probe``, asked by ``optimizer._bfgs``)."""
from __future__ import annotations

import numpy as np


def lambda_rows(column_flips) -> list[tuple[int, np.ndarray]]:
    """(theta index of the diagonal, theta indices left of it) of each row of each
    triangular Lambda that has entries left of its diagonal, from ``column_flips``' columns."""
    rows, cols = [], []
    for diag, below in column_flips:
        cols.append((diag, np.asarray(below, int)))
        if len(below) == 0:  # a term's last column
            for i in range(1, len(cols)):
                rows.append((cols[i][0], np.array([cols[j][1][i - j - 1] for j in range(i)], int)))
            cols = []
    return rows


def _unit(phi: np.ndarray) -> np.ndarray:
    """The unit vector with hyperspherical angles ``phi`` (len(phi) + 1 entries)."""
    u = np.ones(len(phi) + 1)
    for k, a in enumerate(phi):
        u[k] *= np.cos(a)
        u[k + 1:] *= np.sin(a)
    return u


def _unit_jacobian(phi: np.ndarray) -> np.ndarray:
    """d _unit / d phi, (len(phi) + 1, len(phi)), by central differences (no d evaluations)."""
    h = 1e-6
    cols = []
    for k in range(len(phi)):
        e = np.zeros(len(phi))
        e[k] = h
        cols.append((_unit(phi + e) - _unit(phi - e)) / (2 * h))
    return np.array(cols).T if cols else np.zeros((1, 0))


def _angles(u: np.ndarray) -> np.ndarray:
    """Hyperspherical angles of the unit vector ``u`` (inverse of ``_unit``)."""
    phi = np.zeros(len(u) - 1)
    for k in range(len(u) - 1):
        rest = np.linalg.norm(u[k + 1:])
        phi[k] = np.arctan2(rest, u[k])
    if len(u) > 1 and u[-1] < 0:
        phi[-1] = -phi[-1]
    return phi


# a row whose norm changed by more than this (relative) over the last FACE_PROBE_AT / 2 steps is
# not on the arc: its face is not searched (hard-model sweep: the rows whose faces helped
# moved 0.3-0.7%, the others 1.3-38%)
ARC_NORM_CHANGE = 0.01

# multiples of a row's diagonal before the probe at which a face point is checked: a face
# optimum that d falls away from (the optimum inside, the face a saddle) is not taken
OFF_FACE = (1.0, 0.3, 0.1, 1e-2, 1e-3)


def _off_face(xf, diag, value):
    x = xf.copy()
    x[diag] = value
    return x


def face_probe(obj, lower, rows, record, search, budget):
    """The probe ``optimizer._bfgs`` asks after FACE_PROBE_AT steps: the optimum on each face
    where one Lambda row's diagonal is 0 (that variable's effect a combination of the
    earlier ones: correlations at +/-1); ``obj``: the search's objective (``value``,
    ``value_grad``); ``search(dev_grad, z0, lower, budget, steps) -> (z, d, iterations)``:
    BFGS on the face, its deviances appended to ``steps``.
    Near such a face d's valley in theta is an arc -- the row turning at a nearly constant
    norm (its sd, which the data pin down) -- that BFGS follows in many small steps.  On the
    face the row is searched in polar form, its norm r and the angles of its direction,
    where that arc is a straight line; it is entered with the row's norm kept and its
    diagonal put into the entries left of it.  The lowest face point below the current d is
    returned with the steps spent (those below the current d are recorded as iterations)
    when it gains more than the last FACE_PROBE_AT / 2 steps did (a search that is not
    crawling keeps its way: on held-out fits a face taken from a search still moving fast
    ended on a face point below a better interior optimum), and unless d is lower off the face at a fraction of the row's diagonal before the probe
    (``OFF_FACE``): a face point can beat a search still far from an interior optimum, and
    d is even in a last row's diagonal, so from the face the gradient would never lead
    back inside.  A face taken is checked again at the end like any zero diagonal (the
    escape tries of minimize_deviance)."""
    def share(x, diag, left):  # the diagonal's share of its row's norm
        return x[diag] / max(np.hypot(np.linalg.norm(x[left]), x[diag]), 1e-300)

    def probe(x, f, x_half, f_half):
        best = None
        for diag, left in rows:
            off = np.linalg.norm(x[left])
            if not off > 0 or not x[diag] > 0 or not share(x, diag, left) < share(x_half, diag, left):
                continue  # only a row turning towards its face
            r0 = np.hypot(off, x[diag])
            if abs(r0 / max(np.hypot(np.linalg.norm(x_half[left]), x_half[diag]), 1e-300) - 1) > ARC_NORM_CHANGE:
                continue  # the row's norm still moving: not (yet) the arc
            rest = np.ones(len(x), bool)
            rest[left] = False
            rest[diag] = False
            base = x.copy()
            base[diag] = 0.0

            def to_theta(z, base=base, rest=rest, left=left):
                full = base.copy()
                nr = int(rest.sum())
                full[rest] = z[:nr]
                full[left] = z[nr] * _unit(z[nr + 1:])
                return full

            def face_dev_grad(z, rest=rest, left=left, to_theta=to_theta):
                nr = int(rest.sum())
                v, g = obj.value_grad(to_theta(z))
                gl = g[left]
                u = _unit(z[nr + 1:])
                return v, np.concatenate([g[rest], [gl @ u], z[nr] * (gl @ _unit_jacobian(z[nr + 1:]))])

            z0 = np.concatenate([x[rest], [r0], _angles(x[left] / off)])
            zl = np.concatenate([lower[rest], np.full(len(left), -np.inf)])  # r and the angles: free
            steps: list[float] = []
            z, fz, it = search(face_dev_grad, z0, zl, budget, steps)
            if not (f - fz > max(f_half - f, 1e-9 * max(1.0, abs(f))) and (best is None or fz < best[1])):
                continue  # a face gaining less than the last steps did: the search is not crawling
            xf = to_theta(z)
            if any(obj.value(_off_face(xf, diag, t * x[diag])) < fz for t in OFF_FACE):
                continue  # d falls off the face (a saddle there): the search goes on as it was
            best = (xf, fz, it, steps)
        if best is None:
            return None
        for v in best[3]:
            if v < f:
                record(v)
        return best[0], best[1], best[2]
    return probe
