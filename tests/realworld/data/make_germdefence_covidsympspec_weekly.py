"""Look-alike of OpenSAFELY's ``measure_covidsympspec_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, covidsympspec_events, population, value, date."""
from germdefence import measure


def make():
    return measure("covidsympspec")
