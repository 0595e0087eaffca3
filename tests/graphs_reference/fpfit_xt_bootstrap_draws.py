"""The panels drawn by fpfit's ``vce(bootstrap, reps(8) seed(5))`` over fpfit_xtlogit_data.R's 12 panels
of 5 rows (mlm's stream: numpy's generator seeded 5, ``mlmcli.replication.draws``), for
fpfit_xt_bootstrap_reject.R.  Run from the worktree: python3 tests/graphs_reference/fpfit_xt_bootstrap_draws.py"""
import json
from pathlib import Path

import numpy as np

from mlmcli.replication.draws import draw, resampling_units

panel = np.ceil(np.arange(1, 61) / 5).astype(int) - 1
units = resampling_units(60, panel, None, None)
rng = np.random.default_rng(5)
draws = [draw(units, rng) for _ in range(8)]
out = {"rows": [[int(r) + 1 for r in d.rows] for d in draws], "groups": [[int(c) + 1 for c in d.codes] for d in draws]}
(Path(__file__).parent / "fpfit_xt_bootstrap_draws.json").write_text(json.dumps(out))
