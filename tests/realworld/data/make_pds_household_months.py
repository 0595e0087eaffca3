"""Look-alike of the household-month analysis file of the replication package of Shrinivas
et al. (2025), "Food transfers and child nutrition: evidence from India's Public
Distribution System" (ICRISAT VDSA village panel): households ``new_id1`` in villages
``vill`` of states ``st``, observed monthly (``mon_yr``, a %tm date) in ``pan_year``
2010-2014; the PDS grain subsidy ``grain_subs`` and its NFSA-target instrument
``grain_subs_tg`` (state and year driven), wage incomes (rupees), the daily wage, days of
market labour, the CPI, the household's adult-equivalent size ``wt_nhh``, and the
categorical controls the fixed effects use (size class, head's occupation and schooling,
caste group), migrant and child-household flags and the ration-card type ``pds_card``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12303)
    rng = d.rng
    n_vill, per_vill, years, months = 18, 22, [2010, 2011, 2012, 2013, 2014], [1, 4, 7, 10]
    n_hh = n_vill * per_vill
    vill_of_hh = np.repeat(np.arange(1, n_vill + 1), per_vill)
    st_of_vill = np.repeat([1, 2, 3, 4, 5, 6], 3)
    per_hh = len(years) * len(months)
    d.rows(n_hh * per_hh)
    hh = np.repeat(np.arange(1, n_hh + 1), per_hh)
    vill = np.repeat(vill_of_hh, per_hh)
    st = st_of_vill[vill - 1]
    pan_year = np.tile(np.repeat(years, len(months)), n_hh)
    month = np.tile(np.tile(months, len(years)), n_hh)
    mon_yr = (pan_year - 1960) * 12 + month - 1
    d.put("new_id1", hh, "int")
    d.put("vill", vill, "byte")
    d.put("st", st, "byte", value_labels={1: "Andhra", 2: "Gujarat", 3: "Karnataka", 4: "Madhya", 5: "Maharashtra", 6: "Telangana"})
    d.put("pan_year", pan_year, "int")
    d.put("mon_yr", mon_yr, "int")
    d.put("migrant_hh", d.group_constant(hh, d.binary(0.04)), "byte")
    occ = d.group_constant(hh, d.categorical([0.45, 0.2, 0.15, 0.1, 0.05, 0.05], [1, 2, 3, 4, 5, 6]))
    d.put("main_occp_hh_head", occ, "byte")
    d.put("main_occp_hh_head_0_m", np.minimum(occ, 5), "byte")
    d.put("educ_hh_head_012_m", d.group_constant(hh, d.categorical([0.4, 0.35, 0.25], [0, 1, 2])), "byte")
    d.put("caste_group_num", d.group_constant(hh, d.categorical([0.3, 0.4, 0.2, 0.1])), "byte")
    d.put("hh_size_cat", d.group_constant(hh * 10000 + pan_year, d.categorical([0.3, 0.5, 0.2])), "byte")
    card = d.group_constant(hh, d.categorical([0.35, 0.5, 0.15], [1, 2, 3]))
    d.put("pds_card", card, "byte", value_labels={1: "APL", 2: "BPL", 3: "AAY"})
    d.put("child_hh_dum", d.group_constant(hh, d.binary(0.55)), "byte")
    expand = (pan_year >= 2013) * np.isin(st, [3, 4, 5])
    target = np.round(d.group_constant(st * 10000 + pan_year, rng.uniform(20, 60, d.n)) * (1 + expand) * (card > 1), 2)
    subs = np.round(np.maximum(0, 0.8 * target + d.normal(0, 8)), 2)
    d.put("grain_subs_tg", target, "float")
    d.put("grain_subs", subs, "float")
    cpi = 100 * (1.08 ** (pan_year - 2010)) * (1 + 0.002 * month)
    d.put("cpi_generalindex", np.round(cpi, 1), "float")
    wt = np.round(d.group_constant(hh, rng.uniform(2.5, 7.5, d.n)), 2)
    d.put("wt_nhh", wt, "float")
    u = d.effect(hh, 0.5)
    wage_inc = np.maximum(0, np.exp(7.5 + u + 0.05 * (pan_year - 2010) - 0.002 * subs + d.normal(0, 0.6)) * d.binary(0.8))
    d.put("wages_income", np.round(wage_inc, 0), "float")
    nf_bus = np.round(np.exp(6 + d.normal(0, 1)) * d.binary(0.15), 0)
    d.put("wages_net_inc_nf_bus", nf_bus, "float")
    d.put("wages_net_inc", np.round(wage_inc + nf_bus + d.normal(0, 50).clip(min=0), 0), "float")
    d.put("wage_day", np.round(d.with_missing(np.exp(5 + 0.1 * (pan_year - 2010) + d.normal(0, 0.3)), 0.3), 1), "float")
    d.put("labor_work", np.round(np.maximum(0, 12 + 3 * u + d.normal(0, 6)) * d.binary(0.8), 0), "float")
    return d.dataset("PDS household-month look-alike")
