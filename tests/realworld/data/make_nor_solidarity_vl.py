"""Look-alike of the NOR-SOLIDARITY trial's viral-load analysis file (``advl``): patients
(``subjectid``) by study day (-1 to 20), randomised arm ``rantrt`` (1-3), sample source
``vlsource`` (1-3) and the imputed log10 SARS-CoV-2 copies per 1000 cells
``vllog10cpkc_imp``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2021)
    rows = []
    for sid in range(1, 101):
        days = sorted(set([0] + list(d.rng.choice(np.arange(-1, 21), size=d.rng.integers(3, 8), replace=False))))
        rows += [(sid, day) for day in days]
    rows = np.array(rows)
    d.rows(len(rows))
    sid, day = rows[:, 0], rows[:, 1]
    d.put("subjectid", sid, "int")
    d.put("studyday", day, "byte")
    d.put("rantrt", d.group_constant(sid, d.uniform_int(1, 3)), "byte", value_labels={1: "a", 2: "b", 3: "c"})
    d.put("vlsource", d.categorical([0.6, 0.3, 0.1]), "byte")
    slope = d.effect(sid, 0.04)
    y = 4.5 - (0.2 + slope) * np.clip(day, 0, None) + d.effect(sid, 1.0) + d.normal(0, 0.6)
    d.put("vllog10cpkc_imp", np.round(y, 3), "float")
    return d.dataset()
