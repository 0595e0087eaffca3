"""Look-alike of a student's ESS country-round file on immigration attitudes
(``full_final_dataset.dta``): respondents in ``cntry`` (string ISO codes) and ``essround``
(four rounds), ``imm_attitude`` and ``econ_impact`` (0-10 scales, some missing),
``hh_income`` deciles 1-10 with 11 = no answer, ``lrscale`` 0-10, ``female``, ``age``,
``education`` (years), ``residence`` 1-5, the weights ``anweight`` and ``pweight``, and the
country-round constants ``mipex_change`` ``fb_change`` ``mipex_score`` ``fb_share_pct``."""
import numpy as np

from lookalike import LookAlike

CODES = ["AT", "BE", "CH", "CZ", "DE", "ES", "FI", "FR", "GB", "HU", "IE", "NL", "NO", "PL",
         "PT", "SE", "SI", "LT"]


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("country", len(CODES)), ("cw", (4, 4)), (None, (45, 70)))
    country, cw = ids["country"], ids["cw"]
    d.columns.pop("country"), d.types.pop("country")
    d.columns.pop("cw"), d.types.pop("cw")
    d.put("cntry", np.array(CODES, dtype=object)[country - 1], "str2")
    rounds = (cw - 1) % 4
    d.put("essround", np.array([7, 8, 9, 10])[rounds], "byte")
    c_eff, w_eff = d.effect(country, 0.7), d.effect(cw, 0.25)
    mipex = d.group_constant(country, d.rng.uniform(40, 80, d.n)) + 1.5 * rounds + d.group_constant(cw, d.normal(0, 1))
    fb = d.group_constant(country, d.rng.uniform(5, 25, d.n)) + 0.6 * rounds + d.group_constant(cw, d.normal(0, 0.4))
    d.put("mipex_score", np.round(mipex, 1), "float")
    d.put("fb_share_pct", np.round(fb, 2), "float")
    d.put("mipex_change", np.round(d.group_constant(cw, d.normal(1.5, 1.5)), 2), "float")
    d.put("fb_change", np.round(d.group_constant(cw, d.normal(0.6, 1.0)), 2), "float")
    inc = d.uniform_int(1, 10)
    d.put("hh_income", np.where(d.rng.random(d.n) < 0.12, 11, inc), "byte")
    lr = np.clip(np.round(d.normal(5, 2.2)), 0, 10)
    d.put("lrscale", d.with_missing(lr, 0.08), "byte")
    d.put("female", d.binary(0.52), "byte")
    age = d.uniform_int(15, 90)
    d.put("age", age, "int")
    edu = np.clip(np.round(d.normal(13, 3.5)), 0, 25)
    d.put("education", edu, "byte")
    d.put("residence", d.categorical([0.2, 0.12, 0.3, 0.28, 0.1]), "byte")
    d.put("anweight", np.round(d.rng.uniform(0.2, 3, d.n), 4), "double")
    d.put("pweight", np.round(d.rng.uniform(0.1, 5, d.n), 4), "double")
    lat = 5 - 0.15 * (edu - 13) + 0.2 * (lr - 5) + 0.01 * (age - 48) - 0.05 * (inc - 5) + c_eff + w_eff
    d.put("imm_attitude", d.with_missing(np.clip(np.round(lat + d.normal(0, 1.8)), 0, 10), 0.03), "byte")
    d.put("econ_impact", d.with_missing(np.clip(np.round(10 - lat + d.normal(0, 2)), 0, 10), 0.03), "byte")
    return d.dataset()
