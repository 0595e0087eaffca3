"""Look-alike of ``gaia-trials-year1.csv`` of an Ethiopian on-farm lime-trial project (year 1):
1,952 plots of five crops (``crop``: Beans 673, Fababean 101, Maize 878, Soybean 160, Wheat 140,
as the do-file's codebook note lists them) in kebeles within 12 districts, 5 zones and one
country (all six identifiers strings, as import delimited reads them; ``trial_type`` too),
lime rate ``lime_tha`` (0-7 t/ha in whole and half tonnes), grain ``yield_tha`` with a
concave response to lime that differs by district, and soil properties ``ph``, ``soc``,
``clay``, ``tn`` and Mehlich-3 ``m3al`` ... ``m3na`` (a few missing)."""
import numpy as np

from lookalike import LookAlike

CROPS = {"Beans": 673, "Fababean": 101, "Maize": 878, "Soybean": 160, "Wheat": 140}
SOIL = ["ph", "soc", "clay", "tn", "m3al", "m3b", "m3ca", "m3fe", "m3k", "m3s", "m3mg", "m3mn", "m3na"]


def make():
    d = LookAlike(seed=2541)
    rng = d.rng
    crop = np.concatenate([[name] * k for name, k in CROPS.items()])
    n = len(crop)
    d.rows(n)
    order = rng.permutation(n)
    crop = crop[order]
    district = rng.integers(0, 12, size=n)
    zone = district // 3 + 1
    kebele = district * 10 + rng.integers(1, 9, size=n)
    lime = rng.choice([0, 0.5, 1, 2, 3, 4, 5, 6, 7], size=n)
    base = {"Beans": 1.6, "Fababean": 2.0, "Maize": 4.5, "Soybean": 1.8, "Wheat": 2.8}
    ph = np.round(rng.normal(5.2, 0.5, size=n), 2)
    dist_effect = rng.normal(0, 0.5, size=12)[district]
    yld = (np.array([base[c] for c in crop]) + dist_effect + 0.35 * lime - 0.035 * lime ** 2
           + 0.3 * (ph - 5.2) + d.normal(0, 0.6))
    d.put("country", np.array(["Ethiopia"] * n, dtype=object), "str8")
    d.put("zone", np.array([f"Zone {z}" for z in zone], dtype=object), "str6")
    d.put("district", np.array([f"District {k + 1:02d}" for k in district], dtype=object), "str11")
    d.put("kebele", np.array([f"Kebele {k:03d}" for k in kebele], dtype=object), "str10")
    d.put("trial_type", np.array(["shotgun"] * n, dtype=object), "str7")
    d.put("crop", crop.astype(object), "str8")
    d.put("lime_tha", lime, "double")
    d.put("yield_tha", np.round(np.clip(yld, 0.1, None), 3), "double")
    d.put("ph", ph, "double")
    means = {"soc": 2.2, "clay": 45, "tn": 0.2, "m3al": 900, "m3b": 0.4, "m3ca": 1200, "m3fe": 150,
             "m3k": 250, "m3s": 12, "m3mg": 300, "m3mn": 120, "m3na": 30}
    for name in SOIL[1:]:
        values = np.round(means[name] * np.exp(d.normal(0, 0.3)), 3)
        d.put(name, d.with_missing(values, 0.01), "double")
    return d.dataset()
