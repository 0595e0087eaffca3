"""``jackknife [, cluster(c)]:`` and ``bootstrap [, cluster(c)]:`` on clogit, xtlogit, fe and
xtpoisson, fe: the prefixes know nothing of groups ([R] jackknife, [R] bootstrap) -- they leave
out (draw) observations or clusters of c and refit on the rows' own groups -- unlike the
commands' vce(jackknife|bootstrap), which leave out (draw) whole groups.  Against R
(tests/reference_values/conditional_prefix.R: survival::clogit and the Poisson GLM with group
dummies refitted without each observation or cluster, and on the bootstrap prefix's draws, which
conditional_prefix_draws.py writes from mlm's stream, numpy's default_rng(seed))."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "conditional_prefix.json").read_text())
INPUT = json.loads((REF_DIR / "conditional_prefix_input.json").read_text())


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(v, float) for k, v in INPUT["data"].items()})


COMMANDS = {"clogit": "clogit yb x, group(g)", "xtlogit": "xtlogit yb x, fe", "xtpoisson": "xtpoisson yc x, fe"}
PREFIXES = {
    "jackknife_observations": "jackknife, nodots",
    "jackknife_cluster_c": "jackknife, cluster(c) nodots",
    "bootstrap_observations": f"bootstrap, reps({INPUT['reps']}) seed({INPUT['seed']}) nodots",
    "bootstrap_cluster_c": f"bootstrap, reps({INPUT['reps']}) seed({INPUT['seed']}) cluster(c) nodots",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(PREFIXES))
def test_prefix_against_r(do, data, command, case):
    ref = REF["clogit" if command == "xtlogit" else command][case]
    line = f"{PREFIXES[case]}: {COMMANDS[command]}"
    rc, out, s = do(f"xtset g t\n{line}", df=data)
    assert rc == 0, out
    assert s.e.matrices["b"].values[0, 0] == pytest.approx(ref["b"], rel=1e-6)
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(ref["V"], rel=1e-5)
    assert s.e.macros["cmdline"] == f"{line.split(',')[0]} ,{line.split(',', 1)[1]}"  # "kind `0'"
    kind = case.split("_")[0]
    assert s.e.macros["vce"] == kind and s.e.macros["vcetype"] == kind.capitalize()
    if case.endswith("cluster_c"):
        assert s.e.scalars["N_clust"] == 5 and s.e.macros["clustvar"] == "c"
        assert "(Replications based on 5 clusters in c)".rjust(78) in out.splitlines()
    else:
        assert "N_clust" not in s.e.scalars and "clustvar" not in s.e.macros
        assert "Replications based on" not in out
    if kind == "jackknife":
        n = 5 if case.endswith("cluster_c") else len(data)
        assert s.e.scalars["N_reps"] == n and s.e.scalars["df_r"] == n - 1


def test_the_vce_form_leaves_out_groups(do, data):
    """clogit's vce(jackknife) is the prefix with the groups as clusters: cluster(g)."""
    rc, _, own = do("clogit yb x, group(g) vce(jackknife, nodots)", df=data)
    rc2, _, prefixed = do("jackknife, cluster(g) nodots: clogit yb x, group(g)", df=data)
    assert rc == rc2 == 0
    np.testing.assert_allclose(own.e.matrices["V"].values, prefixed.e.matrices["V"].values, rtol=1e-10)
    assert not np.isclose(own.e.matrices["V"].values[0, 0], REF["clogit"]["jackknife_observations"]["V"], rtol=1e-3)


def _logit(y, X):
    """Logistic regression by Newton-Raphson (the independence GEE's b)."""
    b = np.zeros(X.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-X @ b))
        b = b + np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
    return b


def test_bootstrap_prefix_on_xtgee_draws_observations(do, data):
    """bootstrap: xtgee, corr(independent): each replicate the logit of the rows drawn
    (INPUT's draws, mlm's stream)."""
    line = f"bootstrap, reps({INPUT['reps']}) seed({INPUT['seed']}) nodots: xtgee yb x, family(binomial) corr(independent)"
    rc, out, s = do(f"xtset g t\n{line}", df=data)
    assert rc == 0, out
    X = np.c_[data["x"], np.ones(len(data))]
    B = np.array([_logit(data["yb"].to_numpy()[r], X[r]) for r in INPUT["draws"]["observations"]])
    np.testing.assert_allclose(s.e.matrices["V"].values, np.cov(B, rowvar=False), rtol=1e-6)
    assert "N_clust" not in s.e.scalars and "Replications based on" not in out
