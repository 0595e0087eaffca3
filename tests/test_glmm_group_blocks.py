"""Adaptive quadrature over blocks of groups (``SingleLevelModel.group_blocks``): with several
random effects the Q^q nodes of every group at once took gigabytes (5 effects at 7 points:
16,807 nodes a group).  The groups' integrals are independent, so integrating them block by
block must give the same log likelihood, gradient and fit (only the order of the sums and
the stopping of the per-block iterations can differ), and keep the memory bounded."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm import single_level
from mlmcli.glmm.fit import model_gradient
from mlmcli.glmm.likelihood import GLMMModel
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm

ROOT = Path(__file__).resolve().parents[1]


def _frame(q: int, G: int = 24, m: int = 6, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = G * m
    g = np.repeat(np.arange(1, G + 1), m)
    d = {"id": g}
    u = rng.normal(0, 0.6, (G, q))
    eta = u[g - 1, 0] - 0.2
    for a in range(1, q):
        d[f"x{a}"] = rng.normal(size=n)
        eta = eta + (0.3 + u[g - 1, a]) * d[f"x{a}"]
    d["y"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    return pd.DataFrame(d)


def _model(q: int, method: str, points: int, cov: str = "independent", G: int = 24) -> GLMMModel:
    df = _frame(q, G)
    n = len(df)
    names = [f"x{a}" for a in range(1, q)]
    X = np.column_stack([df[c] for c in names] + [np.ones(n)])
    labels = tuple(CoefLabel(c) for c in names + ["_cons"])
    fixed = GLMSpec("y", df["y"].to_numpy(), X, labels, "bernoulli", "logit")
    term = RandomTerm("id", df["id"].to_numpy() - 1, X, tuple(names + ["_cons"]), cov, int(df["id"].max()))
    return GLMMModel(GLMMSpec(fixed, (term,), method, points))


@pytest.mark.parametrize("q, method, points", [(1, "mvaghermite", 7), (1, "mcaghermite", 7), (1, "ghermite", 7),
                                               (2, "mvaghermite", 5), (3, "mvaghermite", 3),
                                               (3, "mcaghermite", 3), (2, "ghermite", 5)])
def test_blocks_give_the_unblocked_likelihood_and_gradient(monkeypatch, q, method, points):
    theta = np.concatenate([np.full(q - 1, 0.3), [-0.2], np.full(q, -0.6)])
    whole = _model(q, method, points)
    assert len(whole.engine.group_blocks(method, points)) == 1
    ll, grad = whole.loglik(theta), model_gradient(whole)(theta)
    # a budget of three groups' nodes: 8 blocks of the 24 groups
    monkeypatch.setattr(single_level, "GROUP_BLOCK_ELEMENTS", 3 * points ** q * q)
    blocked = _model(q, method, points)
    assert len(blocked.engine.group_blocks(method, points)) == 8
    for _ in range(2):  # the second evaluation starts from each block's cached nodes
        np.testing.assert_allclose(blocked.loglik(theta), ll, rtol=1e-12)
        np.testing.assert_allclose(model_gradient(blocked)(theta), grad, rtol=1e-9, atol=1e-10)
    assert np.isfinite(ll) and np.all(np.isfinite(grad))


def test_fit_in_blocks_matches_the_fit_of_all_groups(do, monkeypatch):
    df = _frame(3, G=30)
    # empirical Bayes means and SEs (predict's mean-variance quadrature) block by block too
    text = ("melogit y x1 x2 || id: x1 x2, cov(independent) intpoints(4)\n"
            "predict double m1 m2 m3, reffects reses(s1 s2 s3)\npredict double mu, mu")
    rc, out, whole = do(text, df)
    assert rc == 0, out
    assert len(whole.e.macros) and "Iteration" in out
    monkeypatch.setattr(single_level, "GROUP_BLOCK_ELEMENTS", 2 * 4 ** 3 * 3)
    rc, out, blocked = do(text, df)
    assert rc == 0, out
    np.testing.assert_allclose(blocked.e.scalars["ll"], whole.e.scalars["ll"], rtol=1e-12)
    np.testing.assert_allclose(blocked.e.matrices["b"].values, whole.e.matrices["b"].values, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(blocked.e.matrices["V"].values, whole.e.matrices["V"].values, rtol=1e-5, atol=1e-9)
    for v in ("m1", "m2", "m3", "s1", "s2", "s3", "mu"):
        np.testing.assert_allclose(blocked.data.column(v).to_numpy(), whole.data.column(v).to_numpy(),
                                   rtol=1e-6, atol=1e-8)


FIVE_EFFECTS = """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
import numpy as np
from fuzz_commands import memory_cap
from test_glmm_group_blocks import _model
from mlmcli.glmm.fit import model_gradient
model = _model(5, "mvaghermite", 7, G=13)
theta = np.concatenate([np.full(4, 0.3), [-0.2], np.full(5, -0.6)])
with memory_cap({cap}):
    ll = model.loglik(theta)
    g = model_gradient(model)(theta)
print(ll, np.all(np.isfinite(g)), len(model.engine.group_blocks("mvaghermite", 7)))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS caps the address space on Linux")
def test_five_effects_at_seven_points_fit_in_bounded_memory():
    """13 groups x 16,807 nodes x 5 coordinates (blocks of 12 groups and 1): the likelihood and
    its gradient (40 more node placements) under an address-space cap of 400 MB beyond the
    subprocess's own size; all groups at once needed ~1.5 GB (24 groups: 2.8 GB)."""
    script = FIVE_EFFECTS.format(root=str(ROOT), tests=str(ROOT / "tests"), cap=400 << 20)
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    ll, finite, blocks = done.stdout.split()
    assert np.isfinite(float(ll)) and finite == "True" and int(blocks) > 1


def test_an_interrupted_blocked_fit_leaves_the_data(do, monkeypatch):
    """Ctrl-C during a long fit (here: in the third block's integral) ends the command (the
    command line prints --Break-- r(1)) and leaves the data as they were."""
    df = _frame(3, G=30)
    rc, out, session = do("generate double keep = x1 * 2", df)
    assert rc == 0, out
    monkeypatch.setattr(single_level, "GROUP_BLOCK_ELEMENTS", 10 * 4 ** 3 * 3)
    calls = {"n": 0}
    original = single_level.SingleLevelModel.group_logliks

    def interrupted(self, *args, **kw):
        if self.G == 10:  # a block's model
            calls["n"] += 1
            if calls["n"] == 9:
                raise KeyboardInterrupt
        return original(self, *args, **kw)

    monkeypatch.setattr(single_level.SingleLevelModel, "group_logliks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        do("melogit y x1 x2 || id: x1 x2, cov(independent) intpoints(4)", session=session)
    assert calls["n"] == 9
    rc, out, session = do("assert keep == x1 * 2 & _N == 180\nconfirm variable id y x1 x2 keep", session=session)
    assert rc == 0, out
    assert session.e is None  # no results of the interrupted fit
