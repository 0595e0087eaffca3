"""Look-alike of the OECD Risks that Matter 2020 public-use microdata after the author's
preparation: 24 countries (string ``ctrcode``), survey weight, demographics, the
routine-task-intensity score of the respondent's ISCO major group and two factor scores
(``passive``, ``active``) of policy preferences."""
import numpy as np

from lookalike import LookAlike

CODES = ["AUT", "BEL", "CAN", "CHE", "CHL", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC",
         "IRL", "ITA", "KOR", "LTU", "MEX", "NLD", "NOR", "POL", "PRT", "SVN", "TUR", "USA"]
RTI = [-1.1, -1.3, -0.6, 0.9, 0.2, 1.1, 0.5, 1.4, 1.6]


def make():
    d = LookAlike(seed=2020)
    ids = d.nested(("cntry", 24), (None, (60, 90)))
    c = ids["cntry"]
    d.put("id", np.arange(1, d.n + 1), "long")
    d.put("ctrcode", np.array(CODES)[c - 1], "str3")
    d.put("weight", np.round(d.rng.uniform(0.3, 3, d.n), 3), "float")
    d.put("gender", d.categorical([0.49, 0.49, 0.02]), "byte")
    d.put("age", d.uniform_int(18, 64), "byte")
    d.put("edu", d.uniform_int(1, 3), "byte")
    d.put("inc", d.uniform_int(1, 10), "byte")
    d.put("covid_inc", d.uniform_int(1, 3), "byte")
    d.put("empstat", d.uniform_int(1, 8), "byte")
    isco = d.uniform_int(1, 9)
    d.put("isco", isco, "byte")
    rti = np.array(RTI)[isco - 1]
    d.put("rti_score", rti, "float")
    d.put("passive", 0.1 * rti + d.effect(c, 0.3) + d.normal(0, 0.9), "float")
    d.put("active", -0.05 * rti + d.effect(c, 0.25) + d.normal(0, 0.9), "float")
    return d.dataset()
