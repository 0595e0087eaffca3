"""Look-alike of the analysis file of a multicentre randomised trial of nitric oxide on
cardiopulmonary bypass in children under two having heart surgery: one row per randomised
child (``record_id``; a few without ``rand_group``) at 6 hospitals (``site``);
``rand_group`` 1 standard care / 2 nitric oxide, the stratifiers ``rand_age`` (1 under six
weeks, 2 older) and ``rand_pathophys`` (1 univentricular, 2 biventricular); ventilation
``vent_dur`` (days, 28 = still ventilated), ventilator-free days ``vfd``, 28-day death and
clock datetimes (%tc, milliseconds) of the start of bypass, of death and of 28 days after
surgery; bypass minutes, the RACHS risk category; continuous outcomes (ventilation hours,
chest-open days, PELOD-2 scores at 0/24/48 h, troponin and creatinine at 0/24 h), binary
outcomes (low cardiac output, ECLS, composite, no mechanical ventilation, renal support,
acute kidney injury at 0/24/48 h) and PICU and hospital lengths of stay with their event
flags ``los_picu_event``/``los_hosp_event``."""
import numpy as np

from lookalike import LookAlike

DAY_MS = 86_400_000.0


def make():
    d = LookAlike(seed=23270)
    rng = d.rng
    ids = d.nested(("site", 6), (None, (45, 70)))
    site = ids["site"]
    n = d.n
    u = d.effect(site, 0.3)
    group = np.where(rng.random(n) < 0.02, np.nan, d.binary(0.5) + 1.0)
    treated = np.nan_to_num(group) == 2
    age = d.binary(0.45) + 1
    phys = np.where(d.binary(0.25) == 1, 1, 2)
    rachs = d.categorical([0.1, 0.35, 0.35, 0.12, 0.08], [1, 2, 3, 4, 6])
    cpb = np.round(rng.gamma(4, 30, size=n) + 20 * (phys == 1))
    death = d.bernoulli_logit(-3.4 + 0.6 * (phys == 1) + 0.3 * (rachs > 3) + u)
    vent = np.round(np.clip(rng.gamma(1.2, 1.6, size=n) * np.exp(u - 0.1 * treated), 0.1, 28), 2)
    vent = np.where(rng.random(n) < 0.02, 28, vent)
    start = 1.8e12 + rng.uniform(0, 3 * 365, size=n) * DAY_MS
    death_dt = np.where(death == 1, start + rng.uniform(1, 27, size=n) * DAY_MS, np.nan)
    vent = np.where(death == 1, np.minimum(vent, (death_dt - start) / DAY_MS), vent)
    vfd = np.where(death == 1, 0, np.round(28 - vent, 2))
    d.put("record_id", np.arange(1, n + 1), "int")
    d.put("rand_group", group, "byte", value_labels={1: "Standard care", 2: "Nitric oxide"})
    d.put("rand_age", age, "byte", value_labels={1: "<6 weeks", 2: ">=6 weeks"})
    d.put("rand_pathophys", phys, "byte", value_labels={1: "Univentricular", 2: "Biventricular"})
    d.put("vent_dur", vent, "float")
    d.put("vfd", vfd, "float")
    d.put("death_28day", death, "byte")
    d.put("perfusion_cpb1_start", start, "double")
    d.put("outcome_death", death_dt, "double")
    d.put("post28daysurg_dt", start + 28 * DAY_MS, "double")
    d.put("perfusion_cpb_total", cpb, "int")
    d.put("surg_rachs", rachs, "byte")
    d.put("mment_vent_dur", np.round(vent * 24, 1), "float")
    d.put("dur_chestopen", np.round(np.where(d.binary(0.2) == 1, rng.gamma(2, 1.5, size=n), 0), 1), "float")
    d.put("mment_vent_nohrs", np.round(np.where(treated, rng.gamma(2, 8, size=n), 0), 1), "float")
    d.put("mment_vent_rrthrs", np.round(np.where(d.binary(0.1) == 1, rng.gamma(2, 20, size=n), 0), 1), "float")
    for hour in (0, 24, 48):
        d.put(f"picu_pelod2_{hour}", d.with_missing(np.clip(np.round(rng.normal(5 - hour / 24, 2, size=n)), 0, 20), 0.05), "byte")
    for hour in (0, 24):
        d.put(f"picu_troponin{hour}", d.with_missing(np.round(rng.lognormal(7 - 0.3 * hour / 24, 0.6, size=n)), 0.1), "float")
        d.put(f"picu_creatinine{hour}", d.with_missing(np.round(rng.lognormal(3.4 + 0.1 * hour / 24, 0.3, size=n)), 0.05), "float")
    d.put("picu_lcos_any", d.bernoulli_logit(-0.6 - 0.2 * treated + 0.4 * (age == 1) + u), "byte")
    d.put("ecls_48hr", d.bernoulli_logit(-3.2 + u), "byte")
    d.put("comp_outcome", d.bernoulli_logit(-1.2 - 0.15 * treated + u), "byte")
    d.put("mment_vent_no", d.bernoulli_logit(-0.5 + 3 * treated), "byte")
    d.put("mment_rrt_pd_crrt", d.bernoulli_logit(-2.5 + 0.5 * (age == 1) + u), "byte")
    for name, scale in (("los_picu", 3.0), ("los_hosp", 9.0)):
        d.put(name, np.round(vent + rng.gamma(1.5, scale, size=n), 1), "float")
        d.put(f"{name}_event", 1 - death, "byte")
    for hour in (0, 24, 48):
        d.put(f"picu_aki{hour}", d.with_missing(d.bernoulli_logit(-1.4 + 0.3 * (hour > 0) + u), 0.03), "byte")
    return d.dataset("NITRIC trial look-alike")
