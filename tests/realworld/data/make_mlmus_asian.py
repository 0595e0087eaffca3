"""Look-alike of MLMUS's asian.dta (weights of Asian children in a British community, Goldstein;
Rabe-Hesketh & Skrondal ch. 7): 68 children (``id``) weighed 1-5 times between about six weeks
and two and a half years, 198 rows in all as in the real file (the chapter's ``set obs 201``
then adds three rows); ``weight`` (kg), ``age`` (years), ``gender`` (1 boy, 2 girl),
``brthwt`` (birth weight, g).  Quadratic growth with a random intercept and age slope."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3777)
    rng = d.rng
    sizes = np.full(68, 3)
    extra = rng.choice(68, size=198 - 3 * 68 + 20, replace=True)
    np.add.at(sizes, extra, 1)
    fewer = rng.choice(np.flatnonzero(sizes > 1), size=20, replace=False)
    sizes[fewer] -= 1
    sizes = np.clip(sizes, 1, 5)
    while sizes.sum() != 198:
        i = rng.integers(68)
        if sizes.sum() > 198 and sizes[i] > 1:
            sizes[i] -= 1
        elif sizes.sum() < 198 and sizes[i] < 5:
            sizes[i] += 1
    ids = np.repeat(np.arange(1, 69), sizes)
    d.rows(len(ids))
    age = np.concatenate([np.sort(rng.uniform(0.1, 2.6, size=k)) for k in sizes]).round(4)
    gender = d.group_constant(ids, d.categorical([0.5, 0.5], [1, 2]))
    birth = d.group_constant(ids, np.round(rng.normal(3100, 450, size=len(ids)), -1))
    w = (3.5 + 7.7 * age - 1.7 * age ** 2 - 0.6 * (gender == 2) + d.effect(ids, 0.6)
         + d.effect(ids, 0.5) * age + rng.normal(0, 0.55, size=len(ids)))
    d.put("id", ids, "int")
    d.put("weight", np.round(w, 2), "float")
    d.put("age", age, "float")
    d.put("gender", gender, "byte")
    d.put("brthwt", birth, "int")
    return d.dataset("Asian children growth look-alike")
