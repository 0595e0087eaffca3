"""Look-alike of an NSHAP-style panel (older US adults, waves 2005-06, 2010-11, 2015-16):
loneliness (1-3, ordinal), age, birth year, survey weights, gender, ethnicity, education,
living arrangement and health covariates; ``su_id`` is a text respondent id; ``weight_sel``
varies by wave, ``weight_sel2`` is constant within respondent (a level-2 weight)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2005)
    ids, wave = d.panel("pid", 900, [1, 2, 3], "wave", dropout=0.3)
    d.columns.pop("pid"); d.types.pop("pid")
    d.columns = {"su_id": np.array([f"{100000 + k}" for k in ids], dtype=object)} | d.columns
    d.types = {"su_id": "str6"} | d.types
    yob = d.group_constant(ids, d.uniform_int(1920, 1965))
    year = np.array([2005, 2010, 2015])[wave - 1]
    d.put("yob", yob, "int")
    d.put("age", np.clip(year - yob, 50, 97), "byte")
    d.put("bc10", (yob // 10 - 191).clip(1, 5), "byte")
    d.put("gender", d.group_constant(ids, d.binary(0.52)) + 1, "byte", value_labels={1: "male", 2: "female"})
    d.put("ethgrp", d.group_constant(ids, d.categorical([0.7, 0.15, 0.1, 0.05])), "byte")
    d.put("educ", d.group_constant(ids, d.categorical([0.15, 0.3, 0.3, 0.25])), "byte")
    d.put("liv_arrange", d.categorical([0.6, 0.3, 0.1]), "byte")
    d.put("physhlth", d.uniform_int(1, 5), "byte")
    d.put("comorb", d.poisson(np.full(d.n, 0.3)), "byte")
    d.put("adls", d.poisson(np.full(d.n, -0.5)), "byte")
    d.put("alters", d.uniform_int(0, 5), "byte")
    d.put("clsrel", np.round(d.rng.uniform(0, 1, d.n), 2), "float")
    d.put("framt", np.round(d.rng.uniform(0, 1, d.n), 2), "float")
    d.put("weight_sel", np.round(d.rng.uniform(0.3, 3.0, d.n), 3), "float")
    # the respondent-level weight: the author passes it to mixed/meologit as the su_id level's
    # pweight(), which Stata requires to be constant within su_id
    d.put("weight_sel2", d.group_constant(ids, np.round(d.rng.uniform(0.3, 3.0, d.n), 3)), "float")
    lon = d.ordinal(0.01 * (d.columns["age"] - 70) + d.effect(ids, 1.0), [0.0, 2.0])
    d.put("loneliness", lon, "byte", value_labels={1: "hardly ever", 2: "some of the time", 3: "often"})
    return d.dataset()
