"""Look-alike of ``teensex.dta`` (adolescents' daily diaries, as in a longitudinal-methods
course chapter on random-intercept logistic models): teenager ``eid``, diary ``day``
(1 to 5-45 days each), sexual activity in the last 24 hours ``sx24hrs`` and drug or alcohol
use ``drgalcoh`` (0/1), with a person-level random intercept and slope on ``drgalcoh``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1102)
    ids = d.nested(("eid", 90), (None, (5, 45)))["eid"]
    day = np.concatenate([np.arange(1, k + 1) for k in np.bincount(ids)[1:]])
    drg = d.bernoulli_logit(-1.0 + d.effect(ids, 1.0))
    eta = -0.9 + (0.3 + d.effect(ids, 0.6)) * drg + d.effect(ids, 0.9)
    d.put("day", day, "int")
    d.put("sx24hrs", d.bernoulli_logit(eta), "byte")
    d.put("drgalcoh", drg, "byte")
    return d.dataset()
