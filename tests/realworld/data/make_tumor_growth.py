"""Look-alike of a tumour-growth CSV (meningioma volumes over follow-up, per patient):
patient id as text, gender_bin, multifocality, oedema/t2 with -999 for missing."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=909)
    ids, t = d.panel("pid", 120, [0, 6, 12, 24, 36, 48], "visitno", dropout=0.3)
    d.columns.pop("pid"); d.types.pop("pid")
    d.put("patient", np.array([f"P{k:04d}" for k in ids], dtype=object), "str5")
    d.put("follow_up_months", t + np.round(d.rng.uniform(0, 2, d.n), 1), "float")
    d.put("gender_bin", d.group_constant(ids, d.binary(0.7)), "byte")
    d.put("multifocality", d.group_constant(ids, d.binary(0.1)), "byte")
    oed = d.group_constant(ids, d.categorical([0.5, 0.3, 0.2], [0, 1, -999]))
    d.put("oedema", oed, "int")
    d.put("t2", d.group_constant(ids, d.categorical([0.4, 0.4, 0.2], [1, 2, -999])), "int")
    init = d.group_constant(ids, np.exp(d.normal(1.0, 0.8)))
    d.put("initial_volume", np.round(init, 3), "float")
    d.put("current_age_years", np.round(d.group_constant(ids, d.rng.uniform(30, 85, d.n)) + t / 12, 1), "float")
    vol = init * np.exp(0.01 * d.columns["follow_up_months"] + d.effect(ids, 0.2) + d.normal(0, 0.05))
    d.put("volume", np.round(vol, 3), "float")
    d.columns.pop("visitno"); d.types.pop("visitno")
    return d.dataset()
