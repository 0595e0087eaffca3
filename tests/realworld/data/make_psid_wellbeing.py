"""Look-alike of a course project's PSID well-being file (``PSID_WB.dta``): young adults ``id``
observed in the biennial waves ``year`` 2005-2011 (some only once), ``sex`` (1/2), ``age``
(17-27), ``race`` (1-4), ``bmi``, volunteering ``vol`` and ``volfreq``, self-rated ``health``
(1 = excellent ... 5 = poor), ``vigact``/``lightact`` (1-6, 6 = never), ``smoke``,
``alcohol``, ``spirit`` (1-4), internet hours ``intuse`` and the well-being score ``wb``
(a person random intercept plus noise, lower with worse health)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=512)
    ids, year = d.panel("id", 420, [2005, 2007, 2009, 2011], "year", dropout=0.35)
    first = d.rng.random(420) < 0.1  # a tenth seen in one wave only (dropped by the file's sample step)
    keep = ~(first[ids - 1] & (year > 2005))
    for name in list(d.columns):
        d.columns[name] = d.columns[name][keep]
    ids, year = ids[keep], year[keep]
    d.n = len(ids)
    age0 = d.group_constant(ids, d.uniform_int(17, 21))
    d.put("sex", d.group_constant(ids, d.categorical([0.48, 0.52])), "byte")
    d.put("age", age0 + (year - 2005), "byte")
    d.put("race", d.group_constant(ids, d.categorical([0.5, 0.4, 0.06, 0.04])), "byte")
    d.put("bmi", np.round(d.group_constant(ids, d.normal(24, 4)) + d.normal(0, 1), 2), "float")
    vol = d.binary(0.3)
    d.put("vol", vol, "byte")
    d.put("volfreq", np.where(vol == 1, d.uniform_int(1, 5), 0), "byte")
    health = np.clip(d.group_constant(ids, d.uniform_int(1, 4)) + d.binary(0.2), 1, 5)
    d.put("health", health, "byte")
    d.put("vigact", d.categorical([0.1, 0.15, 0.2, 0.2, 0.15, 0.2]), "byte")
    d.put("lightact", d.categorical([0.2, 0.2, 0.2, 0.15, 0.1, 0.15]), "byte")
    smoke = d.group_constant(ids, d.binary(0.25))
    d.put("smoke", smoke, "byte")
    d.put("alcohol", d.binary(0.6), "byte")
    spirit = d.group_constant(ids, d.uniform_int(1, 4))
    d.put("spirit", spirit, "byte")
    d.put("intuse", np.round(np.abs(d.normal(10, 6)), 1), "float")
    wb = 7.0 - 0.4 * (health - 1) + 0.15 * spirit + 0.2 * vol - 0.2 * smoke + 0.02 * (year - 2005) \
        + d.effect(ids, 1.8) + d.normal(0, 1.7)
    d.put("wb", np.round(np.clip(wb, 0, 12), 0), "byte")
    return d.dataset()
