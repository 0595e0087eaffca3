"""Look-alike of a teaching file from a trial of a beta blocker on diastolic blood pressure (wide:
one row per patient ``id``, treatment ``treat`` (1 active, 0 placebo), the baseline ``pre`` and
six follow-up visits ``dbp1``-``dbp6``), with patient-specific intercepts and slopes."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=11914)
    d.rows(190)
    n = d.n
    treat = d.binary(0.5)
    pre = np.round(d.normal(100, 6))
    u0 = d.normal(0, 5)
    u1 = d.normal(0, 0.9)
    d.put("id", np.arange(1, n + 1), "int")
    d.put("treat", treat, "byte", "treatment", value_labels={0: "placebo", 1: "active"})
    d.put("pre", pre, "int", "baseline DBP")
    for t in range(1, 7):
        dbp = 0.55 * pre + 42 - 5 * treat - (0.8 + u1) * t + u0 + d.normal(0, 4)
        d.put(f"dbp{t}", d.with_missing(np.round(dbp), 0.04), "float")
    return d.dataset()
