"""Look-alike of ``IMSS_service_delivery_updated2021_v2.dta``: monthly service counts of the 35
delegations (``deleg`` 1-35) of the Mexican social-security institute, January 2019 to November
2021 (``rmonth`` 1-35).  Counts of family planning, antenatal care, deliveries and caesareans,
sick-child and vaccination visits, cervical and breast screening, diabetes and hypertension
visits and their controlled patients (``*_util``, ``*_qual_num``, the five vaccines
``*_qual``), the rates ``cs_rate``, ``diab_qual``, ``hyper_qual``; the populations used as
exposures (``women1549``, ``women2564``, ``women5069``, ``u1``, ``u5``, ``u10``, ``all20plus``);
the policy and COVID terms ``postPolicy``, ``timeafter_pol``, ``timeafter_cov`` (from month
15), ``ln_beds``, the seasons ``spring``/``summer``/``fall`` and one-month lags of the
policy terms.  Counts drop at the pandemic and recover, with a delegation effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=135011)
    deleg, rmonth = d.panel("deleg", 35, list(range(1, 36)), "rmonth")
    month = (rmonth - 1) % 12 + 1
    post = (rmonth >= 15).astype(float)
    policy = (rmonth >= 22).astype(float)
    t_cov = np.maximum(rmonth - 14, 0).astype(float)
    t_pol = np.maximum(rmonth - 21, 0).astype(float)
    size = d.group_constant(deleg, np.exp(d.normal(0, 0.5)))
    beds = d.group_constant(deleg, np.round(np.exp(d.normal(6.5, 0.5))))
    d.put("postPolicy", policy, "float")
    d.put("timeafter_pol", t_pol, "float")
    d.put("timeafter_cov", t_cov, "float")
    d.put("ln_beds", np.log(beds), "float")
    d.put("spring", np.isin(month, [3, 4, 5]).astype(float), "byte")
    d.put("summer", np.isin(month, [6, 7, 8]).astype(float), "byte")
    d.put("fall", np.isin(month, [9, 10, 11]).astype(float), "byte")
    lag = lambda v: np.where(rmonth > 1, np.roll(v, 1), np.nan)  # rows are deleg-major, months 1..35
    d.put("postPolicy_lag", lag(policy), "float")
    d.put("timeafter_pol_lag", lag(t_pol), "float")
    d.put("timeafter_cov_lag", lag(t_cov), "float")
    d.put("ln_beds_lag", lag(np.log(beds)), "float")
    pops = {"women1549": 260000, "women2564": 300000, "women5069": 90000, "u1": 15000, "u5": 70000,
            "u10": 150000, "all20plus": 700000}
    for name, base in pops.items():
        d.put(name, np.round(base * size * (1 + 0.002 * rmonth)), "long")
    def counts(rate, exposure, dip):
        u = d.effect(deleg, 0.2)
        log_mu = np.log(rate * exposure) + u - dip * post + 0.3 * dip * np.minimum(t_cov, 10) / 10 \
            + 0.05 * np.sin(month / 2) + d.normal(0, 0.05)
        return d.poisson(log_mu)
    women = d.columns["women1549"]
    fp = counts(0.05, women, 0.4)
    anc = counts(0.03, women, 0.2)
    totaldel = counts(0.004, women, 0.1)
    cs = np.minimum(totaldel, d.rng.binomial(totaldel.astype(int), 0.45))
    d.put("fp_util", fp, "long")
    d.put("anc_util", anc, "long")
    d.put("totaldel", totaldel, "long")
    d.put("cs_util", cs, "long")
    d.put("cs_rate", np.round(cs / np.maximum(totaldel, 1), 4), "float")
    d.put("sc_util", counts(0.08, d.columns["u5"], 0.7), "long")
    d.put("vax_util", counts(0.05, d.columns["u10"], 0.3), "long")
    d.put("cerv_util", counts(0.01, d.columns["women2564"], 0.6), "long")
    d.put("breast_util", counts(0.01, d.columns["women5069"], 0.7), "long")
    diab = counts(0.02, d.columns["all20plus"], 0.3)
    hyper = counts(0.03, d.columns["all20plus"], 0.3)
    d.put("diab_util", diab, "long")
    d.put("hyper_util", hyper, "long")
    diab_num = d.rng.binomial(diab.astype(int), 0.4).astype(float)
    hyper_num = d.rng.binomial(hyper.astype(int), 0.6).astype(float)
    d.put("diab_qual_num", diab_num, "long")
    d.put("hyper_qual_num", hyper_num, "long")
    d.put("diab_qual", np.round(diab_num / np.maximum(diab, 1), 4), "float")
    d.put("hyper_qual", np.round(hyper_num / np.maximum(hyper, 1), 4), "float")
    for name, rate in (("bcg_qual", 0.08), ("pent_qual", 0.006), ("measles_qual", 0.005), ("rota_qual", 0.006),
                       ("pneum_qual", 0.006)):
        d.put(name, counts(rate, d.columns["u1" if name == "bcg_qual" else "u10"], 0.2), "long")
    d.put("year", 2019 + (rmonth - 1) // 12, "int")
    d.put("month", month, "byte")
    return d.dataset()
