"""Look-alike of the PISA 2022 chapter-2 student file the OECD's analysis loads
(``I_B1_CH2_cnt.dta``): students in schools (``cntschid``, unique across countries) in four
countries (``cnt``, str3), ten plausible values of mathematics ``pv1math``-``pv10math`` (a
student's ten draws around one proficiency), the final student weight ``w_fstuwt``, 80
replicate weights ``w_fsturwt1``-``w_fsturwt80`` (Fay's BRR look-alikes), the senate weight
``senwt``, the school-level weight ``t_fstuwt`` (constant within school), the modal-grade flag
``xmodalisced`` (0/1) and ``oecd`` (0/1)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AUT", "BEL", "CHL", "SGP"]
OECD = {"AUT": 1, "BEL": 1, "CHL": 1, "SGP": 0}


def make():
    d = LookAlike(seed=2022)
    ids = d.nested(("country", len(COUNTRIES)), ("cntschid", (25, 35)), (None, (12, 20)))
    country = ids["country"]
    del d.columns["country"], d.types["country"]
    d.put("cnt", np.array([COUNTRIES[c - 1] for c in country], dtype=object), "str3")
    school = ids["cntschid"]
    d.columns["cntschid"] = school + np.array([80000000 + 100000 * c for c in country])
    d.types["cntschid"] = "long"
    d.put("oecd", np.array([OECD[COUNTRIES[c - 1]] for c in country]), "byte")
    theta = 480 + 30 * (country - 2) + d.effect(school, 45) + d.normal(0, 75)
    for k in range(1, 11):
        d.put(f"pv{k}math", np.round(theta + d.normal(0, 20), 3), "double")
    school_w = np.round(d.group_constant(school, np.exp(d.normal(3.0, 0.5))), 4)
    d.put("t_fstuwt", school_w, "double")
    w = np.round(school_w * np.exp(d.normal(0, 0.25)), 4)
    d.put("w_fstuwt", w, "double")
    for r in range(1, 81):
        d.put(f"w_fsturwt{r}", np.round(w * np.where(d.binary(0.5) == 1, 1.5, 0.5), 4), "double")
    d.put("senwt", np.round(w * 5000 / np.bincount(country)[country] / w.mean(), 6), "double")
    d.put("xmodalisced", d.binary(0.85), "byte")
    return d.dataset()
