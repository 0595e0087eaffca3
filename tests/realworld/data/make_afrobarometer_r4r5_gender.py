"""Look-alike of Gottlieb, Grossman and Robinson's ``ggross_r4r5append.dta -- respondents of rounds 4 and 5`` (see ``afrobarometer_gender.py``)."""
from afrobarometer_gender import respondents


def make():
    return respondents()
