"""Look-alike of the ``dispersion`` sheet of the ethnic-group indicators workbook: the
group's name (``民族``) and its residential dispersion index (``离散度``)."""
import numpy as np

from make_ethnic_indicators_demo import group_sheet


def make():
    d, _ = group_sheet(3415, 1, 56)
    d.put("离散度", np.round(d.rng.uniform(0.1, 0.9, d.n), 3), "double")
    return d.dataset()
