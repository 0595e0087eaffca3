"""Look-alike of a longitudinal mathematics file with student mobility (``cleaned_data.csv``):
300 ``student``s observed at ``time`` 0-4 in 20 ``school``s, about one in eight changing
school between occasions, so schools and students are cross-classified; ``math`` scores with
a school effect, a student intercept and growth slope, ``female`` and ``ses`` (student level),
``public`` (school level), and the occasion-level indicators ``suspension`` and ``platform``.
Sorted by student and time, as the file's downward fill of school weights expects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2202)
    n_students, n_schools, waves = 300, 20, 5
    student, time = d.panel("student", n_students, list(range(waves)), "time")
    school = np.empty(d.n, dtype=int)
    for s in range(1, n_students + 1):
        rows = np.flatnonzero(student == s)
        current = d.rng.integers(1, n_schools + 1)
        for k, row in enumerate(rows):
            if k and d.rng.random() < 0.12:
                current = d.rng.integers(1, n_schools + 1)
            school[row] = current
    d.put("school", school, "byte")
    school_effect = d.rng.normal(0, 6, size=n_schools + 1)[school]
    public = (d.rng.random(n_schools + 1) < 0.7).astype(int)[school]
    female = d.group_constant(student, d.binary(0.5))
    ses = d.group_constant(student, d.normal(0, 1))
    suspension = d.binary(0.06)
    platform = d.binary(0.35)
    intercept = d.effect(student, 12)
    slope = d.effect(student, 3)
    math = (210 + (9 + slope) * time + 3 * female + 6 * ses - 2 * public - 8 * suspension
            + 2 * platform + intercept + school_effect + d.normal(0, 8))
    d.put("math", np.round(math, 1), "float")
    d.put("female", female, "byte")
    d.put("ses", np.round(ses, 3), "float")
    d.put("public", public, "byte")
    d.put("suspension", suspension, "byte")
    d.put("platform", platform, "byte")
    return d.dataset()
