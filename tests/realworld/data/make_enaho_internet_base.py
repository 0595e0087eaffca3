"""Look-alike of the merged person file of a thesis on children's internet use (ENAHO,
Peru): cluster ``conglome``, stratum ``estrato`` 1-8, domain ``dominio`` 1-8, district code
``ubigeo`` (6-character string, department first), expansion factor ``factor07``, household
size ``mieperho``, social stratum ``estrsocial`` 1-6, and the module variables the file
renames (age ``p208a``, sex ``p207``, mother tongue ``p300a``, education level/year/grade
``p301a``/``p301b``/``p301c``, current level ``p308a``, school type ``p308d``, internet use
``p314a`` and where / with what, the p307 remote-class items, the p316 uses and skills,
electricity ``p1121``, relationship ``p203``/``p203b``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2017)
    ids = d.nested(("conglome", 300), (None, (6, 14)))
    clus = ids["conglome"]
    d.put("conglome", clus + 5000, "long")
    estrato = d.group_constant(clus, d.uniform_int(1, 8))
    d.put("estrato", estrato, "byte")
    dominio = d.group_constant(clus, d.uniform_int(1, 8))
    d.put("dominio", dominio, "byte")
    dep = d.group_constant(clus, d.uniform_int(1, 25))
    d.put("ubigeo", np.array([f"{a:02d}{b:04d}" for a, b in zip(dep, d.uniform_int(101, 999))], dtype=object), "str6")
    d.put("factor07", np.round(d.group_constant(clus, d.rng.uniform(50, 400, d.n)), 4), "float")
    d.put("mieperho", np.clip(d.rng.poisson(4.5, d.n), 1, 14), "byte")
    d.put("estrsocial", d.group_constant(clus, d.uniform_int(1, 6)), "byte")
    age = d.uniform_int(3, 25)
    d.put("p208a", age, "byte")
    d.put("p207", d.categorical([0.5, 0.5]), "byte")
    d.put("p300a", d.categorical([0.1, 0.02, 0.01, 0.85, 0.01, 0.01], [1, 2, 3, 4, 6, 7]), "byte")
    d.put("p301a", np.clip(age // 3 + d.uniform_int(-1, 1), 1, 11), "byte")
    d.put("p301b", d.uniform_int(0, 6), "byte")
    d.put("p301c", d.uniform_int(0, 6), "byte")
    d.put("p308a", d.categorical([0.1, 0.45, 0.4, 0.05]), "byte")
    d.put("p308d", d.categorical([0.75, 0.25]), "byte")
    urban = estrato <= 5
    use = d.bernoulli_logit(-1.0 + 1.2 * urban + 0.15 * (age - 12) + 0.2 * d.columns["estrsocial"] + d.effect(clus, 0.5))
    d.put("p314a", np.where(use == 1, 1, 2), "byte")
    d.put("p1121", d.binary(0.9), "byte")
    d.put("p203", d.categorical([0.05, 0.05, 0.85, 0.05]), "byte")
    d.put("p203b", d.categorical([0.1, 0.9]), "byte")
    for name in (["p314b_1", "p314b_2", "p314b_3", "p314b_4", "p314b_5", "p314b_6", "p314b_7",
                  "p314b1_1", "p314b1_2", "p314b1_6", "p314b1_7", "p314b1_8", "p314b1_9", "p316a1", "p316b",
                  "p307a1", "p307a2", "p307a3", "p307a4", "p307a4_5", "p307a4_6", "p307a4_7",
                  "p307b1", "p307b2", "p307b3", "p307b4", "p307b4_5", "p307b4_6", "p307b4_7"]
                 + [f"p316_{k}" for k in (1, 2, 3, 4, 5, 6, 7, 8, 12)] + [f"p316c{k}" for k in range(1, 11)]):
        d.put(name, np.where(use == 1, d.binary(0.4), np.nan), "byte")
    return d.dataset()
