"""Look-alike of MLMUS's reading.dta (Rabe-Hesketh & Skrondal ch. 7.7): children (``id``) in
wide form with reading and mathematics scores and ages at grades 0-3 (``read0``-``read3``,
``math0``-``math3``, ``age0``-``age3``), later waves partly missing (monotone dropout and a
few intermittent gaps) so that ``sem, method(mlmv)`` and ``misstable`` have work to do."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=7707)
    rng = d.rng
    n = 400
    d.rows(n)
    d.put("id", np.arange(1, n + 1), "int")
    i0 = rng.normal(3.0, 0.8, size=n)
    s0 = rng.normal(1.1, 0.3, size=n)
    m0 = rng.normal(3.2, 0.8, size=n)
    age0 = rng.uniform(5.0, 6.5, size=n)
    last = rng.choice([0, 1, 2, 3], size=n, p=[0.08, 0.12, 0.2, 0.6])
    for g in range(4):
        read = i0 + s0 * g + rng.normal(0, 0.45 + 0.1 * g, size=n)
        math = m0 + 1.0 * g + 0.5 * (s0 - 1.1) * g + rng.normal(0, 0.5, size=n)
        gone = (last < g) | (rng.random(n) < 0.04 * (g > 0))
        read = np.where(gone, np.nan, np.round(read, 3))
        math = np.where(gone | (rng.random(n) < 0.03), np.nan, np.round(math, 3))
        d.put(f"read{g}", read, "float")
        d.put(f"math{g}", math, "float")
        d.put(f"age{g}", np.where(gone, np.nan, np.round(age0 + g, 2)), "float")
    return d.dataset("Reading growth look-alike")
