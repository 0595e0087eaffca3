"""Look-alike of the simulated teaching data of Merlo et al. (2015) on neighbourhoods and
health-care use (``data_43291_Stata.dta``): individuals in neighbourhoods ``neigh``,
psychotropic drug use ``psycmed`` and private GP use ``private`` (0/1), ``male``, age
group ``agegroup`` 1-4 (labelled), individual poverty/wealth ``poor`` ``rich`` and
neighbourhood income indicators ``poorarea`` ``richarea``.  Smaller than the original
(about 2,400 people in 60 neighbourhoods)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=43291)
    ids = d.nested(("neigh", 60), (None, (25, 55)))
    neigh = ids["neigh"]
    area = d.group_constant(neigh, d.categorical([0.3, 0.4, 0.3]))
    d.put("poorarea", (area == 1).astype(int), "byte")
    d.put("richarea", (area == 3).astype(int), "byte")
    male = d.binary(0.48)
    age = d.categorical([0.25, 0.3, 0.25, 0.2])
    poor = d.binary(np.where(area == 1, 0.45, 0.2))
    rich = d.binary(np.where(area == 3, 0.45, 0.15)) * (1 - poor)
    d.put("male", male, "byte")
    d.put("agegroup", age, "byte", value_labels={1: "35-44", 2: "45-54", 3: "55-64", 4: "65-74"})
    d.put("poor", poor, "byte")
    d.put("rich", rich, "byte")
    u1, u2 = d.effect(neigh, 0.35), d.effect(neigh, 0.5)
    d.put("psycmed", d.bernoulli_logit(-2.0 - 0.5 * male + 0.2 * age + 0.4 * poor + 0.2 * (area == 1) + u1), "byte")
    d.put("private", d.bernoulli_logit(-1.0 + 0.1 * male + 0.1 * age + 0.6 * rich + 0.5 * (area == 3) + u2), "byte")
    return d.dataset()
