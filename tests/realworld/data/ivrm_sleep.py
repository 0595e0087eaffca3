"""Shared by the ``make_ivrm_sleep_*`` generators: the sleep trials of chapter 17 of Mitchell's
Interpreting and Visualizing Regression Models Using Stata -- ``id``, ``group`` (labelled
Control / Medication / Education), ``month`` 1-3 and nightly minutes of ``sleep``, with
correlated residuals within person.  (registry.py hashes the generator, not this module:
delete data/cache/ivrm_* after editing it.)"""
import numpy as np

from lookalike import LookAlike

GROUPS = {1: "Control", 2: "Medication", 3: "Education"}
COV = np.array([[950.0, 180.0, 100.0], [180.0, 850.0, 150.0], [100.0, 150.0, 800.0]])


def sleep_trial(seed: int, per_group: int, means: list[list[float]], missing: int = 0):
    """``means[g][m]`` is group g+1's mean in month m+1; ``missing`` occasions are dropped."""
    d = LookAlike(seed=seed)
    n_groups = len(means)
    ids = np.repeat(np.arange(1, per_group * n_groups + 1), 3)
    group = (ids - 1) // per_group + 1
    month = np.tile([1, 2, 3], per_group * n_groups)
    draws = d.rng.multivariate_normal(np.zeros(3), COV, size=per_group * n_groups).ravel()
    sleep = np.round(np.asarray(means)[group - 1, month - 1] + draws)
    keep = np.ones(len(ids), dtype=bool)
    if missing:
        keep[d.rng.choice(len(ids), size=missing, replace=False)] = False
    d.rows(int(keep.sum()))
    d.put("id", ids[keep], "int")
    if n_groups > 1:
        d.put("group", group[keep], "byte", value_labels={k: GROUPS[k] for k in range(1, n_groups + 1)},
              label_name="group")
    d.put("month", month[keep], "byte")
    d.put("sleep", sleep[keep], "int")
    return d.dataset()
