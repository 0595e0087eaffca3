"""Look-alike of the ``huang`` sheet of the ethnic-group indicators workbook (firstrow
columns as typed in Chinese): the group's name (``民族``), urbanisation (``城镇化``),
non-agricultural share (``非农``), a sex-and-age index (``性别年龄``, blank for a few
groups), health (``健康``, read as text) and education (``教育``)."""
import numpy as np

from make_ethnic_indicators_demo import group_sheet


def make():
    d, _ = group_sheet(3414, 2, 51)
    d.put("城镇化", np.round(d.rng.uniform(5, 60, d.n), 2), "double")
    d.put("非农", np.round(d.rng.uniform(5, 70, d.n), 2), "double")
    d.put("性别年龄", d.with_missing(np.round(d.normal(1.0, 0.2), 3), 0.06), "double")
    d.put("健康", np.array([f"{v:.2f}" for v in d.normal(0.5, 0.15)], dtype=object), "str6")
    d.put("教育", np.round(d.normal(0.5, 0.15), 3), "double")
    return d.dataset()
