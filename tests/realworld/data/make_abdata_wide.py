"""Look-alike of a course's ``TA2.dta``: Arellano and Bond's UK company panel (140 firms,
1976-1984) in wide form -- ``firm`` and employment ``n<year>``, wages ``w<year>``, capital
``k<year>``, output ``y<year>`` (all in logs), missing outside each firm's 7-9 years, as the
file is ``reshape long n w k y, i(firm) j(year)`` then."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1991)
    d.rows(140)
    years = list(range(1976, 1985))
    first = d.rng.choice([0, 1, 2], size=140, p=[0.6, 0.25, 0.15])
    length = np.minimum(d.rng.integers(7, 10, size=140), 9 - first)
    size = d.rng.normal(1.0, 1.2, 140)
    d.put("firm", np.arange(1, 141), "int")
    n_prev = size.copy()
    for t, year in enumerate(years):
        present = (t >= first) & (t < first + length)
        w = 3.0 + 0.02 * t + d.rng.normal(0, 0.15, 140)
        k = size - 0.5 + d.rng.normal(0, 0.3, 140)
        y = 4.6 + 0.01 * t + d.rng.normal(0, 0.05, 140)
        n_now = 0.6 * n_prev + 0.4 * size - 0.3 * (w - 3) + 0.2 * (k - size) + d.rng.normal(0, 0.1, 140)
        n_prev = n_now
        for name, values in (("n", n_now), ("w", w), ("k", k), ("y", y)):
            d.put(f"{name}{year}", np.where(present, np.round(values, 5), np.nan), "float")
    return d.dataset()
