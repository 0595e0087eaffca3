"""Look-alike of the ``dispersion`` sheet of the ethnic-group indicators workbook: the
group's name (``民族``) and its residential dispersion index (``离散度``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3415)
    d.rows(56)
    code = np.arange(1, 57)
    d.put("民族", np.array([f"group{c:02d}" for c in code], dtype=object), "str8")
    d.put("离散度", np.round(d.rng.uniform(0.1, 0.9, d.n), 3), "double")
    return d.dataset()
