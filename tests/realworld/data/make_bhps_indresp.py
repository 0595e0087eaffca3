"""Look-alike of BHPS wave A ``ba_indresp`` (individual respondents, 1991): occupation
(SOC code), parents' NS-SEC, labour income, organisation memberships; BHPS negative codes
(-9..-1) for missing answers."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1991)
    ids = d.nested(("ba_mrjsoc", 120), (None, (3, 30)))
    soc = ids["ba_mrjsoc"] * 7 + 100  # three-digit SOC 1990 codes
    d.put("ba_mrjsoc", np.where(d.binary(0.03) == 1, -8, soc), "int")
    d.put("ba_sex", d.uniform_int(1, 2), "byte")
    age = d.uniform_int(16, 75)
    d.put("ba_age_dv", age, "byte")
    for name in ("ba_panssec8_dv", "ba_manssec8_dv"):
        d.put(name, np.where(d.binary(0.08) == 1, -9, d.uniform_int(1, 8)), "byte")
    d.put("ba_mrjmngr", np.where(d.binary(0.05) == 1, -8, d.uniform_int(1, 3)), "byte")
    d.put("ba_qfedhi", np.where(d.binary(0.02) == 1, -9, d.uniform_int(1, 13)), "byte")
    d.put("ba_region", d.uniform_int(1, 16), "byte")
    d.put("ba_jbhrs", np.where(d.binary(0.2) == 1, -8, np.round(d.rng.uniform(5, 60, d.n), 1)), "float")
    for name in ("ba_orgm2", "ba_orgm14", "ba_orgm15", "ba_orgm6", "ba_orgm13"):
        d.put(name, np.where(d.binary(0.02) == 1, -9, d.binary(0.12)), "byte")
    logy = 6.5 + 0.02 * (age - 16) + 0.3 * (d.columns["ba_sex"] == 1) + d.effect(soc, 0.4) + d.normal(0, 0.6)
    d.put("ba_fimnlabgrs_dv", np.round(np.where(d.binary(0.15) == 1, 0, np.exp(logy)), 2), "float")
    return d.dataset()
