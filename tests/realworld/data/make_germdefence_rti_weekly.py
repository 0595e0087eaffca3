"""Look-alike of OpenSAFELY's ``measure_RTI_weekly.csv`` of the Germ Defence trial (see
``germdefence.py``): practice_id, rti_events, population, value, date."""
from germdefence import measure


def make():
    return measure("RTI")
