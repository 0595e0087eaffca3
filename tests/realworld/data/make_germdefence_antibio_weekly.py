"""Look-alike of OpenSAFELY's ``measure_antibio_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, antibio_events, population, value, date."""
from germdefence import measure


def make():
    return measure("antibio")
