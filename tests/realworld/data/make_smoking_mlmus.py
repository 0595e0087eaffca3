"""Look-alike of MLMUS's ``smoking.dta`` (Abrevaya's birth-weight panel: births ``idx`` of
mothers ``momid``, 1-3 births each): birth weight ``birwt`` (grams), ``smoke``, ``male``,
mother's age ``mage``, education dummies ``hsgrad`` ``somecoll`` ``collgrad``, ``married``,
``black`` (constant within mother), Kessner adequacy ``kessner2`` ``kessner3``, ``novisit``,
first prenatal visit in trimester 2/3 ``pretri2`` ``pretri3``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3978)
    ids = d.nested(("momid", 1200), ("idx", (1, 3)))
    mom = ids["momid"]
    edu = d.group_constant(mom, d.categorical([0.15, 0.4, 0.25, 0.2], [0, 1, 2, 3]))
    black = d.group_constant(mom, d.binary(0.07))
    smoker = d.group_constant(mom, d.binary(0.15))
    smoke = np.where(d.binary(0.8) == 1, smoker, 1 - smoker)
    male = d.binary(0.51)
    order = ids["idx"] - d.group_constant(mom, ids["idx"])  # 0 for each mother's first birth
    mage = np.clip(d.group_constant(mom, 18 + d.uniform_int(0, 15)) + 2 * order, 15, 45)
    married = d.group_constant(mom, d.binary(0.85))
    kess = d.categorical([0.8, 0.15, 0.05], [1, 2, 3])
    tri = d.categorical([0.85, 0.12, 0.03], [1, 2, 3])
    novisit = (d.binary(0.01) == 1).astype(int)
    smoke, male, black, married = (np.asarray(v, dtype=int) for v in (smoke, male, black, married))
    birwt = np.round(3300 - 220 * smoke + 120 * male + 5 * (mage - 25) + 40 * edu - 200 * black
                     + 60 * married - 80 * (kess == 2) - 150 * (kess == 3)
                     + d.effect(mom, 330) + d.normal(0, 380))
    d.put("birwt", birwt, "int")
    d.put("smoke", smoke, "byte")
    d.put("male", male, "byte")
    d.put("mage", mage, "byte")
    d.put("hsgrad", (edu == 1).astype(int), "byte")
    d.put("somecoll", (edu == 2).astype(int), "byte")
    d.put("collgrad", (edu == 3).astype(int), "byte")
    d.put("married", married, "byte")
    d.put("black", black, "byte")
    d.put("kessner2", (kess == 2).astype(int), "byte")
    d.put("kessner3", (kess == 3).astype(int), "byte")
    d.put("novisit", novisit, "byte")
    d.put("pretri2", (tri == 2).astype(int), "byte")
    d.put("pretri3", (tri == 3).astype(int), "byte")
    return d.dataset("smoking (look-alike)")
