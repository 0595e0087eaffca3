"""Look-alike of an ESS rounds 2-4 voting file (``ESS2to4.dta``) for a study of field of
education and green (GAL) or radical-right (TAN) votes: 15 western countries ``cntry``
(str2) with the numeric ``country`` codes the file tabulates, rounds ``essround`` 2-4 with
70-90 voters each; the selection flags ``select`` (5% 0), ``selectgal``/``selecttan``
(countries with such a party); party ``family2`` (1-13; 1, 7, 12 and 13 the GAL and TAN
families) and ``party``; the votes ``GAL``/``TAN`` (0/1, missing outside their selection);
the field-of-education resource ratios ``fieldratio``, ``fieldculture``, ``fieldecon``,
``fieldcomm``, ``fieldtech`` by ``edutype`` (1-14) and ``edufld`` (1-9), occupation-level
means ``occfield``/``occfieldgal``/``occfieldtan`` and incomes ``fieldincome``/
``fieldincomegal``/``fieldincometan`` by 3-digit occupation ``isco3tr`` (25 per country);
``educ5`` (1-5), ``edulvla`` (1-5), ``higher``, ``female``, ``rural``, ``incomeobj``, ``age``,
``secular`` and ``class8`` (1-8)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = {"AT": 1, "BE": 2, "DK": 3, "DE": 4, "GR": 5, "ES": 6, "FR": 7, "IE": 10, "PT": 11, "FI": 12,
             "NL": 13, "NO": 14, "SE": 16, "CH": 35, "GB": 36}


def make():
    d = LookAlike(seed=2024)
    names = list(COUNTRIES)
    ids = d.nested(("c", len(names)), ("cr", (3, 3)), (None, (70, 90)))
    c, cr = ids["c"], ids["cr"]
    del d.columns["c"], d.types["c"], d.columns["cr"], d.types["cr"]
    d.put("cntry", np.array([names[i - 1] for i in c], dtype=object), "str2")
    d.put("country", np.array([COUNTRIES[names[i - 1]] for i in c]), "byte")
    d.put("essround", 2 + (cr - 1) % 3, "byte")
    d.put("select", (d.rng.random(d.n) > 0.05).astype(int), "byte")
    has_gal = ~np.isin(c, [names.index(k) + 1 for k in ("GR", "PT")])
    has_tan = ~np.isin(c, [names.index(k) + 1 for k in ("ES", "IE", "PT")])
    sel = d.columns["select"] == 1
    d.put("selectgal", (sel & has_gal).astype(int), "byte")
    d.put("selecttan", (sel & has_tan).astype(int), "byte")
    occ = d.rng.integers(1, 26, d.n)
    d.put("isco3tr", 100 + occ * 10 + 1, "int")
    edutype = d.rng.integers(1, 15, d.n)
    d.put("edutype", edutype, "byte")
    d.put("edufld", 1 + (edutype - 1) % 9, "byte")
    culture = np.round(d.rng.gamma(2, 1, 15)[edutype - 1] + 0.1, 3)
    econ, comm, tech = (np.round(d.rng.gamma(2, 1, 15)[edutype - 1] + 0.1, 3) for _ in range(3))
    for name, v in (("fieldculture", culture), ("fieldecon", econ), ("fieldcomm", comm), ("fieldtech", tech)):
        d.put(name, v, "float")
    ratio = np.round((culture + comm) / (culture + comm + econ + tech) * 10, 3)
    d.put("fieldratio", ratio, "float")
    occ_mean = np.bincount(occ, weights=ratio, minlength=26) / np.maximum(np.bincount(occ, minlength=26), 1)
    for name, shift in (("occfield", 0), ("occfieldgal", 0.1), ("occfieldtan", -0.1)):
        d.put(name, np.round(occ_mean[occ] + shift, 4), "float")
    inc = d.rng.normal(2000, 400, 15)[edutype - 1]
    for name, scale in (("fieldincome", 1.0), ("fieldincomegal", 1.02), ("fieldincometan", 0.98)):
        d.put(name, np.round(inc * scale, 1), "float")
    educ5 = d.categorical([0.15, 0.25, 0.25, 0.15, 0.2])
    d.put("educ5", educ5, "byte")
    d.put("edulvla", educ5, "byte")
    d.put("higher", (educ5 >= 4).astype(int), "byte")
    d.put("female", d.binary(0.5), "byte")
    d.put("rural", d.binary(0.3), "byte")
    d.put("incomeobj", np.clip(np.round(d.normal(5.5, 2.5)), 1, 10), "byte")
    d.put("age", np.clip(np.round(d.normal(50, 15)), 21, 95), "int")
    d.put("secular", np.clip(np.round(d.normal(5, 3)), 0, 10), "byte")
    d.put("class8", d.categorical([0.1, 0.15, 0.1, 0.15, 0.1, 0.15, 0.15, 0.1]), "byte")
    u_c, u_o = d.effect(c, 0.4), d.effect(c * 100 + occ, 0.3)
    gal = d.bernoulli_logit(-2.4 + 0.25 * (ratio - 5) + 0.3 * (educ5 - 3) + u_c + u_o)
    tan = d.bernoulli_logit(-2.6 - 0.2 * (ratio - 5) - 0.25 * (educ5 - 3) + u_c - u_o)
    tan = np.where(gal == 1, 0, tan)
    d.put("GAL", np.where(d.columns["selectgal"] == 1, gal, np.nan), "byte")
    d.put("TAN", np.where(d.columns["selecttan"] == 1, tan, np.nan), "byte")
    other = d.rng.choice([2, 3, 4, 5, 6, 8, 9, 10, 11], d.n)
    family = np.where(gal == 1, np.where(d.rng.random(d.n) < 0.7, 7, 1), np.where(tan == 1, np.where(
        d.rng.random(d.n) < 0.6, 12, 13), other))
    d.put("family2", family, "byte")
    d.put("party", family * 10 + d.rng.integers(1, 3, d.n), "int")
    return d.dataset()
