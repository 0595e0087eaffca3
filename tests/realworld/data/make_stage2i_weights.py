"""Look-alike of the two-level file a weighting check reads (``/tmp/stage2i``): 60 groups
``g`` of 10-30 rows, outcome ``y``, regressors ``x`` and ``z`` (``z`` with a random slope),
the level-2 weight ``w1`` (constant within group) and the conditional level-1 weight ``w2``
(one over a within-group selection probability)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=24)
    ids = d.nested(("g", 60), (None, (10, 30)))
    g = ids["g"]
    x, z = d.normal(), d.normal()
    d.put("x", np.round(x, 5), "float")
    d.put("z", np.round(z, 5), "float")
    d.put("w1", np.round(d.group_constant(g, 1 + 4 * d.rng.random(d.n)), 4), "float")
    d.put("w2", np.round(1 / (0.2 + 0.7 * d.rng.random(d.n)), 4), "float")
    y = 1 + 0.5 * x + (0.3 + d.effect(g, 0.4)) * z + d.effect(g, 0.8) + d.normal(0, 1)
    d.put("y", np.round(y, 5), "float")
    return d.dataset()
