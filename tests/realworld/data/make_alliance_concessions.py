"""Look-alike of Jesse C. Johnson's JPR replication file on foreign-policy concessions in
military alliances (``JohnsonJPRrep.dta``): one row per alliance-year, the target country
``tc`` (grouping for the random-intercept Poisson models), the count of concessions
``concession`` (and a variant ``concession2``), its ten component indicators ``c1``-``c10``,
threat indicators ``t_win``/``d_contr``, era dummies ``prWWI WWI iWW WWII cold``, peace years
``cwpceyrs`` with square and cube, capability measures ``t_cap c_cap d_cap`` and region dummies
``europe me africa asia`` (missing for some rows, as the file's ``if europe~=.`` expects)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1101)
    ids = d.nested(("tc", 70), (None, (8, 30)))["tc"]
    year = d.uniform_int(1816, 2000)
    t_win = d.binary(0.3)
    d_contr = d.binary(0.4)
    eras = [(year < 1914), (year >= 1914) & (year <= 1918), (year > 1918) & (year < 1939),
            (year >= 1939) & (year <= 1945), (year > 1945) & (year <= 1989)]
    peace = d.uniform_int(0, 60)
    t_cap = np.round(d.rng.beta(1.2, 8, d.n), 4)
    c_cap = np.round(d.rng.beta(1.2, 8, d.n), 4)
    eta = -1.2 + 0.5 * t_win + 0.4 * d_contr - 0.01 * peace + d.effect(ids, 0.5)
    comps = [d.bernoulli_logit(eta - 1.0 + 0.2 * k / 10) for k in range(10)]
    concession = np.sum(comps, axis=0)
    d.put("tc", ids, "int")
    d.put("year", year, "int")
    d.put("concession", concession, "byte")
    d.put("concession2", np.minimum(concession, d.poisson(eta + 0.3)), "byte")
    for k, c in enumerate(comps, start=1):
        d.put(f"c{k}", c, "byte")
    d.put("t_win", t_win, "byte")
    d.put("d_contr", d_contr, "byte")
    for name, era in zip(["prWWI", "WWI", "iWW", "WWII", "cold"], eras):
        d.put(name, era.astype(np.int8), "byte")
    d.put("cwpceyrs", peace, "int")
    d.put("cwpceyrs2", peace ** 2, "long")
    d.put("cwpceyrs3", peace ** 3, "long")
    d.put("t_cap", t_cap, "float")
    d.put("c_cap", c_cap, "float")
    d.put("d_cap", np.round(t_cap - c_cap, 4), "float")
    region = d.group_constant(ids, d.categorical([0.45, 0.15, 0.15, 0.15, 0.1], [1, 2, 3, 4, 5]))
    known = d.binary(0.85).astype(bool)
    for name, code in zip(["europe", "me", "africa", "asia"], [1, 2, 3, 4]):
        v = (region == code).astype(float)
        v[~known] = np.nan
        d.put(name, v, "byte")
    return d.dataset()
