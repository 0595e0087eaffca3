"""Era 2 of the MIDCAB cohort, stset (see midcab_eras.py)."""
from midcab_eras import era


def make():
    return era(2)
