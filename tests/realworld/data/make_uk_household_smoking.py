"""Look-alike of a household panel on cigarette consumption and spending (a British expenditure
survey, 1998-2008 per the price series in the file): household serial ``hserial`` by ``year``,
daily cigarettes ``cigdyal`` (``cigdyal2``: 0 -> 0.01), income band ``totinc`` and its median
``incomeest``, employment status ``econact``, the tobacco price series (``tobaccorrp``,
``reltobpriceidx``, ``tobaccotax``), the advertising ban ``adban``, spending shares and their logs,
and ``smokers`` (any smoker in the household; the file abbreviates it ``smoker``)."""
import numpy as np

from lookalike import LookAlike

PRICE = {1998: 3.36, 1999: 3.88, 2000: 4.16, 2001: 4.33, 2002: 4.39, 2003: 4.51, 2004: 4.73,
         2005: 4.88, 2006: 5.05, 2007: 5.33, 2008: 5.67}
RELIDX = {1998: 190.4, 1999: 209.0, 2000: 220.6, 2001: 228.5, 2002: 231.0, 2003: 234.3,
          2004: 239.8, 2005: 243.1, 2006: 246.0, 2007: 251.2, 2008: 257.9}


def make():
    d = LookAlike(seed=11904)
    ids, year = d.panel("hserial", 420, list(range(1998, 2009)), "year", dropout=0.35)
    n = d.n
    totinc = np.clip(d.group_constant(ids, d.uniform_int(1, 12)) + d.uniform_int(-1, 1), 1, 12)
    incomeest = 2500.0 * totinc - 1250.0
    econact = d.categorical([0.55, 0.08, 0.22, 0.15])
    smokers = d.group_constant(ids, d.binary(0.32))
    rrp = np.array([PRICE[int(y)] for y in year])
    relidx = np.array([RELIDX[int(y)] for y in year])
    adban = (year >= 2003).astype(np.int8)
    heavy = d.effect(ids, 0.5)
    cig = np.where(smokers == 1, np.round(np.exp(2.6 + heavy - 0.25 * np.log(rrp) + d.normal(0, 0.35)), 1), 0.0)
    cig2 = np.where(cig == 0, 0.01, cig)
    spend = np.round(cig * 365 * rrp / 20, 2)
    spend2 = np.where(spend == 0, 0.01, spend)
    d.put("totinc", totinc, "byte", "income band", value_labels={k: f"band {k}" for k in range(1, 13)})
    d.put("econact", econact, "byte", "employment status",
          value_labels={1: "employed", 2: "unemployed", 3: "retired", 4: "inactive"})
    d.put("cigdyal", cig, "float")
    d.put("reltobpriceidx", relidx, "float")
    d.put("tobaccorrp", rrp, "float")
    d.put("tobaccospend", spend, "float")
    d.put("adban", adban, "byte")
    d.put("incomeest", incomeest, "float")
    d.put("smokers", smokers, "byte")
    d.put("cigdyal2", cig2, "float")
    d.put("tobaccospend2", spend2, "float")
    d.put("tobaccotax", np.round(rrp * 0.78 / 20, 4), "float")
    d.put("spendtobac", np.round(spend / incomeest, 5), "float")
    d.put("cigcost", np.round((rrp / 20) / (incomeest / 365), 6), "float")
    d.put("lncigdyal", np.log(cig2), "float")
    d.put("lnspendtobac", np.log(np.where(spend == 0, 0.01, spend) / incomeest), "float")
    d.put("lnincomeest", np.log(incomeest), "float")
    d.put("lntobaccospend", np.log(spend2), "float")
    d.put("lntobaccorrp", np.log(rrp), "float")
    d.put("lnreltobpriceidx", np.log(relidx), "float")
    d.put("lncigcost", np.log((rrp / 20) / (incomeest / 365)), "float")
    return d.dataset()
