"""mlogit's analytic Hessian (``MultinomialModel.hessian``, symmetric-block products): against a
central finite difference of the analytic gradient, statsmodels MNLogit's Hessian, and the
plain per-pair product X' diag(d) X written out here."""
import numpy as np
import pytest

from mlmcli.glm.multinomial import MultinomialModel, MultinomialSpec, weighted_gram


def _model(n=300, K=4, p=4, base=0, weights=None, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=(n, p - 1)), np.ones(n)])
    y = rng.integers(0, K, n)
    w = {} if weights is None else {weights: _weights(weights, n, rng)}
    spec = MultinomialSpec("y", y, tuple(float(k) for k in range(K)), tuple(f"o{k}" for k in range(K)),
                           base, X, (), **w)
    model = MultinomialModel(spec)
    return model, rng.normal(scale=0.4, size=model.k)


def _weights(kind, n, rng):
    if kind == "iweight":  # iweights may be negative: the general product's path
        return rng.uniform(-0.5, 2.0, n)
    if kind == "fweight":
        return rng.integers(1, 4, n).astype(float)
    return rng.uniform(0.2, 3.0, n)


def _per_pair(model, theta):
    """-X' diag(w p_j (1[j = l] - p_l)) X block by block, with no symmetry shortcut."""
    _, P = model.probabilities(theta)
    m, p = len(model.free), model.p
    H = np.zeros((model.k, model.k))
    for j in range(m):
        for l in range(m):
            d = model.w * P[:, j] * ((j == l) - P[:, l])
            H[j * p:(j + 1) * p, l * p:(l + 1) * p] = -np.einsum("ia,i,ib->ab", model.X, d, model.X)
    return H


@pytest.mark.parametrize("weights", [None, "pweight", "fweight", "iweight"])
@pytest.mark.parametrize("base", [0, 2])
def test_hessian_is_finite_difference_of_gradient(weights, base):
    model, theta = _model(weights=weights, base=base)
    H = model.hessian(theta)
    h = 1e-6
    fd = np.empty_like(H)
    for i in range(model.k):
        e = np.zeros(model.k)
        e[i] = h
        fd[:, i] = (model.gradient(theta + e) - model.gradient(theta - e)) / (2 * h)
    assert np.allclose(H, H.T, rtol=0, atol=0)
    assert np.max(np.abs(H - fd)) < 1e-6 * np.max(np.abs(H))


@pytest.mark.parametrize("weights", [None, "pweight", "iweight"])
def test_hessian_matches_per_pair_product(weights):
    model, theta = _model(n=500, K=5, p=6, weights=weights, seed=3)
    H, ref = model.hessian(theta), _per_pair(model, theta)
    assert np.max(np.abs(H - ref)) <= 1e-12 * np.max(np.abs(ref))


def test_hessian_matches_statsmodels_mnlogit():
    sm = pytest.importorskip("statsmodels.discrete.discrete_model")
    model, theta = _model(n=400, K=4, p=5, base=0, seed=5)
    # statsmodels: params p x (K-1), base the first outcome, flattened equation by equation
    ref = sm.MNLogit(model.spec.y, model.X).hessian(theta.reshape(len(model.free), model.p).T.ravel(order="F"))
    H = model.hessian(theta)
    assert np.max(np.abs(H - ref)) <= 1e-12 * np.max(np.abs(ref))


def test_weighted_gram_either_sign():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(50, 7))
    for d in (rng.uniform(0, 2, 50), rng.normal(size=50), np.zeros(50)):
        G = weighted_gram(X, d)
        assert np.allclose(G, X.T @ (X * d[:, None]), rtol=1e-13, atol=1e-13)
        assert np.array_equal(G, G.T)
    assert np.array_equal(weighted_gram(np.zeros((0, 3)), np.zeros(0)), np.zeros((3, 3)))
    assert weighted_gram(np.zeros((4, 0)), np.ones(4)).shape == (0, 0)


def test_constraint_map_reduces_only_under_constraints():
    from mlmcli.glm.inference import ConstraintMap

    rng = np.random.default_rng(2)
    g, H, S = rng.normal(size=4), rng.normal(size=(4, 4)), rng.normal(size=(6, 4))
    free = ConstraintMap(4)
    assert free.reduced(g, H)[0] is g and free.reduced(g, H)[1] is H and free.reduced_scores(S) is S
    tied = ConstraintMap(4, np.array([[1.0, -1.0, 0.0, 0.0]]), np.array([0.0]))
    rg, rH = tied.reduced(g, H)
    assert np.allclose(rg, tied.N.T @ g) and np.allclose(rH, tied.N.T @ H @ tied.N)
    assert np.allclose(tied.reduced_scores(S), S @ tied.N) and rH.shape == (3, 3)
