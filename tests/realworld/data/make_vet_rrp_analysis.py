"""Look-alike of ``vet_rrp_analysis.dta``, the analysis file of a study of vocational education
and far-right votes (ESS respondents in regions and elections): 10 countries ``cntry`` (str2),
4 regions each ``region`` (str, "AT1".."AT4"), two national elections each ``election``
(numeric, country code * 10000 + year) with ``eyear``/``year``, ESS rounds ``essround`` (a few
in round 11, which the file drops); the country-round dual VET share ``dualvet_round`` (0-60,
missing for one country-round), ``unemp``, ``emprot_reg``, ``logGDPpc``, ``gini`` and wage
ratios; respondents' ``agea`` (18-90)/``age2``, ``gndr``, ``rlgdgr``, ``urban``, ``eduvet2``
(1-4) and ISCED ``edulvlb``, union membership ``mbtru`` (1-3), ``sector`` (str, eight sectors,
the fifth alphabetically Manufacturing), ``occupation`` (1-3), ``imwbcnt``, parents' degrees,
the design weight ``anweight`` and the far-right vote ``farright`` (0/1)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "BE", "CH", "DE", "DK", "FI", "FR", "NL", "NO", "SE"]
SECTORS = ["Agriculture", "Construction", "Education", "Health", "Manufacturing", "Public", "Retail", "Transport"]


def make():
    d = LookAlike(seed=2406)
    rng = d.rng
    rows = []
    for ci, c in enumerate(COUNTRIES):
        years = (int(rng.integers(2006, 2011)), int(rng.integers(2014, 2020)))
        vet = {y: float(np.round(rng.uniform(0, 60), 1)) for y in years}
        if ci == 3:
            vet[years[0]] = np.nan
        for r in range(1, 5):
            for y in years:
                for _ in range(int(rng.integers(18, 28))):
                    rows.append((ci, c, f"{c}{r}", y, vet[y]))
    d.rows(len(rows))
    ci = np.array([r[0] for r in rows])
    year = np.array([r[3] for r in rows])
    n = d.n
    d.put("cntry", np.array([r[1] for r in rows], dtype=object), "str2")
    d.put("region", np.array([r[2] for r in rows], dtype=object), "str5")
    d.put("eyear", year, "int")
    d.put("year", year, "int")
    d.put("election", (ci + 1) * 10000 + year, "long")
    d.put("essround", np.where(rng.random(n) < 0.02, 11, np.clip((year - 2000) // 2, 1, 10)), "byte")
    vet = np.array([r[4] for r in rows], dtype=float)
    d.put("dualvet_round", vet, "float")
    key = ci * 10000 + year
    for name, (m, s) in {"unemp": (7, 2.5), "emprot_reg": (2.3, 0.5), "logGDPpc": (10.6, 0.2),
                         "gini": (29, 3), "wage_p50_p10": (1.7, 0.2), "wage_p90_p10": (3.2, 0.5),
                         "wage_p90_p50": (1.9, 0.2)}.items():
        d.put(name, np.round(d.group_constant(key, rng.normal(m, s, n)), 3), "float")
    age = rng.integers(18, 91, n)
    d.put("agea", age, "int")
    d.put("age2", age ** 2, "long")
    d.put("gndr", 1 + d.binary(0.5), "byte")
    d.put("rlgdgr", rng.integers(0, 11, n), "byte")
    d.put("urban", d.binary(0.6), "byte")
    eduvet2 = d.categorical([0.1, 0.25, 0.35, 0.3])
    d.put("eduvet2", eduvet2, "byte")
    isced = np.where(eduvet2 == 1, rng.choice([0, 113, 212, 213, 129, 221], n),
                     np.where(eduvet2 == 2, rng.choice([0, 113, 212, 213], n),
                              np.where(eduvet2 == 3, rng.choice([129, 221, 222, 223], n), rng.choice([620, 720], n))))
    d.put("edulvlb", isced, "int")
    d.put("mbtru", d.categorical([0.25, 0.15, 0.6]), "byte")
    d.put("sector", np.array(SECTORS, dtype=object)[rng.integers(0, 8, n)], "str12")
    d.put("occupation", d.categorical([0.4, 0.35, 0.25]), "byte")
    d.put("imwbcnt", rng.integers(0, 11, n), "byte")
    d.put("degreemom", d.binary(0.2), "byte")
    d.put("degreedad", d.binary(0.25), "byte")
    d.put("anweight", np.round(rng.gamma(8, 1 / 8, n), 4), "float")
    eta = (-1.8 + 0.5 * (eduvet2 == 3) - 0.6 * (eduvet2 == 4) + 0.01 * np.nan_to_num(vet)
           - 0.08 * (d.columns["imwbcnt"] - 5) + d.effect(np.array([r[2] for r in rows]), 0.3)
           + d.effect(key, 0.4))
    d.put("farright", d.bernoulli_logit(eta), "byte")
    return d.dataset()
