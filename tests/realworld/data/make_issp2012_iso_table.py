"""Look-alike of a country-code translation table (``iso_uebersetzungstabelle.dta``): the
ISSP's two-letter country code ``cntry`` and the ISO alpha-3 code ``alpha3``, with a few
countries the ISSP 2012 did not field (they stay unmatched in a merge)."""
import numpy as np

from lookalike import LookAlike

# ISSP 2012 (ZA5900) country codes used by the look-alikes, with their alpha-3 codes
ISSP_COUNTRIES = {
    "AT": "AUT", "AU": "AUS", "BE": "BEL", "BG": "BGR", "CH": "CHE", "CL": "CHL", "CN": "CHN",
    "CZ": "CZE", "DE": "DEU", "DK": "DNK", "ES": "ESP", "FI": "FIN", "FR": "FRA", "GB": "GBR",
    "HU": "HUN", "IE": "IRL", "IL": "ISR", "IN": "IND", "JP": "JPN", "LV": "LVA", "MX": "MEX",
    "NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT", "RU": "RUS", "SE": "SWE", "SI": "SVN",
    "SK": "SVK", "TR": "TUR", "TW": "TWN", "US": "USA", "ZA": "ZAF"}
EXTRA = {"IT": "ITA", "GR": "GRC", "LT": "LTU"}


def country_years(d: LookAlike) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a country-year file 2010-2014 (``alpha3``, ``dateyr``) for every ISSP country but
    Taiwan, which the author's macro files lack: (country index 1.., year)."""
    codes = [a for c, a in ISSP_COUNTRIES.items() if c != "TW"]
    ids, year = d.panel("cid", len(codes), list(range(2010, 2015)), "dateyr")
    d.columns.pop("cid")
    d.types.pop("cid")
    d.put("alpha3", np.array(codes, dtype=object)[ids - 1], "str3")
    return ids, year


def make():
    table = {**ISSP_COUNTRIES, **EXTRA}
    d = LookAlike(seed=5900)
    d.rows(len(table))
    d.put("cntry", np.array(list(table), dtype=object), "str2")
    d.put("alpha3", np.array(list(table.values()), dtype=object), "str3")
    return d.dataset()
