"""Look-alike of the London Reading Test file a summer-school lab reads (``gcse.dta``, the
Rabe-Hesketh & Skrondal version of Goldstein's data): 4,059 pupils (``student`` numbered
within school) in 65 ``school``s, ``gcse`` and ``lrt`` as z-scores times ten, ``girl``,
the school's gender ``schgend`` (1 mixed, 2 boys, 3 girls), the school's mean LRT
``avslrt``, ``schav`` and ``vrband`` (bands 1-3); all stored as float, as in the file."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1995)
    ids = d.nested(("school", 65), (None, (2, 124)))
    school = ids["school"]
    d.columns.pop("school"), d.types.pop("school")
    student = np.concatenate([np.arange(1, k + 1) for k in np.bincount(school)[1:]])
    d.put("school", school, "float")
    d.put("student", student, "float")
    kind = d.group_constant(school, d.categorical([0.55, 0.2, 0.25]))
    girl = np.where(kind == 3, 1, np.where(kind == 2, 0, d.binary(0.55)))
    u0, u1 = d.effect(school, 3.0), d.effect(school, 0.12)
    lrt = np.round(d.group_constant(school, d.normal(0, 3.0)) + d.normal(0, 9.4), 4)
    gcse = -1.7 + (0.55 + u1) * lrt + 1.3 * girl + 1.8 * (kind == 2) + 1.7 * (kind == 3) + u0 + d.normal(0, 7.5)
    d.put("gcse", np.round(np.clip(gcse, -36.66, 36.66), 4), "float")
    d.put("lrt", np.clip(lrt, -29.35, 30.16), "float")
    d.put("girl", girl, "float")
    d.put("schgend", kind, "float")
    means = {s: lrt[school == s].mean() for s in np.unique(school)}
    d.put("avslrt", np.round([means[s] for s in school], 4), "float")
    d.put("schav", d.group_constant(school, d.categorical([0.2, 0.5, 0.3])), "float")
    d.put("vrband", np.where(lrt > 8, 1, np.where(lrt > -6, 2, 3)), "float")
    return d.dataset()
