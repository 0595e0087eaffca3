"""Look-alike of a MIDCAB (minimally invasive direct coronary artery bypass) cohort as the
csv the paper's do-file imports: one row per patient (``id``), follow-up ``fupyear`` (years)
and death ``died``, comorbidities coded 0/1 with a few missing (``diabetes``,
``hyperlipemia``, ``copd``, ``pre_dialysis``, ``prior_pci``, ``pre_mi``, ``pre_cva``,
``prior_cardiac_surgery``, ``pad``), ``age_at_surgery``, ``female`` as text "yes"/"no",
pre-operative ejection fraction ``pre_lvef`` and ``incompl_revascularisation`` with -9 for
unknown, and the operation year ``op_year``.  Older, diabetic, dialysis and low-EF patients
die sooner (exponential times, censored at the end of follow-up)."""
import numpy as np

from lookalike import LookAlike

N = 900


def cohort(d: LookAlike) -> dict:
    d.rows(N)
    d.put("id", np.arange(1, N + 1), "int")
    age = np.round(np.clip(d.normal(64, 10), 30, 90))
    x = {name: d.binary(p) for name, p in [("diabetes", 0.3), ("hyperlipemia", 0.6), ("copd", 0.1),
                                           ("pre_dialysis", 0.03), ("prior_pci", 0.3), ("pre_mi", 0.35),
                                           ("pre_cva", 0.06), ("prior_cardiac_surgery", 0.02), ("pad", 0.1)]}
    female = d.binary(0.25)
    lvef = np.round(np.clip(d.normal(55, 9), 15, 75))
    rate = 0.03 * np.exp(0.05 * (age - 64) + 0.4 * x["diabetes"] + 1.0 * x["pre_dialysis"]
                         + 0.5 * x["copd"] + 0.6 * (lvef <= 40))
    t = d.rng.exponential(1 / rate)
    follow = d.rng.uniform(0.5, 20, N)
    return {"age": age, "x": x, "female": female, "lvef": lvef,
            "fupyear": np.round(np.minimum(t, follow), 2), "died": (t <= follow).astype(int),
            "op_year": d.rng.integers(1996, 2019, N)}


def make():
    d = LookAlike(seed=14010)
    c = cohort(d)
    d.put("fupyear", c["fupyear"], "float")
    d.put("died", c["died"], "byte")
    for name, values in c["x"].items():
        missing = name in ("diabetes", "hyperlipemia", "pre_dialysis", "prior_pci", "pre_mi", "pad")
        d.put(name, d.with_missing(values.astype(float), 0.02) if missing else values, "byte")
    d.put("age_at_surgery", c["age"], "byte")
    d.put("female", np.where(c["female"] == 1, "yes", "no").astype(object), "str3")
    d.put("pre_lvef", np.where(d.rng.random(N) < 0.05, -9, c["lvef"]), "int")
    inc = d.binary(0.12)
    d.put("incompl_revascularisation", np.where(d.rng.random(N) < 0.04, -9, inc), "byte")
    d.put("op_year", c["op_year"], "int")
    return d.dataset()
