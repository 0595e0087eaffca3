"""Look-alike of the Gutten forest data (Austrian spruce trees measured at several ages),
as Grogan-Kaylor ships it in ``gutten.dta``: site, location, tree, age_base, height,
dbh_cm, volume, age_bh and tree_ID (labelled "location.tree")."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1200)
    ids = d.nested(("tree_ID", 107), (None, (6, 16)))
    tid = ids["tree_ID"]
    location = d.group_constant(tid, d.uniform_int(1, 7))
    site = d.group_constant(tid, d.uniform_int(1, 5))
    d.put("site", site, "byte", "site", {k: str(k) for k in range(1, 6)})
    d.put("location", location, "byte", "location", {k: str(k) for k in range(1, 8)})
    tree = np.zeros(d.n, dtype=int)
    for loc in range(1, 8):
        rows = location == loc
        _, inv = np.unique(tid[rows], return_inverse=True)
        tree[rows] = inv + 1
    d.put("tree", tree, "byte", "tree")
    step = np.concatenate([np.arange(1, c + 1) for c in np.unique(tid, return_counts=True)[1]])
    age = 10 * step
    d.put("age_base", age, "int", "age.base")
    h = 40 * (1 - np.exp(-age / 70)) * np.exp(d.effect(tid, 0.15)) + d.normal(0, 0.8) + 0.6 * site
    d.put("height", np.round(np.clip(h, 1.5, None), 1), "float", "height")
    d.put("dbh_cm", np.round(np.clip(h * 1.2 + d.normal(0, 2), 0.2, None), 1), "float", "dbh.cm")
    d.put("volume", np.round(np.clip((h ** 2.2) / 2 + d.normal(0, 20), 0.1, None)), "float", "volume")
    d.put("age_bh", np.round(np.clip(age - 8 + d.normal(0, 1), 0.4, None), 2), "float", "age.bh")
    labels = {int(t): f"{int(location[tid == t][0])}.{int(tree[tid == t][0])}" for t in np.unique(tid)}
    d.put("tree_ID", tid, "int", "tree.ID", labels)
    return d.dataset()
