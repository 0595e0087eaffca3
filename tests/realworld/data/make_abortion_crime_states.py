"""Look-alike of a state-by-year abortion-and-crime panel (``abortion_and_crime.dta``): 50
``state``s (lower-case names as str14, with "new york", "california", "florida" and "texas",
which the file plots) from 1960 to 2000; crime rates per 100,000 (``violent``, ``property``,
``murder``, ``rape``, ``robbery``, ``assault``, ``burglary``, ``larceny``, ``auto``), the
police employees ``numpolice``, populations ``population2`` and ``population4``, ``unemp``,
``povpercent``, abortions per 1,000 live births ``abortratio_inout`` (0 before 1970) and the
cohort-weighted abortion rates ``abortw1_<crime>`` (0 in the early years, as legalisation
reaches the offending ages later)."""
import numpy as np

from lookalike import LookAlike

NAMES = ["alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
         "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
         "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
         "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
         "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
         "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
         "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
         "wisconsin", "wyoming"]
CRIMES = {"violent": 5.9, "property": 8.3, "murder": 2.0, "rape": 3.5, "robbery": 4.8,
          "assault": 5.5, "burglary": 7.0, "larceny": 7.8, "auto": 6.0}


def make():
    d = LookAlike(seed=2001)
    years = list(range(1960, 2001))
    sid, year = d.panel("sid", len(NAMES), years, "year")
    del d.columns["sid"], d.types["sid"]
    d.put("state", np.array([NAMES[i - 1] for i in sid], dtype=object), "str14")
    t = (year - 1960) / 40.0
    pop = d.group_constant(sid, np.exp(d.normal(15.0, 1.0))) * (1 + 0.5 * t)
    d.put("population2", np.round(pop), "long")
    d.put("population4", np.round(pop * 1.01), "long")
    d.put("unemp", np.round(np.clip(5.5 + d.effect(sid, 1.0) + 1.5 * np.sin(year / 3.0) + d.normal(0, 0.6), 2, 15), 1), "float")
    d.put("povpercent", np.round(np.clip(13 + d.effect(sid, 3.0) + d.normal(0, 1.2), 3, 30), 1), "float")
    d.put("numpolice", np.round(pop / 1000 * np.exp(0.9 + d.effect(sid, 0.2) + 0.3 * t)), "long")
    ab = np.where(year >= 1970, np.clip(250 + d.effect(sid, 90) + 120 * (year - 1970) / 30 + d.normal(0, 25), 5, None), 0)
    d.put("abortratio_inout", np.round(ab, 2), "float")
    crime_cycle = np.where(year < 1991, (year - 1960) / 31.0, 1 - (year - 1991) / 15.0)
    for name, level in CRIMES.items():
        rate = np.exp(level + d.effect(sid, 0.4) + 0.8 * crime_cycle + d.normal(0, 0.08))
        d.put(name, np.round(rate, 2), "float")
    for name in ["violent", "property", "murder", "rape", "robbery", "assault", "burglary", "larceny", "auto"]:
        lag = {"murder": 20, "rape": 20}.get(name, 18)
        w = np.where(year >= 1970 + lag, ab * np.clip((year - 1970 - lag + 1) / 15.0, 0, 1), 0.0)
        d.put(f"abortw1_{name}", np.round(w, 3), "float")
    return d.dataset()
