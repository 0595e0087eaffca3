"""Look-alike of a teaching file on growth models for symptom severity: ``Participant``
(1..120) measured in weeks 1, 2, 4 and 7 (``Week``), a person-level ``Drug`` (0/1) and
``Male`` (0/1), and ``Severity`` (a 0-7 clinical rating kept continuous) falling faster on
the drug, with a person intercept and slope so the random-slope models have variance to
find; a few later weeks missing, as in a trial with dropout."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1247)
    ids, week = d.panel("Participant", 120, [1, 2, 4, 7], "Week", dropout=0.12)
    d.put("Week", week, "byte")
    drug = d.group_constant(ids, d.rng.binomial(1, 0.5, size=len(ids)))
    male = d.group_constant(ids, d.rng.binomial(1, 0.45, size=len(ids)))
    d.put("Drug", drug, "byte")
    d.put("Male", male, "byte")
    slope = -0.25 - 0.15 * drug + d.effect(ids, 0.12)
    sev = 5.2 + 0.2 * male + d.effect(ids, 0.8) + slope * (week - 1) + 0.01 * (week - 1) ** 2
    sev = sev + d.normal(0, 0.6)
    d.put("Severity", np.round(np.clip(sev, 0, 7), 2), "float")
    return d.dataset()
