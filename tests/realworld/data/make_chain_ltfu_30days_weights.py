"""Look-alike of the cohort's 30-day loss-to-follow-up weights (``chain_cohort_design``)."""
from chain_cohort_design import SEED, ltfu_weights


def make():
    return ltfu_weights(SEED + 2)
