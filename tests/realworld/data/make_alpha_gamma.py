"""Look-alike of a risk-preference panel (PSID persons by year, questions J and Q):
estimated gamma/alpha parameters per person-year-question, with ``personid`` and ``year``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1969)
    ids = d.nested(("py", 150), (None, (4, 9)))
    py = ids["py"]
    d.columns.pop("py"); d.types.pop("py")
    person = (py - 1) // 3 + 1
    d.put("personid", person, "int")
    d.put("year", 1970 + (py - 1) % 3 * 2, "int")
    J = d.uniform_int(0, 3)
    Q = d.uniform_int(0, 3)
    d.put("J", J.astype(float), "byte")
    d.put("Q", Q.astype(float), "byte")
    d.put("JplusQ", J + Q, "byte")
    s = J + Q + 2
    for name in ("gam_fhwage0_A_", "alph_fhwage0_A_", "gam_fearn0_A_", "alph_fearn0_A_"):
        d.put(name, np.round(0.5 + (0.1 + d.effect(py, 0.05)) * s + 0.05 * J + d.effect(py, 0.3) + d.normal(0, 0.2), 4), "float")
    return d.dataset()
