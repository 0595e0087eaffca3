"""Observation and group weights entering the (pseudo) likelihood.

Frequency weights replicate: an observation weight w_i multiplies its
cross-products and its count, a group weight f_g multiplies the group's
whole contribution.  Sampling weights enter the pseudo-likelihood the same
way (Rabe-Hesketh & Skrondal 2006):

    l = sum_j w_j log int exp( sum_i w_{i|j} log f(y_ij | u_j) ) phi(u_j) du_j,

after Stata's ``pwscale()`` of the level-1 weights within each lowest-level
group j (n_j observations):

    size:      w*_{i|j} = w_{i|j} n_j / sum_i w_{i|j}
    effective: w*_{i|j} = w_{i|j} sum_i w_{i|j} / sum_i w_{i|j}^2
    gk:        w*_{i|j} = 1,  w*_j = w_j sum_i w_{i|j} / n_j   (Graubard & Korn)
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from .spec import MixedSpec


def per_group(codes: np.ndarray, n_groups: int, values: np.ndarray) -> np.ndarray:
    out = np.ones(n_groups)
    out[codes] = values
    return out


def model_weights(spec: MixedSpec) -> tuple[np.ndarray | None, list[np.ndarray | None]]:
    """(observation weights, per-term group weights) for the likelihood."""
    terms = spec.terms
    obs = None
    if spec.fweight is not None:
        obs = np.asarray(spec.fweight, float)
    groupw: list[np.ndarray | None] = []
    for t in terms:
        w = t.fweight if t.fweight is not None else t.pweight
        groupw.append(None if w is None else per_group(t.group, t.n_groups, np.asarray(w, float)))
    if spec.pweight is not None:
        if obs is not None:
            raise StataError("may not use noninteger frequency weights", 401)
        obs = np.asarray(spec.pweight, float)
        if spec.pwscale and terms:
            low = terms[-1]
            g, G = np.asarray(low.group, np.int64), low.n_groups
            nj = np.bincount(g, minlength=G).astype(float)
            s1 = np.bincount(g, weights=obs, minlength=G)
            s2 = np.bincount(g, weights=obs * obs, minlength=G)
            if spec.pwscale == "size":
                obs = obs * (nj / s1)[g]
            elif spec.pwscale == "effective":
                obs = obs * (s1 / s2)[g]
            elif spec.pwscale == "gk":
                f = groupw[-1] if groupw[-1] is not None else np.ones(G)
                groupw[-1] = f * s1 / nj
                obs = np.ones_like(obs)
            else:
                raise StataError(f"pwscale({spec.pwscale}) invalid", 198)
    if obs is not None and np.any(obs < 0):
        raise StataError("negative weights encountered", 402)
    return obs, groupw
