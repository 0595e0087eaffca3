"""Look-alike of the data a French social-protection opinion barometer's coding file leaves
in memory (respondents ``ident`` by survey year ``annee`` 2000-2020): support for cutting seven
branches' benefits ``ps13_a_1``-``ps13_a_7`` (1-4, 5 don't know), benefit receipt
``sdres_4``/``5``/``8``/``9``/``10`` (1 yes, 2 no), children ``sdnbenf``, income bracket ``sdrevtr``
(1-7, 8 refused), age and its bracket, sex, employment status, diploma, acquaintances out of
work ``sdproxim_1``/``_2`` and standard of living ``sdnivie`` (2014 on)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3320)
    years = np.repeat(np.arange(2000, 2021), 110)
    d.rows(len(years))
    n = d.n
    d.put("ident", np.arange(1, n + 1), "int")
    d.put("annee", years, "int")
    age = np.clip(np.round(d.normal(48, 17)), 18, 95)
    agetr = np.digitize(age, [25, 35, 50, 65]) + 1
    sexe = d.categorical([0.48, 0.52])
    statut = d.categorical([0.1, 0.15, 0.3, 0.08, 0.07, 0.22, 0.05, 0.03])
    revtr = d.categorical([0.1, 0.12, 0.15, 0.17, 0.16, 0.14, 0.11, 0.05])
    dipl = d.categorical([0.2, 0.3, 0.2, 0.15, 0.15])
    nbenf = np.minimum(d.rng.poisson(0.9, n), 10)
    d.put("sdage", age, "byte")
    d.put("sdagetr", agetr, "byte", value_labels={1: "18-24", 2: "25-34", 3: "35-49", 4: "50-64", 5: "65+"})
    d.put("sdsexe", sexe, "byte", value_labels={1: "homme", 2: "femme"})
    d.put("statut", statut, "byte", value_labels={k: f"statut {k}" for k in range(1, 9)})
    d.put("sdrevtr", revtr, "byte", value_labels={**{k: f"tranche {k}" for k in range(1, 8)}, 8: "refus"})
    d.put("diplome", dipl, "byte")
    d.put("sdnbenf", nbenf, "byte")
    for k, p in ((4, 0.08), (5, 0.25), (8, 0.2), (9, 0.15), (10, 0.05)):
        d.put(f"sdres_{k}", 2 - d.binary(p), "byte")
    d.put("sdproxim_1", d.categorical([0.5] + [0.05] * 7 + [0.15]), "byte")
    d.put("sdproxim_2", d.categorical([0.6] + [0.04] * 7 + [0.12]), "byte")
    nivie = np.round(np.exp(d.normal(7.4, 0.45)))
    nivie[years < 2014] = np.nan
    d.put("sdnivie", nivie, "float")
    person = d.normal(0, 0.8)
    for b in range(1, 8):
        latent = 0.25 * (b - 4) + 0.12 * (revtr - 4) - 0.1 * (sexe - 1) + 0.05 * (agetr - 3) + person
        y = d.ordinal(latent, [-1.4, 0.2, 1.7])
        y[d.rng.random(n) < 0.03] = 5
        d.put(f"ps13_a_{b}", y, "byte")
    return d.dataset()
