"""Writes replicates.json: bootstrap replicates drawn by mlm (``mlmcli.replication.draws``,
seed 20261204) of three statistics of a small skewed sample -- OLS intercept and slope of y on
x, and the mean of y -- with their jackknife (leave-one-out) replicates, for boot_reference.R
to summarise with R's boot package.  Run from the worktree: python3 tests/bootstrap_reference/make_replicates.py"""
import json
from pathlib import Path

import numpy as np

from mlmcli.replication.draws import bootstrap_replicates, resampling_units

HERE = Path(__file__).resolve().parent


def statistics(y, x):
    X = np.column_stack([np.ones(len(y)), x])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    return np.array([b[0], b[1], y.mean()])


def main():
    data_rng = np.random.default_rng(7)
    n = 40
    x = np.round(data_rng.normal(size=n), 3)
    y = np.round(1 + 0.5 * x + np.exp(data_rng.normal(size=n)), 3)
    observed = statistics(y, x)
    units = resampling_units(n)
    B = bootstrap_replicates(lambda rows, codes: statistics(y[rows], x[rows]), units, 999,
                             np.random.default_rng(20261204), 3)
    J = np.array([statistics(np.delete(y, i), np.delete(x, i)) for i in range(n)])
    # a discrete statistic with ties at the observed value: the median of rounded values
    z = np.round(y).astype(float)
    zb = bootstrap_replicates(lambda rows, codes: np.array([np.median(z[rows])]), units, 999,
                              np.random.default_rng(5), 1)
    out = {"seed": 20261204, "y": y.tolist(), "x": x.tolist(), "observed": observed.tolist(),
           "replicates": B.tolist(), "jackknife": J.tolist(),
           "ties_observed": [float(np.median(z))], "ties_replicates": zb[:, 0].tolist()}
    (HERE / "replicates.json").write_text(json.dumps(out))


if __name__ == "__main__":
    main()
