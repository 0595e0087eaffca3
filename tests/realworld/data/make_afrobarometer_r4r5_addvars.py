"""Look-alike of Gottlieb, Grossman and Robinson's ``AddR5Vars.dta -- round-5 items by ROUND RESPNO`` (see ``afrobarometer_gender.py``)."""
from afrobarometer_gender import add_vars


def make():
    return add_vars()
