"""Look-alike of a pooled Comparative Study of Electoral Systems (module 3) respondent file:
election study ``C1003`` (about 40 country-elections, a numeric code), the most important
problem ``problem`` (1 corruption, 2 the economy, 3 social issues), the outcomes "no party
represents me" ``noneonly`` and "no party recalled" ``nonerec`` (0/1), ``age``,
``education`` 1-5, ``income`` quintile, ``male``, ``politicalinformation`` 0-3,
``closeparty`` 0/1, and the election's ``polityIV`` score (-2..10), V-Dem corruption
``vdem_corr`` 0-1, mean party age ``partyage``, ``regimeage``, ``presidential`` 0/1 and
``polarization``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=11765)
    k = 40
    sizes = d.rng.integers(60, 121, size=k)
    study = np.repeat(np.arange(k), sizes)
    d.rows(int(sizes.sum()))
    d.put("C1003", (np.arange(k) * 37 + 3600200)[study], "long")
    problem = d.categorical([0.2, 0.5, 0.3]).astype(float)
    problem[d.rng.random(d.n) < 0.05] = np.nan
    d.put("problem", problem, "byte")
    corr = d.rng.uniform(0, 1, size=k)
    eta = -1.2 + 0.4 * (problem == 1) + 0.8 * corr[study] + d.effect(study, 0.5)
    d.put("noneonly", d.bernoulli_logit(eta), "byte")
    d.put("nonerec", d.bernoulli_logit(eta - 0.6), "byte")
    d.put("age", np.clip(np.round(d.normal(46, 17)), 18, 95), "byte")
    d.put("education", d.categorical([0.1, 0.25, 0.3, 0.2, 0.15]), "byte")
    d.put("income", d.with_missing(d.categorical([0.2] * 5), 0.08), "byte")
    d.put("male", d.binary(0.48), "byte")
    d.put("politicalinformation", d.categorical([0.15, 0.3, 0.35, 0.2], [0, 1, 2, 3]), "byte")
    d.put("closeparty", d.binary(0.45), "byte")
    d.put("polityIV", d.rng.choice([-2, 5, 7, 8, 9, 10, 10, 10], size=k)[study], "byte")
    d.put("vdem_corr", np.round(corr, 3)[study], "float")
    d.put("partyage", np.round(d.rng.uniform(10, 90, size=k), 1)[study], "float")
    d.put("regimeage", d.rng.integers(5, 150, size=k)[study], "int")
    d.put("presidential", d.rng.integers(0, 2, size=k)[study], "byte")
    d.put("polarization", np.round(d.rng.uniform(1, 6, size=k), 2)[study], "float")
    return d.dataset()
