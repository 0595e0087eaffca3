"""Look-alike of a production-function panel: firms ``ivar`` over six periods ``tvar``, log
output ``y``, capital ``k`` and labour ``l`` (Cobb-Douglas with firm effects)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1066)
    ids, t = d.panel("ivar", 120, [1, 2, 3, 4, 5, 6], "tvar")
    firm = d.effect(ids, 0.5)
    k = np.round(3 + 0.8 * firm + d.normal(0, 0.4), 4)
    l = np.round(2 + 0.6 * firm + d.normal(0, 0.3), 4)
    d.put("y", np.round(1 + 0.3 * k + 0.6 * l + 0.03 * t + firm + d.normal(0, 0.2), 4), "float")
    d.put("k", k, "float")
    d.put("l", l, "float")
    return d.dataset()
