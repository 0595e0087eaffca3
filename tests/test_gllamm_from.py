"""gllamm's from(matrix) with copy and skip (commands.community.gllamm_start): the start is
gllamm's parametrisation (Cholesky entries of each level's covariance), checked by the log
likelihood at the start -- ``Iteration 0`` -- against the model's likelihood computed here from
first principles (product Gauss-Hermite quadrature with nip() points per effect, which is what
gllamm's non-adaptive quadrature computes), and by the optimum reached."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln

NIP = 9


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    rows = []
    for g in range(30):
        u0, u1 = rng.normal(0, 0.5), rng.normal(0, 0.3)
        for _ in range(10):
            x = rng.normal()
            rows.append((g + 1.0, x, float(rng.poisson(np.exp(0.2 + u0 + (0.3 + u1) * x)))))
    df = pd.DataFrame(rows, columns=["school", "x", "c"])
    df["cons"] = 1.0
    return df


def _poisson_loglik(df, b_x, b_0, L):
    """sum_j ln sum over the product nodes of prod_i Poisson(c_ij | exp(b_0 + b_x x + z'u)),
    u = sqrt(2) L t, weights prod w / sqrt(pi)."""
    t, w = np.polynomial.hermite.hermgauss(NIP)
    q = L.shape[0]
    grid = np.array(np.meshgrid(*([t] * q), indexing="ij")).reshape(q, -1)
    wts = np.prod(np.array(np.meshgrid(*([w] * q), indexing="ij")).reshape(q, -1), axis=0) / np.pi ** (q / 2)
    u = np.sqrt(2.0) * L @ grid  # (q, nodes)
    x, c = df["x"].to_numpy(), df["c"].to_numpy()
    Z = np.column_stack([np.ones_like(x), x])[:, :q]
    eta = (b_0 + b_x * x)[:, None] + Z @ u
    li = c[:, None] * eta - np.exp(eta) - gammaln(c + 1)[:, None]
    g = df["school"].to_numpy().astype(int) - 1
    per = np.zeros((g.max() + 1, u.shape[1]))
    np.add.at(per, g, li)
    m = per.max(axis=1, keepdims=True)
    return float(np.sum(m[:, 0] + np.log(np.exp(per - m) @ wts)))


def _iteration0(out: str) -> float:
    return float(re.search(r"Iteration 0:\s+log likelihood = (\S+)", out).group(1))


def test_copy_starts_a_random_intercept(do, data):
    cmd = f"gllamm c x, i(school) family(poisson) link(log) nip({NIP})"
    rc, out, s = do(f"matrix a = (0.4, 0.05, 0.5)\n{cmd} from(a) copy", df=data)
    assert rc == 0, out
    assert _iteration0(out) == pytest.approx(_poisson_loglik(data, 0.4, 0.05, np.array([[0.5]])), abs=2e-5)
    ll = s.e.scalars["ll"]
    rc, out, s2 = do(f"{cmd} nolog", df=data)
    assert s2.e.scalars["ll"] == pytest.approx(ll, rel=1e-9)
    # from() by names, a saved e(b): the fit starts at its own optimum
    rc, out, _ = do(f"matrix b = e(b)\n{cmd} from(b)", session=s2)
    assert rc == 0 and _iteration0(out) == pytest.approx(ll, abs=1e-5)


def test_names_skip_and_errors(do, data):
    cmd = f"gllamm c x, i(school) family(poisson) link(log) nip({NIP})"
    rc, out, _ = do("matrix a = (0.4, 0.05, 0.5, 9)\nmatrix colnames a = c:x c:_cons scho1:_cons c:w\n"
                    f"{cmd} from(a)", df=data)
    assert rc == 111 and "c:w not found" in out
    rc, out, _ = do("matrix a = (0.4, 0.05, 0.5, 9)\nmatrix colnames a = c:x c:_cons scho1:_cons c:w\n"
                    f"{cmd} from(a) skip", df=data)
    assert rc == 0, out
    assert _iteration0(out) == pytest.approx(_poisson_loglik(data, 0.4, 0.05, np.array([[0.5]])), abs=2e-5)
    rc, out, _ = do(f"matrix a = (0.4, 0.05)\n{cmd} from(a) copy", df=data)
    assert rc == 503
    rc, out, _ = do(f"{cmd} from(nosuch)", df=data)
    assert rc == 111 and "matrix nosuch not found" in out
    rc, out, _ = do(f"matrix a = (0.4, 0.05, 0.5)\n{cmd} from(a) long", df=data)
    assert rc == 198 and "long" in out


def test_copy_starts_correlated_random_slopes_in_cholesky_order(do, data):
    """nrf(2): (b_x, b_0, L11, L22, L21), gllamm's order (diagonal first, then below it)."""
    rc, out, s = do("eq inter: cons\neq slope: x\nmatrix a = (0.25, 0.15, 0.6, 0.35, 0.1)\n"
                    f"gllamm c x, i(school) nrf(2) eqs(inter slope) family(poisson) link(log) nip({NIP}) "
                    "from(a) copy", df=data)
    assert rc == 0, out
    L = np.array([[0.6, 0.0], [0.1, 0.35]])
    assert _iteration0(out) == pytest.approx(_poisson_loglik(data, 0.25, 0.15, L), abs=2e-5)
