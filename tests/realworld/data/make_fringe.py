"""Look-alike of Wooldridge's ``FRINGE`` (616 workers): annual benefits ``annbens`` (zero for
some), earnings ``annearn``, experience ``exper`` and its square, ``age``, ``educ``,
``tenure``, ``married``, ``male``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=616)
    d.rows(616)
    exper = d.uniform_int(1, 40)
    age = np.clip(exper + d.uniform_int(18, 26), 18, 70)
    educ = d.uniform_int(8, 18)
    tenure = np.minimum(exper, d.uniform_int(0, 25))
    male = d.binary(0.55)
    annearn = np.round(np.exp(9.2 + 0.06 * educ + 0.02 * exper + 0.2 * male + d.normal(0, 0.4)), 1)
    latent = -400 + 0.05 * annearn + 15 * tenure + d.normal(0, 500)
    d.put("annbens", np.round(np.maximum(latent, 0), 2), "float")
    d.put("exper", exper, "byte")
    d.put("age", age, "byte")
    d.put("educ", educ, "byte")
    d.put("tenure", tenure, "byte")
    d.put("married", d.binary(0.6), "byte")
    d.put("male", male, "byte")
    d.put("annearn", annearn, "float")
    d.put("expersq", exper ** 2, "int")
    return d.dataset()
