"""Writes mlm's bootstrap draws (its stream for seed(7): numpy's default_rng,
``mlmcli.replication.draws``) over melanoma.csv's 205 rows with cluster(h), h = 1 + mod(_n - 1, 9)
-- one line a drawn row: the replicate, the row (1-based), its cluster h and its copy (the drawn
copy's own code) -- for the R scripts that renumber and refit them:
stcrreg_renumbering_draws.csv (12 replicates, stcrreg_renumbering.R) and
stcrreg_factor_renumbering_draws.csv (40 replicates, stcrreg_factor_renumbering.R).
Run from the worktree root: python3 tests/survival_reference/stcrreg_renumbering_draws.py"""
from pathlib import Path

import numpy as np

from mlmcli.replication.draws import draw, resampling_units

HERE = Path(__file__).parent


def write_draws(replicates: int, name: str) -> None:
    n = 205
    h = 1 + np.arange(n) % 9
    units = resampling_units(n, np.unique(h, return_inverse=True)[1])
    rng = np.random.default_rng(7)
    lines = ["rep,row,h,copy"]
    for rep in range(1, replicates + 1):
        sample = draw(units, rng)
        lines += [f"{rep},{r + 1},{h[r]},{c}" for r, c in zip(sample.rows, sample.codes)]
    (HERE / name).write_text("\n".join(lines) + "\n")


write_draws(12, "stcrreg_renumbering_draws.csv")
write_draws(40, "stcrreg_factor_renumbering_draws.csv")
