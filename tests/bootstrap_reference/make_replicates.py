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
    (HERE / "regress_replicates.json").write_text(json.dumps(regress_replicates()))


REGRESS = "regress mathach ses, vce(bootstrap, reps(999) seed(2026) bca nodots saving({}, double replace))"


def regress_replicates():
    """mlm's own command: ``REGRESS`` on HSB's schools below 1500 (530 students), its saving()
    file's replicates, e(b), and the leave-one-out fits (the acceleration's jackknife)."""
    import io
    import tempfile

    from mlmcli.fileformats.dta_read import read_dta
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    root = HERE.parents[1]
    s = Session(out=Output(io.StringIO()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reps.dta"
        rc = Runner(s).run_text(f"use {root / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\n"
                                + REGRESS.format(path), stop_on_error=False)
        assert rc == 0, s.out.stream.getvalue()
        saved = read_dta(str(path))[0]
    B = np.column_stack([saved.numeric("_b_ses"), saved.numeric("_b_cons")])
    sample = np.asarray(s.e.sample, bool)
    y, x = s.data.numeric("mathach")[sample], s.data.numeric("ses")[sample]
    X = np.column_stack([x, np.ones_like(x)])
    J = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y))])
    return {"command": REGRESS, "observed": np.asarray(s.e.matrices["b"].values, float).reshape(-1).tolist(),
            "replicates": B.tolist(), "jackknife": J.tolist()}


if __name__ == "__main__":
    main()
