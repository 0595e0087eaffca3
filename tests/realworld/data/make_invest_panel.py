"""Look-alike of a Grunfeld-type investment panel (``invest2.dta``): ten firms (``company``)
over twenty years (``time`` 1-20), gross investment ``invest``, market value ``market`` and
capital stock ``stock``, each firm with its own slopes (the data of a random-coefficients
example)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1954)
    ids, t = d.panel("company", 10, list(range(1, 21)), "time")
    market = np.round(np.exp(6.5 + d.effect(ids, 1.0) + 0.03 * t + d.normal(0, 0.15)), 1)
    stock = np.round(np.exp(5.0 + d.effect(ids, 1.0) + 0.08 * t + d.normal(0, 0.2)), 1)
    b1 = 0.1 + d.effect(ids, 0.03)
    b2 = 0.2 + d.effect(ids, 0.08)
    inv = np.round(np.maximum(1, -20 + b1 * market + b2 * stock + d.normal(0, 20)), 1)
    d.put("invest", inv, "float")
    d.put("market", market, "float")
    d.put("stock", stock, "float")
    return d.dataset()
