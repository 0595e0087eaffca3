"""Look-alike of Wooldridge's ``WAGEPAN`` (545 young men, 1980-87) with the variables the
textbooks' examples use: ``nr``, ``year``, ``lwage``, ``educ``, ``black``, ``hisp``,
``exper`` and ``expersq``, ``union``, ``married``, and the year dummies ``d81``-``d87``
(the same file as MLMUS4's ``wagepan``).  Person ids are spread over 13-12548 as the real
file's are, with MLMUS4's example people 13 (white), 383 (black) and 1142 (Hispanic)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1987)
    ids, year = d.panel("nr", 545, list(range(1980, 1988)), "year")
    educ = d.group_constant(ids, d.uniform_int(8, 16))
    black = d.group_constant(ids, d.binary(0.12))
    hisp = d.group_constant(ids, d.binary(0.15) * (1 - black))
    others = np.setdiff1d(np.arange(14, 12549), [383, 1142])
    nr = np.sort(np.concatenate([[13, 383, 1142], d.rng.choice(others, 542, replace=False)]))
    person = nr[ids - 1]
    black = np.where(person == 383, 1, np.where(np.isin(person, [13, 1142]), 0, black))
    hisp = np.where(person == 1142, 1, np.where(np.isin(person, [13, 383]), 0, hisp))
    d.put("nr", person, "int")
    exper = np.clip(d.group_constant(ids, d.uniform_int(0, 5)) + year - 1980, 0, None)
    union = np.where(d.binary(0.1) == 1, 1 - d.group_constant(ids, d.binary(0.24)),
                     d.group_constant(ids, d.binary(0.24)))
    married = ((year - 1980) >= d.group_constant(ids, d.uniform_int(0, 12))).astype(int)
    d.put("educ", educ, "byte")
    d.put("black", black, "byte")
    d.put("hisp", hisp, "byte")
    d.put("exper", exper, "byte")
    d.put("expersq", exper ** 2, "int")
    d.put("union", union, "byte")
    d.put("married", married, "byte")
    d.put("lwage", np.round(0.3 + 0.09 * educ - 0.12 * black + 0.08 * exper - 0.003 * exper ** 2 + 0.15 * union
                            + 0.08 * married + d.effect(ids, 0.35) + d.normal(0, 0.3), 4), "float")
    for y in range(1981, 1988):
        d.put(f"d{y - 1900}", (year == y).astype(int), "byte")
    return d.dataset()
