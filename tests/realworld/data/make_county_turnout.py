"""Look-alike of a county-by-election panel of US presidential turnout, 1880-1916 (county id
``cnty90``, election ``year``): turnout and its lag, a registration-requirement dummy
``reg``, the log circulation of party newspapers and its product with ``reg``, the log
eligible population, demographic shares, manufacturing output (and its missing flag) and
the legal-institutional dummies of the period (Australian ballot, party column, office
block, direct primary, Dunn act, women's suffrage, no poll tax, senate election)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1896)
    years = list(range(1880, 1917, 4))
    ids, year = d.panel("cnty90", 420, years, "year", dropout=0.1)
    d.columns["cnty90"] = 1000 * d.group_constant(ids, d.uniform_int(1, 48)) + ids
    d.types["cnty90"] = "long"
    t = (year - 1880) / 4
    reg = ((year >= d.group_constant(ids, d.categorical([0.4, 0.2, 0.2, 0.2], [1880, 1892, 1900, 1920]))) & (year < 1920)).astype(int)
    circ = np.round(np.clip(6 + d.effect(ids, 1.5) + 0.1 * t + d.normal(0, 0.6), 0, None), 4)
    elig = np.round(8.5 + d.effect(ids, 1.0) + 0.05 * t, 4)
    a = d.effect(ids, 0.06)
    turnout = np.clip(0.78 - 0.06 * reg + 0.01 * circ - 0.004 * reg * circ - 0.01 * t + a + d.normal(0, 0.05), 0.05, 1)
    lag = np.r_[np.nan, turnout[:-1]]
    lag[np.r_[True, ids[1:] != ids[:-1]]] = np.nan
    d.put("prestout", turnout, "float")
    d.put("lagprestout", lag, "float")
    d.put("reg", reg, "byte")
    d.put("lnTotPartyCirc", circ, "float")
    d.put("LnPartyCircXReg", circ * reg, "float")
    d.put("LnPresEligible", elig, "float")
    manu = np.round(4 + d.effect(ids, 1.2) + 0.08 * t + d.normal(0, 0.3), 4)
    miss = d.binary(0.08)
    d.put("LogPerCapitaManu", np.where(miss == 1, np.nan, manu), "float")
    d.put("LnPCMMissing", np.where(miss == 1, 0, manu), "float")
    d.put("MisManuOutput", miss, "byte")
    for name, mean in (("SharePopWhite", 0.88), ("ShareMale", 0.51), ("ShareTowns", 0.2), ("ShareCity", 0.1)):
        d.put(name, np.round(np.clip(mean + d.effect(ids, 0.05) + d.normal(0, 0.01), 0, 1), 4), "float")
    d.put("timetrend", t + 1, "byte")
    state = d.columns["cnty90"] // 1000
    for name, share in (("AustralianBallot", 0.7), ("PartyColumn", 0.5), ("OfficeBlock", 0.3), ("DirectPrimary", 0.5),
                        ("DunnAct", 0.1), ("Women", 0.2), ("NoTax", 0.6)):
        start = d.group_constant(state, d.categorical([share, 1 - share], [1884 + 4 * (len(name) % 5), 1930]))
        d.put(name, (year >= start).astype(int), "byte")
    d.put("SenateElection", d.group_constant(year, d.binary(0.6)), "byte")
    return d.dataset()
