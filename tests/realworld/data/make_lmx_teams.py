"""Look-alike of an organisational data set of employees in work teams (in memory when the
LMX exercise starts): 60 teams (``Team``) of 5-12 employees with leader-member exchange
``LMX`` and psychological empowerment ``Empower`` (1-7 scale means), job satisfaction
``JobSat`` (1-7) and ``Male`` (0/1).  Team-level variation in all three scales and a
team-varying slope of empowerment on satisfaction."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2301)
    rng = d.rng
    sizes = rng.integers(5, 13, size=60)
    team = np.repeat(np.arange(1, 61), sizes)
    d.rows(len(team))
    d.put("Team", team, "byte")
    t = team - 1
    lmx = np.clip(4.5 + rng.normal(0, 0.5, 60)[t] + d.normal(0, 0.9), 1, 7)
    d.put("LMX", np.round(lmx, 2), "float")
    empower = np.clip(2.0 + 0.45 * lmx + rng.normal(0, 0.4, 60)[t] + d.normal(0, 0.7), 1, 7)
    d.put("Empower", np.round(empower, 2), "float")
    slope = 0.35 + rng.normal(0, 0.12, 60)[t]
    jobsat = np.clip(1.5 + 0.3 * lmx + slope * empower + rng.normal(0, 0.35, 60)[t] + d.normal(0, 0.6), 1, 7)
    d.put("JobSat", np.round(jobsat, 2), "float")
    d.put("Male", d.binary(0.48), "byte")
    return d.dataset()
