"""Look-alike of ``append_sample5.dta``: census and microcensus samples of China pooled
(``year`` 1990, 2000, 2005, 20101, 20102, 20151, 20152 -- two files each for 2010 and 2015),
one row per person: age, sex, ethnic group (``nationality`` 1-56, 1 the majority), marital
status, children ever born by sex, a birth in the last twelve months, housing, education,
work, occupation (-1 not applicable), migration, land and hukou type."""
import numpy as np

from lookalike import LookAlike

YEARS = [1990, 2000, 2005, 20101, 20102, 20151, 20152]


def make():
    d = LookAlike(seed=3412)
    groups = np.array([1] + list(range(2, 36)) + [44, 51])  # two small groups miss later years
    nat, yr = [], []
    for g in groups:
        for y in YEARS:
            if g in (44, 51) and y in (20151, 20152):
                continue
            k = int(d.rng.integers(28, 45))
            nat += [g] * k
            yr += [y] * k
    nat, yr = np.array(nat), np.array(yr)
    d.rows(len(nat))
    age = d.uniform_int(12, 70)
    female = d.binary(0.55)
    marry = np.where(age < 22, d.categorical([0.8, 0.2, 0, 0, 0]), d.categorical([0.12, 0.7, 0.08, 0.05, 0.05]))
    u = d.effect(nat, 0.35)
    mu = np.exp(-0.3 + 0.02 * (np.clip(age, 15, 50) - 15) + u - 0.1 * (yr > 10000))
    kids = d.poisson(np.log(mu))
    boys = d.rng.binomial(kids, 0.52)
    occ = np.where(d.binary(0.2) == 1, 0, d.categorical([0.05, 0.08, 0.1, 0.15, 0.45, 0.1, 0.05, 0.02]))
    occ[d.rng.random(d.n) < 0.02] = -1
    d.put("year", yr, "long")
    d.put("nationality", nat, "byte")
    d.put("age", age, "byte")
    d.put("gender", np.where(female == 1, 2, 1), "byte", value_labels={1: "male", 2: "female"})
    d.put("marry", marry, "byte")
    d.put("offspring_male", np.where(marry == 1, np.nan, boys), "byte")
    d.put("offspring_female", np.where(marry == 1, np.nan, kids - boys), "byte")
    d.put("twelve_birth", np.where(d.binary(0.07) == 1, 1, 2), "byte")
    d.put("hs_kitchen", d.with_missing(d.categorical([0.5, 0.2, 0.2, 0.1]), 0.02), "byte")
    d.put("hs_toilet", d.with_missing(d.categorical([0.3, 0.15, 0.15, 0.3, 0.1]), 0.02), "byte")
    d.put("edu_attainment", d.categorical([0.1, 0.3, 0.3, 0.15, 0.06, 0.05, 0.03, 0.01]), "byte")
    d.put("work", d.categorical([0.6, 0.05, 0.35]), "byte")
    d.put("occupation", occ, "byte")
    d.put("mig_state", d.categorical([0.7, 0.05, 0.05, 0.05, 0.05, 0.04, 0.03, 0.02, 0.01]), "byte")
    d.put("ruralland", d.categorical([0.6, 0.4]), "byte")
    d.put("hukou_type", d.categorical([0.01, 0.7, 0.29], [0, 1, 2]), "byte")
    return d.dataset()
