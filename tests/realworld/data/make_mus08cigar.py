"""Look-alike of MUS's ``mus08cigar`` (Cameron & Trivedi ch. 8; Baltagi's cigarette demand):
10 US ``state``s over 30 ``year``s (63-92) with log per-capita sales ``lnc``, log real price
``lnp``, log income ``lny`` and log minimum neighbouring-state price ``lnpmin``; AR(1)
errors within states."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=8008)
    ids, year = d.panel("state", 10, list(range(63, 93)), "year")
    t = year - 63
    lnp = 4.0 + 0.01 * t + d.effect(ids, 0.08) + d.normal(0, 0.05)
    lny = 8.5 + 0.02 * t + d.effect(ids, 0.1) + d.normal(0, 0.03)
    lnpmin = lnp - 0.1 + d.normal(0, 0.04)
    e = np.zeros(d.n)
    shocks = d.normal(0, 0.04)
    for i in range(d.n):
        e[i] = shocks[i] + (0.7 * e[i - 1] if i > 0 and ids[i] == ids[i - 1] else 0.0)
    lnc = 5.0 - 0.6 * lnp + 0.3 * lny + 0.1 * lnpmin - 0.005 * t + d.effect(ids, 0.15) + e
    d.put("lnc", np.round(lnc, 5), "float")
    d.put("lnp", np.round(lnp, 5), "float")
    d.put("lny", np.round(lny, 5), "float")
    d.put("lnpmin", np.round(lnpmin, 5), "float")
    return d.dataset()
