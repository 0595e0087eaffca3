"""Look-alike of an ESS extract for Germany (protest by birth cohort, East/West): survey
period (round), East-West-specific birth cohort ``cohorteast``, petition and demonstration."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3114)
    d.rows(3000)
    period = d.uniform_int(1, 8)
    d.put("period", period, "byte")
    east = d.binary(0.3)
    d.put("eastsoc", east, "byte", value_labels={0: "West", 1: "East"})
    cohort = d.uniform_int(1925, 1995)
    d.put("cohort", cohort, "int")
    # 5-year cohorts within East and West
    ce = (cohort - 1925) // 5 + 1 + 20 * east
    d.put("cohorteast", ce, "byte")
    year = 2000 + 2 * period
    d.put("age", year - cohort, "int")
    d.put("female", d.binary(0.5), "byte")
    d.put("edu3", d.uniform_int(1, 3), "byte")
    d.put("incquart", d.uniform_int(1, 4), "byte")
    d.put("unemp", d.binary(0.07), "byte")
    d.put("union", d.binary(0.15), "byte")
    d.put("city", d.binary(0.35), "byte")
    d.put("class5", d.uniform_int(1, 5), "byte")
    d.put("land", d.uniform_int(1, 16), "byte")
    d.put("promigrant", np.round(d.normal(0, 1), 2), "float")
    u_c = d.effect(ce, 0.3)
    u_p = d.effect(period, 0.2)
    d.put("petition", d.bernoulli_logit(-0.6 + 0.3 * d.columns["edu3"] + u_c + u_p), "byte")
    d.put("demonstration", d.bernoulli_logit(-2.2 + 0.3 * d.columns["edu3"] + 0.2 * d.columns["promigrant"]
                                             + u_c + u_p), "byte")
    return d.dataset()
