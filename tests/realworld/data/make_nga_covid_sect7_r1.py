"""Look-alike of section 7 (income) of round 1 of the Nigeria high-frequency COVID-19 phone
survey (World Bank / NBS, 2020): long, one row per household (``hhid``, a 5-6 digit number)
and income source ``source_cd`` (1-10, 96 other, 99 total), with the household's location
``zone state lga sector ea``, the "other, specify" string ``source_cd_os``, whether the source
brought income in the last 12 months ``s7q1`` (1 yes, 2 no; missing for 99) and how it
changed since the pandemic ``s7q2`` (1 increased, 2 same, 3 reduced, 4 none; asked when
``s7q1`` is 1, and for the total).  ``households()`` is shared with sections 10 and 11."""
import numpy as np

from lookalike import LookAlike

N_HH = 300
SOURCES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 96, 99]


def households(seed: int = 1920):
    rng = np.random.default_rng(seed)
    hhid = np.sort(rng.choice(np.arange(10001, 379999), size=N_HH, replace=False))
    zone = rng.integers(1, 7, size=N_HH)
    state = zone * 6 + rng.integers(0, 6, size=N_HH)
    lga = state * 100 + rng.integers(1, 20, size=N_HH)
    sector = rng.integers(1, 3, size=N_HH)
    ea = rng.integers(1, 900, size=N_HH)
    return hhid, zone, state, lga, sector, ea


def put_location(d: LookAlike, rows: np.ndarray) -> None:
    hhid, zone, state, lga, sector, ea = households()
    d.put("hhid", hhid[rows], "long")
    d.put("zone", zone[rows], "byte")
    d.put("state", state[rows], "byte")
    d.put("lga", lga[rows], "int")
    d.put("sector", sector[rows], "byte", value_labels={1: "Urban", 2: "Rural"})
    d.put("ea", ea[rows], "int")


def make():
    d = LookAlike(seed=1921)
    rows = np.repeat(np.arange(N_HH), len(SOURCES))
    d.rows(len(rows))
    put_location(d, rows)
    code = np.tile(SOURCES, N_HH)
    d.put("source_cd", code, "int", value_labels={c: f"Source {c}" for c in SOURCES})
    d.put("source_cd_os", np.where(code == 96, np.where(d.binary(0.1) == 1, "other", ""), ""), "str30")
    p = np.select([code == 1, code == 2, code == 3], [0.5, 0.4, 0.25], 0.08)
    got = np.where(code == 99, np.nan, 2 - d.binary(p))
    d.put("s7q1", got, "byte", value_labels={1: "Yes", 2: "No"}, label_name="YesNo")
    d.put("s7q2", np.where((got == 1) | (code == 99), d.categorical([0.1, 0.35, 0.5, 0.05]), np.nan), "byte")
    return d.dataset("Nigeria COVID-19 phone survey round 1 section 7 look-alike")
