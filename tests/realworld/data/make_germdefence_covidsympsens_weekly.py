"""Look-alike of OpenSAFELY's ``measure_covidsympsens_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, covidsympsens_events, population, value, date."""
from germdefence import measure


def make():
    return measure("covidsympsens")
