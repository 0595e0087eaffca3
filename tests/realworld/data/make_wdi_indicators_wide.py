"""Look-alike of a World Development Indicators extract as the Koren-Tenreyro replication
reads it with ``insheet``: one row per country and series, in wide form -- ``countryname``,
``countrycode`` (three letters), ``indicatorname``, ``indicatorcode`` and the yearly values
``y_1960`` ... ``y_2009`` (missing before a country's series starts).  Twelve series: the
ten the do-file keeps (GDP per capita in constant dollars and in PPP, population,
inflation, two exchange rates, terms of trade, government share, trade share, private
credit) and two it drops.  GDP per capita follows a random walk with drift whose
volatility falls with the country's income, so the volatility-development regressions
have a slope to find."""
import numpy as np
import pandas as pd

from lookalike import from_frame

SERIES = [
    ("NY.GDP.PCAP.KD", "GDP per capita"), ("NY.GDP.PCAP.PP.KD", "GDP per capita, PPP"),
    ("SP.POP.TOTL", "Population"), ("FP.CPI.TOTL.ZG", "Inflation"),
    ("PA.NUS.FCRF", "Official exchange rate"), ("PX.REX.REER", "Real effective exchange rate"),
    ("TT.PRI.MRCH.XD.WD", "Terms of trade"), ("NE.CON.GOVT.ZS", "Government consumption"),
    ("NE.TRD.GNFS.ZS", "Trade"), ("FS.AST.PRVT.GD.ZS", "Private credit"),
    ("SE.PRM.ENRR", "School enrollment"), ("SH.DYN.MORT", "Child mortality"),
]
YEARS = list(range(1960, 2010))


def country_codes(n: int, rng: np.random.Generator) -> list[str]:
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    codes: list[str] = []
    while len(codes) < n:
        code = "".join(rng.choice(letters, 3))
        if code not in codes:
            codes.append(code)
    return sorted(codes)


def make():
    rng = np.random.default_rng(3601)
    codes = country_codes(110, rng)
    rows = []
    for code in codes:
        level0 = rng.normal(7.5, 1.1)
        vol = np.exp(-2.6 - 0.35 * (level0 - 7.5) + rng.normal(0, 0.3))
        growth = 0.018 + vol * rng.standard_normal(len(YEARS))
        loggdp = level0 + np.cumsum(growth)
        start = int(rng.choice([1960, 1960, 1960, 1965, 1970, 1980, 1990]))
        observed = np.array(YEARS) >= start
        pop = np.exp(rng.normal(15.5, 1.5) + 0.02 * np.arange(len(YEARS)))
        values = {
            "NY.GDP.PCAP.KD": np.exp(loggdp),
            "NY.GDP.PCAP.PP.KD": np.exp(loggdp + 0.6 + rng.normal(0, 0.02, len(YEARS))),
            "SP.POP.TOTL": np.round(pop),
            "FP.CPI.TOTL.ZG": np.abs(rng.normal(8, 6, len(YEARS))),
            "PA.NUS.FCRF": np.exp(rng.normal(2, 1) + np.cumsum(rng.normal(0.03, 0.1, len(YEARS)))),
            "PX.REX.REER": 100 * np.exp(rng.normal(0, 0.1, len(YEARS))),
            "TT.PRI.MRCH.XD.WD": 100 * np.exp(np.cumsum(rng.normal(0, 0.06, len(YEARS)))),
            "NE.CON.GOVT.ZS": np.clip(rng.normal(15, 4, len(YEARS)), 3, 40),
            "NE.TRD.GNFS.ZS": np.clip(rng.normal(60, 25, len(YEARS)), 10, 250),
            "FS.AST.PRVT.GD.ZS": np.clip(rng.normal(35, 20, len(YEARS)), 1, 180),
            "SE.PRM.ENRR": np.clip(rng.normal(95, 15, len(YEARS)), 20, 140),
            "SH.DYN.MORT": np.clip(rng.normal(80, 40, len(YEARS)), 3, 300),
        }
        for scode, sname in SERIES:
            v = np.where(observed, values[scode], np.nan)
            v[rng.random(len(YEARS)) < 0.03] = np.nan
            row = {"countryname": f"Country {code}", "countrycode": code,
                   "indicatorname": sname, "indicatorcode": scode}
            row.update({f"y_{y}": x for y, x in zip(YEARS, v)})
            rows.append(row)
    frame = pd.DataFrame(rows)
    types = {f"y_{y}": "double" for y in YEARS}
    types.update({"countryname": "str12", "countrycode": "str3", "indicatorname": "str28",
                  "indicatorcode": "str17"})
    return from_frame(frame, types=types)
