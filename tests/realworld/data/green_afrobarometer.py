"""Shared pieces of the look-alikes of Green's Afrobarometer files (make_green_afrob_r3,
make_green_afrob_r4): respondents in ethnic groups (or regions) in countries, with individual
covariates and country-level ones.  registry.py hashes only the generator, so delete
``data/cache/green_*`` after editing this module."""
import numpy as np

# the countries whose dummies the file's one-country regressions name; the first list has a
# president of the core ethnic group (PresCore == 1), the second not
PRES_CORE = [19, 2, 3, 7, 16, 21, 9, 23, 25, 10, 26, 28, 29]
PRES_OTHER = [1, 15, 5, 22, 24, 11, 12, 13, 14, 18]


def respondents(d, countries, group_var, sizes=(6, 9), per_group=(12, 18), base=100):
    """Rows of respondents in groups in ``countries`` (group code base*country + k); returns
    country and group codes per row."""
    rng = d.rng
    country_rows, group_rows = [], []
    for c in countries:
        for k in range(1, int(rng.integers(sizes[0], sizes[1] + 1)) + 1):
            m = int(rng.integers(per_group[0], per_group[1] + 1))
            country_rows += [c] * m
            group_rows += [base * c + k] * m
    d.rows(len(country_rows))
    d.put("COUNTRY", np.array(country_rows), "byte")
    d.put(group_var, np.array(group_rows), "int")
    return np.array(country_rows), np.array(group_rows)


def country_level(d, country, names_sd):
    """Country constants: name -> (mean, sd) drawn once per country."""
    uniq = np.unique(country)
    for name, (mean, sd) in names_sd.items():
        values = dict(zip(uniq, np.round(d.rng.normal(mean, sd, len(uniq)), 4)))
        d.put(name, np.array([values[c] for c in country]), "float")


def individuals(d, country, group, pres_core, *, urban="Urban", internet=True):
    """Individual covariates and the identity outcome; returns the linear predictor pieces."""
    rng = d.rng
    n = d.n
    share = {g: float(rng.uniform(3, 60)) for g in np.unique(group)}
    egperc = np.round(np.array([share[g] for g in group]), 2)
    core_group = {c: g for c, g in zip(country, group)}  # one group per country is the core group
    core = np.array([int(g == core_group[c]) for c, g in zip(country, group)])
    d.put("CoreEthnic", core, "byte")
    pres_group = {c: (core_group[c] if c in pres_core else int(rng.choice(np.unique(group[country == c]))))
                  for c in np.unique(country)}
    d.put("PresidentEG", np.array([int(g == pres_group[c]) for c, g in zip(country, group)]), "byte")
    largest = {c: int(np.unique(group[country == c])[np.argmax([share[g] for g in np.unique(group[country == c])])])
               for c in np.unique(country)}
    d.put("LargestGroup", np.array([int(g == largest[c]) for c, g in zip(country, group)]), "byte")
    d.put("PeripheralGroup", d.group_constant(group, rng.random(n) < 0.2).astype(int), "byte")
    d.put("EGperc", egperc, "float")
    d.put("Partition1", d.group_constant(group, rng.random(n) < 0.25).astype(int), "byte")
    d.put(urban, d.binary(0.4) + (1 if urban == "URBRUR" else 0), "byte")
    age = np.clip(np.round(rng.gamma(6, 6.5, n)), 18, 95)
    d.put("Age", age, "byte")
    d.put("Agesq", age ** 2, "int")
    d.put("Q101", 1 + d.binary(0.5), "byte")
    d.put("Muslim", d.group_constant(group, rng.random(n) < 0.3).astype(int), "byte")
    d.put("Radio", rng.integers(0, 5, n), "byte")
    d.put("TV", rng.integers(0, 5, n), "byte")
    if internet:
        d.put("NoInternet", d.binary(0.8), "byte")
    d.put("FTEmploy", d.binary(0.3), "byte")
    d.put("EdDummy", d.binary(0.45), "byte")
    eta = (-0.3 - 0.4 * core + 0.15 * d.columns["PeripheralGroup"] - 0.004 * egperc + 0.2 * d.columns["EdDummy"]
           + d.effect(country, 0.35) + d.effect(group, 0.25))
    nat = d.bernoulli_logit(eta)
    d.put("NatOverEthnic", nat, "byte")
    return eta
