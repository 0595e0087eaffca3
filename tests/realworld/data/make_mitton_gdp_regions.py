"""Look-alike of Mitton (2016)'s ``GDP Data.dta -- regions' GDP per capita 2005, population, currency`` (see ``mitton_subnations.py``)."""
from mitton_subnations import gdp_regions


def make():
    return gdp_regions()
