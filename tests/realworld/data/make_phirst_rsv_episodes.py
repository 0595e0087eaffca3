"""Look-alike of an episode file of a household cohort study of respiratory viruses in two
South African sites: one row per RSV infection episode of a household member (``indid``,
a few with two episodes) in households (``hhid``) within ``site`` (1 rural, 2 urban);
``year`` 2017/2018, ``ageyears`` and the study's five-band ``agecat5`` (5 = the adult base
band), ``sex``, HIV status ``hivfinal``, underlying illness ``underill``, ``bmicat`` (1-4,
2 normal), serum ``cotinine`` and self-reported smoking ``cigsmokenow``, ``alcohol``,
``educlevel``, ``employed``, household size ``hh_size`` (1-4 bands), ``numroomsleep``,
``crowding``, ``hh_income`` (1-4); the RSV ``type`` (1 A, 2 B, 3 both), symptom flags
``symany``/``symcat``/``symili``, the minimum Ct value ``minct`` and an older ``ctcat``; the
episode duration ``edur`` (days, 1-60, Weibull with site and household frailties)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=47099)
    rng = d.rng
    ids = d.nested(("site", 2), ("hhid", (55, 70)), (None, (1, 4)))
    site, hh = ids["site"], ids["hhid"]
    n = d.n
    age = np.round(np.where(rng.random(n) < 0.45, rng.uniform(0, 14, size=n), rng.uniform(15, 80, size=n)), 1)
    agecat5 = np.digitize(age, [1, 5, 15, 45]) + 1
    minct = np.round(rng.normal(30, 5, size=n).clip(15, 40), 1)
    sym = d.binary(0.5)
    log_scale = 1.8 + 0.3 * (agecat5 <= 2) + 0.25 * (minct < 30) + 0.2 * sym + d.effect(site, 0.15) + d.effect(hh, 0.35)
    edur = np.ceil(np.exp(log_scale) * rng.weibull(1.5, size=n)).clip(1, 60)
    d.put("indid", np.arange(1, n + 1) * 10 + 1, "long")
    d.put("year", d.group_constant(hh, d.binary(0.5).astype(int) + 2017), "int")
    d.put("ageyears", age, "float")
    d.put("agecat5", agecat5, "byte", value_labels={1: "<1", 2: "1-4", 3: "5-14", 4: "15-44", 5: "45+"})
    d.put("sex", d.binary(0.55).astype(int) + 1, "byte", value_labels={1: "Male", 2: "Female"})
    d.put("hivfinal", np.where(age > 15, d.binary(0.2), d.binary(0.03)), "byte")
    d.put("underill", d.binary(0.12), "byte")
    d.put("bmicat", d.with_missing(d.categorical([0.08, 0.5, 0.22, 0.2], [1, 2, 3, 4]), 0.05), "byte")
    d.put("cotinine", d.binary(0.3), "byte")
    d.put("cigsmokenow", np.where(age > 15, d.binary(0.25), 0), "byte")
    d.put("alcohol", np.where(age > 15, d.binary(0.3), 0), "byte")
    d.put("educlevel", d.categorical([0.2, 0.5, 0.3], [1, 2, 3]), "byte")
    d.put("employed", np.where(age > 18, d.binary(0.35), 0), "byte")
    d.put("hh_size", d.group_constant(hh, d.categorical([0.2, 0.4, 0.25, 0.15], [1, 2, 3, 4])), "byte")
    d.put("numroomsleep", d.group_constant(hh, d.categorical([0.3, 0.45, 0.25], [1, 2, 3])), "byte")
    d.put("crowding", d.group_constant(hh, d.binary(0.4)), "byte")
    d.put("hh_income", d.group_constant(hh, d.categorical([0.3, 0.3, 0.25, 0.15], [1, 2, 3, 4])), "byte")
    d.put("type", d.categorical([0.55, 0.42, 0.03], [1, 2, 3]), "byte", value_labels={1: "A", 2: "B", 3: "A and B"})
    d.put("symany", sym, "byte")
    d.put("symcat", np.where(sym == 1, d.binary(0.4).astype(int) + 1, 0), "byte")
    d.put("symili", np.where(sym == 1, d.binary(0.3), 0), "byte")
    d.put("minct", minct, "float")
    d.put("ctcat", (minct < 30).astype(int), "byte")
    d.put("edur", edur, "int")
    return d.dataset("RSV episode look-alike")
