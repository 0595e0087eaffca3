"""Shared design of the multi-site paediatric cohort look-alikes (``make_chain_*``): the
children's record ids, so the cohort, household-survey and weight files merge 1:1."""
N_CHILDREN = 1800
SEED = 3101
