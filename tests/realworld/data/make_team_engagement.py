"""Look-alike of a team-survey exercise file: employees in teams (``teamid``), engagement,
transformational leadership and conscientiousness ratings (1-5 scales)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=799)
    ids = d.nested(("teamid", 90), (None, (3, 9)))
    t = ids["teamid"]
    trans = np.clip(np.round(3.5 + d.effect(t, 0.5) + d.normal(0, 0.5), 1), 1, 5)
    cons = np.clip(np.round(3.8 + d.normal(0, 0.6), 1), 1, 5)
    eng = np.clip(np.round(1 + 0.3 * trans + 0.3 * cons + d.effect(t, 0.3) + d.normal(0, 0.5), 1), 1, 5)
    d.put("transformational", trans, "float")
    d.put("conscientiousness", cons, "float")
    d.put("engagement", eng, "float")
    return d.dataset()
