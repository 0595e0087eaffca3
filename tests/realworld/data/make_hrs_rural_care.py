"""Look-alike of a Health and Retirement Study person-wave extract (2004-2016, every two
years) of a rural/urban care study: respondent id ``hhidpn_num``, wave ``year``, respondent
weight ``rwtresp_``, ``rural``, care outcomes (both formal and informal care, formal only,
informal only, none; any informal care as a YES/NO string and 0/1; nursing-home use and its
subjective 5-year probability ``rpnhm5y`` 0-100), and controls: age category, sex, race,
marital status, ADL/IADL counts, self-rated health, condition count, cognition, eight
diagnoses, Medicaid, census division, state, living children."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2023)
    ids, year = d.panel("hhidpn_num", 700, list(range(2004, 2017, 2)), "year", dropout=0.3)
    d.put("rwtresp_", np.round(d.group_constant(ids, d.rng.uniform(1500, 9000, d.n)) * d.rng.uniform(0.9, 1.1, d.n)), "long")
    rural = d.group_constant(ids, d.binary(0.25))
    d.put("rural", rural, "byte")
    d.put("age_cat", np.clip(d.group_constant(ids, d.uniform_int(1, 3)) + (year - 2004) // 6, 1, 4), "byte")
    d.put("female", d.group_constant(ids, d.binary(0.58)), "byte")
    race = d.group_constant(ids, d.categorical([0.75, 0.18, 0.07]))
    d.put("raracem", race, "byte")
    d.put("race", race, "byte")
    d.put("marriedorprtnrd", d.binary(0.55), "byte")
    adl = d.rng.poisson(0.6, d.n)
    d.put("sum_adl", np.minimum(adl, 5), "byte")
    d.put("sum_iadl", np.minimum(d.rng.poisson(0.5, d.n), 5), "byte")
    d.put("rshlt_", d.categorical([0.1, 0.25, 0.3, 0.22, 0.13]), "byte")
    d.put("rconde_", np.minimum(d.rng.poisson(2.2, d.n), 8), "byte")
    d.put("cogfunction", d.categorical([0.75, 0.15, 0.1]), "byte")
    for name, p in (("rhibpe_", 0.6), ("rdiabe_", 0.25), ("rcancre_", 0.15), ("rhearte_", 0.3), ("rlunge_", 0.12),
                    ("rstroke_", 0.08), ("rpsyche_", 0.15), ("rarthre_", 0.6)):
        d.put(name, d.binary(p), "byte")
    d.put("hasmedicaid", d.binary(0.12), "byte")
    state = d.group_constant(ids, d.uniform_int(1, 20))
    d.put("state", state, "byte")
    d.put("rcendiv", (state - 1) // 3 + 1, "byte")
    d.put("anylivingkids", d.binary(0.9), "byte")
    u = d.effect(ids, 0.8)
    eta_ic = -0.3 + 0.3 * rural + 0.4 * adl + u
    eta_fc = -1.5 + 0.3 * adl - 0.2 * rural + 0.5 * u
    ic = d.bernoulli_logit(eta_ic)
    fc = d.bernoulli_logit(eta_fc)
    d.put("both", ic * fc, "byte")
    d.put("fc_only", (1 - ic) * fc, "byte")
    d.put("ic_only", ic * (1 - fc), "byte")
    d.put("nocare", (1 - ic) * (1 - fc), "byte")
    d.put("any_ic_num", ic, "byte")
    d.put("any_ic", np.where(ic == 1, "YES", "NO").astype(object), "str3")
    d.put("any_fhc2_num", fc, "byte")
    d.put("anynursinghome", d.bernoulli_logit(-2.5 + 0.4 * adl), "byte")
    d.put("rpnhm5y", np.round(np.clip(d.rng.gamma(1.2, 12, d.n), 0, 100)), "byte")
    return d.dataset()
