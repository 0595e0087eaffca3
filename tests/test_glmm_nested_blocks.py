"""Nested me models evaluated a block of top-level groups at a time (``glmm.nested_blocks``).

With the block budget shrunk so that every few schools are a block: the quadrature's ln L per
school, node weights and nodes are the same bits as with all rows at once; so are its
gradients (per-row terms, X'v after the blocks) but for the ancillary parameters' sums (added
block by block: rounding); a whole fit and its predictions equal the unblocked fit's; and on moderate data the blocked
fit's peak traced memory stays far below the one-block evaluation's node arrays."""
from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from mlmcli.glmm import nested_blocks
from mlmcli.glmm.nested_gradient import quadrature_partial_gradient
from mlmcli.glmm.nested_quadrature_gradient import nested_quadrature_gradient
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def _data(path, schools=12, per_school=24, seed=83):
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = schools * per_school
    school = np.arange(n) // per_school
    cls = (np.arange(n) // 6) % (per_school // 6) + 1
    x1, x2 = rng.normal(size=n), rng.binomial(1, 0.4, n)
    u = rng.normal(0, 0.8, schools)[school] + rng.normal(0, 0.5, n // 6)[np.arange(n) // 6]
    eta = -0.3 + 0.6 * x1 - 0.4 * x2 + u
    cols = dict(school=school + 1, cls=cls, x1=x1, x2=x2, wt=1 + np.arange(n) % 3,
                yb=(rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int),
                yc=rng.poisson(np.exp(0.3 * eta)),
                yo=1 + (eta + rng.logistic(size=n) > -0.5) + (eta + rng.logistic(size=n) > 0.8))
    frame = pd.DataFrame({k: np.asarray(v, float) for k, v in cols.items()})
    frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # schools' rows interleaved
    frame.to_stata(path, write_index=False)


def _runner(path):
    runner = Runner(Session(out=Output(stream=io.StringIO())))
    assert runner.run_command(f'use "{path}", clear') == 0
    return runner


MODELS = [
    "mepoisson yc x1 x2 || school: || cls:, intpoints(5)",
    "melogit yb x1 x2 || school: || cls:, intpoints(3) intmethod(mcaghermite)",
    "meologit yo x1 || school: || cls:, intpoints(3)",
    "mepoisson yc x1 [fw=wt] || school: || cls:, intpoints(3) intmethod(ghermite)",
    "mepoisson yc x1 || school: x1 || cls:, intpoints(3)",
]


def _fresh(eng):
    """Forget the last evaluation's modes and mean-variance nodes (they start the next one)."""
    eng.clear_adaptive_cache()
    eng.last_modes = None


def _small_blocks(monkeypatch, total, rows=60):
    """A budget of ``rows`` rows a block at ``total`` node combinations a row."""
    monkeypatch.setattr(nested_blocks, "NESTED_BLOCK_ELEMENTS", rows * total)


@pytest.mark.parametrize("command", MODELS)
def test_blocked_quadrature_and_gradients_equal_unblocked(command, tmp_path, monkeypatch):
    _data(tmp_path / "d.dta")
    runner = _runner(tmp_path / "d.dta")
    assert runner.run_command(command) == 0
    fit = runner.session.e.model
    model, eng = fit.model, fit.model.engine
    theta = np.concatenate([fit.beta, np.atleast_1d(fit.anc), fit.phi])
    rng = np.random.default_rng(2)
    Q = model.Q
    total = int(np.prod([Q ** q for q in eng.q]))
    for step in (0.0, 0.05):
        th = theta + step * rng.normal(size=theta.size)
        beta, anc, phi = model.split(th)
        Sig = model.sigmas(phi)
        eta0 = eng.X @ beta + eng.offset
        Sinv = [np.linalg.inv(S) for S in Sig]
        logdetS = [2 * float(np.sum(np.log(np.diag(np.linalg.cholesky(S))))) for S in Sig]
        b, _, D, C = eng.joint_modes(eta0, anc, Sinv, logdetS)
        params = eng.mode_curvature_params(b, D, C, Q)
        monkeypatch.setattr(nested_blocks, "NESTED_BLOCK_ELEMENTS", 1 << 30)
        one = eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q)
        _fresh(eng)
        g_one = nested_quadrature_gradient(model, th)
        _fresh(eng)
        p_one = quadrature_partial_gradient(model, th)
        _small_blocks(monkeypatch, total)
        assert len(nested_blocks.row_blocks(eng, total)) >= 4
        blocked = eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q)
        assert np.array_equal(one[0], blocked[0])  # the same bits, school by school
        assert all(np.array_equal(x, y) for x, y in zip(one[1], blocked[1]))
        assert all(np.array_equal(x, y) for x, y in zip(one[2], blocked[2]))
        _fresh(eng)
        g_blocked = nested_quadrature_gradient(model, th)
        _fresh(eng)
        p_blocked = quadrature_partial_gradient(model, th)
        assert np.array_equal(p_blocked, p_one)  # per-row terms, summed after the blocks
        if model.m == 0:
            assert np.array_equal(g_blocked, g_one)
        else:  # the ancillary parameters' sums over rows and nodes are added block by block
            assert np.array_equal(g_blocked[:model.p], g_one[:model.p])
            assert np.max(np.abs(g_blocked - g_one) / (1.0 + np.abs(g_one))) < 1e-11
        monkeypatch.setattr(nested_blocks, "NESTED_BLOCK_ELEMENTS", 1 << 30)


def _fit_and_predict(path, command):
    runner = _runner(path)
    assert runner.run_command(command) == 0
    e = runner.session.e
    out = {"ll": float(e.scalars["ll"]), "b": np.asarray(e.matrices["b"].values, float).ravel(),
           "V": np.asarray(e.matrices["V"].values, float)}
    for line in ("predict m1, mu", "predict r1 r2, reffects reses(s1 s2)",
                 "predict d1 d2, reffects ebmodes reses(t1 t2)"):
        assert runner.run_command(line) == 0
    data = runner.session.data
    for v in ("m1", "r1", "r2", "s1", "s2", "d1", "d2", "t1", "t2"):
        out[v] = data.df[v].to_numpy(float)
    return out


@pytest.mark.parametrize("command", [
    "melogit yb x1 || school: || cls:, intpoints(5)",
    "meologit yo x1 || school: || cls:, intpoints(3) intmethod(mcaghermite)",
])
def test_blocked_fit_and_predictions_equal_unblocked(command, tmp_path, monkeypatch):
    _data(tmp_path / "d.dta")
    one = _fit_and_predict(tmp_path / "d.dta", command)
    _small_blocks(monkeypatch, 25 if "(5)" in command else 9)
    blocked = _fit_and_predict(tmp_path / "d.dta", command)
    assert blocked["ll"] == pytest.approx(one["ll"], rel=1e-12)
    np.testing.assert_allclose(blocked["b"], one["b"], rtol=1e-8, atol=1e-9)
    np.testing.assert_allclose(blocked["V"], one["V"], rtol=1e-5, atol=1e-9)
    for v in ("m1", "r1", "r2", "s1", "s2", "d1", "d2", "t1", "t2"):
        np.testing.assert_allclose(blocked[v], one[v], rtol=1e-7, atol=1e-9, err_msg=v)


def test_three_level_peak_memory_is_bounded(tmp_path):
    """A three-level mepoisson at 7 points (343 combinations a row) on 6,000 rows: one
    block's n x 343 arrays are 16 MB each and the gradient holds several (traced peak of
    ln L and its gradient: 89 MB); with the budget at 2^16 combinations (190 rows, 0.5 MB an
    array) what remains are the 600 classes' arrays of 343 nodes (1.6 MB each): 22 MB.  Run
    in a subprocess (tracemalloc is process-wide)."""
    script = textwrap.dedent(f"""
        import io, tracemalloc
        import numpy as np, pandas as pd
        from mlmcli.glmm import nested_blocks
        from mlmcli.glmm.nested_quadrature_gradient import nested_quadrature_gradient
        from mlmcli.runner import Runner
        from mlmcli.session import Output, Session
        rng = np.random.default_rng(5)
        n = 6000
        d, s, c = np.arange(n) // 1000, np.arange(n) // 100, np.arange(n) // 10
        eta = 0.2 + 0.4 * rng.normal(size=n) + rng.normal(0, .3, 6)[d] + rng.normal(0, .4, 60)[s] \\
            + rng.normal(0, .5, 600)[c]
        pd.DataFrame(dict(d=d + 1., s=s + 1., c=c + 1., x=rng.normal(size=n),
                          y=rng.poisson(np.exp(eta)).astype(float))).to_stata(r"{tmp_path / 'm.dta'}")
        nested_blocks.NESTED_BLOCK_ELEMENTS = 1 << 16
        r = Runner(Session(out=Output(stream=io.StringIO())))
        r.run_command(r'use "{tmp_path / 'm.dta'}", clear')
        assert r.run_command("mepoisson y x || d: || s: || c:, intpoints(7) iterate(0)") in (0, 430)
        fit = r.session.e.model
        model = fit.model
        theta = np.concatenate([fit.beta, fit.phi])
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        model.loglik(theta)
        g = nested_quadrature_gradient(model, theta)
        peak = tracemalloc.get_traced_memory()[1] - base
        assert np.all(np.isfinite(g))
        print(peak / 2**20)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    peak_mib = float(done.stdout.strip().splitlines()[-1])
    assert peak_mib < 35.0, peak_mib  # one block: 89 MB; blocked: 22 MB (the groups x nodes arrays)
