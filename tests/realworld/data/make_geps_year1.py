"""Look-alike of the first wave of a Korean regional panel of middle-school pupils, as two
files named in upper case: the school file (``SCHID``, region ``Y1M_SH4``, innovation-school
flag ``Y1M_SH6``) in ``make_geps_year1_school`` and this pupil file (``STUID``, ``SCHID``,
school satisfaction ``Y1M_ST37`` on 1-5, raw English/maths/Korean scores), with -999 as the
survey's missing code."""
import numpy as np

from lookalike import LookAlike


def pupils():
    d = LookAlike(seed=12004)
    ids = d.nested(("SCHID", 60), (None, (20, 45)))
    sch = ids["SCHID"]
    d.columns["SCHID"] = 100 + sch
    d.put("STUID", np.arange(100001, 100001 + d.n), "long")
    ability = d.normal(0, 1) + d.effect(sch, 0.4)
    sat = d.ordinal(0.3 * ability + d.effect(sch, 0.5) + d.normal(0, 1), [-1.6, -0.6, 0.5, 1.5], [1, 2, 3, 4, 5])
    scores = {}
    for name, mean in (("Y1M_ENG_S", 55), ("Y1M_MATH_S", 50), ("Y1M_KOR_S", 60)):
        s = np.clip(np.round(mean + 15 * ability + d.normal(0, 8)), 0, 100)
        s[d.binary(0.02) == 1] = -999
        scores[name] = s
    sat[d.binary(0.02) == 1] = -999
    d.put("Y1M_ST37", sat, "int")
    for name, s in scores.items():
        d.put(name, s, "int")
    return d


def make():
    return pupils().dataset("pupil file look-alike")
