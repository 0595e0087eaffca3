"""Look-alike of a copy of Wooldridge's ``WAGEPAN`` (545 young men, 1980-87) with the square
of experience named ``exper2``: ``nr``, ``year``, ``lwage``, ``educ``, ``black``, ``hisp``,
``exper``, ``exper2``, ``union``, ``married`` (person effects in wages; union and marriage
vary within persons)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1980)
    ids, year = d.panel("nr", 545, list(range(1980, 1988)), "year")
    d.columns["nr"] = d.columns["nr"] * 13
    educ = d.group_constant(ids, d.uniform_int(8, 16))
    black = d.group_constant(ids, d.binary(0.12))
    hisp = d.group_constant(ids, d.binary(0.15)) * (1 - black)
    exper = d.group_constant(ids, d.uniform_int(0, 5)) + year - 1980
    union = np.where(d.binary(0.15) == 1, 1 - d.group_constant(ids, d.binary(0.24)),
                     d.group_constant(ids, d.binary(0.24)))
    married = ((year - 1980) >= d.group_constant(ids, d.uniform_int(0, 12))).astype(int)
    d.put("black", black, "byte")
    d.put("hisp", hisp, "byte")
    d.put("educ", educ, "byte")
    d.put("exper", exper, "byte")
    d.put("exper2", exper ** 2, "int")
    d.put("union", union, "byte")
    d.put("married", married, "byte")
    alpha = d.effect(ids, 0.3)
    lwage = np.zeros(d.n)
    noise = d.normal(0, 0.3)
    base = 0.3 + 0.08 * educ - 0.12 * black + 0.07 * exper - 0.002 * exper ** 2 + 0.15 * union + 0.07 * married
    for i in range(d.n):
        lag = lwage[i - 1] if i > 0 and ids[i] == ids[i - 1] else base[i] + alpha[i]
        lwage[i] = 0.3 * lag + 0.7 * (base[i] + alpha[i]) + noise[i]
    d.put("lwage", np.round(lwage, 4), "float")
    return d.dataset()
