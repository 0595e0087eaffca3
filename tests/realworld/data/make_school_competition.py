"""Look-alike of a school-competition study's ``Did testing mechanisms dataset``: schools
(``school_id``) in municipalities (``municipality``) over the years 1996-2006, log school size
``s_sizelog``, complaints ``complaints``, local market concentration ``hs_herf`` and density
``hs_density``, sibling share ``hs_sistud``, grade point average ``hs_GPA``, education track
``edu_trac`` (1-3), shares ``hs_forbac``/``hs_edupar``/``hs_ctea``/``hs_sctea``, log median
income ``minclog``, ``crime``, and the design flags ``in_group`` and ``treatment``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1998)
    ids, year = d.panel("school_id", 80, list(range(1996, 2007)), "year")
    municipality = (ids - 1) // 5 + 1
    d.put("municipality", municipality, "int")
    herf = np.clip(d.group_constant(ids, d.rng.uniform(0.1, 0.9, d.n)) + d.normal(0, 0.03), 0.01, 1)
    d.put("s_sizelog", np.round(5.5 - 0.8 * herf + d.effect(municipality, 0.3) + d.effect(ids, 0.3)
                                + d.normal(0, 0.15), 4), "float")
    d.put("complaints", np.round(2 + 1.5 * herf + d.effect(municipality, 0.4) + d.effect(ids, 0.5)
                                 + d.normal(0, 0.6), 3), "float")
    d.put("hs_herf", np.round(herf, 4), "float")
    d.put("hs_density", np.round(d.group_constant(municipality, d.rng.uniform(0.5, 5, d.n)), 3), "float")
    d.put("hs_sistud", np.round(d.rng.uniform(0, 0.3, d.n), 3), "float")
    d.put("hs_GPA", np.round(d.normal(3.2, 0.3), 3), "float")
    d.put("edu_trac", d.group_constant(ids, d.uniform_int(1, 3)), "byte")
    for name in ("hs_forbac", "hs_edupar", "hs_ctea", "hs_sctea"):
        d.put(name, np.round(d.rng.uniform(0, 1, d.n), 3), "float")
    d.put("minclog", np.round(d.group_constant(municipality, d.normal(7.5, 0.2)) + d.normal(0, 0.02), 4), "float")
    d.put("crime", np.round(d.group_constant(municipality, d.rng.uniform(20, 120, d.n)), 1), "float")
    d.put("in_group", d.group_constant(ids, d.binary(0.1)), "byte")
    d.put("treatment", d.group_constant(ids, d.binary(0.6)), "byte")
    return d.dataset()
