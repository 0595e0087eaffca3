"""Look-alike of ``db.dta`` (crim_vup, VIDA section): a daily count of crimes (``cantidad``)
in a Bogota urban-renewal area and its surroundings, 2017-2020, with ``index`` (day 1..1461),
``n_year``/``n_month``, the site indicator ``S``, the post-period ``D`` and ``SD`` = S*D,
two-month event windows ``D_1 D_2 D_3`` (1 from 2, 4, 6 months before the event) and
``D1 D2 D3`` (1 from 2, 4, 6 months after), and their interactions with S (``SD_1`` ...,
``SD1`` ...).  Two series (S = 0, 1) stacked: 2,922 rows."""
import numpy as np

from lookalike import LookAlike

EVENT = 731  # the day the intervention starts


def make():
    d = LookAlike(seed=14501)
    days = np.arange(1, 1462)
    d.rows(2 * len(days))
    index = np.tile(days, 2)
    s = np.repeat([0, 1], len(days))
    d.put("index", index, "int")
    d.put("n_year", 2017 + (index - 1) // 366, "int")
    d.put("n_month", ((index - 1) % 365) // 31 + 1, "byte")
    d.put("S", s, "byte")
    post = (index >= EVENT).astype(int)
    d.put("D", post, "byte")
    d.put("SD", s * post, "byte")
    for k in (1, 2, 3):
        before = (index >= EVENT - 61 * k).astype(int)
        after = (index >= EVENT + 61 * k).astype(int)
        d.put(f"D_{k}", before, "byte")
        d.put(f"D{k}", after, "byte")
        d.put(f"SD_{k}", s * before, "byte")
        d.put(f"SD{k}", s * after, "byte")
    d.put("cantidad", d.poisson(1.2 + 0.4 * s - 0.15 * s * post + d.normal(0, 0.1)), "int")
    return d.dataset()
