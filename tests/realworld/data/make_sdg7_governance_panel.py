"""Look-alike of ``data.dta``, a balanced country-year panel (``Code`` 1-12, ``Year``
2000-2019): the SDG 7.1.2 indicator ``SDG712`` (share of the population relying on clean
fuels, 1-100), ``RenewableElectricityGeneration`` (TWh), ``PerCapitaIncome`` (US$),
``FinancialAccess`` (0-1 index), ``PolicyStringency`` (0-5 index), ``UrbanPopulationGrowth``
(%), ``EV`` (an electrification share, 0.1-1) and the six World Governance Indicators ``CORR``,
``GOVEFF``, ``POLST``, ``REG``, ``RULE``, ``VOICE`` (about -2.5 to 2.5).  Panels balanced and
fewer than the years, as xtgls's panels(correlated) wants."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2902)
    ids, year = d.panel("Code", 12, list(range(2000, 2020)), "Year")
    t = year - 2000
    ren = np.exp(2.0 + d.effect(ids, 1.1) + 0.04 * t + d.normal(0, 0.12))
    pci = np.exp(8.3 + d.effect(ids, 0.9) + 0.025 * t + d.normal(0, 0.05))
    ev = np.clip(0.35 + d.effect(ids, 0.15) + 0.015 * t + d.normal(0, 0.03), 0.1, 1.0)
    gov = {name: np.clip(np.round(d.effect(ids, 0.9) + d.normal(0, 0.12), 3), -2.5, 2.5)
           for name in ("CORR", "GOVEFF", "POLST", "REG", "RULE", "VOICE")}
    fa = np.clip(0.4 + d.effect(ids, 0.15) + 0.01 * t + d.normal(0, 0.03), 0.01, 1)
    ps = np.clip(2 + d.effect(ids, 0.8) + 0.05 * t + d.normal(0, 0.2), 0, 5)
    urb = np.round(2 + d.effect(ids, 0.9) + d.normal(0, 0.3), 3)
    log_sdg = (2.6 + 0.15 * np.log(ren) + 0.25 * (np.log(pci) - 8.3) + 0.6 * fa + 0.05 * ps
               + 0.4 * ev + 0.08 * gov["CORR"] + d.effect(ids, 0.2) + d.normal(0, 0.05))
    columns = {"SDG712": np.clip(np.exp(log_sdg), 1, 100), "RenewableElectricityGeneration": ren,
               "PerCapitaIncome": pci, "FinancialAccess": fa, "PolicyStringency": ps,
               "UrbanPopulationGrowth": urb, "EV": ev, **gov}
    for name, v in columns.items():
        d.put(name, v, "double")
    return d.dataset()
