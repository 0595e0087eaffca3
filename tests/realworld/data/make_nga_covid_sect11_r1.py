"""Look-alike of section 11 (safety nets) of round 1 of the Nigeria high-frequency COVID-19
phone survey: long, one row per household and kind of assistance ``assistance_cd`` (1 food,
2 cash, 3 in kind), whether it was received ``s11q1`` (1 yes, 2 no), from whom ``s11q2``,
``s11q3`` and its "other" string ``s11q3_os``, with the household's location as in section 7."""
import numpy as np

from lookalike import LookAlike
from make_nga_covid_sect7_r1 import N_HH, put_location


def make():
    d = LookAlike(seed=1923)
    rows = np.repeat(np.arange(N_HH), 3)
    d.rows(len(rows))
    put_location(d, rows)
    code = np.tile([1, 2, 3], N_HH)
    d.put("assistance_cd", code, "byte", value_labels={1: "Food", 2: "Cash", 3: "In kind"})
    got = 2 - d.binary(np.where(code == 1, 0.1, 0.05))
    d.put("s11q1", got, "byte", value_labels={1: "Yes", 2: "No"}, label_name="YesNo")
    d.put("s11q2", np.where(got == 1, d.uniform_int(1, 5), np.nan), "byte")
    d.put("s11q3", np.where(got == 1, d.uniform_int(1, 4), np.nan), "byte")
    d.put("s11q3_os", np.full(d.n, ""), "str20")
    return d.dataset("Nigeria COVID-19 phone survey round 1 section 11 look-alike")
