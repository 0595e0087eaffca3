"""Shared design of the multi-site paediatric cohort look-alikes (``make_chain_*``): the
children's record ids, so the cohort, household-survey and weight files merge 1:1, and the
two loss-to-follow-up weight files (30 days, after discharge), which differ only in seed."""
import numpy as np

N_CHILDREN = 1800
SEED = 3101


def ltfu_weights(seed: int):
    """One row a child, ``record_id`` and ``ltfu_weights``: 1 for most, above 1 in the strata
    that lost children (inverse probability of staying in follow-up)."""
    from lookalike import LookAlike

    d = LookAlike(seed=seed)
    d.rows(N_CHILDREN)
    d.put("record_id", np.arange(1, N_CHILDREN + 1), "int")
    w = 1 + np.where(d.binary(0.4) == 1, d.rng.gamma(1.2, 0.08, N_CHILDREN), 0)
    d.put("ltfu_weights", np.round(w, 4), "float")
    return d.dataset()
