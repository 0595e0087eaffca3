"""Look-alike of Mitton (2016)'s climate grid ``frs.dta`` (see ``mitton_subnations.py``):
latitude, longitude and twelve monthly columns (elevation for elv), sorted by latitude longitude."""
from mitton_subnations import climate


def make():
    return climate("frs")
