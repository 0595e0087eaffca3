"""Look-alike of ``model_neonatal_deaths_OR.csv`` (a meta-analysis input read with
``insheet``): one row per study arm, ``study_id``, a ``citation`` "Author_Year_x", arm size
``n`` and neonatal deaths ``dth``, treatment group ``rx`` (0-3), and the columns the do-file
drops (``note``, ``year``, ``treatment``, ``dxic``, ``country``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1000)
    ids = np.repeat(np.arange(1, 16), 3)
    rx = np.tile([0, 1, 2], 15)
    rx[2::6] = 3
    d.rows(len(ids))
    n = d.uniform_int(20, 60)
    risk = 1 / (1 + np.exp(-(-2.5 + 0.6 * rx + d.effect(ids, 0.4))))
    d.put("study_id", ids, "byte")
    d.put("citation", np.array([f"Author{i}_{1990 + i}_a" for i in ids], dtype=object), "str16")
    d.put("n", n, "int")
    d.put("dth", d.rng.binomial(n, risk), "int")
    d.put("rx", rx, "byte")
    d.put("note", np.array([""] * d.n, dtype=object), "str1")
    d.put("year", 1990 + ids, "int")
    d.put("treatment", (rx > 0).astype(int), "byte")
    d.put("dxic", d.binary(0.5), "byte")
    d.put("country", np.array(["A"] * d.n, dtype=object), "str1")
    return d.dataset()
