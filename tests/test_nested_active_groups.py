"""The nested mean-variance iteration a top-level group at a time (``NestedModel.mv_fixed_point``
with ``nested_quadrature(..., tops)``).

The top-level groups' integrals are independent, so on a large quadrature (``BY_GROUP_ELEMENTS``,
lowered here) a group whose nodes have converged keeps them and the next updates integrate the
others alone; a small one iterates every group as before, bit for bit.  Checked here: the quadrature of some
top-level groups gives those groups' ln L, node weights and nodes with the same bits as the
quadrature of all of them (also in several row blocks); the fixed point reached equals an
all-groups iteration written out in the test (the old loop: every group updated until the
largest change is below the tolerance) to far below the printed digits; and after the first
update the iteration integrates fewer groups than there are."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.glmm import nested, nested_blocks
from mlmcli.glmm.single_level import batched_cholesky
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def _data(path, schools=12, seed=101):
    import pandas as pd

    rng = np.random.default_rng(seed)
    rows = []
    for s in range(schools):
        u0, u1 = rng.normal(0, [1.0, 0.5])
        for c in range(int(rng.integers(2, 6))):
            v = rng.normal(0, 1.2)
            for _ in range(int(rng.integers(1, 5))):
                x = rng.normal()
                eta = -0.2 + 0.7 * x + u0 + u1 * x + v
                rows.append((s + 1, c + 1, x, float(rng.random() < 1 / (1 + np.exp(-eta))),
                             float(rng.poisson(np.exp(0.4 * eta)))))
    frame = pd.DataFrame(rows, columns=["school", "cls", "x", "yb", "yc"])
    frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # schools' rows interleaved
    frame.to_stata(path, write_index=False)


MODELS = [  # noestimate: the start values are parameters enough, and no fit's minutes
    "melogit yb x || school: x, covariance(unstructured) || cls:, intpoints(5) noestimate",
    "mepoisson yc x || school: || cls:, intpoints(7) noestimate",
]


def _fit(tmp_path, command):
    _data(tmp_path / "d.dta")
    runner = Runner(Session(out=Output(stream=io.StringIO())))
    assert runner.run_command(f'use "{tmp_path / "d.dta"}", clear') == 0
    assert runner.run_command(command) == 0
    fit = runner.session.e.model
    model = fit.model
    theta = np.concatenate([fit.beta, np.atleast_1d(fit.anc), fit.phi])
    beta, anc, phi = model.split(theta)
    Sig = model.sigmas(phi)
    eng = model.engine
    Sinv = [np.linalg.inv(S) for S in Sig]
    logdetS = [float(np.linalg.slogdet(S)[1]) for S in Sig]
    return model, eng, beta, anc, Sig, Sinv, logdetS


@pytest.mark.parametrize("rows_a_block", [None, 9])
@pytest.mark.parametrize("command", MODELS)
def test_some_groups_same_bits_as_all(command, rows_a_block, tmp_path, monkeypatch):
    model, eng, beta, anc, Sig, Sinv, logdetS = _fit(tmp_path, command)
    Q = model.Q
    total = int(np.prod([Q ** q for q in eng.q]))
    if rows_a_block:
        monkeypatch.setattr(nested_blocks, "NESTED_BLOCK_ELEMENTS", rows_a_block * total)
    eng.evaluate(beta, anc, Sig, model.method, Q)
    params = eng._mv_cache
    eta0 = eng.X @ beta + eng.offset
    ll, ps, B = eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q)
    tops = np.array([0, 3, 4, 9, eng.G[0] - 1])
    under = nested_blocks.members(eng, tops)
    ll_s, ps_s, B_s = eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q, tops)
    assert np.array_equal(ll_s, ll[tops])
    for l in range(eng.L):
        assert np.array_equal(ps_s[l], ps[l][under[l]])
        assert np.array_equal(B_s[l], B[l][under[l]])
    # the subset's quadrature leaves the whole one's nodes for the gradient (``block_eta``)
    assert eng._last_nodes[1][0].shape[0] == eng.G[0]


def _all_groups_fixed_point(eng, eta0, anc, Sinv, logdetS, start, Q, tol):
    """The mean-variance iteration updating every group until the largest change is < tol."""
    params = start
    for _ in range(200):
        _, ps, B = eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q)
        new, delta = [], 0.0
        for l in range(eng.L):
            p, Bl = ps[l], B[l]
            m = np.einsum("gck,gcka->gca", p, Bl)
            Dv = Bl - m[:, :, None, :]
            Cv = np.einsum("gck,gcka,gckb->gcab", p, Dv, Dv)
            q = eng.q[l]
            Rn = batched_cholesky(Cv.reshape(-1, q, q)).reshape(Cv.shape)
            sd = np.sqrt(np.diagonal(Cv, axis1=2, axis2=3))
            delta = max(delta, np.max(np.abs(m - params[l][0]) / sd), np.max(np.abs(Rn - params[l][1]) / sd[..., None]))
            new.append((m, Rn))
        params = new
        if delta < tol:
            break
    return eng.nested_quadrature(eta0, anc, Sinv, logdetS, params, Q)[0]


@pytest.mark.parametrize("by_group", [False, True])
@pytest.mark.parametrize("command", MODELS)
def test_fixed_point_equals_all_groups_iteration(command, by_group, tmp_path, monkeypatch):
    if by_group:
        monkeypatch.setattr(nested, "BY_GROUP_ELEMENTS", 1)
    model, eng, beta, anc, Sig, Sinv, logdetS = _fit(tmp_path, command)
    Q = model.Q
    eta0 = eng.X @ beta + eng.offset
    eng.clear_adaptive_cache()
    eng.last_modes = None
    b, _, D, C = eng.joint_modes(eta0, anc, Sinv, logdetS)
    start = eng.mode_curvature_params(b, D, C, Q)
    counted = []
    real = nested.NestedModel.nested_quadrature

    def counting(self, *args, **kw):
        tops = args[6] if len(args) > 6 else kw.get("tops")
        counted.append(self.G[0] if tops is None else len(tops))
        return real(self, *args, **kw)

    monkeypatch.setattr(nested.NestedModel, "nested_quadrature", counting)
    ll = eng.mv_fixed_point(eta0, anc, Sinv, logdetS, start, Q, 1e-9)[0]
    monkeypatch.setattr(nested.NestedModel, "nested_quadrature", real)
    reference = _all_groups_fixed_point(eng, eta0, anc, Sinv, logdetS, start, Q, 1e-9)
    if not by_group:  # a small quadrature: the all-groups iteration, bit for bit
        assert np.array_equal(ll, reference)
        assert set(counted) == {eng.G[0]}
        return
    assert np.allclose(ll, reference, rtol=1e-12, atol=0)
    assert abs(ll.sum() - reference.sum()) < 1e-10
    # every group in the first update, fewer later, all of them in the final quadrature
    assert counted[0] == counted[-1] == eng.G[0]
    if "melogit" in command:  # its schools converge after different numbers of updates
        assert min(counted) < eng.G[0]


def _pupils(path, schools=25, seed=101):
    """Pupils in classes in schools, a school slope on x (the form of MLMUS4 ch. 16's fit), as
    a text file (``import delimited``)."""
    rng = np.random.default_rng(seed)
    lines = ["school,cls,y,x,w,z"]
    for s in range(schools):
        u0, u1 = rng.multivariate_normal([0, 0], [[1.5, -0.3], [-0.3, 0.6]])
        z = rng.random()
        for c in range(rng.integers(4, 12)):
            v = rng.normal(0, 1.8)
            for _ in range(rng.integers(1, 5)):
                x, w = rng.integers(0, 2), rng.normal()
                eta = -0.5 + 1.2 * x + 0.4 * w - 0.8 * z + u0 + u1 * x + v
                y = int(rng.random() < 1 / (1 + np.exp(-eta)))
                lines.append(f"{s + 1},{s * 100 + c + 1},{y},{x},{round(w, 4)},{round(z, 4)}")
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("by_group", [False, True])
def test_a_far_trial_point_does_not_poison_later_values(by_group, tmp_path, monkeypatch):
    """A line search's trial at absurd variances (the first of such a fit) gives nodes that
    are not finite; they are not kept as the next evaluation's start: they made every later
    ln L -inf, also at the start, and the fit stopped r(430) after iteration 0."""
    if by_group:
        monkeypatch.setattr(nested, "BY_GROUP_ELEMENTS", 1)
    from mlmcli.glmm.nested_quadrature_gradient import nested_quadrature_gradient

    _pupils(tmp_path / "p.csv")
    runner = Runner(Session(out=Output(stream=io.StringIO())))
    assert runner.run_command(f'import delimited "{tmp_path / "p.csv"}", clear') == 0
    assert runner.run_command("melogit y x w z || school: x, covariance(unstructured) || cls:, "
                              "intpoints(5) noestimate") == 0
    model = runner.session.e.model.model
    eng = model.engine
    theta = np.array([5.2825, 3.7679, -1.3559, -2.7553, -1.1513, -1.1513, 0.0, -1.1513])
    far = np.array([155.209, 52.6644, -40.5499, -22.6502, 432.6385, 340.3532, 100.4922, 65.6104])
    fresh = model.loglik(theta)
    assert np.isfinite(fresh)
    assert not np.isfinite(model.loglik(far))
    assert eng._mv_cache is None or all(np.isfinite(mu).all() and np.isfinite(R).all() for mu, R in eng._mv_cache)
    assert np.isclose(model.loglik(theta), fresh, rtol=1e-11, atol=0)
    assert not np.all(np.isfinite(nested_quadrature_gradient(model, far)))
    g = nested_quadrature_gradient(model, theta)
    eng.clear_adaptive_cache()
    eng.last_modes = None
    assert np.allclose(g, nested_quadrature_gradient(model, theta), rtol=1e-7, atol=1e-9)
