"""Look-alike of the NOR-SOLIDARITY trial's laboratory analysis file (``adlb``):
hospitalised COVID-19 patients randomised to standard of care, hydroxychloroquine or
remdesivir (``rantrt`` 1-3), the hydroxychloroquine full-analysis-set flag ``fas_hcq``
(1/2), study days 0-14 and positive lab values: C-reactive protein ``lbcrpres``,
neutrophils ``lbneures`` and lactate dehydrogenase ``lbldres``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2020)
    rows = []
    for sid in range(1, 121):
        days = sorted(set([0] + list(d.rng.choice(np.arange(1, 15), size=d.rng.integers(4, 10), replace=False))))
        rows += [(sid, day) for day in days]
    rows = np.array(rows)
    d.rows(len(rows))
    sid, day = rows[:, 0], rows[:, 1]
    d.put("subjectid", sid, "int")
    d.put("studyday", day, "byte")
    d.put("rantrt", d.group_constant(sid, d.uniform_int(1, 3)), "byte",
          value_labels={1: "a", 2: "b", 3: "c"})
    d.put("fas_hcq", d.group_constant(sid, d.categorical([0.3, 0.7], [1, 2])), "byte")
    u = d.effect(sid, 0.5)
    crp = np.exp(4.0 - 0.15 * day + u + d.normal(0, 0.4))
    d.put("lbcrpres", np.round(crp, 1), "float")
    d.put("lbneures", np.round(np.exp(1.5 - 0.02 * day + 0.5 * u + d.normal(0, 0.25)), 2), "float")
    d.put("lbldres", np.round(np.exp(5.6 - 0.02 * day + 0.4 * u + d.normal(0, 0.2))), "float")
    return d.dataset()
