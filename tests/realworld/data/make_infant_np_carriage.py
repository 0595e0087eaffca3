"""Look-alike of ``final_data_for_modeling17112021.csv``: a cohort of HIV-exposed infants
(``studyno``) swabbed at enrolment, 12 and 18 months, half in an azithromycin arm: bacterial
carriage (0/1) of four genera in nasopharyngeal (``*_np``) and sputum (``*_sp``) samples,
visit and visit-by-arm dummies, season of the sample, weight-for-age, age group, sex and site,
and the mother's viral load at enrolment.  As ``import delimited`` reads an R export, the
yes/no columns are strings."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3310)
    ids, visit = d.panel("studyno", 310, [0, 12, 18], "visit")
    n = d.n
    azm = d.group_constant(ids, d.binary(0.5))
    v12 = (visit == 12).astype(int)
    v18 = (visit == 18).astype(int)
    sex = d.group_constant(ids, d.categorical([0.5, 0.5], ["female", "male"]))
    site = d.group_constant(ids, d.categorical([0.55, 0.45], ["site_a", "site_b"]))
    low_age = d.group_constant(ids, d.binary(0.4))
    vlsup = d.group_constant(ids, d.binary(0.7))
    waz = d.binary(0.85)
    u = d.effect(ids, 0.8)
    d.put("visit12m", v12, "byte")
    d.put("visit18m", v18, "byte")
    d.put("visit12m_azm", v12 * azm, "byte")
    d.put("visit18m_azm", v18 * azm, "byte")
    d.put("sex", sex, "str6")
    d.put("site", site, "str6")
    d.put("agegpenrl_low", low_age, "byte")
    d.put("vlsupenrl", vlsup, "byte")
    d.put("normalwaz_reg", waz, "byte")
    base = {"strep": 0.3, "staph": -1.0, "haem": -0.4, "morax": 0.1}
    carried = {}
    for sample in ("np", "sp"):
        season = d.binary(0.5)
        d.put(f"season1_{sample}", season, "byte")
        avail = d.binary(0.93 if sample == "np" else 0.91)
        d.put(f"{sample}_available_cultured", np.where(avail == 1, "yes", "no").astype(object), "str3")
        any_bug = np.zeros(n, dtype=bool)
        for bug, b0 in base.items():
            eta = b0 + 0.3 * v12 + 0.2 * v18 - 0.5 * v12 * azm - 0.3 * v18 * azm + 0.2 * season \
                - 0.2 * waz + 0.15 * low_age - 0.2 * vlsup + (0.3 if bug == "haem" else 0) * (site == "site_b") + u
            y = d.bernoulli_logit(eta).astype(float)
            y[d.rng.random(n) < 0.02] = np.nan
            carried[f"{bug}_{sample}"] = y
            any_bug |= y == 1
        for bug in base:
            d.put(f"{bug}_{sample}", carried[f"{bug}_{sample}"], "byte")
        name = "anybact_int" if sample == "np" else "anybact_int_spt"
        d.put(name, np.where(any_bug, "yes", "no").astype(object), "str3")
    return d.dataset()
