"""Look-alike of the Quality of Government OECD time-series file (``qog_oecd_ts_jan18.dta``):
one row per OECD country ``ccode`` (ISO numeric; 35 countries, no Lithuania) and ``year``
1990-2016, the country name ``cname`` (str) and a few indicators: GDP per capita
``wdi_gdpcapcon2010``, unemployment ``wdi_unempilo``, foreign-born share ``oecd_migforpop_t1b``
and social expenditure ``oecd_socexp_g1``."""
import numpy as np
import pandas as pd

from lookalike import from_frame

CODES = [36, 40, 56, 124, 152, 203, 208, 233, 246, 250, 276, 300, 348, 352, 372, 376, 380, 392, 410,
         428, 442, 484, 528, 554, 578, 616, 620, 703, 705, 724, 752, 756, 792, 826, 840]


def make():
    rng = np.random.default_rng(13203)
    years = np.arange(1990, 2017)
    ccode = np.repeat(CODES, len(years))
    year = np.tile(years, len(CODES))
    k = np.repeat(np.arange(len(CODES)), len(years))
    level = rng.normal(10.3, 0.4, len(CODES))[k]
    df = pd.DataFrame({"ccode": ccode, "cname": [f"country {c}" for c in ccode], "year": year,
                       "wdi_gdpcapcon2010": np.round(np.exp(level + 0.015 * (year - 1990)), 2),
                       "wdi_unempilo": np.round(np.clip(rng.normal(7, 3, len(CODES))[k] + rng.normal(0, 1, len(k)), 1, 27), 2),
                       "oecd_migforpop_t1b": np.round(np.clip(rng.normal(10, 5, len(CODES))[k] + 0.1 * (year - 1990), 0.5, 45), 2),
                       "oecd_socexp_g1": np.round(np.clip(rng.normal(20, 5, len(CODES))[k], 7, 32), 2)})
    return from_frame(df, types={"ccode": "int", "cname": "str15", "year": "int"})
