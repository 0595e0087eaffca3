"""Look-alike of Wooldridge's ``WAGEPAN`` (young men 1980-87): nr, year, lwage, educ, black, hisp."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1980)
    ids, year = d.panel("nr", 545, list(range(1980, 1988)), "year")
    educ = d.group_constant(ids, d.uniform_int(8, 16))
    black = d.group_constant(ids, d.binary(0.12))
    hisp = d.group_constant(ids, d.binary(0.15) * (1 - black))
    d.put("educ", educ, "byte")
    d.put("black", black, "byte")
    d.put("hisp", hisp, "byte")
    d.put("lwage", np.round(0.5 + 0.09 * educ - 0.1 * black + 0.05 * (year - 1980) + d.effect(ids, 0.35)
                            + d.normal(0, 0.35), 4), "float")
    return d.dataset()
