"""Look-alike of an experience-sampling mood file (``mood.dta`` of an MSc practical):
participants beeped up to ten times a day over six days (fewer answers on later days),
momentary Happy, Hopeless and Anger ratings, a BDI score and an alcohol-misuse flag."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=808)
    rows = []
    for p in range(1, 61):
        days = d.rng.integers(3, 7)
        for day in range(1, days + 1):
            beeps = d.rng.integers(3, 11) if day < 6 else d.rng.integers(1, 4)
            for b in range(1, beeps + 1):
                rows.append((p, day, b))
    rows = np.array(rows)
    d.rows(len(rows))
    part, day = rows[:, 0], rows[:, 1]
    d.put("Participant", part, "int")
    d.put("Day", day, "byte")
    d.put("Beep", rows[:, 2], "byte")
    bdi = d.group_constant(part, np.clip(np.round(d.normal(14, 9)), 0, 50))
    d.put("BDI", bdi, "byte")
    d.put("alcohol_misuse", d.group_constant(part, d.binary(0.3)), "byte")
    pday = part * 10 + day
    anger = np.clip(np.round(1.8 + d.effect(part, 0.8) + d.effect(pday, 0.4) + d.normal(0, 1)), 1, 7)
    d.put("Anger", anger, "byte")
    happy = np.clip(np.round(4.5 - 0.08 * anger - 0.03 * bdi + d.effect(part, 0.9) + d.effect(pday, 0.4)
                             + d.normal(0, 1)), 1, 7)
    d.put("Happy", d.with_missing(happy, 0.03), "byte")
    hopeless = np.clip(np.round(2 + 0.04 * bdi + d.effect(part, 0.8) + d.effect(pday, 0.3) + d.normal(0, 1)), 1, 7)
    d.put("Hopeless", d.with_missing(hopeless, 0.03), "byte")
    return d.dataset()
