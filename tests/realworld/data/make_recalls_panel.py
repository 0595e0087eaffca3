"""Look-alike of a corporate-disruptions firm panel observed every third year
(``pace_delta_3``): firm ``name`` (numeric, labelled) and ``year`` 1995-2016 in steps of 3,
product ``recalls_3`` over the three years, executive-turnover indicators ``high_turnover_3`` and
``elevated_turnover_3``, ``revenue_3`` (billions), CEO exits ``ceo_exit_3``, ``ceo_exit_during``,
``ceo_exit_1`` and ``ceo_and_high_turnover``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2019)
    ids, year = d.panel("name", 90, list(range(1995, 2017, 3)), "year", dropout=0.15)
    d.value_labels["name"] = {float(k): f"Firm {k}" for k in range(1, 91)}
    d.value_label_of["name"] = "name"
    firm = d.effect(ids, 1.0)
    high = d.binary(0.25)
    elevated = np.maximum(high, d.binary(0.2)).astype(np.int8)
    ceo = d.binary(0.15)
    revenue = np.round(np.exp(1.5 + 0.8 * firm + 0.03 * (year - 1995) + d.normal(0, 0.2)), 3)
    d.put("recalls_3", np.maximum(0, np.round(3 + 2 * firm + 1.2 * high + 0.3 * revenue ** 0.5
                                              + d.normal(0, 1.5))), "int")
    d.put("high_turnover_3", high, "byte")
    d.put("elevated_turnover_3", elevated, "byte")
    d.put("revenue_3", revenue, "double")
    d.put("ceo_exit_3", ceo, "byte")
    d.put("ceo_exit_during", (ceo * d.binary(0.5)).astype(np.int8), "byte")
    d.put("ceo_exit_1", d.binary(0.06), "byte")
    d.put("ceo_and_high_turnover", (ceo * high).astype(np.int8), "byte")
    return d.dataset()
