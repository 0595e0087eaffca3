"""Frequency weights given at a level without random effects (``|| school:, noconstant
fweight(w)``).

Stata keeps them: every level's weight enters the likelihood (_xtmixed_estimate.ado
builds a weight variable per level, and for a model left as linear regression it fits
``[fw=]`` the product of all of them).  Replicating a group of an empty level replicates
the groups nested in it, so its weight multiplies the weights of the next level down that
has random effects, or, below the last one, the observation weights.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def fold_empty_level_weights(equations, weights, empty: list[int], rterms: list, sample: np.ndarray,
                             level_codes, constant_within, skip: int | None = None):
    """(rterms with the folded group weights, the per-observation factor for the
    observation fweights or None).  ``level_codes(k)``: level k's group codes on the
    sample; ``constant_within(w, kind, group, level)``: Stata's r(407) check; ``skip``:
    an empty equation already carrying its own weights (the residuals() panels)."""
    nonempty = [k for k in range(len(equations)) if k not in empty]
    rterms = list(rterms)
    obs_factor = None
    for k in empty:
        eq_weights = weights.equations[k]
        if k == skip or not eq_weights:
            continue
        if "pweight" in eq_weights:
            raise StataError("pweights at a level without random effects are not supported", 198)
        if "fweight" not in eq_weights:
            continue
        w = constant_within(np.asarray(eq_weights["fweight"], float)[sample], "fweight", level_codes(k),
                            equations[k].level)
        below = [i for i, j in enumerate(nonempty) if j > k]
        if not below:
            obs_factor = w if obs_factor is None else obs_factor * w
            continue
        term = rterms[below[0]]
        if term.pweight is not None:
            raise StataError("cannot mix pweights with fweights", 198)
        rterms[below[0]] = dataclasses.replace(term, fweight=w if term.fweight is None else term.fweight * w)
    return rterms, obs_factor
