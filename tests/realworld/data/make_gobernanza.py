"""Look-alike of a Latin-American governance sheet (``Gobernanza.xlsx``, first row names):
countries (``PAIS`` text, ``ID``) over years ``t``, PPP and the World Bank governance scores."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=14)
    ids, t = d.panel("ID", 18, list(range(1, 13)), "t")
    d.put("PAIS", np.array([f"Pais{k:02d}" for k in ids], dtype=object), "str6")
    d.put("num", np.arange(1, d.n + 1), "int")
    for name in ("V0Z_014", "ESTAB_14", "EFECTIVO_14", "CALIDAD_14", "ESTADO_14", "CORRUP_14"):
        d.put(name, np.round(d.effect(ids, 0.6) + d.normal(0, 0.2), 3), "float")
    ppp = 8 + 0.5 * d.columns["CALIDAD_14"] + (0.25 + d.effect(ids, 0.05)) * t + d.effect(ids, 1.5) + d.normal(0, 0.4)
    d.put("PPP", np.round(ppp, 3), "float")
    return d.dataset()
