"""Look-alike of Gottlieb, Grossman and Robinson's ``country_codes.dta -- country names and COW/World Bank codes`` (see ``afrobarometer_gender.py``)."""
from afrobarometer_gender import country_codes


def make():
    return country_codes()
