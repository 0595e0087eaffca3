"""Look-alike of World Values Survey wave 7 respondents joined to country data: ``B_COUNTRY``
(ISO numeric, labelled) and ``ISO3C``; ``Q48`` (freedom of choice and control, 1-10, with
WVS's negative missing codes), ``Q49`` (life satisfaction), ``Q275`` (education ISCED 0-8)
and ``Q275R`` (3 classes), ``Q288`` (income scale 1-10) and ``Q288R`` (3 classes), ``Q262``
(age), ``Q278`` (mother's education); the country's ``GDPpercap1``, WID shares
``income_1 income_10 income_bottom50 wealth_1 wealth_10 wealth_bottom50`` (per cent), SWIID
``gini_disp gini_mkt``, ``humanineqiality`` (-9999 where missing), V-Dem ``v2x_libdem
v2x_polyarchy``, and the last joinby's ``_merge``.  The slope of ``Q288`` varies by country."""
import numpy as np

from lookalike import LookAlike

ISO = [("ARG", 32), ("AUS", 36), ("BGD", 50), ("BOL", 68), ("BRA", 76), ("CAN", 124), ("CHL", 152),
       ("CHN", 156), ("COL", 170), ("CYP", 196), ("DEU", 276), ("ECU", 218), ("EGY", 818),
       ("ETH", 231), ("GBR", 826), ("GRC", 300), ("GTM", 320), ("IDN", 360), ("IRN", 364),
       ("IRQ", 368), ("JOR", 400), ("JPN", 392), ("KAZ", 398), ("KEN", 404), ("KOR", 410),
       ("LBN", 422), ("MEX", 484), ("MYS", 458), ("NGA", 566), ("NIC", 558), ("NLD", 528),
       ("NZL", 554), ("PAK", 586), ("PER", 604), ("PHL", 608), ("ROU", 642), ("RUS", 643),
       ("SRB", 688), ("THA", 764), ("TUN", 788), ("TUR", 792), ("UKR", 804), ("URY", 858),
       ("USA", 840), ("VNM", 704), ("ZWE", 716)]


def make():
    d = LookAlike(seed=12115)
    ids = d.nested(("c", len(ISO)), (None, (90, 150)))
    c = ids["c"] - 1
    rng = d.rng
    k = len(ISO)
    gdp = np.exp(rng.uniform(7.3, 11.0, k))
    gini_d = rng.uniform(24, 55, k)
    gini_m = gini_d + rng.uniform(3, 15, k)
    top10 = rng.uniform(28, 58, k)
    hum = rng.uniform(4, 40, k)
    hum[rng.random(k) < 0.1] = -9999
    inc = np.clip(np.round(d.normal(5, 2)), 1, 10)
    edu = np.clip(np.round(d.normal(4, 2)), 0, 8)
    free = 6.5 + d.effect(c, 0.6) + (0.15 + d.effect(c, 0.06)) * (inc - 5) + 0.05 * (edu - 4) \
        + d.normal(0, 1.9)
    free = np.clip(np.round(free), 1, 10)
    life = np.clip(np.round(3 + 0.5 * free + d.normal(0, 1.6)), 1, 10)
    q48 = free.copy()
    q48[rng.random(d.n) < 0.015] = -1
    q288 = inc.copy()
    q288[rng.random(d.n) < 0.02] = -2
    d.put("B_COUNTRY", np.array([ISO[i][1] for i in c]), "int", "ISO 3166-1 numeric country code",
          value_labels={n: a for a, n in ISO})
    d.put("ISO3C", np.array([ISO[i][0] for i in c], dtype=object), "str3")
    d.put("Q48", q48, "byte", "Degree of freedom of choice and control")
    d.put("Q49", life, "byte", "Satisfaction with your life")
    d.put("Q262", np.clip(np.round(d.normal(42, 16)), 16, 95), "int", "Age")
    d.put("Q275", edu, "byte", "Highest educational level: Respondent [ISCED 2011]")
    d.put("Q275R", np.where(edu <= 2, 1, np.where(edu <= 4, 2, 3)), "byte", "Highest educational level (recoded)",
          value_labels={1: "Lower", 2: "Middle", 3: "Higher"})
    d.put("Q278", np.clip(edu + np.round(d.normal(-1.2, 1.5)), 0, 8), "byte", "Highest educational level: Mother")
    d.put("Q288", q288, "byte", "Scale of incomes")
    d.put("Q288R", np.where(inc <= 3, 1, np.where(inc <= 7, 2, 3)), "byte", "Income level (recoded)",
          value_labels={1: "Low", 2: "Medium", 3: "High"})
    d.put("GDPpercap1", np.round(gdp[c], 2), "double", "GDP per capita")
    d.put("income_1", np.round((top10 * 0.4)[c], 3), "double")
    d.put("income_10", np.round(top10[c], 3), "double")
    d.put("income_bottom50", np.round((60 - top10)[c] * 0.5, 3), "double")
    d.put("wealth_1", np.round((top10 * 0.6)[c], 3), "double")
    d.put("wealth_10", np.round((top10 * 1.3)[c], 3), "double")
    d.put("wealth_bottom50", np.round(rng.uniform(1, 8, k)[c], 3), "double")
    d.put("gini_disp", np.round(gini_d[c], 1), "float")
    d.put("gini_mkt", np.round(gini_m[c], 1), "float")
    d.put("humanineqiality", np.round(hum[c], 2), "float")
    d.put("v2x_libdem", np.round(rng.uniform(0.05, 0.85, k)[c], 3), "float")
    d.put("v2x_polyarchy", np.round(rng.uniform(0.1, 0.9, k)[c], 3), "float")
    d.put("_merge", np.full(d.n, 3), "byte", value_labels={1: "master only (1)", 3: "matched (3)"})
    return d.dataset()
