"""Look-alike of ``extrapolated.csv`` (Helsinki postal districts 2013-2020, travel-time data
extrapolated between the years of original data): district ``id`` (string), ``year``, the
share of residents speaking a non-official language ``non_official_lang_percentage``, public
transport travel times ``v9``-``v23`` (minutes) to fifteen city centres (``v20`` the main
one) and the time to the fastest reachable centre ``time_to_fastest_cbd``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2013)
    ids, year = d.panel("n", 80, list(range(2013, 2021)), "year")
    remote = d.effect(ids, 1.0)
    d.put("id", np.array([f"00{100 + 10 * i}" for i in ids], dtype=object), "str5")
    times = {}
    for k in range(9, 24):
        times[k] = np.round(np.clip(25 + 8 * remote + 3 * d.effect(ids, 1.0) - 0.5 * (year - 2013)
                                    + d.normal(0, 1.5), 3, None), 1)
    share = 12 - 1.5 * remote + 0.6 * (year - 2013) - 0.05 * (times[20] - 25) + d.effect(ids, 3) + d.normal(0, 0.8)
    d.put("non_official_lang_percentage", np.round(np.clip(share, 0, None), 3), "float")
    for k in range(9, 24):
        d.put(f"v{k}", times[k], "float")
    d.put("time_to_fastest_cbd", np.min(np.vstack([times[k] for k in range(9, 24)]), axis=0), "float")
    del d.columns["n"], d.types["n"]
    return d.dataset()
