"""Independent values for tests/test_gsem_mlogit100.py: a multinomial logit with a random
intercept shared by the non-base outcome equations (gsem's ``(i.y <- x i.d M[g]@1), mlogit``),
its likelihood by brute-force integration over M for each group (the trapezoid rule on 2,001
points, checked against scipy.integrate.quad at one point: no Gauss-Hermite rule, no
adaptation), maximised by scipy.optimize; with weights at the observation
level (each observation's log density times its weight inside the group's integral) and the
cluster sandwich of pweights (central differences of each group's brute-force ln L).

    python3 tests/gsem_mlogit_reference/brute_force.py   # writes data.csv and values.json here

Nothing of mlmcli is imported.
"""
import json
from pathlib import Path

import numpy as np
from scipy import integrate, optimize

HERE = Path(__file__).parent


def make_data(seed: int = 41):
    rng = np.random.default_rng(seed)
    G = 24
    g = np.repeat(np.arange(1, G + 1), rng.integers(8, 16, G))
    n = len(g)
    x = np.round(rng.normal(0, 1, n), 3)
    d = (rng.random(n) < 0.4).astype(int)
    u = rng.normal(0, 0.8, G)[g - 1]
    eta = np.column_stack([np.zeros(n), 0.3 + 0.8 * x - 0.5 * d + u, -0.4 + 1.2 * x + 0.4 * d + u])
    p = np.exp(eta - eta.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    y = np.array([rng.choice(3, p=row) for row in p]) + 1
    w = np.round(rng.uniform(0.5, 2.0, n), 2)
    return dict(g=g, x=x, d=d, y=y, w=w)


def group_logliks(theta, data, weighted: bool, quad: bool = False):
    """ln int prod_i f(y_i | M)^{w_i} phi(M; 0, s^2) dM per group; theta = (b2 x, b2 d, b2 cons,
    b3 x, b3 d, b3 cons, ln s)."""
    b2, b3, s = theta[0:3], theta[3:6], np.exp(theta[6])
    X = np.column_stack([data["x"], data["d"], np.ones(len(data["x"]))])
    e2, e3 = X @ b2, X @ b3
    w = data["w"] if weighted else np.ones(len(e2))
    out = []
    for grp in np.unique(data["g"]):
        r = data["g"] == grp
        y, a2, a3, wr = data["y"][r], e2[r], e3[r], w[r]

        def log_integrand(m):
            m = np.asarray(m, float)
            eta2, eta3 = a2[:, None] + m[None, :], a3[:, None] + m[None, :]
            lse = np.logaddexp(0.0, np.logaddexp(eta2, eta3))
            own = np.where((y == 2)[:, None], eta2, np.where((y == 3)[:, None], eta3, 0.0))
            return np.sum(wr[:, None] * (own - lse), axis=0) - 0.5 * (m / s) ** 2

        # the trapezoid rule on a fine grid (exact to rounding for a smooth integrand that
        # vanishes at the ends), scaled by the largest value; quad=True: scipy's adaptive quad
        grid = np.linspace(-10 * s - 6, 10 * s + 6, 2001)
        vals = log_integrand(grid)
        top = float(vals.max())
        if quad:
            mode = float(grid[np.argmax(vals)])
            val, _ = integrate.quad(lambda m: float(np.exp(log_integrand(np.array([m]))[0] - top)),
                                    grid[0], grid[-1], points=[mode], epsabs=0, epsrel=1e-13, limit=400)
        else:
            val = float(np.sum((np.exp(vals[1:] - top) + np.exp(vals[:-1] - top)) / 2) * (grid[1] - grid[0]))
        out.append(top + np.log(val) - np.log(s * np.sqrt(2 * np.pi)))
    return np.array(out)


def fit(data, weighted: bool):
    f = lambda t: -float(np.sum(group_logliks(t, data, weighted)))
    res = optimize.minimize(f, np.array([0, 0, 0, 0, 0, 0, np.log(0.5)]), method="BFGS",
                            options={"gtol": 1e-7})
    res = optimize.minimize(f, res.x, method="BFGS", options={"gtol": 1e-8})  # restarted: a fresh curvature
    theta = res.x
    k = len(theta)
    h = 1e-4
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = -(f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)) / (4 * h * h)
    V = np.linalg.inv(-H)
    S = np.column_stack([(group_logliks(theta + np.eye(k)[j] * 1e-5, data, weighted)
                          - group_logliks(theta - np.eye(k)[j] * 1e-5, data, weighted)) / 2e-5 for j in range(k)])
    G = S.shape[0]
    Vr = V @ (S.T @ S) @ V * G / (G - 1)
    var = float(np.exp(2 * theta[6]))
    J = np.eye(k)
    J[6, 6] = 2 * var
    b = theta.copy()
    b[6] = var
    return dict(b=b.tolist(), se=np.sqrt(np.diag(J @ V @ J.T)).tolist(),
                se_robust=np.sqrt(np.diag(J @ Vr @ J.T)).tolist(), ll=-f(theta))


def main():
    data = make_data()
    with open(HERE / "data.csv", "w") as fh:
        fh.write("g,x,d,y,w\n")
        for row in zip(*(data[k] for k in ("g", "x", "d", "y", "w"))):
            fh.write(",".join(str(v) for v in row) + "\n")
    at = np.array([0.2, 0.7, -0.4, -0.3, 1.1, 0.3, np.log(0.9)])
    for weighted in (False, True):  # the grid is the integral
        a, b = group_logliks(at, data, weighted), group_logliks(at, data, weighted, quad=True)
        assert np.max(np.abs(a - b)) < 1e-9, np.max(np.abs(a - b))
    out = {"order": ["2.y:x", "2.y:d", "2.y:_cons", "3.y:x", "3.y:d", "3.y:_cons", "var(M[g])"],
           "ll_at": {"theta": at.tolist(), "ll": float(np.sum(group_logliks(at, data, False))),
                     "ll_weighted": float(np.sum(group_logliks(at, data, True)))},
           "unweighted": fit(data, False), "weighted": fit(data, True)}
    (HERE / "values.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
