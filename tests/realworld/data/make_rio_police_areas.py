"""Look-alike of ``data_SIM_2019.csv`` (pmrj: Rio de Janeiro's System of Integrated Targets):
39 police areas (``aisp``) by month, 2005-2018 (6,552 rows): ``year month semester``,
``month_year`` and ``sem_year`` (running month and semester numbers; sem_year > 100 from the
second semester of 2009), ``cycle`` (month of the semester, 1-6), crime counts
(``violent_death violent_death_sim homicide police_killing dpolice_killing body_found
dbody_found robbery theft street_robbery vehicle_robbery vehicle_theft cargo_robbery
other_robberies burglary store_robbery street_theft drug_seizure gun_seizure arrest arrest2
juvenile_arrest``), monthly targets ``target_vd target_sr target_vr``, police resources
(``policemen_aisp policemen_upp n_precinct max_prize population``), command ids (``cmt``,
``id_cmt``) and the treatment columns the do-file drops and rebuilds."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14503)
    months = list(range(1, 169))  # 2005m1 .. 2018m12
    ids, mt = d.panel("aisp", 39, months, "month_year")
    year = 2005 + (mt - 1) // 12
    month = (mt - 1) % 12 + 1
    semester = np.where(month <= 6, 1, 2)
    d.put("year", year, "int")
    d.put("month", month, "byte")
    d.put("semester", semester, "byte")
    d.put("sem_year", 2 * (year - 2005) + semester + (year >= 2009) * 90, "int")
    d.put("cycle", np.where(month <= 6, month, month - 6), "byte")
    pop = d.group_constant(ids, np.exp(d.normal(12.3, 0.5)))
    d.put("population", pop.round(), "long")
    area = d.effect(ids, 0.4)
    lp = np.log(pop / 2e5)
    counts = {"violent_death": 1.8, "violent_death_sim": 1.9, "homicide": 1.6, "police_killing": -0.5,
              "body_found": -0.8, "robbery": 3.5, "theft": 3.8, "street_robbery": 3.0,
              "vehicle_robbery": 2.6, "vehicle_theft": 2.4, "cargo_robbery": 0.8,
              "other_robberies": 1.5, "burglary": 1.0, "store_robbery": 1.2, "street_theft": 2.9,
              "drug_seizure": 2.2, "gun_seizure": 1.6, "arrest": 3.0, "arrest2": 3.1,
              "juvenile_arrest": 1.0}
    for name, base in counts.items():
        d.put(name, d.poisson(base + area + lp + d.normal(0, 0.15)), "int")
    d.put("dpolice_killing", (d.columns["police_killing"] > 0).astype(int), "byte")
    d.put("dbody_found", (d.columns["body_found"] > 0).astype(int), "byte")
    for short, name in (("vd", "violent_death_sim"), ("sr", "street_robbery"), ("vr", "vehicle_robbery")):
        d.put(f"target_{short}", np.round(np.exp(counts[name] + area + lp) * 0.95, 1), "double")
    d.put("policemen_aisp", (d.group_constant(ids, d.uniform_int(300, 900)) + d.uniform_int(-20, 20)), "int")
    d.put("policemen_upp", np.where(year >= 2009, d.group_constant(ids, d.uniform_int(0, 300)), 0), "int")
    d.put("n_precinct", d.group_constant(ids, d.uniform_int(1, 5)), "byte")
    d.put("max_prize", np.where(year >= 2009, 13500, 0), "long")
    cmt = d.group_constant(ids * 100 + (year - 2005) // 3, d.uniform_int(1, 60))
    d.put("cmt", cmt, "int")
    d.put("id_cmt", cmt, "int")
    zeros = np.zeros(d.n)
    for name in ("on_target", "on_target_sr", "on_target_vr", "lag1_on_target", "dist_target_vd",
                 "lag12_dist_target_vd", "dist_target_vr", "lag12_dist_target_vr", "dist_target_sr",
                 "lag12_dist_target_sr", "violent_death_sim_cum", "vehicle_robbery_cum",
                 "street_robbery_cum", "violent_death_sim_cum2", "on_target_vd", "vehicle_robbery_cum2",
                 "street_robbery_cum2", "target_vd_cum", "target_vr_cum", "target_sr_cum",
                 "target_vd_sem", "target_vr_sem", "target_sr_sem"):
        d.put(name, zeros, "double")
    return d.dataset()
