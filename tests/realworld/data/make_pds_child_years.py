"""Look-alike of the individual-year anthropometric file of the replication package of
Shrinivas et al. (2025) (India's Public Distribution System and child nutrition, ICRISAT VDSA
village panel): children ``indv_id1`` aged 0-10 in households of villages ``vill`` of states
``st``, one row per ``pan_year`` 2010-2014; height-for-age ``haz_w97`` and stunting flags
(below -2, -2 to -3, below -3), last year's PDS subsidy ``lagyr_grain_subs`` and its NFSA
instrument ``lagyr_grain_subs_tg``, and the categorical controls of the fixed effects
(household size class, card type, head's occupation and schooling, caste group)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12304)
    rng = d.rng
    n_child, years = 900, [2010, 2011, 2012, 2013, 2014]
    vill_of = rng.integers(1, 19, n_child)
    st_of = (vill_of - 1) // 3 + 1
    born = rng.integers(2001, 2014, n_child)
    d.rows(n_child * len(years))
    ind = np.repeat(np.arange(1, n_child + 1), len(years))
    pan_year = np.tile(years, n_child)
    age = pan_year - np.repeat(born, len(years))
    keep = (age >= 0) & (age <= 10)
    d.n = int(keep.sum())
    ind, pan_year, age = ind[keep], pan_year[keep], age[keep]
    vill = vill_of[ind - 1]
    st = st_of[ind - 1]
    d.put("indv_id1", ind, "int")
    d.put("vill", vill, "byte")
    d.put("st", st, "byte")
    d.put("pan_year", pan_year, "int")
    d.put("age", age, "byte")
    d.put("hh_size_cat", d.group_constant(ind, d.categorical([0.3, 0.5, 0.2])), "byte")
    card = d.group_constant(ind, d.binary(0.65))
    d.put("card_dum", card, "byte")
    d.put("main_occp_hh_head_0_m", d.group_constant(ind, d.categorical([0.45, 0.2, 0.15, 0.1, 0.1])), "byte")
    d.put("educ_hh_head_012_m", d.group_constant(ind, d.categorical([0.4, 0.35, 0.25], [0, 1, 2])), "byte")
    d.put("caste_group_num", d.group_constant(ind, d.categorical([0.3, 0.4, 0.2, 0.1])), "byte")
    expand = (pan_year >= 2014) * np.isin(st, [3, 4, 5])
    target = np.round(d.group_constant(st * 10000 + pan_year, rng.uniform(2, 6, d.n)) * (1 + expand) * card, 3)
    subs = np.round(np.maximum(0, 0.8 * target + d.normal(0, 0.8)), 3)
    d.put("lagyr_grain_subs_tg", target, "float")
    d.put("lagyr_grain_subs", subs, "float")
    haz = -1.6 + 0.04 * subs + d.effect(ind, 0.8) + d.effect(vill, 0.2) + d.normal(0, 0.6)
    d.put("haz_w97", np.round(d.with_missing(haz, 0.05), 2), "float")
    haz = d.columns["haz_w97"].astype(float)
    for name, cond in (("stunting", haz < -2), ("stunting_moderate", (haz < -2) & (haz >= -3)),
                       ("stunting_severe", haz < -3)):
        d.put(name, np.where(np.isnan(haz), np.nan, cond.astype(float)), "byte")
    return d.dataset("PDS child-year anthropometry look-alike")
