"""Look-alike of the education module (section 2) of wave 1 of the Ethiopia LSMS-ISA panel:
one row per roster person (ids as in ``eth_lsms_roster_w1``), ``hh_s2q01`` the string
check "X" for persons aged five and over, literacy ``hh_s2q02`` (1 yes, 2 no), ever
attended ``hh_s2q03`` (1/2), the highest grade completed ``hh_s2q05`` (0 pre-school, 1-12
grades, 13-34 further codes, 93-96 adult programmes, 98 none) and the year's school fees
``hh_s2q16`` and supply costs ``hh_s2q17`` (birr)."""
import numpy as np

from lookalike import LookAlike
from make_eth_lsms_roster_w1 import people


def make():
    d = LookAlike(seed=3128)
    ppl = people()
    d.rows(len(ppl))
    age = np.array([p[6] for p in ppl])
    d.put("household_id", [p[0] for p in ppl], "str18")
    d.put("individual_id", [f"{p[0]}{p[3]:02d}" for p in ppl], "str20")
    d.put("ea_id", [p[1] for p in ppl], "str15")
    five = age >= 5
    d.put("hh_s2q00", [p[3] for p in ppl], "byte")
    d.put("hh_s2q01", np.where(five, "X", ""), "str1")
    d.put("hh_s2q02", np.where(five, 2 - d.binary(np.clip(0.9 - age / 100, 0.2, 0.9)), np.nan), "byte")
    attended = np.where(five, 2 - d.binary(0.6), np.nan)
    d.put("hh_s2q03", attended, "byte")
    grade = d.categorical([0.05] + [0.07] * 12 + [0.02] * 4 + [0.01] * 3,
                          [0] + list(range(1, 13)) + [21, 22, 25, 31] + [93, 96, 98])
    d.put("hh_s2q05", np.where(attended == 1, grade, np.nan), "byte")
    in_school = five & (age < 25) & (attended == 1)
    d.put("hh_s2q16", np.where(in_school, np.round(d.rng.gamma(1.2, 60, size=d.n)), np.nan), "int")
    d.put("hh_s2q17", np.where(in_school, np.round(d.rng.gamma(1.5, 40, size=d.n)), np.nan), "int")
    return d.dataset("Ethiopia LSMS-ISA wave 1 education module look-alike")
