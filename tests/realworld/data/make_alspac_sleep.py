"""Look-alike of an ALSPAC sleep-duration file in long format: children ``id`` at up to nine
occasions ``occ`` (ages ``age_years`` about 0.5-16), night-time ``sleep`` hours (a concave
cubic-like fall with age, a child random intercept and age slope), ``asd`` (autism, 2%),
covariates ``postndep`` and ``cceianx2`` (maternal depression and anxiety scores),
``epilepsy`` (0/1), ``mat_class`` (1-3), ``mat_edu`` (1-3), ``sex`` (1/2) and ``fin_probs``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1991)
    ages = [0.5, 1.5, 2.5, 3.5, 4.8, 5.8, 6.8, 9.7, 11.7]
    ids, occ = d.panel("id", 450, list(range(1, 10)), "occ", dropout=0.3)
    base_age = np.asarray(ages)[occ - 1]
    age = np.round(base_age + d.rng.uniform(-0.2, 0.3, d.n), 2)
    d.put("age_years", age, "float")
    asd = d.group_constant(ids, d.binary(0.06))
    d.put("asd", asd, "byte")
    d.put("sex", d.group_constant(ids, d.categorical([0.51, 0.49])), "byte")
    d.put("postndep", d.group_constant(ids, d.uniform_int(0, 20)), "byte")
    d.put("cceianx2", d.group_constant(ids, d.uniform_int(0, 16)), "byte")
    d.put("epilepsy", d.group_constant(ids, d.binary(0.02)), "byte")
    d.put("mat_class", d.group_constant(ids, d.categorical([0.4, 0.4, 0.2])), "byte")
    d.put("mat_edu", d.group_constant(ids, d.categorical([0.3, 0.4, 0.3])), "byte")
    d.put("fin_probs", d.group_constant(ids, d.uniform_int(0, 15)), "byte")
    sleep = 11.8 - 0.35 * age + 0.012 * age ** 2 - 0.0004 * age ** 3 - 0.3 * asd \
        + d.effect(ids, 0.45) + d.effect(ids, 0.03) * age + d.normal(0, 0.5)
    d.put("sleep", np.round(sleep, 2), "float")
    return d.dataset()
