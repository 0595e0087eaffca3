"""Look-alike of ``mwp_US_analysis.dta`` of Ludwig and Bruederl's (2018) male marital wage
premium (NLSY79 men, as used by Ruettenauer and Ludwig 2020): a person-year panel ``id`` x
``year`` (1979-2012, unbalanced, yearly to 1994 then every other year), log hourly wage
``lnw``, labour-market experience ``exp`` (years) and its square ``expq``, ``marry`` (0/1,
switching on at marriage), ``evermarr`` (ever married in the panel), ``nchild`` (0-6),
``enrol`` (in school), years of schooling ``yeduc``, ``tenure`` and the analysis flag
``sample1`` (about 95% of rows).  Wages grow with experience at person-specific rates, and
men who marry have steeper profiles (the heterogeneity FEIS is about)."""
import numpy as np

from lookalike import LookAlike

YEARS = list(range(1979, 1995)) + list(range(1996, 2013, 2))


def make():
    d = LookAlike(seed=2611)
    ids, year = d.panel("id", 450, YEARS, "year", dropout=0.25)
    start = d.group_constant(ids, d.uniform_int(0, 4))
    exp = np.clip(year - 1979 - start + d.normal(0, 0.3), 0, None).round(2)
    d.put("exp", exp, "float")
    d.put("expq", (exp ** 2).round(3), "float")
    ever = d.group_constant(ids, d.binary(0.7))
    marry_year = d.group_constant(ids, d.uniform_int(1983, 2005))
    marry = ((ever == 1) & (year >= marry_year)).astype(int)
    d.put("marry", marry, "byte")
    d.put("evermarr", ever, "byte")
    kids = np.where(marry == 1, np.minimum(6, np.maximum(0, (year - marry_year) // 3 + d.uniform_int(-1, 1))), 0)
    d.put("nchild", kids, "byte")
    yeduc = d.group_constant(ids, d.categorical([0.1, 0.45, 0.2, 0.15, 0.1], [10, 12, 14, 16, 18]))
    d.put("enrol", ((year - 1979 < 3) & (d.binary(0.4) == 1)).astype(int), "byte")
    d.put("yeduc", yeduc, "byte")
    tenure = np.minimum(exp, d.uniform_int(0, 12)).round(2)
    d.put("tenure", tenure, "float")
    slope = 0.05 + d.effect(ids, 0.012) + 0.01 * ever
    lnw = (1.4 + 0.06 * (yeduc - 12) + slope * exp - 0.0009 * exp ** 2 + 0.02 * marry + 0.01 * tenure
           + d.effect(ids, 0.3) + d.normal(0, 0.3))
    d.put("lnw", lnw.round(4), "float")
    d.put("sample1", d.binary(0.95), "byte")
    return d.dataset()
