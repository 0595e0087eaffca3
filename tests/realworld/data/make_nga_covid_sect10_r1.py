"""Look-alike of section 10 (shocks) of round 1 of the Nigeria high-frequency COVID-19 phone
survey: long, one row per household and shock ``shock_cd`` (1-9), whether it was experienced
``s10q1`` (1 yes, 2 no), the "other" strings ``shock_cd_os`` ``s10q3_os`` and 0/1 coping
answers ``s10q3__1`` ``s10q3__6``-``__9`` ``__11``-``__21`` ``__96`` (missing unless ``s10q1``
is 1), with the household's location as in section 7."""
import numpy as np

from lookalike import LookAlike
from make_nga_covid_sect7_r1 import N_HH, put_location

COPE = [1, 6, 7, 8, 9] + list(range(11, 22)) + [96]


def make():
    d = LookAlike(seed=1922)
    rows = np.repeat(np.arange(N_HH), 9)
    d.rows(len(rows))
    put_location(d, rows)
    code = np.tile(np.arange(1, 10), N_HH)
    d.put("shock_cd", code, "int", value_labels={c: f"Shock {c}" for c in range(1, 10)})
    d.put("shock_cd_os", np.full(d.n, ""), "str20")
    hit = 2 - d.binary(np.where(code == 8, 0.6, 0.15))
    d.put("s10q1", hit, "byte", value_labels={1: "Yes", 2: "No"}, label_name="YesNo")
    for c in COPE:
        d.put(f"s10q3__{c}", np.where(hit == 1, d.binary(0.35 if c in (9, 11, 14) else 0.08), np.nan), "byte")
    d.put("s10q3_os", np.full(d.n, ""), "str20")
    return d.dataset("Nigeria COVID-19 phone survey round 1 section 10 look-alike")
