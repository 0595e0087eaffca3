"""Look-alike of a lecture's ``gcse.csv`` (Inner-London pupils: GCSE score and London
Reading Test score, in schools), 0-100 scales; ``lrt_orig`` is the same score under the
name the second lecture file uses."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=65)
    ids = d.nested(("school", 65), (None, (20, 60)))
    lrt = np.round(np.clip(60 + d.effect(ids["school"], 5) + d.normal(0, 10), 20, 100))
    d.put("lrt", lrt, "byte")
    d.put("lrt_orig", lrt, "byte")
    d.put("gcse", np.round(np.clip(70 + 0.6 * (lrt - 60) + d.effect(ids["school"], 4) + d.normal(0, 8), 20, 100)), "byte")
    return d.dataset()
