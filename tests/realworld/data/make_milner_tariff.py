"""Look-alike of ``Milner1.dta`` (Milner and Kubota's trade-liberalisation panel): developing
countries ``ctylabel`` (numeric codes 1-99; 61, 68 and 76 -- the do-file's Bangladesh and two
other South Asian countries -- among them) over years ``date`` 1970-1999, average tariff
``tariff`` (missing in many country-years), GDP per capita ``gdppc``, Polity score ``polity``
(-10..10), log population ``lnpop`` and ``cons``, a variable of ones: the do-file's runmlwin
models name it in their fixed and random parts and never create it, so the author's file holds it
(MLwiN's convention for the intercept)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1970)
    codes = np.array(sorted(set(range(1, 100, 2)) | {61, 68, 76}))
    ids, year = d.panel("ctylabel", len(codes), list(range(1970, 2000)), "date")
    d.put("ctylabel", codes[ids - 1], "int")
    country = d.effect(ids, 1.0)
    trend = (year - 1985) / 15.0
    polity = np.clip(np.round(-2 + 4 * country + 5 * trend + d.normal(0, 2.5)), -10, 10)
    gdppc = np.round(np.exp(7.5 + 0.5 * country + 0.3 * trend + d.normal(0, 0.1)), 1)
    lnpop = np.round(16 + d.effect(ids, 1.2) + 0.3 * trend, 4)
    tariff = 25 - 6 * trend - 0.4 * polity + 5 * d.effect(ids, 1.0) + d.normal(0, 4)
    d.put("tariff", d.with_missing(np.round(np.clip(tariff, 0, None), 2), 0.45), "float")
    d.put("gdppc", d.with_missing(gdppc, 0.05), "float")
    d.put("polity", d.with_missing(polity, 0.05), "byte")
    d.put("lnpop", lnpop, "float")
    d.put("cons", np.ones(len(ids)), "byte")
    return d.dataset()
