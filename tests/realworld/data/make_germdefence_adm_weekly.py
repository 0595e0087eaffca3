"""Look-alike of OpenSAFELY's ``measure_adm_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, adm_events, population, value, date."""
from germdefence import measure


def make():
    return measure("adm")
