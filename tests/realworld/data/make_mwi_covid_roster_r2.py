"""Look-alike of the household roster of round 2 of the Malawi high-frequency COVID-19 phone
survey: as round 1 (``mwi_covid_roster_r1``) with a new interview key ``HHID``, a few new
members, and the "other, specify" answers ``s2q4_os`` ... ``s2q9_os`` stored as numbers (all
missing: no one answered them), so that ``append`` needs ``force``, as with the real files."""
import numpy as np

from lookalike import LookAlike
from make_mwi_covid_roster_r1 import N_HH, roster


def make():
    d = LookAlike(seed=2023)
    reached = np.random.default_rng(2024).random(N_HH) >= 0.12
    roster(d, 2, reached)
    for name in ("s2q4_os", "s2q7_os", "s2q8_os", "s2q9_os"):
        d.put(name, np.full(d.n, np.nan), "byte")
    return d.dataset("Malawi COVID-19 phone survey round 2 roster look-alike")
