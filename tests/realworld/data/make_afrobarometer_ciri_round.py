"""Look-alike of Gottlieb, Grossman and Robinson's ``CIRI-ROUND.data -- CIRI human-rights scores by COW code and round`` (see ``afrobarometer_gender.py``)."""
from afrobarometer_gender import ciri_round


def make():
    return ciri_round()
