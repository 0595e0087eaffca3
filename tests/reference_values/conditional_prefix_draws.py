"""Input of conditional_prefix.R (tests/test_conditional_prefix.py): grouped data for clogit and
xtpoisson, fe, and the bootstrap prefix's draws as mlm makes them -- mlm's stream is numpy's
default_rng(seed) (mlmcli.expr.random_numbers), each replicate drawing G cluster indices with
integers(0, G, G), the clusters the observations (data order) or the sorted values of cluster().
Run from this folder: python3 conditional_prefix_draws.py && Rscript conditional_prefix.R"""
import json

import numpy as np

rng = np.random.default_rng(7)
G, T = 10, 8
g = np.repeat(np.arange(1, G + 1), T)
t = np.tile(np.arange(1, T + 1), G)
x = np.round(rng.normal(size=G * T), 3)
u = np.repeat(rng.normal(scale=0.3, size=G), T)
yb = (rng.uniform(size=G * T) < 1 / (1 + np.exp(-(0.8 * x + u)))).astype(int)
yc = rng.poisson(np.exp(0.5 + 0.6 * x + u))
c = (g + t) % 5  # clusters that cut the groups
# every group informative (clogit and xtpoisson, fe keep them all)
assert all(yb[g == k].min() != yb[g == k].max() and yc[g == k].sum() > 0 for k in range(1, G + 1))
reps, seed = 20, 5
draws = {}
for name, keys in (("observations", np.arange(G * T)), ("cluster_c", c)):
    levels = np.unique(keys)
    members = [np.flatnonzero(keys == k) for k in levels]
    stream = np.random.default_rng(seed)
    draws[name] = [[int(i) for j in stream.integers(0, len(levels), size=len(levels)) for i in members[j]]
                   for _ in range(reps)]
json.dump({"data": {"g": g.tolist(), "t": t.tolist(), "x": x.tolist(), "yb": yb.tolist(), "yc": yc.tolist(),
                    "c": c.tolist()}, "reps": reps, "seed": seed, "draws": draws},
          open("conditional_prefix_input.json", "w"))
