"""Look-alike of the village panel behind Table 3 of Bazzi (2017, AEJ: Applied), "Wealth
heterogeneity and the income elasticity of migration", as its replication do-file reads it:
Indonesian villages (``vid``) in districts (``district``) of six provinces (``prop``), two
periods (``t2`` = 1 in the second), the village's international emigrant share
``emig_shr`` (per cent of the population), the rainfall and rice-price shocks ``rain`` and
``price`` (standardised), their interactions with the village's Pareto exponent of land
``rainLambda`` ``priceLambda``; variable labels as the outreg2 ``label`` option reads them.
``t2`` is the only variable whose name starts with t2 (the published table's column from
``t2*`` equals the one from ``t2``).  Village fixed effects carry most of the variation;
the share is small (about 0.006) and the shocks move it a little."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13602)
    n_village = 900
    ids, period = d.panel("vid", n_village, [0, 1], "t2")
    d.types["t2"] = "byte"
    district = d.rng.integers(1, 61, size=n_village)[ids - 1]
    prop = (district - 1) // 10 + 1
    d.put("district", district, "int")
    d.put("prop", prop, "byte")
    lam = np.clip(d.rng.beta(2, 5, size=n_village), 0, 1)[ids - 1]
    rain = d.normal(0, 1) + d.effect(district * 10 + period, 0.6)
    price = d.normal(0, 1) * 0.4 + d.effect(prop * 10 + period, 0.8)
    d.put("rain", np.round(rain, 4), "float")
    d.put("price", np.round(price, 4), "float")
    d.put("rainLambda", np.round(rain * lam, 4), "float")
    d.put("priceLambda", np.round(price * lam, 4), "float")
    share = 0.006 * np.exp(d.effect(ids, 0.9) + 0.02 * period + 0.05 * rain + 0.3 * price
                           + 0.1 * price * lam + d.normal(0, 0.25))
    d.put("emig_shr", np.round(share, 6), "float", label="share of emigrants")
    for name, text in (("rain", "rainfall shock"), ("price", "price shock"),
                       ("rainLambda", "rainfall shock x exponent"), ("priceLambda", "price shock x exponent")):
        d.var_labels[name] = text
    return d.dataset()
