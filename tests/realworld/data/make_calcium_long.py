"""Look-alike of ``calcium_allL.csv`` (a calcium-supplement trial in adolescent girls, long
format, as a longitudinal-data course ships it and ``import delimited`` reads it): girl
``person`` (101-212), ``visit`` (1-5, some girls drop out), treatment ``group`` ("C"
calcium, "P" placebo), ``age`` at the visit (about 11 at the first, half a year apart) and
bone mineral density ``bmd`` (about 0.8-1.0 g/cm2, rising over visits, faster under
calcium), with a girl-level intercept and slope."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1201)
    ids, visit = d.panel("person", 112, [1, 2, 3, 4, 5], "visit", dropout=0.25)
    ids = ids + 100
    d.put("person", ids, "int")
    d.put("visit", visit, "byte")
    calcium = d.group_constant(ids, d.binary(0.5))
    age0 = d.group_constant(ids, d.normal(11.0, 0.5))
    age = np.round(age0 + 0.5 * (visit - 1) + d.normal(0, 0.05), 2)
    bmd = (0.87 + d.effect(ids, 0.06) + (0.024 + 0.006 * calcium + d.effect(ids, 0.006)) * (visit - 1)
           + 0.004 * (age0 - 11) + d.normal(0, 0.01))
    d.put("group", np.where(calcium == 1, "C", "P").astype(object), "str1")
    d.put("age", age, "double")
    d.put("bmd", np.round(bmd, 4), "double")
    return d.dataset()
