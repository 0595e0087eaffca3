"""Look-alike of an analysis file of European Social Survey rounds with migrant-integration
policy data (``full_final_dataset.dta``): 14 countries ``cntry`` (str2) in five rounds
``essround`` with 60-90 respondents each; the anti-immigrant attitude scale ``imm_attitude``
and the economic-impact scale ``econ_impact`` (0-10, 2% missing), ``hh_income`` deciles with
11 for the refusal code, ``age``, ``lrscale`` (0-10), ``female``, years of ``education``,
``residence`` (1-5), the weights ``anweight``/``pweight``, and the round-level policy
predictors: ``mipex_score`` and ``fb_share_pct`` (levels) and ``mipex_change``/``fb_change``
(change since the previous round), constant within country-round."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "BE", "CH", "CZ", "DE", "ES", "FI", "FR", "GB", "HU", "IE", "NL", "NO", "SE"]


def make():
    d = LookAlike(seed=2121)
    ids = d.nested(("c", len(COUNTRIES)), ("cr", (5, 5)), (None, (60, 90)))
    c, cr = ids["c"], ids["cr"]
    del d.columns["c"], d.types["c"], d.columns["cr"], d.types["cr"]
    d.put("cntry", np.array([COUNTRIES[i - 1] for i in c], dtype=object), "str2")
    rnd = (cr - 1) % 5
    d.put("essround", (rnd * 2 + 1 + (c % 2)).astype(int), "byte")
    mipex = d.group_constant(cr, 40 + d.effect(c, 10) + 2.0 * rnd + d.normal(0, 1.5))
    d.put("mipex_score", np.round(mipex, 1), "float")
    d.put("mipex_change", np.round(d.group_constant(cr, np.where(rnd == 0, 0, 2.0 + d.normal(0, 2))), 1), "float")
    fb = d.group_constant(cr, np.clip(12 + d.effect(c, 4) + 0.6 * rnd + d.normal(0, 0.5), 2, None))
    d.put("fb_share_pct", np.round(fb, 2), "float")
    d.put("fb_change", np.round(d.group_constant(cr, np.where(rnd == 0, 0, 0.6 + d.normal(0, 1.2))), 2), "float")
    age = np.clip(np.round(d.normal(48, 17)), 15, 95)
    d.put("age", age, "int")
    d.put("female", d.binary(0.52), "byte")
    educ = np.clip(np.round(d.normal(13, 3.5)), 0, 25)
    d.put("education", educ, "byte")
    d.put("residence", d.categorical([0.2, 0.15, 0.3, 0.25, 0.1]), "byte",
          value_labels={1: "city", 2: "suburbs", 3: "town", 4: "village", 5: "farm"}, label_name="domicil")
    inc = np.clip(np.round(5.5 + 0.25 * (educ - 13) + d.normal(0, 2.3)), 1, 10)
    inc = np.where(d.rng.random(d.n) < 0.08, 11, inc)
    d.put("hh_income", inc, "byte")
    lr = np.clip(np.round(5 + d.effect(c, 0.4) + d.normal(0, 2.1)), 0, 10)
    d.put("lrscale", lr, "byte")
    latent = (4.5 + d.effect(c, 0.6) + d.effect(cr, 0.25) - 0.08 * (educ - 13) + 0.25 * (lr - 5)
              + 0.01 * (age - 48) - 0.03 * (mipex - 45) + d.normal(0, 1.8))
    d.put("imm_attitude", np.round(np.clip(latent, 0, 10), 3), "float")
    econ = np.clip(np.round(10 - latent + d.normal(0, 1.2)), 0, 10)
    d.put("econ_impact", d.with_missing(econ, 0.02), "byte")
    d.put("anweight", np.round(0.3 + d.rng.gamma(4, 0.25, d.n), 4), "double")
    d.put("pweight", np.round(d.group_constant(c, 0.2 + 3 * d.rng.random(d.n)), 4), "double")
    return d.dataset()
