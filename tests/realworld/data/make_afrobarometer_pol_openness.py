"""Look-alike of Gottlieb, Grossman and Robinson's ``PolOpenness.dta -- polity, GDP, women's empowerment by round`` (see ``afrobarometer_gender.py``)."""
from afrobarometer_gender import pol_openness


def make():
    return pol_openness()
