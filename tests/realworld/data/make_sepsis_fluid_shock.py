"""Look-alike of the septic-shock subgroup's extract of a multi-hospital sepsis cohort (SAS
extract read with import sas); the design and variables are in sepsis_fluid_cohort.py."""
from sepsis_fluid_cohort import cohort


def make():
    return cohort(seed=71186, n_hosp=40, size=(8, 25), shock=True)
