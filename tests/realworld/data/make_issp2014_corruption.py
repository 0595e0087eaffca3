"""Look-alike of an ISSP 2014 (Citizenship II) extract merged with country data (QoG: V-Dem,
WDI, Golder, Transparency International): respondents in 34 countries -- ``V4`` (ISO numeric
country code), one income variable per country ``AT_RINC`` ... ``ZA_RINC`` (filled only for
that country's rows), ``V61`` (perceived corruption 1-5), ``EDUCYRS`` (0-25),
``AGE``/``age_sq``, ``SEX`` (1/2), ``URBRURAL`` (1-5), ``married``, ``incumbent_voter``,
``VOTE`` (0/1), the attitude items ``V41 V42 V44 V50`` and reversed ``V43_rev V47_rev
V25_rev`` (1-5), ``V62`` (0-10), participation items ``V17_01``-``V24_01`` (0/1, no
``V21_01``), ``base_sample``, and the country's ``wdi_gdppcpppcon``, ``vdem_pubcorr``,
``vdem_polyarchy``, ``gol_enpp1``, ``gol_est`` (1-3), ``compulsory``, ``ti_cpi_rev``,
``wdi_gini``.  The slope of education varies by country and with public corruption."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = {"AT": 40, "AU": 36, "BE": 56, "CH": 756, "CL": 152, "CZ": 203, "DE": 276, "DK": 208,
             "ES": 724, "FI": 246, "FR": 250, "GB": 826, "GE": 268, "HR": 191, "HU": 348, "IL": 376,
             "IN": 356, "IS": 352, "JP": 392, "KR": 410, "LT": 440, "NL": 528, "NO": 578, "PH": 608,
             "PL": 616, "RU": 643, "SE": 752, "SI": 705, "SK": 703, "TR": 792, "TW": 158, "US": 840,
             "VE": 862, "ZA": 710}


def make():
    d = LookAlike(seed=12714)
    rng = d.rng
    codes = list(COUNTRIES)
    ids = d.nested(("c", len(codes)), (None, (55, 85)))
    del d.columns["c"], d.types["c"]
    c = ids["c"] - 1
    n = d.n
    k = len(codes)

    def country(values):
        return np.asarray(values)[c]

    pubcorr = rng.uniform(0.0, 3.5, k)
    d.put("V4", country([COUNTRIES[x] for x in codes]), "int", "Country")
    educ = np.clip(np.round(d.normal(12.5, 3.5)), 0, 25)
    educ_raw = educ.copy()  # no 95/98 codes: the author's models use EDUCYRS as years throughout
    age = np.clip(np.round(d.normal(48, 17)), 18, 90)
    v61 = np.clip(np.round(1.5 + country(pubcorr) * 0.8 + d.normal(0, 0.9)), 1, 5)
    slope = -0.03 + 0.02 * country(pubcorr) + country(rng.normal(0, 0.07, k))
    base = country(rng.normal(0, 0.3, k))
    ed_c = educ - 12.5

    def item(shift=0.0):
        return d.ordinal(base + slope * ed_c + shift - 0.1 * (v61 - 3), [-1.6, -0.4, 0.6, 1.8])

    for code in codes:
        inc = np.where(c == codes.index(code), np.round(np.exp(d.normal(7.5, 0.6))), np.nan)
        d.put(f"{code}_RINC", inc, "double", "Country specific: personal income")
    d.put("V61", d.with_missing(v61, 0.03), "byte", "How widespread is corruption")
    d.put("EDUCYRS", educ_raw, "byte", "Years of schooling")
    d.put("AGE", age, "byte", "Age of respondent")
    d.put("age_sq", age ** 2, "int", "Age squared")
    d.put("SEX", d.binary(0.52) + 1, "byte", "Sex", value_labels={1: "Male", 2: "Female"})
    d.put("URBRURAL", d.categorical([0.2, 0.2, 0.3, 0.2, 0.1]), "byte", "Place of living")
    d.put("married", d.binary(0.55), "byte", "Married")
    d.put("incumbent_voter", d.binary(0.35), "byte", "Voted for incumbent")
    d.put("VOTE", d.bernoulli_logit(1.2 + base + (0.08 + slope) * ed_c - 0.15 * (v61 - 3)), "byte", "Voted")
    for name, shift in [("V41", 0.0), ("V42", 0.2), ("V43_rev", -0.1), ("V44", 0.1), ("V47_rev", 0.0),
                        ("V25_rev", 0.3), ("V50", -0.2)]:
        d.put(name, d.with_missing(item(shift), 0.03), "byte", "attitude item")
    d.put("V62", np.clip(np.round(5 + 2 * base + 0.05 * ed_c - 0.6 * (v61 - 3) + d.normal(0, 2)), 0, 10),
          "byte", "How well does democracy work")
    for v in ["V17_01", "V18_01", "V19_01", "V20_01", "V22_01", "V23_01", "V24_01"]:
        d.put(v, d.bernoulli_logit(-1.3 + base + (0.06 + slope) * ed_c), "byte", "participation: done")
    d.put("base_sample", ((rng.random(n) < 0.9) & (educ_raw < 30)).astype(int), "byte", "Base sample")
    d.put("wdi_gdppcpppcon", country(np.round(rng.uniform(3000, 60000, k), 1)), "double", "GDP per capita")
    d.put("vdem_pubcorr", country(pubcorr), "float", "Public sector corruption")
    d.put("vdem_polyarchy", country(rng.uniform(0.4, 0.95, k)), "float", "Electoral democracy")
    d.put("gol_enpp1", country(rng.uniform(2, 7, k)), "float", "Effective number of parties")
    d.put("gol_est", country(rng.integers(1, 4, k)), "byte", "Electoral system type",
          value_labels={1: "Majoritarian", 2: "Proportional", 3: "Mixed"})
    d.put("compulsory", country((rng.random(k) < 0.15).astype(int)), "byte", "Compulsory voting")
    d.put("ti_cpi_rev", country(10 - pubcorr * 2 + rng.normal(0, 0.5, k)), "float", "CPI reversed")
    d.put("wdi_gini", country(rng.uniform(25, 60, k)), "float", "Gini index")
    return d.dataset()
