"""Look-alike of the country-year file of a study of democratic diffusion (``cowcode`` x
``year``, 1961-2010, 80 countries): autocratic breakdown ``gwf_fail`` and democratization
``democratization`` (rare 0/1 events), last year's counts of breakdowns among regimes of the
same type ``regime_aut_fail_lag`` (0-6) and among contiguous neighbours
``geog_cont_aut_fail_lag`` (0-2) and within 150/400 miles (``geog_cont_aut_fail_150_lag``,
``geog_cont_aut_fail_400_lag``), the same for transitions (``regime_trans_lag``,
``geog_cont_trans_lag``, ``geog_150_trans_lag``, ``geog_400_trans_lag``), their products
``interaction_*``; controls ``log_development`` ``growth`` ``intrastate_war_1000_robust``
``inter_state_war`` ``former_anglo_colony`` ``mean_polity`` and regime age ``gwf_duration``.
``build`` is shared with ``democratic_diffusion_sar``."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = 80
YEARS = list(range(1961, 2011))


def build(seed: int, extra=None):
    d = LookAlike(seed=seed)
    rng = d.rng
    ids, year = d.panel("cowcode", COUNTRIES, YEARS, "year")
    n = len(ids)
    d.put("cowcode", ids * 5 + 35, "int")
    d.put("year", year, "int")
    yearly = rng.poisson(1.2, size=len(YEARS))
    reg_fail = np.minimum(yearly[year - 1961], 6).astype(float)
    geog = np.minimum(rng.poisson(0.15, size=n), 2).astype(float)
    geog150 = np.minimum(geog + rng.poisson(0.05, size=n), 3).astype(float)
    geog400 = np.minimum(geog150 + rng.poisson(0.1, size=n), 4).astype(float)
    trans = np.minimum(rng.poisson(0.8, size=len(YEARS))[year - 1961], 5).astype(float)
    gtrans = np.minimum(rng.poisson(0.12, size=n), 2).astype(float)
    g150 = np.minimum(gtrans + rng.poisson(0.05, size=n), 3).astype(float)
    g400 = np.minimum(g150 + rng.poisson(0.1, size=n), 4).astype(float)
    dev = np.round(d.group_constant(ids, rng.normal(7.5, 1.0, size=n)) + 0.01 * (year - 1961) + rng.normal(0, 0.05, size=n), 4)
    growth = np.round(rng.normal(1.5, 5, size=n), 3)
    civil = (rng.random(n) < 0.08).astype(float)
    interstate = (rng.random(n) < 0.03).astype(float)
    anglo = d.group_constant(ids, (rng.random(n) < 0.25).astype(float))
    mpolity = np.round(rng.normal(-2, 2.5, size=n), 3)
    duration = np.maximum(1, (year - 1961) % 25 + d.group_constant(ids, rng.integers(0, 20, size=n)))
    eta = -3.6 + 0.25 * reg_fail + 0.2 * geog - 0.2 * (dev - 7.5) - 0.03 * growth + 0.4 * civil - 0.01 * duration
    fail = d.bernoulli_logit(eta)
    demo = d.bernoulli_logit(-3.8 + 0.3 * trans + 0.3 * gtrans + 0.1 * mpolity)
    d.put("gwf_fail", d.with_missing(fail, 0.03), "byte")
    d.put("democratization", d.with_missing(demo, 0.03), "byte")
    counts = {"regime_aut_fail_lag": reg_fail, "geog_cont_aut_fail_lag": geog,
              "geog_cont_aut_fail_150_lag": geog150, "geog_cont_aut_fail_400_lag": geog400,
              "interaction_aut_fail_lag": reg_fail * geog, "interaction_aut_fail_150_lag": reg_fail * geog150,
              "interaction_aut_fail_400_lag": reg_fail * geog400, "regime_trans_lag": trans,
              "geog_cont_trans_lag": gtrans, "geog_150_trans_lag": g150, "geog_400_trans_lag": g400,
              "interaction_dem_lag": trans * gtrans, "interaction_dem_150_lag": trans * g150,
              "interaction_dem_400_lag": trans * g400}
    for name, values in counts.items():
        d.put(name, values, "byte")
    d.put("log_development", d.with_missing(dev, 0.05), "float")
    d.put("growth", d.with_missing(growth, 0.05), "float")
    d.put("intrastate_war_1000_robust", civil, "byte")
    d.put("inter_state_war", interstate, "byte")
    d.put("former_anglo_colony", anglo, "byte")
    d.put("mean_polity", mpolity, "float")
    d.put("gwf_duration", duration, "int")
    if extra is not None:
        extra(d, ids, year)
    return d.dataset()


def make():
    return build(141065)
