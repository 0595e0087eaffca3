"""Look-alike of a European Social Survey round 9 extract (respondents in 29 countries,
``cntry`` two-letter text): trust items, income decile, education, age, gender, religiosity."""
import numpy as np

from lookalike import LookAlike

CNTRY = ["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "HR", "HU", "IE", "IT",
         "LT", "LV", "ME", "NL", "NO", "PL", "PT", "RS", "SE", "SI", "SK", "IS"]


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("c", 29), (None, (60, 110)))
    c = ids["c"]
    d.columns.pop("c"); d.types.pop("c")
    d.put("cntry", np.array(CNTRY, dtype=object)[c - 1], "str2")
    base = 5 + d.effect(c, 1.0)
    for name in ("ppltrst", "pplfair", "pplhlp"):
        d.put(name, np.clip(np.round(base + d.normal(0, 2)), 0, 10), "byte")
    d.put("hinctnt", d.with_missing(d.uniform_int(1, 10), 0.1), "byte")
    d.put("eduyrs", d.uniform_int(6, 20), "byte")
    d.put("agea", d.uniform_int(15, 90), "int")
    d.put("gndr", d.binary(0.5) + 1, "byte")
    d.put("rlgdgr", d.uniform_int(0, 10), "byte")
    return d.dataset()
