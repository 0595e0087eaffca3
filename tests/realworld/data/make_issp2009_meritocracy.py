"""Look-alike of an ISSP 2009 (Social Inequality IV) derivative with country-level additions:
respondents in 40 countries -- ``V5`` (ISO numeric country code), ``COUNTRY`` (the author's
own country numbering, already in the file), the "getting ahead" items ``V6``-``V16``
(1-5), ``V32`` (inequality tolerance 1-5), ``TOPBOT`` (self-placement 1-10) and ``TOPBOT_C``,
parents' placement ``V45``, ``V54`` (picture of society 1-5), ``EDUCYRS`` (with ISSP's 95-99
codes), ``DEGREE``, ``SEX``, ``AGE``, ``WRKST``, and the country's ``GDP`` and
``GINI_SWIID``; ``meritperc_Larsen`` a scale from an earlier session.  The slope of
``TOPBOT`` on ``V32`` varies by country."""
import numpy as np

from lookalike import LookAlike

# ISO numeric code -> the author's COUNTRY number (the recode in the do-file)
CODES = {32: 50, 36: 1, 40: 2, 56: 3, 100: 36, 152: 5, 156: 51, 158: 52, 191: 37, 196: 53,
         203: 6, 208: 7, 233: 8, 246: 9, 250: 10, 276: 11, 348: 13, 352: 14, 376: 16, 380: 17,
         392: 18, 410: 19, 428: 38, 554: 23, 578: 24, 608: 54, 616: 25, 620: 26, 643: 55,
         703: 27, 705: 28, 710: 35, 724: 29, 752: 30, 756: 31, 792: 32, 804: 56, 826: 33,
         840: 34, 862: 57}


def make():
    d = LookAlike(seed=12109)
    iso = np.array(sorted(CODES))
    ids = d.nested(("c", len(iso)), (None, (120, 170)))
    c = ids["c"] - 1
    rng = d.rng
    k = len(iso)
    gdp_c = rng.uniform(2000, 70000, k)
    gini_c = rng.uniform(24, 55, k)
    v5 = iso[c]
    country = np.array([CODES[int(x)] for x in v5])
    topbot = np.clip(np.round(d.normal(5, 1.8)), 1, 10)
    v45 = np.clip(np.round(d.normal(4.5, 2.0)), 1, 10)
    educyrs = np.clip(np.round(d.normal(12, 3.5)), 0, 24).astype(float)
    odd = rng.random(d.n)
    educyrs[odd < 0.02] = 95
    educyrs[(odd >= 0.02) & (odd < 0.03)] = 98
    sex = d.binary(0.47) + 1
    age = np.clip(np.round(d.normal(47, 17)), 16, 95)
    items = {}
    for v in ["V6", "V7", "V8", "V9", "V10", "V11", "V12", "V13", "V14", "V15", "V16"]:
        items[v] = d.with_missing(np.clip(np.round(d.normal(3, 1.0) + d.effect(c, 0.3)), 1, 5), 0.03)
    latent = -0.6 + d.effect(c, 0.4) + (0.08 + d.effect(c, 0.04)) * (topbot - 5) \
        + 0.02 * (educyrs.clip(0, 24) - 12) + 0.003 * (age - 47)
    v32 = d.ordinal(latent, [-1.5, -0.3, 0.8, 2.0])
    d.put("V5", v5, "int", "Country")
    d.put("COUNTRY", country, "byte", "country")
    for v, x in items.items():
        d.put(v, x, "byte", "getting ahead item")
    d.put("V32", d.with_missing(v32, 0.02), "byte", "income differences too large")
    d.put("V45", d.with_missing(v45, 0.04), "byte", "family's position when young")
    d.put("V54", d.categorical([0.15, 0.2, 0.2, 0.35, 0.1]), "byte", "type of society")
    d.put("TOPBOT", d.with_missing(topbot, 0.02), "byte", "top-bottom self-placement")
    tb = d.columns["TOPBOT"]
    d.put("TOPBOT_C", tb - np.nanmean(tb), "float", "TOPBOT centred")
    d.put("EDUCYRS", educyrs, "byte", "years of schooling")
    d.put("DEGREE", d.categorical([0.05, 0.15, 0.3, 0.25, 0.15, 0.1], [0, 1, 2, 3, 4, 5]), "byte",
          "highest degree")
    d.put("SEX", sex, "byte", "sex", value_labels={1: "male", 2: "female"})
    d.put("AGE", age, "byte", "age")
    d.put("WRKST", d.categorical([0.5, 0.1, 0.05, 0.05, 0.06, 0.04, 0.15, 0.03, 0.02],
                                 [1, 2, 3, 5, 6, 7, 8, 9, 10]), "byte", "work status")
    d.put("GDP", gdp_c[c], "double", "GDP per capita 2009")
    d.put("GINI_SWIID", gini_c[c], "double", "Gini (SWIID)")
    d.put("meritperc_Larsen", np.round(d.normal(3.2, 0.7).clip(1, 5), 3), "float", "scale")
    return d.dataset()
