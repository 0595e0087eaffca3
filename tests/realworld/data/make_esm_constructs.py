"""Look-alike of a simulated experience-sampling file: persons measured at several times
on three constructs (``Person``, ``Time``, ``Construct1``-``Construct3``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=798)
    ids, t = d.panel("Person", 60, list(range(1, 11)), "Time")
    for k in (1, 2, 3):
        d.put(f"Construct{k}", np.round(3 + d.effect(ids, 0.8) + 0.05 * t + d.normal(0, 0.7), 2), "float")
    return d.dataset()
