"""Look-alike of the long English Longitudinal Study of Ageing person-wave file of a study of
later-life precarity and frailty (read by ``import delimited`` from a CSV in the original): 400
respondents ``idauniq`` over up to eight waves ``wave`` 1-8 (some drop out), age ``age`` (45-95,
a few under 50 as in the real file, which the do-file drops), ``agesqrd``, ``female`` 0/1, a
frailty index ``frailty`` (share of deficits, 0-1, rising with age and precarity, a person
effect) and a continuous precarity index ``precarity`` that varies within persons; a few values
missing.  The wealth variable comes from the companion file ``elsa_precarity_wealth``."""
import numpy as np

from lookalike import LookAlike

PERSONS = 400
SEED = 138011


def design():
    d = LookAlike(seed=SEED)
    ids, wave = d.panel("idauniq", PERSONS, list(range(1, 9)), "wave", dropout=0.35)
    return d, ids, wave


def make():
    d, ids, wave = design()
    rng = d.rng
    base_age = d.group_constant(ids, rng.uniform(47, 85, size=d.n))
    age = np.round(base_age + 2 * (wave - 1))
    female = d.group_constant(ids, rng.integers(0, 2, size=d.n))
    u = d.effect(ids, 0.06)
    prec_person = d.effect(ids, 1.0)
    precarity = np.round(prec_person + rng.normal(0, 0.5, size=d.n), 4)
    frailty = np.clip(0.12 + 0.004 * (age - 65) + 0.00012 * (age - 65) ** 2 + 0.02 * female
                      + 0.015 * prec_person + 0.01 * (precarity - prec_person) + u
                      + rng.normal(0, 0.04, size=d.n), 0, 1)
    d.put("idauniq", ids + 100000, "long")
    d.put("age", age, "int")
    d.put("agesqrd", age * age, "long")
    d.put("female", female, "byte")
    d.put("frailty", d.with_missing(np.round(frailty, 4), 0.03), "double")
    d.put("precarity", d.with_missing(precarity, 0.04), "double")
    return d.dataset()
