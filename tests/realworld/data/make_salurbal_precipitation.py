"""Look-alike of ``data_prec_final.xlsx`` (sheet ``Sheet1``, first row names): Latin American
cities (``SALID1``, six-digit codes) by year 1981-2020, ``YEAR_dec`` the year in decades from
1981; ``R95P`` (mm on very wet days) and ``R95PCC`` (its share of total precipitation, %);
standardized city covariates (``*_z``), their within/between parts for the hybrid models
(``*_wht_z``, ``*_btw_z``) and the climate zone ``CLZ`` as text (Tropical 4th in sort order)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=95)
    ncity, years = 96, list(range(1981, 2021, 2))
    cid, year = d.panel("SALID1", ncity, years, "year")
    codes = np.sort(d.rng.choice(np.arange(101000, 208000), ncity, replace=False))
    d.columns["SALID1"] = codes[cid - 1]
    d.types["SALID1"] = "long"
    ydec = (year - 1981) / 10.0
    zones = np.array(["Arid", "Temperate dry", "Temperate wet", "Tropical"])
    zone = d.group_constant(cid, d.categorical([0.15, 0.2, 0.25, 0.4], list(range(4))))
    slope = 0.4 + 0.3 * (zone == 3) + d.effect(cid, 0.5)
    r95pcc = np.clip(24 + 2 * (zone == 3) + d.effect(cid, 3.0) + slope * ydec + d.normal(0, 5.5), 0, 70)
    total = np.clip(d.effect(cid, 400) + 1300 + d.normal(0, 250), 150, None)
    d.put("YEAR_dec", ydec, "double")
    d.put("R95P", np.round(total * r95pcc / 100, 2), "double")
    d.put("R95PCC", np.round(r95pcc, 3), "double")
    d.put("CLZ", zones[zone], "str13")
    for name in ("elevation_z", "slope_z", "coastal"):
        values = d.group_constant(cid, d.normal())
        d.put(name, (values > 0.6).astype(float) if name == "coastal" else np.round(values, 4), "double")
    for stem in ("total_pop", "pop_density_guf", "pop_over65", "GDP", "NDVI", "education"):
        between = d.group_constant(cid, d.normal())
        within = 0.3 * (ydec - 1.9) + d.normal(0, 0.3)
        d.put(f"{stem}_z", np.round(between + within, 4), "double")
        d.put(f"{stem}_wht_z", np.round(within, 4), "double")
        d.put(f"{stem}_btw_z", np.round(between, 4), "double")
    return d.dataset()
