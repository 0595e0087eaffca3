"""Look-alike of OpenSAFELY's ``measure_gastro_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, gastro_events, population, value, date."""
from germdefence import measure


def make():
    return measure("gastro")
