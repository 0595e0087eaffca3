"""Look-alike of the secondary (6-hour) cohort of a multi-hospital sepsis cohort (SAS extract
read with import sas); the design and variables are in sepsis_fluid_cohort.py."""
from sepsis_fluid_cohort import cohort


def make():
    return cohort(seed=71187, n_hosp=40, size=(25, 80), shock=False)
