"""Look-alike of OpenSAFELY's ``measure_coviddiag_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, coviddiag_events, population, value, date."""
from germdefence import measure


def make():
    return measure("coviddiag")
