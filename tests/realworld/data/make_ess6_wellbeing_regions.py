"""Look-alike of ESS round 6 respondents with their region: ``cntry`` (ISO2), ``region``
(NUTS code as a string; a NUTS3 code, one character longer, in the countries whose
NUTS2 code the do-file cuts it to; ``-`` or empty for a few), ``pweight``/``dweight``,
``agea``, ``gndr``, the wellbeing items ``pstvms accdng dclvlf dngval`` (1-5), ``tmimdng
tmabdng tmendng tnapsur`` (0-6), ``happy`` and ``stflife`` (0-10), ``health`` (1-5),
``hinctnta`` (deciles with .a/.b/.c), ``domicil`` (1-5).  Countries IL, RU, UA and XK are
there to be dropped."""
import numpy as np

from lookalike import LookAlike
from mlmcli.missing import extended

COUNTRIES = [("BE", "Belgium", 5), ("BG", "Bulgaria", 4), ("CZ", "Czech Republic", 5),
             ("DE", "Germany", 8), ("DK", "Denmark", 4), ("EE", "Estonia", 2), ("ES", "Spain", 7),
             ("FI", "Finland", 4), ("FR", "France", 8), ("GB", "United Kingdom", 7),
             ("HU", "Hungary", 5), ("IE", "Ireland", 2), ("IT", "Italy", 8), ("LT", "Lithuania", 2),
             ("NL", "Netherlands", 5), ("PL", "Poland", 7), ("PT", "Portugal", 4),
             ("SE", "Sweden", 5), ("SI", "Slovenia", 2), ("SK", "Slovakia", 4)]
NUTS3_IN_ESS = {"AL", "BG", "IE", "IS", "SK", "HU", "LT", "SI", "CZ", "EE", "FI", "SE"}


def regions(code: str, n: int) -> list[str]:
    return [f"{code}{k // 3 + 1}{k % 3 + 1}" for k in range(n)]


def make():
    d = LookAlike(seed=12114)
    rng = d.rng
    rows = []
    for code, _, nreg in COUNTRIES + [("IL", "", 2), ("RU", "", 3)]:
        for r in regions(code, nreg):
            ess = r + str(int(rng.integers(1, 4))) if code in NUTS3_IN_ESS else r
            rows += [(code, ess, r)] * int(rng.integers(25, 70))
    d.rows(len(rows))
    cntry = np.array([r[0] for r in rows], dtype=object)
    region = np.array([r[1] for r in rows], dtype=object)
    odd = rng.random(d.n)
    region[odd < 0.01] = "-"
    region[(odd >= 0.01) & (odd < 0.015)] = ""
    cu = d.effect(cntry, 0.6)
    ru = d.effect(np.array([r[2] for r in rows], dtype=object), 0.3)
    wb = cu + ru + d.normal(0, 1)
    def item(lo, hi, sign=1.0):
        return np.clip(np.round((hi + lo) / 2 + sign * wb * (hi - lo) / 6 + d.normal(0, 0.8)), lo, hi)
    d.put("cntry", cntry, "str2", "Country")
    d.put("region", region, "str5", "Region")
    d.put("dweight", np.round(rng.uniform(0.5, 1.8, d.n), 4), "double", "Design weight")
    d.put("pweight", np.round(d.group_constant(cntry, rng.uniform(0.2, 3.0, d.n)), 4), "double",
          "Population size weight")
    d.put("agea", np.clip(np.round(d.normal(48, 18)), 15, 99), "int", "Age of respondent")
    d.put("gndr", d.binary(0.52) + 1, "byte", "Gender", value_labels={1: "Male", 2: "Female"})
    for v in ["pstvms", "accdng", "dclvlf", "dngval"]:
        d.put(v, item(1, 5, -1.0), "byte", "wellbeing item (1 agree strongly)")
    for v in ["tmimdng", "tmabdng", "tmendng", "tnapsur"]:
        d.put(v, item(0, 6), "byte", "wellbeing item (0-6)")
    d.put("happy", item(0, 10), "byte", "How happy are you")
    d.put("stflife", item(0, 10), "byte", "How satisfied with life as a whole")
    d.put("health", item(1, 5, -1.0), "byte", "Subjective general health",
          value_labels={1: "Very good", 2: "Good", 3: "Fair", 4: "Bad", 5: "Very bad"})
    inc = d.uniform_int(1, 10).astype(float)
    u = rng.random(d.n)
    inc[u < 0.05] = extended("a")
    inc[(u >= 0.05) & (u < 0.12)] = extended("b")
    inc[(u >= 0.12) & (u < 0.13)] = extended("c")
    d.put("hinctnta", inc, "byte", "Household's total net income, all sources")
    d.put("domicil", d.categorical([0.2, 0.15, 0.3, 0.3, 0.05]), "byte", "Domicile",
          value_labels={1: "A big city", 2: "Suburbs", 3: "Town", 4: "Village", 5: "Farm"})
    return d.dataset()
