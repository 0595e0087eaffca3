"""Look-alike of the European Social Survey round 11 file of a course project on support for
European unification: one row per respondent in 28 countries (string ``cntry``, the ISO
codes of the round without France, so that ``encode`` numbers them 1-28 as the author's list
of non-EU codes expects: 4 CH, 10 GB, 11 GR, 15 IL, 16 IS, 20 ME, 22 NO, 25 RS), 90-140
respondents each.  ``euftf`` unification gone too far (0) or go further (10), ``hincfel``
feeling about household income (1 living comfortably .. 4 very difficult), ``gndr`` 1/2,
``ctzcntr`` citizen 1/2, ``mnactic`` main activity 1-9, ``eisced`` 1-7 with 55 "other",
``hinctnta`` income decile 1-10, ``agea``, ``lrscale`` 0-10; a few missing in each.
Support rises with income security and education, with a country effect."""
import numpy as np

from lookalike import LookAlike

CODES = ["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "ES", "FI", "GB", "GR", "HR", "HU", "IE",
         "IL", "IS", "IT", "LT", "LV", "ME", "NL", "NO", "PL", "PT", "RS", "SE", "SI", "SK"]


def make():
    d = LookAlike(seed=13401)
    ids = d.nested(("cid", len(CODES)), (None, (90, 140)))
    c = ids["cid"]
    del d.columns["cid"], d.types["cid"]
    d.put("cntry", np.asarray(CODES, dtype=object)[c - 1], "str2")
    hincfel = d.categorical([0.3, 0.45, 0.18, 0.07])
    eisced = d.categorical([0.08, 0.12, 0.25, 0.15, 0.12, 0.15, 0.11, 0.02], [1, 2, 3, 4, 5, 6, 7, 55])
    decile = np.clip(np.round(5.5 - 1.2 * (hincfel - 2) + d.normal(0, 2)), 1, 10)
    edu = np.where(eisced == 55, 4, eisced)
    eta = 5.2 - 0.45 * (hincfel - 2) + 0.25 * (edu - 4) + d.effect(c, 0.7) + d.normal(0, 2.2)
    d.put("euftf", d.with_missing(np.clip(np.round(eta), 0, 10), 0.04), "byte")
    d.put("hincfel", d.with_missing(hincfel, 0.01), "byte",
          value_labels={1: "comfortable", 2: "coping", 3: "difficult", 4: "very difficult"})
    d.put("gndr", d.categorical([0.48, 0.52]), "byte", value_labels={1: "Male", 2: "Female"})
    d.put("ctzcntr", d.categorical([0.93, 0.07]), "byte", value_labels={1: "Yes", 2: "No"})
    d.put("mnactic", d.categorical([0.5, 0.08, 0.04, 0.03, 0.02, 0.25, 0.02, 0.05, 0.01],
                                   list(range(1, 10))), "byte")
    d.put("eisced", eisced, "byte")
    d.put("hinctnta", d.with_missing(decile, 0.12), "byte")
    d.put("agea", d.with_missing(np.clip(np.round(d.normal(50, 18)), 15, 90), 0.005), "int")
    d.put("lrscale", d.with_missing(np.clip(np.round(d.normal(5, 2.2)), 0, 10), 0.08), "byte")
    return d.dataset()
