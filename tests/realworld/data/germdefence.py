"""Shared look-alike of the Germ Defence trial's OpenSAFELY measure files (eight
``measure_<outcome>_weekly.csv``, see the ``make_germdefence_*`` generators) and practice
covariates: 40 general practices (``practice_id``), half randomised to the website
(``intervention``), over 36 weeks of Monday dates from 6 July 2020 (``date``, a YMD string as
OpenSAFELY writes it).  Each outcome's weekly count is negative binomial around a practice
rate times the registered ``population``, with a small drop after 10 November 2020 in the
intervention practices; ``value`` is the count over the population.  A few counts are
missing (the do-file sets them to 0).  Edit this module, then delete ``data/cache/germdefence_*``
(registry.py hashes only the generator)."""
import datetime

import numpy as np

from lookalike import LookAlike

OUTCOMES = {"RTI": 2.2, "aRTI": 1.1, "gastro": 0.4, "coviddiag": 1.6, "covidsympsens": 3.0,
            "covidsympspec": 1.4, "antibio": 4.0, "adm": 0.9}  # events per 1,000 patients a week
N_PRACTICES, N_WEEKS = 40, 36


def _practices(rng):
    size = rng.integers(2500, 16000, size=N_PRACTICES)
    arm = np.zeros(N_PRACTICES, dtype=int)
    arm[rng.permutation(N_PRACTICES)[: N_PRACTICES // 2]] = 1
    return size, arm


def measure(outcome: str):
    rng = np.random.default_rng(2501)
    size, arm = _practices(rng)
    effects = {name: rng.normal(0, 0.25, size=N_PRACTICES) for name in OUTCOMES}
    d = LookAlike(seed=2502 + list(OUTCOMES).index(outcome))
    start = datetime.date(2020, 7, 6)
    dates = [start + datetime.timedelta(weeks=k) for k in range(N_WEEKS)]
    practice = np.repeat(np.arange(1, N_PRACTICES + 1), N_WEEKS)
    week = np.tile(np.arange(N_WEEKS), N_PRACTICES)
    d.rows(len(practice))
    p = practice - 1
    population = size[p] + d.rng.integers(-40, 41, size=len(p))
    post = np.array([dates[k] >= datetime.date(2020, 11, 10) for k in week])
    season = 0.25 * np.sin(2 * np.pi * week / 52)
    mu = population / 1000 * OUTCOMES[outcome] * np.exp(effects[outcome][p] + season - 0.08 * (arm[p] * post))
    counts = d.rng.negative_binomial(5, 5 / (5 + mu)).astype(float)
    counts[d.rng.random(len(counts)) < 0.01] = np.nan
    d.put("practice_id", practice, "int")
    d.put(f"{outcome.lower()}_events", counts, "int")
    d.put("population", population, "long")
    d.put("value", np.round(counts / population, 6), "double")
    d.put("date", np.array([dates[k].isoformat() for k in week], dtype=object), "str10")
    return d.dataset()


def practice_variables():
    rng = np.random.default_rng(2501)
    size, arm = _practices(rng)
    d = LookAlike(seed=2510)
    d.rows(N_PRACTICES)
    d.put("practice_id", np.arange(1, N_PRACTICES + 1), "int")
    d.put("median_age", np.round(d.normal(41, 4)), "float")
    d.put("n_female", np.round(size * d.rng.uniform(0.48, 0.52, N_PRACTICES)), "double")
    d.put("practice_trial_arm", np.array([str(a) for a in arm], dtype=object), "str1")
    d.put("deprivation_pctile", d.rng.integers(1, 101, N_PRACTICES), "float")
    d.put("ethnic_minority_pct", np.round(d.rng.uniform(0, 40, N_PRACTICES), 1), "float")
    d.put("n_users", d.rng.poisson(40, N_PRACTICES) * arm, "float")
    d.put("list_size", size, "long")
    d.put("female_pct", np.round(d.rng.uniform(0.48, 0.52, N_PRACTICES), 4), "float")
    d.put("intervention", arm, "float")
    return d.dataset()
