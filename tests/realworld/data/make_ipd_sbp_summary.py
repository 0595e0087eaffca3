"""Look-alike of the course's aggregate file of the same ten hypertension trials: one row per
trial (``trial``) with each trial's treatment effect estimate and standard error from an
ANCOVA (``ancova``, ``seancova``), a change-score (``change``, ``sechange``) and a final-score
analysis (``final``, ``sefinal``), and the proportion male ``prop_male``."""
import numpy as np

from lookalike import LookAlike

MALE_SHARE = [0.7, 0.35, 0.24, 0.55, 0.59, 0.42, 0.43, 0.26, 0.64, 0.33]


def make():
    d = LookAlike(seed=47716)
    rng = d.rng
    d.rows(10)
    d.put("trial", np.arange(1, 11), "byte")
    se = np.round(rng.uniform(0.6, 1.4, size=10), 3)
    est = np.round(-10 + rng.normal(0, 2.0, size=10) + 1.5 * (np.asarray(MALE_SHARE) - 0.45), 3)
    d.put("ancova", est, "float")
    d.put("seancova", se, "float")
    d.put("change", np.round(est + rng.normal(0, 0.6, size=10), 3), "float")
    d.put("sechange", np.round(se * 1.2, 3), "float")
    d.put("final", np.round(est + rng.normal(0, 0.9, size=10), 3), "float")
    d.put("sefinal", np.round(se * 1.35, 3), "float")
    d.put("prop_male", np.asarray(MALE_SHARE), "float")
    return d.dataset("IPD hypertension trials, aggregate look-alike")
