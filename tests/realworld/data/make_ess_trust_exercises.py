"""Look-alike of a cumulative European Social Survey file as a class's exercise do-file finds
it in memory: one row per respondent in 22 countries (string ``cntry`` with the numeric ISO
code ``ccode``: 40 AT, 56 BE, ... 826 GB) and three rounds (``year`` 2004, 2006, 2008), 30-60
respondents per country-round, design weight ``dweight``.  ``ppltrst`` social trust 0-10,
``imbleco`` immigrants take out/put in 0-10, ``imueclt`` cultural life 0-10, ``imwbcrm``
immigrants make crime worse/better 0-10 (labelled ends), ``stfgov`` 0-10, ``eisced`` 0-7 with
55 other (labelled), ``eduyrs`` 0-40, ``agea`` 15-100 with a few ``.a``-style missings, and
the six qualification items ``qfimchr`` ``qfimcmt`` ``qfimedu`` ``qfimlng`` ``qfimwht``
``qfimwsk`` 0-10.  Trust rises with education; country effects on trust and attitudes."""
import numpy as np

from lookalike import LookAlike

ISO = [("AT", 40), ("BE", 56), ("CZ", 203), ("DK", 208), ("EE", 233), ("FI", 246), ("FR", 250),
       ("DE", 276), ("GR", 300), ("HU", 348), ("IE", 372), ("NL", 528), ("NO", 578), ("PL", 616),
       ("PT", 620), ("SK", 703), ("SI", 705), ("ES", 724), ("SE", 752), ("CH", 756), ("TR", 792),
       ("GB", 826)]


def make():
    d = LookAlike(seed=13404)
    ids = d.nested(("cid", len(ISO)), ("cr", (3, 3)), (None, (30, 60)))
    c, cr = ids["cid"], ids["cr"]
    del d.columns["cid"], d.types["cid"], d.columns["cr"], d.types["cr"]
    d.put("cntry", np.asarray([a for a, _ in ISO], dtype=object)[c - 1], "str2")
    d.put("ccode", np.asarray([n for _, n in ISO])[c - 1], "int")
    d.put("year", 2004 + 2 * ((cr - 1) % 3), "int")
    d.put("dweight", np.round(np.exp(d.normal(0, 0.25)), 4), "float")
    eduyrs = np.clip(np.round(d.normal(12.5, 3.8)), 0, 40)
    turkey = c == ISO.index(("TR", 792)) + 1
    ctry = d.effect(c, 0.9)
    trust = 5 + ctry + np.where(turkey, 0.0, 0.12) * (eduyrs - 12.5) + d.normal(0, 2.1)
    d.put("ppltrst", d.with_missing(np.clip(np.round(trust), 0, 10), 0.005), "byte")
    att = 0.6 * ctry + d.normal(0, 2)
    d.put("imbleco", d.with_missing(np.clip(np.round(4.5 + att), 0, 10), 0.04), "byte")
    d.put("imueclt", d.with_missing(np.clip(np.round(5.5 + att + d.normal(0, 1.2)), 0, 10), 0.03), "byte")
    d.put("imwbcrm", d.with_missing(np.clip(np.round(3.8 + 0.5 * att + d.normal(0, 1.3)), 0, 10), 0.03),
          "byte", value_labels={0: "Crime problems made worse", 10: "Crime problems made better"})
    d.put("stfgov", d.with_missing(np.clip(np.round(4.3 + 0.4 * ctry + d.normal(0, 2.2)), 0, 10), 0.03), "byte")
    isced = np.clip(np.round((eduyrs - 6) / 2.2), 0, 7)
    isced[d.rng.random(d.n) < 0.02] = 55
    d.put("eisced", isced, "byte", value_labels={0: "not harmonised", 1: "less than lower secondary",
                                                 2: "lower secondary", 3: "upper secondary",
                                                 4: "advanced vocational", 5: "lower tertiary",
                                                 6: "upper tertiary", 7: "doctoral", 55: "other"})
    d.put("eduyrs", d.with_missing(eduyrs, 0.01), "byte")
    d.put("agea", d.with_missing(np.clip(np.round(d.normal(47, 18)), 15, 100), 0.004), "int")
    for name, mu in (("qfimchr", 4.0), ("qfimcmt", 7.2), ("qfimedu", 6.0), ("qfimlng", 7.0),
                     ("qfimwht", 2.0), ("qfimwsk", 6.5)):
        d.put(name, d.with_missing(np.clip(np.round(mu - 0.3 * att + d.normal(0, 2.2)), 0, 10), 0.03), "byte")
    return d.dataset()
