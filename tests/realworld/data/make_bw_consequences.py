"""Look-alike of a two-wave household-economics panel (mothers becoming breadwinners):
``id``, ``time`` 1-2, income decile ``percentile_`` and its change, household earnings
``thearn_``, education, race, the pathway into breadwinning and relationship status."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=981)
    ids, t = d.panel("id", 981, [1, 2], "time")
    g = lambda v: d.group_constant(ids, v)  # noqa: E731 (person-level draw)
    educ = g(d.categorical([0.35, 0.33, 0.32]))
    race = g(d.categorical([0.55, 0.18, 0.2, 0.07]))
    path = g(d.uniform_int(1, 6))
    d.put("educ_gp", educ, "byte", value_labels={1: "a", 2: "b", 3: "c"})
    d.put("race_gp", race, "byte", value_labels={1: "a", 2: "b", 3: "c"})
    d.put("pathway", path, "byte", value_labels={k: "p" for k in range(1, 7)})
    d.put("rel_status_detail", g(d.uniform_int(1, 4)), "byte")
    pct = np.clip(np.round(3.8 + 1.2 * (educ - 1) - 0.4 * (t - 1) + d.effect(ids, 2.0) + d.normal(0, 1.5)), 0, 10)
    d.put("percentile_", pct, "float")
    first = np.r_[True, ids[1:] != ids[:-1]]
    chg = np.where(first, np.nan, pct - np.r_[np.nan, pct[:-1]])
    chg = g(np.where(first, np.r_[chg[1:], np.nan], np.nan))
    d.put("percentile_chg", chg, "float")
    d.put("thearn_", np.round(np.exp(10.8 + 0.3 * (educ - 1) + d.effect(ids, 0.5) + d.normal(0, 0.4))), "double")
    return d.dataset()
