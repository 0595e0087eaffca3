"""Writes tests/survival_reference/streg_strata_renumbering_draws.csv: mlm's bootstrap draws (its
stream for seed(7): numpy's default_rng, ``mlmcli.replication.draws``) over lung.csv's 228 rows,
one line a drawn row (the case, the replicate, the row (1-based), its cluster and its copy, the
drawn copy's own code):
  sex: 12 replicates with cluster(sex);
  h:   40 replicates with cluster(h), h = 1 + mod(_n, 7).
streg_strata_renumbering.R renumbers and refits these draws.
Run from the worktree root: python3 tests/survival_reference/streg_strata_renumbering_draws.py"""
from pathlib import Path

import numpy as np
import pandas as pd

from mlmcli.replication.draws import draw, resampling_units

HERE = Path(__file__).parent
lung = pd.read_csv(HERE / "lung.csv")
n = len(lung)
lines = ["case,rep,row,cluster,copy"]
for case, cluster, reps in (("sex", lung["sex"].to_numpy(int), 12), ("h", 1 + (np.arange(n) + 1) % 7, 40)):
    units = resampling_units(n, np.unique(cluster, return_inverse=True)[1])
    rng = np.random.default_rng(7)
    for rep in range(1, reps + 1):
        sample = draw(units, rng)
        lines += [f"{case},{rep},{r + 1},{cluster[r]},{c}" for r, c in zip(sample.rows, sample.codes)]
(HERE / "streg_strata_renumbering_draws.csv").write_text("\n".join(lines) + "\n")
