"""Look-alike of the ISSP 2012 Family and Changing Gender Roles IV file (ZA5900), upper-case
names as GESIS ships them: ``C_ALPHAN`` (two-letter country code, ``GB-GBN`` for Britain),
``DATEYR`` (interview year; 9999 where unknown, in part of Belgium and Denmark), ``SEX``,
``AGE`` (999 missing), ``PARTLIV`` (1 lives with a partner), ``MARITAL``, ``HOMPOP``,
``HHCHILDR``, ``HHTODD``, ``DEGREE`` and the partner's ``V65``/``V65A``, paid work hours
``WRKHRS``/``SPWRKHRS``, housework hours ``V37`` (own) and ``V39`` (partner's; 96 none, 0
not applicable), who earns more ``V50``, gender-role items ``V5``-``V11`` (Spain's four-point
versions in ``ES_V5``-``ES_V11``), who does five chores ``V42``-``V47``, and one monthly
household income variable per country ``<CC>_INC`` (missing codes 999990 ...).  The woman's
share of a couple's housework rises where her relative income and work hours fall and with a
traditional gender ideology, with slopes that vary by country."""
import numpy as np

from lookalike import LookAlike
from make_issp2012_iso_table import ISSP_COUNTRIES

PER_COUNTRY = 150


def _code(d, values, codes, share):
    """Replace a share of values by ISSP missing codes."""
    out = np.asarray(values, dtype=float).copy()
    hit = d.rng.random(len(out)) < share
    out[hit] = d.rng.choice(codes, size=int(hit.sum()))
    return out


def make():
    d = LookAlike(seed=5904)
    codes = list(ISSP_COUNTRIES)
    n = len(codes) * PER_COUNTRY
    d.rows(n)
    cid = np.repeat(np.arange(len(codes)), PER_COUNTRY)
    cntry = np.array(codes, dtype=object)[cid]
    d.put("C_ALPHAN", np.where(cntry == "GB", "GB-GBN", cntry).astype(object), "str6")
    year = d.categorical([0.2, 0.7, 0.1], [2011, 2012, 2013])
    unknown = np.isin(cntry, ["BE", "DK"]) & (d.rng.random(n) < 0.3)
    d.put("DATEYR", np.where(unknown, 9999, year), "int")
    female = d.binary(0.53)
    d.put("SEX", _code(d, np.where(female == 1, 2, 1), [9], 0.003), "byte")
    age = d.uniform_int(18, 85)
    young = d.rng.random(n) < 0.02
    age[young] = d.rng.integers(16, 18, size=int(young.sum()))
    d.put("AGE", _code(d, age, [999], 0.004), "int")
    d.put("PARTLIV", d.categorical([0.72, 0.08, 0.20], [1, 2, 3]), "byte")
    d.put("MARITAL", _code(d, d.categorical([0.75, 0.03, 0.03, 0.05, 0.02, 0.12], [1, 2, 3, 4, 5, 6]), [7, 9], 0.01), "byte")
    kids = d.categorical([0.55, 0.2, 0.18, 0.07], [0, 1, 2, 3])
    todd = np.minimum(d.binary(0.15), kids)
    d.put("HHCHILDR", _code(d, kids - todd, [96, 99], 0.01), "byte")
    d.put("HHTODD", _code(d, todd, [99], 0.01), "byte")
    d.put("HOMPOP", _code(d, 2 + kids + d.binary(0.1), [0, 99], 0.01), "byte")
    degree = d.categorical([0.03, 0.12, 0.15, 0.25, 0.15, 0.2, 0.1], [0, 1, 2, 3, 4, 5, 6])
    d.put("DEGREE", _code(d, degree, [9], 0.01), "byte")
    spdeg = np.clip(degree + d.rng.integers(-1, 2, size=n), 0, 6)
    alt = np.isin(cntry, ["ZA", "RU", "AT"])
    d.put("V65", np.where(alt, np.nan, _code(d, spdeg, [9], 0.02)), "byte")
    d.put("V65A", np.where(alt, _code(d, spdeg, [9], 0.02), np.nan), "byte")

    # ideology items: 1 agree .. 5 disagree; a latent traditionalism per person and country
    trad = d.effect(cid, 0.5) + d.normal(0, 0.8)
    items = {}
    for k in range(5, 12):
        sign = -1 if k in (5, 10) else 1
        items[k] = np.clip(np.round(3 - sign * trad + d.normal(0, 0.8)), 1, 5)
    spain = cntry == "ES"
    for k in range(5, 12):
        d.put(f"V{k}", np.where(spain, 0, _code(d, items[k], [0, 8, 9], 0.02)), "byte")
    for k in range(5, 12):
        four = np.clip(np.where(items[k] >= 3, items[k] - 1, items[k]), 1, 4)
        d.put(f"ES_V{k}", np.where(spain, _code(d, four, [8, 9], 0.02), 0), "byte")

    # paid work and income
    wf = np.clip(np.round(np.where(d.binary(0.75) == 1, 35 + d.normal(0, 9), 0)), 0, 90)
    wm = np.clip(np.round(np.where(d.binary(0.9) == 1, 42 + d.normal(0, 8), 0)), 0, 90)
    own_w = np.where(female == 1, wf, wm)
    sp_w = np.where(female == 1, wm, wf)
    d.put("WRKHRS", _code(d, own_w, [98, 99], 0.02), "byte")
    d.put("SPWRKHRS", _code(d, sp_w, [97, 98, 99], 0.02), "byte")
    v50 = np.clip(np.round(4 + 0.06 * (np.where(female == 1, wm - wf, wf - wm) * -1) / 3 + d.normal(0, 1.2)), 1, 7)
    d.put("V50", _code(d, v50, [0, 8, 9], 0.03), "byte")

    # housework: the woman's share
    relwhrs = np.where(wf + wm > 0, (wf - wm) / np.maximum(wf + wm, 1), 0)
    relinc = np.where(female == 1, v50 - 4, 4 - v50) * -1  # higher when she earns more
    slope_inc = -0.03 + d.effect(cid, 0.02)
    slope_w = -0.25 + d.effect(cid, 0.1)
    slope_g = 0.05 + d.effect(cid, 0.03)
    share = np.clip(0.35 + d.effect(cid, 0.12) + slope_inc * relinc + slope_w * relwhrs
                    + slope_g * trad + d.normal(0, 0.2), -0.95, 0.95)
    total = np.clip(25 + 3 * kids + d.normal(0, 8), 2, 120)
    hf = np.round(total * (1 + share) / 2)
    hm = np.round(total * (1 - share) / 2)
    own_h = np.where(female == 1, hf, hm)
    sp_h = np.where(female == 1, hm, hf)
    d.put("V37", _code(d, np.clip(own_h, 0, 96), [98, 99], 0.02), "byte")
    d.put("V39", _code(d, np.where(sp_h <= 0, 96, np.clip(sp_h, 1, 95)), [0, 98, 99], 0.02), "byte")
    for k in (42, 44, 45, 46, 47):
        she = np.clip(np.round(3 + 2 * share + d.normal(0, 0.8)), 1, 5)
        resp = np.where(female == 1, 6 - she, she)  # 1 always me .. 5 always my partner
        d.put(f"V{k}", _code(d, resp, [0, 6, 8, 9], 0.04), "byte")

    # one monthly household income variable per country, in its own currency
    scale = {c: 10 ** (2.5 + (i % 4)) for i, c in enumerate(codes)}
    for c in codes:
        inc = np.round(scale[c] * np.exp(d.normal(0, 0.5)) * (1 + 0.1 * own_w / 40))
        inc = _code(d, inc, [999990, 999997, 999998, 9999999], 0.05)
        d.put(f"{c}_INC", np.where(cntry == c, inc, np.nan), "double")
    return d.dataset()
