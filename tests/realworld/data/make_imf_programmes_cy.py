"""Look-alike of a country-year panel of IMF programmes (90 countries ``ccode``, 1985-2000,
``year``), saved after ``xtset ccode year`` (the do-file sets no panel, so the file carries
``_dta[_TSpanel]``/``_TStvar`` as Stata's own .dta does).  Outcomes: a new agreement
``newagr`` (0/1), a programme in force ``agr`` and staying active ``active`` (0/1), the
agreed amount relative to quota ``bcpromquot``; sample flags ``elig2`` and log quota
``lnimfquot``.  Covariates: log total debt ``lntotdbt``, log interest/GNP ``lnintgnp``,
reserves in months of imports ``rsvsimqt1a``, log inflation ``lninflt3``/``lninflt1`` and its
change ``lninflchg12``, government orientation ``govorient`` (1-3), bureaucratic quality
``burqual`` (0-4), regime ``regime`` (0/1), growth ``gdppct1``, previous programmes
``prevprogtyt1``, year dummies ``y90``-``y00``, time since the last agreement ``nagdur`` with
three splines ``agspline1``-``3``, log US-bound imports ``lntotimpt1``/``lnusimpt1``, large
debtor/low-reserves flags ``bigdesp``/``bigrsvsa``, UN voting affinity with the US ``unvot1``
and its imputed/missing indicators ``unvot12imp``/``unvot12mis``, log US aid ``lnodaust1``/
``lnodaus``, inverse Mills ratios ``mills13u``/``mills13b``/``mills13w`` and failure duration
``faildur`` with splines ``failspline1``-``3``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=141067)
    rng = d.rng
    ids, year = d.panel("ccode", 90, list(range(1985, 2001)), "year")
    n = len(ids)
    d.put("ccode", ids * 10 + 20, "int")
    gc = lambda v: d.group_constant(ids, v)
    debt = np.round(gc(rng.normal(8.5, 1.2, size=n)) + rng.normal(0, 0.2, size=n), 4)
    reserves = np.round(np.clip(rng.gamma(2.0, 1.5, size=n), 0.1, 15), 3)
    infl = np.round(rng.normal(2.3, 1.0, size=n), 4)
    burqual = np.clip(np.round(gc(rng.normal(2, 1, size=n))), 0, 4)
    regime = gc((rng.random(n) < 0.5).astype(float))
    unvot = np.round(np.clip(gc(rng.normal(0.3, 0.15, size=n)) + rng.normal(0, 0.05, size=n), 0, 1), 4)
    dur = np.zeros(n)
    for i in range(1, n):
        dur[i] = 0 if ids[i] != ids[i - 1] else dur[i - 1] + 1
    eta = -1.6 + 0.25 * (debt - 8.5) - 0.2 * reserves + 0.2 * (infl - 2.3) - 0.5 * unvot - 0.08 * dur + d.effect(ids, 0.6)
    newagr = d.bernoulli_logit(eta).astype(float)
    agr = np.maximum(newagr, (rng.random(n) < 0.35)).astype(float)
    d.put("newagr", newagr, "byte")
    d.put("agr", agr, "byte")
    d.put("active", np.where(agr == 1, d.bernoulli_logit(0.8 - 0.1 * reserves + 0.3 * regime), np.nan), "byte")
    d.put("elig2", (rng.random(n) < 0.9).astype(float), "byte")
    d.put("lnimfquot", np.round(gc(rng.normal(4.5, 1.5, size=n)), 4), "float")
    d.put("bcpromquot", np.where(newagr == 1, np.round(rng.gamma(2.0, 40, size=n), 2), np.nan), "float")
    d.put("lntotdbt", debt, "float")
    d.put("lnintgnp", np.round(rng.normal(0.5, 0.8, size=n), 4), "float")
    d.put("rsvsimqt1a", reserves, "float")
    d.put("lninflt3", d.with_missing(infl, 0.03), "float")
    d.put("lninflt1", np.round(infl + rng.normal(0, 0.3, size=n), 4), "float")
    d.put("lninflchg12", np.round(rng.normal(0, 0.5, size=n), 4), "float")
    d.put("govorient", gc(rng.integers(1, 4, size=n)).astype(float), "byte")
    d.put("burqual", burqual, "byte")
    d.put("regime", regime, "byte")
    d.put("gdppct1", np.round(rng.normal(3, 4, size=n), 3), "float")
    d.put("prevprogtyt1", np.round(np.clip(gc(rng.normal(0.3, 0.2, size=n)), 0, 1), 3), "float")
    for y in range(1990, 2001):
        d.put(f"y{y % 100:02d}", (year == y).astype(float), "byte")
    d.put("nagdur", dur, "byte")
    for k, knot in enumerate((2, 5, 9), start=1):
        d.put(f"agspline{k}", np.maximum(dur - knot, 0) ** 2, "int")
    d.put("lntotimpt1", np.round(rng.normal(21, 1.5, size=n), 4), "float")
    d.put("bigdesp", gc((rng.random(n) < 0.2).astype(float)), "byte")
    d.put("bigrsvsa", (reserves < 1).astype(float), "byte")
    d.put("lnusimpt1", np.round(rng.normal(19, 1.8, size=n), 4), "float")
    d.put("unvot1", unvot, "float")
    d.put("unvot12imp", (rng.random(n) < 0.05).astype(float), "byte")
    d.put("unvot12mis", (rng.random(n) < 0.03).astype(float), "byte")
    d.put("lnodaust1", np.round(rng.normal(3, 1.5, size=n), 4), "float")
    d.put("lnodaus", np.round(rng.normal(3, 1.5, size=n), 4), "float")
    for suffix in ("u", "b", "w"):
        d.put(f"mills13{suffix}", np.round(np.abs(rng.normal(0.8, 0.4, size=n)), 4), "float")
    fdur = np.clip(dur - 1, 0, None)
    d.put("faildur", fdur, "byte")
    for k, knot in enumerate((1, 3, 6), start=1):
        d.put(f"failspline{k}", np.maximum(fdur - knot, 0) ** 2, "int")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "ccode", "_TStvar": "year"})
    return ds
