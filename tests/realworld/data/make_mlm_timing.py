"""Look-alike of the multilevel software-timing test data (``data_large``): outcome y,
categorical ``by`` (birth-year group) and gender, level-2 ``id2`` within level-3 ``id3``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=23)
    ids = d.nested(("id3", 40), ("id2", (4, 8)), (None, (4, 10)))
    by = d.categorical([0.3, 0.4, 0.3])
    g = d.binary(0.5)
    d.put("by", by, "byte")
    d.put("gender", g, "byte")
    d.put("y", np.round(10 + 0.5 * by + 0.8 * g + d.effect(ids["id3"], 1.0) + d.effect(ids["id2"], 1.5)
                        + d.normal(0, 3), 3), "float")
    return d.dataset()
