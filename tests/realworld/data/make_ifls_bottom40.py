"""Look-alike of an IFLS 2007/2014 household panel of the bottom 40% (``final0714_bottom40``):
households (``hhid``) observed at ``t`` 0 (2007) and 1 (2014) in districts (``kabid14``) of
provinces (``provid14``), with the household head's health shocks as changes (``d_dh`` days
sick, ``d_headADL`` ADL index, ``d_headchronic``), log per-capita consumption changes
(``d_lpce`` total, ``d_lpcmedical`` and five spending groups ``d_lpc*``), the change in log
earnings per capita, and the baseline and change controls of the models."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=714)
    ids, t = d.panel("hhid", 1800, [0, 1], "t")
    d.put("hhid", ids, "int")
    d.put("t", t, "byte")
    kab = d.group_constant(ids, d.uniform_int(1, 120))
    d.put("kabid14", kab, "int")
    d.put("provid14", (kab - 1) // 10 + 1, "byte")
    later = t == 1

    def change(values):
        return np.where(later, values, np.nan)

    dh = change(d.rng.integers(-10, 11, d.n).astype(float))
    adl = change(np.round(np.clip(d.normal(0, 0.15), -1, 1), 3))
    chron = change(d.rng.integers(-2, 3, d.n).astype(float))
    d.put("d_dh", dh, "float")
    d.put("d_headADL", adl, "float")
    d.put("d_headchronic", chron, "float")
    d.put("base_heduc", d.group_constant(ids, d.uniform_int(0, 16)), "byte")
    age = d.group_constant(ids, d.uniform_int(25, 75))
    d.put("base_headage", age, "byte")
    d.put("base_headagesq", age * age, "int")
    for name, lo, hi in (("d_prodage", -3, 3), ("d_child", -3, 3)):
        d.put(name, change(d.rng.integers(lo, hi + 1, d.n).astype(float)), "float")
    d.put("d_fhead", change(d.rng.choice([-1, 0, 0, 0, 0, 1], d.n).astype(float)), "float")
    d.put("d_urban", change(d.rng.choice([-1, 0, 0, 0, 0, 0, 1], d.n).astype(float)), "float")
    d.put("moved", d.group_constant(ids, d.binary(0.15)), "byte")
    district = d.effect(kab, 0.1)
    shock = 0.002 * np.nan_to_num(dh) - 0.2 * np.nan_to_num(adl)
    d.put("d_lpce", change(np.round(0.1 + district - shock + d.normal(0, 0.5), 4)), "float")
    d.put("d_lpcmedical", change(np.round(0.3 + district + 5 * shock + d.normal(0, 1.5), 4)), "float")
    d.put("d_learningpc", change(np.round(0.1 + district - 3 * shock + d.normal(0, 1.2), 4)), "float")
    for name in ("foodcon", "nfoodess", "discre", "badcon", "intrans"):
        d.put(f"d_lpc{name}", change(np.round(0.05 + district - shock + d.normal(0, 0.8), 4)), "float")
    return d.dataset()
