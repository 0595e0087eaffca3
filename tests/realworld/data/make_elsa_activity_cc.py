"""The complete-case version of the ELSA physical-activity look-alike (``CCpadatafull.dta``):
the same persons and values as ``make_elsa_activity.py`` without its missing values."""
from make_elsa_activity import build


def make():
    return build(complete=True)
