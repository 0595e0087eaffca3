"""Look-alike of a Penn World Table extract as the Koren-Tenreyro replication reads it with
``insheet``: one row per country and year 1950-2007 -- ``country``, ``countryisocode``
(three letters, most shared with the WDI look-alike), ``year``, ``pop`` (thousands) and
``rgdpch`` (real GDP per capita, chain index), with a country's early years missing.
Growth volatility falls with income, as in the WDI look-alike."""
import numpy as np
import pandas as pd

from lookalike import from_frame
from make_wdi_indicators_wide import country_codes

YEARS = list(range(1950, 2008))


def make():
    rng = np.random.default_rng(3601)
    codes = country_codes(110, rng)[:100] + ["ZZA", "ZZB", "ZZC"]
    rng = np.random.default_rng(3602)
    rows = []
    for code in codes:
        level0 = rng.normal(7.8, 1.1)
        vol = np.exp(-2.5 - 0.35 * (level0 - 7.8) + rng.normal(0, 0.3))
        loggdp = level0 + np.cumsum(0.018 + vol * rng.standard_normal(len(YEARS)))
        start = int(rng.choice([1950, 1950, 1955, 1960, 1970, 1990]))
        pop = np.exp(rng.normal(8.5, 1.5) + 0.02 * np.arange(len(YEARS)))
        for k, year in enumerate(YEARS):
            seen = year >= start
            rows.append({"country": f"Country {code}", "countryisocode": code, "year": year,
                         "pop": round(pop[k], 2) if seen else np.nan,
                         "rgdpch": round(float(np.exp(loggdp[k])), 3) if seen else np.nan})
    frame = pd.DataFrame(rows)
    return from_frame(frame, types={"country": "str12", "countryisocode": "str3", "year": "int",
                                    "pop": "double", "rgdpch": "double"})
