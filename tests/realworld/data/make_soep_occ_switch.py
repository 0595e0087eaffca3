"""Look-alike of ``input/aux/master.dta`` of a SOEP study of women's wages after occupational
switches (1992-2015): a person-year panel ``pid`` x ``year`` with ``year_dyad`` (12 two-year
periods), the gender type of the occupation ``occ_gender`` (1 male-dominated, 2 mixed, 3
female-dominated; changes when a person switches), capped log hourly wage ``logwage_cap``,
education ``educatt3`` (1-3), full-time experience ``lmexp_ft``, ``tenure``, ``overwork1``,
``kids5``, hours of ``housework`` and ``childcare``, industry ``ind_short`` (1-8), firm size
``fsize_4cat`` (1-4), ``public``, ``east``, partnership ``partsta`` (1-3), marital status
``marsta`` (1-4), ``age``, and eight occupational task scores ``verb`` ... ``routine`` (0-1,
constant within occupation type, with noise)."""
import numpy as np

from lookalike import LookAlike

TASKS = ["verb", "quant", "analyt", "create", "comp", "manage", "care", "routine"]


def make():
    d = LookAlike(seed=2612)
    ids, year = d.panel("pid", 700, list(range(1992, 2016, 2)), "year", dropout=0.3)
    year = year + d.binary(0.5)
    d.columns["year"] = year
    d.put("year_dyad", (year - 1992) // 2 + 1, "byte",
          value_labels={k: f"{1990 + 2 * k}/{1991 + 2 * k}" for k in range(1, 13)})
    occ0 = d.group_constant(ids, d.categorical([0.3, 0.3, 0.4], [1, 2, 3]))
    switch = d.binary(0.12)
    occ = np.where(switch == 1, d.categorical([0.3, 0.3, 0.4], [1, 2, 3]), occ0)
    d.put("occ_gender", occ, "byte", value_labels={1: "male", 2: "mixed", 3: "female"})
    age0 = d.group_constant(ids, d.uniform_int(20, 45))
    age = age0 + (year - 1992)
    d.put("educatt3", d.group_constant(ids, d.categorical([0.2, 0.55, 0.25], [1, 2, 3])), "byte")
    lmexp = np.clip(age - 20 + d.normal(0, 2), 0, None).round(1)
    d.put("lmexp_ft", lmexp, "float")
    d.put("tenure", np.minimum(lmexp, d.uniform_int(0, 15)).round(1), "float")
    d.put("overwork1", d.binary(0.15), "byte")
    d.put("kids5", d.binary(0.2), "byte")
    d.put("housework", np.clip(d.normal(2, 1), 0, None).round(1), "float")
    d.put("childcare", np.clip(d.normal(1, 1.2), 0, None).round(1), "float")
    d.put("ind_short", d.group_constant(ids, d.uniform_int(1, 8)), "byte")
    d.put("fsize_4cat", d.group_constant(ids, d.uniform_int(1, 4)), "byte")
    d.put("public", d.group_constant(ids, d.binary(0.25)), "byte")
    d.put("east", d.group_constant(ids, d.binary(0.2)), "byte")
    d.put("partsta", d.categorical([0.3, 0.2, 0.5], [1, 2, 3]), "byte")
    d.put("marsta", d.categorical([0.55, 0.3, 0.1, 0.05], [1, 2, 3, 4]), "byte")
    d.put("age", age, "int")
    centre = {1: 0.3, 2: 0.5, 3: 0.6}
    for k, name in enumerate(TASKS):
        base = np.array([centre[o] for o in occ]) + 0.05 * (k - 4) * (occ - 2)
        d.put(name, np.clip(base + d.normal(0, 0.08), 0, 1).round(3), "float")
    lw = (2.4 + 0.1 * d.columns["educatt3"] + 0.02 * lmexp - 0.0003 * lmexp ** 2 - 0.08 * (occ == 3)
          - 0.03 * (occ == 2) + 0.004 * (year - 1992) + d.effect(ids, 0.3) + d.normal(0, 0.2))
    d.put("logwage_cap", d.with_missing(lw.round(4), 0.03), "float")
    return d.dataset()
