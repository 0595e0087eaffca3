"""Look-alike of the third data file of Green's BJPS replication (Table 5): country-rounds of
the Afrobarometer, 32 countries ``countryid`` in rounds 3-6 (not every country in every
round), the share ``natoverethnic``, ``ceinpower`` (core ethnic group in power, 0/1),
``loggdppc``, ``elf``, ``britcolony``, ``polity`` (-10..10), round dummies ``Round3``-``Round6``
and the balanced-panel flags ``round56balanced``, ``round456balanced`` and
``round3456balanced`` (the country is in every one of those rounds)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2403)
    rng = d.rng
    rows = []
    for c in range(1, 33):
        first = int(rng.choice([3, 3, 3, 4, 5, 6], p=[0.3, 0.2, 0.1, 0.2, 0.15, 0.05]))
        for r in range(first, 7):
            rows.append((c, r))
    d.rows(len(rows))
    cid = np.array([r[0] for r in rows])
    rnd = np.array([r[1] for r in rows])
    d.put("countryid", cid, "byte")
    d.put("round", rnd, "byte")
    first = {c: rnd[cid == c].min() for c in np.unique(cid)}
    for k in (3, 4, 5, 6):
        d.put(f"Round{k}", (rnd == k).astype(int), "byte")
    d.put("round56balanced", np.array([int(first[c] <= 5) for c in cid]), "byte")
    d.put("round456balanced", np.array([int(first[c] <= 4) for c in cid]), "byte")
    d.put("round3456balanced", np.array([int(first[c] <= 3) for c in cid]), "byte")
    ce = (rng.random(len(rows)) < 0.5).astype(int)
    d.put("ceinpower", ce, "byte")
    d.put("loggdppc", np.round(d.group_constant(cid, rng.normal(7, 0.7, len(rows))) + 0.05 * (rnd - 3), 4), "float")
    d.put("elf", np.round(d.group_constant(cid, rng.uniform(0.1, 0.9, len(rows))), 4), "float")
    d.put("britcolony", d.group_constant(cid, rng.random(len(rows)) < 0.45).astype(int), "byte")
    d.put("polity", np.clip(np.round(d.group_constant(cid, rng.normal(3, 5, len(rows))) + rng.normal(0, 1, len(rows))), -10, 10), "byte")
    share = np.clip(0.45 - 0.08 * ce + d.effect(cid, 0.1) + rng.normal(0, 0.05, len(rows)), 0.02, 0.98)
    d.put("natoverethnic", np.round(share, 4), "float")
    return d.dataset()
