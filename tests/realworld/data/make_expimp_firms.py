"""Look-alike of an Indian firm panel (Prowess) for dynamic export/import probits
(``biprobit.dta``): firm ``sa_finance1_cocode``, ``year`` 2001-2010, 0/1 exporter and importer
status ``exp`` ``imp`` with their lags ``lagexp`` ``lagimp`` and first-year values ``initexp``
``initimp``, log productivity ``lpres``, log gross fixed assets ``lgfa``, log salaries
``lsalary`` and the two-digit industry ``nic_2digit`` (NIC codes).  Smaller than the real file
(160 firms)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2010)
    ids, year = d.panel("sa_finance1_cocode", 160, list(range(2001, 2011)), "year", dropout=0.15)
    d.columns["sa_finance1_cocode"] = ids * 7 + 1000
    d.types["sa_finance1_cocode"] = "long"
    nic = d.group_constant(ids, d.categorical([1] * 6, [15, 17, 24, 27, 29, 31]))
    size = d.group_constant(ids, d.normal(0, 1))
    lpres = 0.5 * size + d.normal(0, 0.5)
    lgfa = 3.0 + size + 0.05 * (year - 2001) + d.normal(0, 0.3)
    lsal = 2.0 + 0.8 * size + 0.04 * (year - 2001) + d.normal(0, 0.3)
    u_e, u_m = d.effect(ids, 0.8), d.effect(ids, 0.8)
    exp = np.zeros(d.n, dtype=int)
    imp = np.zeros(d.n, dtype=int)
    lagexp = np.full(d.n, np.nan)
    lagimp = np.full(d.n, np.nan)
    for k in range(d.n):
        first = k == 0 or ids[k] != ids[k - 1]
        le = 0 if first else exp[k - 1]
        lm = 0 if first else imp[k - 1]
        if not first:
            lagexp[k], lagimp[k] = le, lm
        ee = -1.0 + 1.8 * le + 0.3 * lm + 0.3 * lpres[k] + 0.2 * size[k] + u_e[k]
        em = -1.2 + 1.8 * lm + 0.3 * le + 0.2 * lpres[k] + 0.3 * size[k] + u_m[k]
        exp[k] = int(d.rng.normal() < ee)
        imp[k] = int(d.rng.normal() < em)
    init_e = d.group_constant(ids, exp)
    init_m = d.group_constant(ids, imp)
    d.put("exp", exp, "byte")
    d.put("imp", imp, "byte")
    d.put("lagexp", lagexp, "byte")
    d.put("lagimp", lagimp, "byte")
    d.put("initexp", init_e, "byte")
    d.put("initimp", init_m, "byte")
    d.put("lpres", np.round(lpres, 4), "float")
    d.put("lgfa", np.round(lgfa, 4), "float")
    d.put("lsalary", np.round(lsal, 4), "float")
    d.put("nic_2digit", nic, "byte")
    return d.dataset()
