"""Look-alike of the cohort's inverse-probability weights for loss to follow-up
(30days): one row a child (``record_id`` as in ``make_chain_cohort``) and
``ltfu_weights``, 1 for most and above 1 in the strata that lost children."""
import numpy as np

from chain_cohort_design import N_CHILDREN, SEED
from lookalike import LookAlike


def make():
    d = LookAlike(seed=SEED + 2)
    d.rows(N_CHILDREN)
    d.put("record_id", np.arange(1, N_CHILDREN + 1), "int")
    w = 1 + np.where(d.binary(0.4) == 1, d.rng.gamma(1.2, 0.08, N_CHILDREN), 0)
    d.put("ltfu_weights", np.round(w, 4), "float")
    return d.dataset()
