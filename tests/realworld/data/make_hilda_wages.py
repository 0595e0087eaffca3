"""Look-alike of a cleaned HILDA person-wave wage file (``basic_cleaned.dta``): the person
id ``xwaveid`` as a 7-digit string, ``wave``, log real hourly wage, experience and its
square, sex, and 0/1 dummies for sector, education, children, health, birthplace, marital
status, remoteness, state, shift/part-time/long-hours/casual work, union membership,
industry and occupation (each set of dummies leaves out its base category)."""
import numpy as np

from lookalike import LookAlike


def _dummies(d, names, probs, ids=None):
    cat = d.categorical(probs, list(range(len(probs))))
    if ids is not None:
        cat = d.group_constant(ids, cat)
    for k, name in enumerate(names, start=1):
        d.put(name, (cat == k).astype(int), "byte")
    return cat


def make():
    d = LookAlike(seed=2001)
    ids, wave = d.panel("person", 900, list(range(1, 12)), "wave", dropout=0.3)
    d.put("xwaveid", np.array([f"{100000 + 13 * i:07d}" for i in ids], dtype=object), "str7")
    d.columns.pop("person"); d.types.pop("person")
    d.put("sex_male", d.group_constant(ids, d.binary(0.5)), "byte")
    exp0 = d.group_constant(ids, d.uniform_int(0, 30))
    exper = exp0 + wave - 1
    d.put("experience", exper, "byte")
    d.put("experience_sq", exper ** 2, "int")
    d.put("sector_public", d.binary(0.25), "byte")
    _dummies(d, ["edu_uni", "edu_diploma"], [0.5, 0.3, 0.2], ids)
    _dummies(d, ["children_1", "children_2", "children_3", "children_4_plus"], [0.5, 0.2, 0.18, 0.08, 0.04])
    d.put("health_poor", d.binary(0.1), "byte")
    _dummies(d, ["birth_eng", "birth_neng"], [0.75, 0.12, 0.13], ids)
    _dummies(d, ["married_yes", "married_sep"], [0.4, 0.5, 0.1])
    d.put("urban_no", d.binary(0.15), "byte")
    _dummies(d, ["state_VIC", "state_WA", "state_QLD", "state_SA", "state_NT", "state_TAS", "state_ACT"],
             [0.32, 0.25, 0.1, 0.2, 0.07, 0.01, 0.03, 0.02], ids)
    for name, p in (("shiftwork_yes", 0.15), ("parttime", 0.25), ("long_hours", 0.2), ("casual", 0.18), ("union_yes", 0.25)):
        d.put(name, d.binary(p), "byte")
    inds = ["ind_wholesale", "ind_finance", "ind_education", "ind_mine", "ind_retail", "ind_housing", "ind_health",
            "ind_manufact", "ind_accomo_food", "ind_prof_sci_technical", "ind_arts_rec", "ind_utilities",
            "ind_logistics", "ind_admin", "ind_other_unknown", "ind_construct", "ind_it", "ind_public_admin"]
    _dummies(d, inds, [0.1] + [0.05] * len(inds))
    occs = ["occ_tech_trade", "occ_clerical_admin", "occ_machinery", "occ_prof", "occ_community_personal_service",
            "occ_sales", "occ_labourer"]
    _dummies(d, occs, [0.15, 0.14, 0.14, 0.07, 0.2, 0.1, 0.1, 0.1])
    wage = (2.7 + 0.04 * exper - 0.0007 * exper ** 2 + 0.2 * d.columns["edu_uni"] + 0.1 * d.columns["sex_male"]
            + 0.05 * d.columns["union_yes"] + d.effect(ids, 0.3) + d.normal(0, 0.25))
    d.put("log_real_wage", d.with_missing(wage, 0.05), "float")
    return d.dataset()
