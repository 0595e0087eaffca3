"""Look-alike of OpenSAFELY's ``measure_aRTI_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, arti_events, population, value, date."""
from germdefence import measure


def make():
    return measure("aRTI")
