"""Look-alike of a pooled ESS rounds 4, 6 and 9 extract (2008, 2012, 2018) for 23 EU
countries after the author's preparation: support for further EU unification ``euftf``
(0-10), respondents in country-surveys (``cntry_wave`` = round*100 + country number,
``cntry_wave_char`` "BG 2008") in countries (string ``cntry``), centred individual
covariates and the within/between split of the country left-right mean, GDP and CPI.
Three surveys are missing (Italy 2008, Croatia and Latvia 2012), so 66 surveys."""
import numpy as np

from lookalike import LookAlike

CODES = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "HR", "HU",
         "IE", "IT", "LT", "LV", "NL", "PL", "PT", "SE", "SI"]
ROUNDS = {4: 2008, 6: 2012, 9: 2018}
MISSING = {("IT", 4), ("HR", 6), ("LV", 6)}


def make():
    d = LookAlike(seed=4692023)
    surveys = [(c, r) for r in ROUNDS for c in range(1, 24) if (CODES[c - 1], r) not in MISSING]
    sizes = d.rng.integers(30, 51, size=len(surveys))
    c = np.repeat([s[0] for s in surveys], sizes)
    r = np.repeat([s[1] for s in surveys], sizes)
    d.rows(int(sizes.sum()))
    code = np.array(CODES)[c - 1]
    d.put("cntry", code, "str2")
    d.put("cntry_num", c, "byte")
    wave = r * 100 + c
    d.put("cntry_wave", wave, "int")
    d.put("cntry_wave_char", np.array([f"{k} {ROUNDS[w]}" for k, w in zip(code, r)], dtype=object), "str7")
    lr = np.clip(np.round(d.normal(5, 2.2)), 0, 10)
    cmean = 5 + d.effect(c, 0.5)
    smean = cmean + d.effect(wave, 0.3)
    d.put("lrscale_m", lr - 5, "float")
    d.put("female", d.binary(0.53), "byte")
    d.put("agea_m", np.round(d.normal(0, 17)), "float")
    d.put("eduyrs_m", np.round(d.normal(0, 3.5)), "float")
    d.put("cntry_lrscale", cmean - 5, "float")
    d.put("cntry_lrscale_diff", smean - cmean, "float")
    gdp = d.effect(c, 1.0)
    gdp_s = gdp + d.effect(wave, 0.3)
    d.put("gdp_z", gdp, "float")
    d.put("gdp_z_diff", gdp_s - gdp, "float")
    cpi = 60 + d.effect(c, 12)
    d.put("cpi", cpi, "float")
    d.put("cpi_diff", d.effect(wave, 3), "float")
    d.put("within_lr_int", d.columns["lrscale_m"] * d.columns["cntry_lrscale_diff"], "float")
    d.put("between_lr_int", d.columns["lrscale_m"] * d.columns["cntry_lrscale"], "float")
    slope_c = d.effect(c, 0.08)
    slope_s = d.effect(wave, 0.05)
    y = (5.5 - 0.1 * d.columns["lrscale_m"] - 0.6 * d.columns["cntry_lrscale_diff"]
         + (slope_c + slope_s) * d.columns["lrscale_m"] + d.effect(c, 0.6) + d.effect(wave, 0.4)
         + 0.05 * d.columns["eduyrs_m"] + d.normal(0, 2.4))
    y = np.clip(np.round(y), 0, 10).astype(float)
    y[d.rng.random(d.n) < 0.04] = np.nan
    d.put("euftf", y, "byte")
    return d.dataset()
