"""Look-alike of ``analysis_dat.csv``: US states (``statecode`` 1-51, 0 the national total)
by sex (``female``) by year 1999-2010, as ``import delimited ..., numericcols(_all)`` reads
it: medical malpractice claims (``freq``), deaths from complications of medical care
(``compdeaths``) and their lag, lagged malpractice payments (``lagmp``), damage caps in force
(``cap``), caps older than the study window (``oldcap``) and caps adopted in it
(``switchcap``), and a log ratio of the two rates (``lrrcomp``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3501)
    states, years, sexes = np.arange(0, 52), np.arange(1999, 2011), np.array([0, 1])
    grid = np.array(np.meshgrid(states, sexes, years, indexing="ij")).reshape(3, -1)
    statecode, female, year = grid
    d.rows(len(year))
    size = d.group_constant(statecode, d.rng.lognormal(0.0, 0.8, d.n))
    size[statecode == 0] = 40.0
    oldcap = d.group_constant(statecode, d.binary(0.45))
    adopt = np.where(oldcap == 0, d.group_constant(statecode, d.rng.choice([0, 2004, 2005, 2006], d.n,
                                                                          p=[0.6, 0.15, 0.15, 0.1])), 0)
    cap = np.where(oldcap == 1, 1, ((adopt > 0) & (year >= adopt)).astype(int))
    switchcap = ((adopt > 0) & (year >= adopt)).astype(int)
    u_state = d.group_constant(statecode, d.normal(0, 0.3))
    trend = (year - 2004) * 0.02
    log_deaths = np.log(60 * size) + 0.15 * female + u_state + trend
    compdeaths = d.rng.poisson(np.exp(log_deaths) * d.rng.gamma(20, 1 / 20, d.n))
    key = statecode * 2 + female
    order = np.lexsort((year, key))
    lag = np.full(d.n, np.nan)
    lag[order[1:]] = np.where(key[order[1:]] == key[order[:-1]], compdeaths[order[:-1]], np.nan)
    base_mp = d.group_constant(key, d.rng.uniform(20, 110, d.n))
    lagmp = np.round(base_mp + (year - 1999) * d.group_constant(key, d.normal(0.8, 1.5))
                     + d.normal(0, 4.0), 2)
    lagmp = np.clip(lagmp, 16, 133)
    log_claims = np.log(8 * size) + 0.004 * np.log1p(np.nan_to_num(lag)) - 0.25 * cap \
        - 0.2 * female + 0.004 * lagmp + u_state
    freq = d.rng.poisson(np.exp(log_claims) * d.rng.gamma(10, 1 / 10, d.n))
    d.put("year", year, "int")
    d.put("statecode", statecode, "byte")
    d.put("female", female, "byte")
    d.put("freq", freq, "int")
    d.put("compdeaths", compdeaths, "int")
    d.put("lagcompdeaths", lag, "int")
    d.put("cap", cap, "byte")
    d.put("oldcap", oldcap, "byte")
    d.put("switchcap", switchcap, "byte")
    d.put("lagmp", lagmp, "double")
    d.put("lrrcomp", np.round(np.log((freq + 1) / (compdeaths + 1)), 4), "double")
    return d.dataset()
