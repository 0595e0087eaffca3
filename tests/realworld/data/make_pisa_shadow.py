"""Look-alike of a PISA 2012 working file on shadow education: students in schools
(``SCHOOLID``) in countries (``CNT``, three-letter text code), four binary outcomes of
out-of-school lessons, SES components, high-stakes-testing indicator ``HST``, five plausible
values of maths and reading (/100), student and school weights."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2012)
    ids = d.nested(("cntno", 24), ("SCHOOLID", (6, 10)), (None, (8, 14)))
    c = ids["cntno"]
    codes = np.array([f"C{k:02d}" for k in range(1, 25)], dtype=object)
    d.put("CNT", codes[c - 1], "str3")
    d.put("n_CNT", c, "byte")
    ses = d.normal(0, 1) + d.effect(ids["SCHOOLID"], 0.4)
    d.put("ses", np.round(ses, 3), "float")
    d.put("paredu", d.uniform_int(1, 6), "byte")
    d.put("paroccu", np.round(d.rng.uniform(16, 90, d.n)), "int")
    d.put("homepos", np.round(d.normal(0, 1), 3), "float")
    d.put("gender", d.binary(0.5), "byte")
    d.put("age", np.round(d.rng.uniform(15.2, 16.3, d.n), 2), "float")
    d.put("igrade", d.categorical([0.1, 0.8, 0.1], [-1, 0, 1]), "byte")
    d.put("immig", d.categorical([0.85, 0.1, 0.05]), "byte")
    hst = d.group_constant(c, d.binary(0.4))
    d.put("HST", hst, "byte")
    d.put("c_selage", d.group_constant(c, d.uniform_int(10, 16)) - 13, "byte")
    for name, base in (("OSLmath", -1.0), ("OSLlang", -1.4), ("PT", -1.8), ("CC", -2.0)):
        y = d.bernoulli_logit(base + 0.3 * ses + 0.2 * hst * ses + d.effect(c, 0.6) + d.effect(ids["SCHOOLID"], 0.4))
        d.put("S_" + name, y, "byte")
        d.put("D_" + name, y, "byte")
    for k in range(1, 6):
        d.put(f"PV{k}MATH100", np.round(4.9 + 0.4 * ses + d.normal(0, 0.8), 3), "float")
        d.put(f"PV{k}READ100", np.round(4.9 + 0.4 * ses + d.normal(0, 0.8), 3), "float")
    d.put("wwgt54", np.round(d.rng.uniform(0.5, 2.0, d.n), 4), "float")
    d.put("wgt54", np.round(d.rng.uniform(0.5, 2.0, d.n), 4), "float")
    d.put("W_FSCHWT", np.round(d.group_constant(ids["SCHOOLID"], d.rng.uniform(1, 40, d.n)), 3), "float")
    d.columns.pop("cntno"); d.types.pop("cntno")
    return d.dataset()
