"""Shared look-alike of the Afrobarometer rounds 4-5 files of Gottlieb, Grossman and Robinson
(2016) (see the ``make_afrobarometer_*`` generators): 29 countries (``CABBR`` codes, names
sorted as ``encode`` numbers them: 13 Madagascar, 18 Namibia), about 55 respondents per
country and round (``ROUND`` 4/5, ``RESPNO`` a string id), the three open-ended "most important
problems" (``Q63PT1-3``, raw Afrobarometer codes that the do-file recodes into ten domains,
``996`` no further answer, ``0`` no problems), gender (``THISINT``), age, schooling, urban,
weights, assets, religion, news use and participation items with Afrobarometer's -1/9/998
missing codes; women name water and health more often and the economy less.  The country
files: vulnerability measures (with a leftover ``_merge``), country codes (World Bank codes
padded with blanks), political openness by round, and a CIRI file by COW code and round.
Edit this module, then delete ``data/cache/afrobarometer_*`` (registry.py hashes only the
generator)."""
import numpy as np

from lookalike import LookAlike

CODES = "BDI BEN BFO BOT CAM CDI CVE GHA GUI KEN LES LIB MAD MAU MLI MLW MOZ NAM NGR NIG SAF SEN SRL SWZ TAN TOG UGA ZAM ZIM".split()
NAMES = ("Burundi Benin BurkinaFaso Botswana Cameroon CotedIvoire CapeVerde Ghana Guinea Kenya Lesotho Liberia "
         "Madagascar Mauritius Mali Malawi Mozambique Namibia Niger Nigeria SouthAfrica Senegal SierraLeone "
         "Swaziland Tanzania Togo Uganda Zambia Zimbabwe").split()
PRETTY = {"BurkinaFaso": "Burkina Faso", "CotedIvoire": "Cote d'Ivoire", "CapeVerde": "Cape Verde",
          "SouthAfrica": "South Africa", "SierraLeone": "Sierra Leone"}
# raw problem codes of each domain (the do-file's recode rules), education and "other" kept as codes
DOMAINS = {
    "economy": [1, 2, 3, 5, 6, 35, 38, 41, 143], "poverty": [4, 8, 18, 42], "agriculture": [7, 9, 10, 32, 33, 40],
    "infrastructure": [11, 12, 13, 15, 16], "education": [14], "water": [17], "health": [20, 21, 22, 39],
    "rights": [24, 27, 28, 34, 37, 29], "violence": [23, 25, 26, 30, 31], "other": [19, 181, 995],
}
PER_CELL = 55


def country_names():
    return [PRETTY.get(n, n) for n in NAMES]


def sorted_countries():
    """Country names in encode's order (the numeric code of each)."""
    return sorted(country_names())


def _respondents():
    rng = np.random.default_rng(4401)
    rows = []
    for k, code in enumerate(CODES):
        for rnd in (4, 5):
            for j in range(PER_CELL):
                rows.append((code, k, rnd, f"{code}{rnd}{j + 1:04d}"))
    return rng, rows


def _respondent_file(seed: int):
    """A LookAlike over the respondents with ROUND and RESPNO put; (d, country code, country index, round)."""
    _, rows = _respondents()
    d = LookAlike(seed=seed)
    d.rows(len(rows))
    rnd = np.array([r[2] for r in rows])
    d.put("ROUND", rnd, "byte")
    d.put("RESPNO", np.array([r[3] for r in rows], dtype=object), "str10")
    return d, np.array([r[0] for r in rows], dtype=object), np.array([r[1] for r in rows]), rnd


def respondents():
    d, code, k, rnd = _respondent_file(4402)
    n = d.n
    female = d.binary(0.5)
    cu = d.rng.normal(0, 0.4, size=len(CODES))[k]
    d.put("CABBR", code, "str3")
    d.put("THISINT", np.where(female == 1, 2, 1), "byte", value_labels={1: "Male", 2: "Female"}, label_name="THISINT")
    names = list(DOMAINS)
    base = np.array([0.22, 0.1, 0.1, 0.12, 0.1, 0.09, 0.1, 0.05, 0.05, 0.07])
    for part in (1, 2, 3):
        out = np.empty(n)
        for i in range(n):
            p = base.copy()
            if female[i]:
                p[names.index("water")] *= 1.6
                p[names.index("health")] *= 1.4
                p[names.index("economy")] *= 0.75
            p /= p.sum()
            dom = names[d.rng.choice(len(names), p=p)]
            out[i] = d.rng.choice(DOMAINS[dom])
        stop = d.rng.random(n) < (0.02 if part == 1 else 0.12 * part)
        out[stop] = 996
        if part == 1:
            out[d.rng.random(n) < 0.02] = 0
        d.put(f"Q63PT{part}", out, "int")
    age = np.clip(np.round(d.rng.gamma(4, 9, n) + 18), 18, 95)
    age[d.rng.random(n) < 0.01] = 998
    d.put("Q1", age, "int")
    edu = np.clip(np.round(d.normal(3.5, 2.2) + 0.6 * (1 - female) + cu), 0, 9)
    edu[d.rng.random(n) < 0.01] = 99
    d.put("Q97", edu, "byte")
    d.put("URBRUR", d.categorical([0.38, 0.55, 0.07], [1, 2, 3]), "byte")
    d.put("WITHINWT", np.round(np.exp(d.normal(0, 0.25)), 4), "double")
    d.put("REGION", k * 100 + d.uniform_int(1, 8), "int")
    for name, lo, hi in [("Q3B", 1, 5), ("Q4", 1, 5)]:
        v = d.uniform_int(lo, hi).astype(float)
        v[d.rng.random(n) < 0.02] = 9
        d.put(name, v, "int")
    for name in ["Q8A", "Q8B", "Q8C", "Q8D", "Q8E"]:
        v = d.categorical([0.35, 0.2, 0.2, 0.15, 0.1], [0, 1, 2, 3, 4]).astype(float)
        v[d.rng.random(n) < 0.015] = 9
        d.put(name, v, "int")
    emp = np.where(d.rng.random(n) < 0.45 - 0.15 * female, d.categorical([0.5, 0.5], [2, 3]), d.categorical([0.6, 0.4], [0, 1]))
    emp = emp.astype(float)
    emp[d.rng.random(n) < 0.01] = 9
    d.put("Q96", emp, "int")
    for name in ["Q90A", "Q90B", "Q90C"]:
        v = d.categorical([0.4, 0.35, 0.25], [0, 1, 2]).astype(float)
        v[d.rng.random(n) < 0.01] = 9
        d.put(name, v, "int")
    d.put("Q95A", d.categorical([0.3, 0.4, 0.3], [1, 2, 3]), "int")
    rel = d.categorical([0.45, 0.3, 0.1, 0.1, 0.05], [2, 20, 0, 160, -1])
    d.put("Q98A", rel, "int")
    for name, hi in [("Q13A", 4), ("Q13B", 4), ("Q13C", 4), ("Q14", 3), ("Q15", 3), ("Q25B", 3)]:
        v = d.uniform_int(0, hi).astype(float)
        v[d.rng.random(n) < 0.01] = 9
        d.put(name, v, "int")
    for name in ["Q26A", "Q26B", "Q26D"]:
        d.put(name, d.categorical([0.4, 0.2, 0.2, 0.1, 0.1], [0, 1, 2, 3, 4]), "int")
    d.put("Q27", d.categorical([0.1, 0.65, 0.1, 0.05, 0.05, 0.05], [0, 1, 2, 3, 4, 7]), "int")
    mad, nam = code == "MAD", code == "NAM"
    for name in ["Q30A", "Q30B", "Q30C"]:
        v = d.categorical([0.6, 0.2, 0.12, 0.08], [0, 1, 2, 3]).astype(float)
        v[d.rng.random(n) < 0.01] = 9
        if name == "Q30B":
            v[mad & (rnd == 5)] = np.nan
        d.put(name, v, "int")
    d.put("Q5B", d.categorical([0.15, 0.25, 0.25, 0.25, 0.08, 0.02], [1, 2, 3, 4, 5, 9]), "int")
    return d.dataset()


def add_vars():
    """R5 extra items by ROUND RESPNO (Madagascar's and Namibia's split contact questions)."""
    d, code, _, rnd = _respondent_file(4403)
    for name, where in [("Q30B_MAD", "MAD"), ("Q30B1_MAD", "MAD"), ("Q30A1_NAM", "NAM"), ("Q30B1_NAM", "NAM")]:
        v = d.categorical([0.6, 0.2, 0.12, 0.08], [0, 1, 2, 3]).astype(float)
        v[~((code == where) & (rnd == 5))] = np.nan
        d.put(name, v, "int")
    return d.dataset()


def vulnerability():
    names = sorted_countries()
    d = LookAlike(seed=4404)
    d.rows(len(names))
    d.put("country", np.arange(1, len(names) + 1), "long", value_labels={i + 1: s for i, s in enumerate(names)},
          label_name="country")
    d.put("Country", np.array(names, dtype=object), "str13")
    d.put("muslim", np.round(d.rng.beta(0.7, 1.5, len(names)), 3), "float")
    d.put("polygyny", np.round(d.rng.uniform(0.02, 0.45, len(names)), 3), "float")
    d.put("fertility", np.round(d.normal(5.0, 1.0), 2), "float")
    d.put("firstmarriage", np.round(d.normal(20.0, 1.8), 1), "float")
    d.put("femalelabor", np.round(d.rng.uniform(30, 85, len(names)), 1), "float")
    d.put("femalemps", np.round(d.rng.uniform(5, 40, len(names)), 1), "float")
    d.put("_merge", np.full(len(names), 3), "byte")
    return d.dataset()


def country_codes():
    names = sorted_countries()
    extra = ["Egypt", "Sudan", "Chad"]
    allnames = names + extra
    d = LookAlike(seed=4405)
    d.rows(len(allnames))
    d.put("cname", np.array(allnames, dtype=object), "str20")
    d.put("ccodealp", np.array([s[:3].upper() for s in allnames], dtype=object), "str3")
    d.put("ccodecow", 400 + np.arange(len(allnames)) * 5, "int")
    d.put("ccodewb", np.array([" " + s[:2].upper() + chr(65 + i % 26) + "  " for i, s in enumerate(allnames)], dtype=object), "str8")
    return d.dataset()


def wb_codes():
    names = sorted_countries() + ["Egypt", "Sudan", "Chad"]
    return [s[:2].upper() + chr(65 + i % 26) for i, s in enumerate(names)]


def pol_openness():
    codes = wb_codes()[:len(CODES)]  # the 29 countries only (an unmatched row would duplicate ROUND country)
    d = LookAlike(seed=4406)
    d.rows(len(codes))
    d.put("ccodewb", np.array(codes, dtype=object), "str3")
    for name, mean, sd in [("polityR4", 3, 4), ("polityR5", 3.5, 4), ("GDPR4", 1500, 900), ("GDPR5", 1700, 950),
                           ("wempower08", 0.6, 0.1), ("wempower09", 0.6, 0.1), ("wempower10", 0.61, 0.1),
                           ("wempower12", 0.62, 0.1), ("WMPshareR4", 15, 7), ("WMPshareR5", 18, 8)]:
        d.put(name, np.round(np.abs(d.normal(mean, sd)), 3), "float")
    return d.dataset()


def ciri_round():
    names = sorted_countries() + ["Egypt", "Sudan", "Chad"]
    d = LookAlike(seed=4407)
    cow = np.repeat(400 + np.arange(len(names)) * 5, 2)
    d.rows(len(cow))
    d.put("ccodecow", cow, "int")
    d.put("ROUND", np.tile([4, 5], len(names)), "byte")
    d.put("wecon", d.uniform_int(0, 3), "byte")
    d.put("wopol", d.uniform_int(0, 3), "byte")
    d.put("physint", d.uniform_int(0, 8), "byte")
    return d.dataset()
