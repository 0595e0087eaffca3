"""Look-alike of a recoded AmericasBarometer 2012 analysis file (one row per respondent in 24
Latin American and Caribbean countries, with the United States and Canada, whose protest items
are missing): country ``cname`` (str) and ``ccode``, ``nresp``, disruptive protest
``block_prot``, any protest ``protests`` and other protest ``non_blockprot`` (0/1), country
share of disruptive protest ``per_mean_block_prot``, individual and country civil-society
participation (``corepol_civ_part`` 0-4 and its country mean ``mean_corepol_civ_part`` about
0.5-1.4; ``mean_add_all_civ_part`` about 1-2.4), political control of the bureaucracy
``q2_b`` (country level), age ``q2``, ``sex``, education ``ed``, political interest ``polint``
1-4, ``bribe``, dissatisfaction with services ``dis_ind_serv`` 1-3, non-responsiveness
``dis_eff1`` 1-7, ``b47a`` 1-7, and country-level controls ``gd_ptss_2011``,
``growth_gdp_cap_2011``, ``van_comp_2010``, ``unna_gdp_cap_2011``, ``rev_fh_cl_2011``,
``recel_gol_enep``, ``rev_fh_pr_2011``, ``p_polity2_2011``, ``party_inst_2013`` and
``samplenotBol``."""
import numpy as np

from lookalike import LookAlike

NAMES = ["Mexico", "Guatemala", "El Salvador", "Honduras", "Nicaragua", "Costa Rica", "Panama",
         "Colombia", "Ecuador", "Bolivia", "Peru", "Paraguay", "Chile", "Uruguay", "Brazil",
         "Venezuela", "Argentina", "Dominican Republic", "Haiti", "Jamaica", "Guyana",
         "Trinidad & Tobago", "Belize", "Suriname", "United States", "Canada"]
CODES = [484, 320, 222, 340, 558, 188, 591, 170, 218, 68, 604, 600, 152, 858, 76, 862, 32, 214,
         332, 388, 328, 780, 84, 740, 840, 124]


def make():
    d = LookAlike(seed=11762)
    k = len(NAMES)
    sizes = d.rng.integers(70, 111, size=k)
    country = np.repeat(np.arange(k), sizes)
    d.rows(int(sizes.sum()))
    d.put("cname", np.array(NAMES, dtype=object)[country], "str18")
    d.put("ccode", np.array(CODES)[country], "int")
    d.put("nresp", np.full(d.n, 3) - (country == 22) * 2, "byte")
    civ = d.rng.uniform(0.5, 1.4, size=k)
    control = np.round(d.rng.uniform(1.5, 5.5, size=k), 3)
    north = country >= 24
    civ_i = np.clip(np.round(civ[country] + d.normal(0, 1.0)), 0, 4)
    sex = d.binary(0.5)
    ed = np.clip(np.round(d.normal(9, 4)), 0, 18)
    polint = d.categorical([0.3, 0.3, 0.25, 0.15])
    bribe = d.binary(0.15)
    serv = np.round(d.rng.uniform(1, 3, d.n), 4)
    eff = d.categorical([0.1, 0.1, 0.15, 0.2, 0.15, 0.15, 0.15])
    eta = (-3.3 + 0.9 * civ[country] + 0.15 * control[country] + 0.3 * bribe + 0.2 * polint
           + 0.1 * serv + d.effect(country, 0.4))
    block = d.bernoulli_logit(eta).astype(float)
    prot = np.maximum(block, d.bernoulli_logit(eta + 0.9)).astype(float)
    block[north] = np.nan
    prot[north] = np.nan
    d.put("block_prot", block, "float")
    d.put("protests", prot, "float")
    d.put("non_blockprot", np.where(block == 1, 0, prot), "float")
    share = np.array([np.nanmean(block[country == c]) if not north[country == c][0] else np.nan
                      for c in range(k)])
    d.put("per_mean_block_prot", share[country] * 100, "float")
    d.put("corepol_civ_part", civ_i, "float")
    d.put("mean_corepol_civ_part", civ[country], "float")
    d.put("mean_add_all_civ_part", civ[country] + d.rng.uniform(0.5, 1.0, size=k)[country], "float")
    d.put("q2_b", control[country], "float")
    d.put("q2", np.clip(np.round(d.normal(40, 15)), 18, 90), "int")
    d.put("sex", sex, "byte")
    d.put("ed", ed, "byte")
    d.put("polint", polint, "byte")
    d.put("bribe", bribe, "float")
    d.put("dis_ind_serv", serv, "float")
    d.put("dis_eff1", eff, "float")
    d.put("b47a", d.categorical([0.15, 0.1, 0.15, 0.2, 0.15, 0.15, 0.1]), "byte")
    for name, lo, hi in (("gd_ptss_2011", 1, 5), ("growth_gdp_cap_2011", -2, 8),
                         ("van_comp_2010", 20, 70), ("unna_gdp_cap_2011", 0.7, 15),
                         ("recel_gol_enep", 1.8, 7), ("party_inst_2013", 0.3, 0.9)):
        d.put(name, np.round(d.rng.uniform(lo, hi, size=k), 3)[country], "float")
    d.put("rev_fh_cl_2011", d.rng.integers(3, 8, size=k)[country], "float")
    d.put("rev_fh_pr_2011", d.rng.integers(3, 8, size=k)[country], "float")
    d.put("p_polity2_2011", d.rng.integers(5, 11, size=k)[country], "float")
    d.put("samplenotBol", (np.array(CODES)[country] != 68).astype(int), "float")
    return d.dataset()
