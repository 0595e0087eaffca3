"""twoway fpfit, ``estopts(vce(bootstrap, reject() saving(f, replace)))`` when fracpoly's final
fit fails: every fit frac_154 makes runs under the prefix and posts its replicates to f, so f
holds the last fit that ran -- the last candidate, on frac_154's temporary names -- and the
graph has the note.  fracpoly is kept to one candidate (``degree(1) powers(2) noscaling``): the
model without x (_cons = mean y), the candidate x^2 (its own intercept), the final model
(x^2 - mean(x)^2: _cons the fit at mean x); reject() is true only at the final model's _cons.
The candidate's replicates are recomputed here: the same draws (numpy's generator from seed(),
bsample's order), least squares by numpy."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from graphs_helpers import run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

N, REPS, SEED = 40, 9, 5


def _session() -> Session:
    rng = np.random.default_rng(77)
    x = np.round(rng.uniform(0.5, 4, N), 3)
    df = pd.DataFrame({"x": x, "y": np.round(1 + 0.6 * x + rng.normal(0, 1, N), 3)})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _ols(y, X):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _draws():
    rng = np.random.default_rng(SEED)
    for _ in range(REPS):
        yield rng.integers(0, N, N)


def test_final_fit_failing_leaves_the_last_candidates_replicates(tmp_path):
    s = _session()
    x, y = s.data.numeric("x"), s.data.numeric("y")
    ones = np.ones(N)
    candidate = _ols(y, np.column_stack([x ** 2, ones]))
    final = _ols(y, np.column_stack([x ** 2 - np.mean(x) ** 2, ones]))
    others = [float(np.mean(y)), candidate[1]]
    half = min(abs(final[1] - v) for v in others) / 2
    assert half > 0.05
    f = tmp_path / "bs.dta"
    reject = f"abs(_b[_cons] - ({final[1]:.12g})) < {half:.12g}"
    out, rc = run(s, f'twoway fpfit y x, estopts(degree(1) powers(2) noscaling vce(bootstrap, reps({REPS}) '
                     f'seed({SEED}) reject({reject}) saving("{f}", replace)))')
    assert rc == 0 and out.count("(note:  fracpoly could not fit model)") == 1, out
    B = np.array([_ols(y[r], np.column_stack([x[r] ** 2, ones[r]])) for r in _draws()])
    assert not np.any(np.abs(B[:, 1] - final[1]) < half)  # no replicate of the candidate rejected
    out, rc = run(s, f'use "{f}", clear')
    assert rc == 0 and s.data.label == "bootstrap: regress"
    names = list(s.data.varnames)
    assert len(names) == 2 and names[0].startswith("_b__0") and names[1] == "_b_cons", names
    np.testing.assert_allclose(s.data.numeric(names[0]), B[:, 0].astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("_b_cons"), B[:, 1].astype(np.float32), rtol=1e-6)
    assert abs(float(s.data.chars["_b_cons[observed]"]) - candidate[1]) < 1e-9


def test_final_fit_passing_overwrites_with_the_final_models_replicates(tmp_path):
    s = _session()
    f = tmp_path / "ok.dta"
    out, rc = run(s, f'twoway fpfit y x, estopts(degree(1) powers(2) noscaling vce(bootstrap, reps({REPS}) '
                     f'seed({SEED}) reject(_b[_cons] > 1e6) saving("{f}", replace)))')
    assert rc == 0 and "could not fit" not in out, out
    run(s, f'use "{f}", clear')
    assert list(s.data.varnames) == ["_b_Ix__1", "_b_cons"]
