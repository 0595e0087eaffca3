"""Look-alike of the ECHORN cohort's wave-1 survey (four Caribbean sites): GPAQ walking and
activity items, perceived-neighbourhood items SE12-SE24, demographics, blood pressure,
glucose and car ownership (D96)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=120)
    ids = d.nested(("siteid", 4), (None, (450, 700)))
    site = ids["siteid"]
    d.put("key", np.arange(1, d.n + 1), "int")
    d.put("gender", d.uniform_int(1, 2), "byte")
    d.put("partage", d.uniform_int(40, 85), "byte")
    d.put("weight", np.round(d.rng.normal(78, 15, d.n), 1), "float")
    d.put("height", np.round(d.rng.normal(166, 9, d.n), 1), "float")
    d.put("HB10", d.with_missing(d.uniform_int(0, 7), 0.05), "byte")
    d.put("HB11", d.uniform_int(1, 2), "byte")
    d.put("HB12", d.uniform_int(1, 90), "byte")
    for name in ("mpwVR", "mpwMR", "mpwVW", "mpwMW"):
        d.put(name, d.with_missing(np.round(d.rng.exponential(120, d.n)), 0.1), "float")
    for k in range(12, 25):
        d.put(f"SE{k}", d.with_missing(d.uniform_int(1, 4) if k < 18 else d.uniform_int(0, 3), 0.03), "byte")
    d.put("D96", d.uniform_int(0, 3), "byte")
    d.put("D75", d.uniform_int(0, 4), "byte")
    d.put("D13", d.uniform_int(0, 9), "byte")
    d.put("glucose", np.round(d.rng.normal(105, 25, d.n)), "int")
    d.put("Diabetes", d.with_missing(d.binary(0.2), 0.3), "byte")
    d.put("Hypertension", d.with_missing(d.binary(0.4), 0.3), "byte")
    d.put("bp_systolic", np.round(d.rng.normal(135, 20, d.n)), "int")
    d.put("bp_diastolic", np.round(d.rng.normal(82, 11, d.n)), "int")
    d.put("inactive", d.bernoulli_logit(-0.8 + d.effect(site, 0.4)), "byte")
    return d.dataset()
