"""Writes tests/survival_reference/stcrreg_factor_renumbering_draws.csv: mlm's bootstrap draws (its
stream for seed(7): numpy's default_rng, ``mlmcli.replication.draws``) of 40 replicates over
melanoma.csv's 205 rows with cluster(h), h = 1 + mod(_n - 1, 9) -- one line a drawn row: the
replicate, the row (1-based), its cluster h and its copy (the drawn copy's own code).  The R
script stcrreg_factor_renumbering.R renumbers and refits these draws.
Run from the worktree root: python3 tests/survival_reference/stcrreg_factor_renumbering_draws.py"""
from pathlib import Path

import numpy as np

from mlmcli.replication.draws import draw, resampling_units

HERE = Path(__file__).parent
n = 205
h = 1 + np.arange(n) % 9
units = resampling_units(n, np.unique(h, return_inverse=True)[1])
rng = np.random.default_rng(7)
lines = ["rep,row,h,copy"]
for rep in range(1, 41):
    sample = draw(units, rng)
    lines += [f"{rep},{r + 1},{h[r]},{c}" for r, c in zip(sample.rows, sample.codes)]
(HERE / "stcrreg_factor_renumbering_draws.csv").write_text("\n".join(lines) + "\n")
