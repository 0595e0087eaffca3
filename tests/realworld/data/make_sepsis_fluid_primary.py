"""Look-alike of the primary 48-hour cohort (given at least a litre in 48 hours) of a multi-
hospital sepsis cohort (SAS extract read with import sas); the design and variables are in
sepsis_fluid_cohort.py."""
from sepsis_fluid_cohort import cohort


def make():
    return cohort(seed=71185, n_hosp=40, size=(30, 90), shock=False)
