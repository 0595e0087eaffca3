"""Look-alike of Hox's cross-classified pupils file (``pupcross.dta``, Multilevel Analysis
2010): 1,000 ``pupil``s, each from one of 50 primary schools ``pschool`` and one of 30
secondary schools ``sschool`` (not nested), ``achiev`` (secondary-school achievement, one
decimal, about 4-10), ``pupsex``, ``pupses`` (1-6) and the schools' denominational
indicators ``pdenom`` ``sdenom``; all double, with the file's value labels."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2002)
    d.rows(1000)
    pschool = np.sort(d.uniform_int(1, 50))
    # each primary school sends its pupils to a few secondary schools
    feeder = {p: d.rng.choice(np.arange(1, 31), size=4, replace=False) for p in range(1, 51)}
    sschool = np.array([d.rng.choice(feeder[p]) for p in pschool])
    d.put("pupil", np.arange(1, d.n + 1), "double")
    d.put("pschool", pschool, "double")
    d.put("sschool", sschool, "double")
    ses = d.uniform_int(1, 6)
    sex = d.binary(0.47)
    pden = d.group_constant(pschool, d.binary(0.58))
    sden = d.group_constant(sschool, d.binary(0.67))
    achiev = 5.8 + 0.11 * ses + 0.26 * sex + 0.2 * pden + 0.1 * sden + d.effect(pschool, 0.41) \
        + d.effect(sschool, 0.26) + d.normal(0, 0.69)
    d.put("achiev", np.round(np.clip(achiev, 3.9, 9.9), 1), "double",
          value_labels={1: "lowest", 10: "highest"})
    d.put("pupsex", sex, "double", value_labels={0: "boy", 1: "girl"})
    d.put("pupses", ses, "double", value_labels={1: "lowest", 6: "highest"})
    d.put("pdenom", pden, "double", value_labels={0: "no", 1: "yes"}, label_name="yesno")
    d.put("sdenom", sden, "double", value_labels={0: "no", 1: "yes"}, label_name="yesno")
    return d.dataset()
