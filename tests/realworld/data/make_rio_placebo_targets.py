"""Look-alike of ``placebo_targets.csv`` (pmrj): per police area (``aisp``) and month of
2005-2009 the placebo monthly targets ``vd_placebo_tar sr_placebo_tar vr_placebo_tar``
(39 x 60 rows, key aisp year month)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14504)
    ids, mt = d.panel("aisp", 39, list(range(1, 61)), "t")
    d.columns.pop("t"); d.types.pop("t")
    d.put("year", 2005 + (mt - 1) // 12, "int")
    d.put("month", (mt - 1) % 12 + 1, "byte")
    area = d.effect(ids, 0.4)
    for short, base in (("vd", 1.9), ("sr", 3.0), ("vr", 2.6)):
        d.put(f"{short}_placebo_tar", np.round(np.exp(base + area + d.normal(0, 0.1)), 1), "double")
    return d.dataset()
