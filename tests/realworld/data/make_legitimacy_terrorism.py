"""Look-alike of a country-year file joining terrorist-event counts (GTD) with Polity IV, Penn
World Table, PRIO conflict, World Governance Indicators and World Values Survey means
(``GTD_polity_PENN_PRIO_WGI_WVS_2000.dta``): ``consolidated_country``, ``year`` 2000-2016, event
counts ``n_events`` ``n_domperp_events`` ``n_domtarg_events`` (many zeros, some countries
always zero), WGI scores ``accountability`` ``corruption`` ``effectiveness`` ``quality``
``rule_of_law``, ``GDP_expentiture`` ``GDPexp_capita`` ``pop``, ``any_conflict``, Polity's
``durable`` ``exrec`` ``exconst`` ``polcomp`` ``polity2`` and WVS country means
``mean_trust_others`` ``mean_importance_politics`` ``mean_interest_politics`` (missing for
countries outside the survey).  Sorted by country and year, as the file's [_n-1] lags need."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2000)
    ids, year = d.panel("consolidated_country", 70, list(range(2000, 2017)), "year")
    t = year - 2000
    wgi = {}
    base = d.group_constant(ids, d.normal(0, 0.9))
    for name in ("accountability", "corruption", "effectiveness", "quality", "rule_of_law"):
        wgi[name] = np.round(base + d.effect(ids, 0.3) + d.normal(0, 0.1), 3)
    pop = np.exp(d.group_constant(ids, d.normal(16, 1.3)) + 0.012 * t)
    gdppc = np.exp(d.group_constant(ids, d.normal(8.8, 1.0)) + 0.5 * base + 0.02 * t + d.normal(0, 0.03))
    conflict = d.binary(np.where(base < -0.5, 0.35, 0.05))
    risk = d.effect(ids, 1.2) - 0.4 * base + 0.3 * np.log(pop / 1e7) + 0.8 * conflict - 0.5
    for name, shift in (("n_events", 0.0), ("n_domperp_events", -0.7), ("n_domtarg_events", -0.5)):
        mu = np.exp(risk + shift + d.normal(0, 0.6))
        d.put(name, d.rng.poisson(mu), "int")
    for name, values in wgi.items():
        d.put(name, values, "float")
    d.put("GDP_expentiture", np.round(gdppc * pop / 1e6, 1), "double")
    d.put("GDPexp_capita", np.round(gdppc, 1), "double")
    d.put("pop", np.round(pop / 1e6, 3), "double")
    d.put("any_conflict", conflict, "byte")
    d.put("durable", np.maximum(0, d.group_constant(ids, d.uniform_int(0, 60)) + t), "int")
    polity = np.clip(np.round(5 * base + d.effect(ids, 1)), -10, 10)
    d.put("exrec", np.clip(np.round(4 + polity / 3), 1, 8), "byte")
    d.put("exconst", np.clip(np.round(4 + polity / 3.5), 1, 7), "byte")
    d.put("polcomp", np.clip(np.round(6 + polity / 2), 1, 10), "byte")
    d.put("polity2", polity, "byte")
    in_wvs = d.group_constant(ids, d.binary(0.6)) == 1
    for name, m in (("mean_trust_others", 0.25), ("mean_importance_politics", 2.6), ("mean_interest_politics", 2.4)):
        values = np.round(m + d.effect(ids, 0.1 * m) + d.normal(0, 0.02 * m), 3)
        d.put(name, np.where(in_wvs, values, np.nan), "float")
    return d.dataset()
