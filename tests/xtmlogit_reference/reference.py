"""Independent reference values for tests/test_xtmlogit.py (run: python3 tests/xtmlogit_reference/reference.py).

Writes panel.csv (a simulated three-outcome panel: 120 panels of 4 observations, outcome 1 the
most frequent) and values.json:

* re: the random-effects multinomial logit with independent random intercepts for outcomes 2
  and 3, its log likelihood integrated by a NON-adaptive 40 x 40 Gauss-Hermite product rule over
  u = diag(sd) z (nothing shared with mlmcli's adaptive quadrature code), maximized by
  scipy.optimize.minimize (BFGS, numerical gradient) over (beta, log sd);
* fe: the conditional likelihood of each panel given its outcome counts, the distinct sequences
  enumerated by brute force (set(itertools.permutations(...))), maximized by BFGS;
* mlogit: the pooled multinomial logit's log likelihood (the LR test's comparison model).
"""
import itertools
import json
from pathlib import Path

import numpy as np
from scipy import optimize, special

HERE = Path(__file__).resolve().parent


def make_data():
    rng = np.random.default_rng(20261206)
    G, T = 120, 4
    g = np.repeat(np.arange(1, G + 1), T)
    x = rng.normal(size=G * T)
    z = rng.binomial(1, 0.4, size=G * T).astype(float)
    u2 = rng.normal(scale=0.9, size=G + 1)[g]
    u3 = rng.normal(scale=0.6, size=G + 1)[g]
    e2 = -0.6 + 0.8 * x - 0.5 * z + u2
    e3 = -0.9 - 0.4 * x + 0.7 * z + u3
    P = np.exp(np.column_stack([np.zeros_like(x), e2, e3]))
    P /= P.sum(axis=1, keepdims=True)
    y = 1 + (rng.random(G * T)[:, None] > np.cumsum(P, axis=1)).sum(axis=1)
    return g, np.tile(np.arange(1, T + 1), G), x, z, y


def re_loglik(params, g, X, y, nodes, logw):
    """sum_i log sum_q w_q prod_t Pr(y_it | u = diag(sd) z_q) (nodes Q x 2, vectorized over q)."""
    b2, b3, lsd = params[:3], params[3:6], params[6:]
    sd = np.exp(lsd)
    n = len(y)
    eta = np.zeros((n, len(nodes), 3))
    eta[:, :, 1] = (X @ b2)[:, None] + sd[0] * nodes[None, :, 0]
    eta[:, :, 2] = (X @ b3)[:, None] + sd[1] * nodes[None, :, 1]
    lp = eta[np.arange(n), :, y - 1] - special.logsumexp(eta, axis=2)
    total = 0.0
    for i in np.unique(g):
        total += special.logsumexp(lp[g == i].sum(axis=0) + logw)
    return total


def fe_loglik(beta, panels):
    b2, b3 = beta[:2], beta[2:]
    total = 0.0
    for Xi, yi, seqs in panels:
        eta = np.column_stack([np.zeros(len(yi)), Xi @ b2, Xi @ b3])
        s = np.array([eta[np.arange(len(yi)), np.array(d) - 1].sum() for d in seqs])
        total += eta[np.arange(len(yi)), yi - 1].sum() - special.logsumexp(s)
    return total


def main():
    g, t, x, z, y = make_data()
    with open(HERE / "panel.csv", "w") as fh:
        fh.write("id,t,x,z,y\n")
        for row in zip(g, t, x, z, y):
            fh.write(f"{row[0]},{row[1]},{float(row[2])!r},{row[3]:g},{row[4]}\n")
    X = np.column_stack([x, z, np.ones_like(x)])
    # the pooled mlogit (comparison model)
    def ml(b):
        eta = np.column_stack([np.zeros(len(y)), X @ b[:3], X @ b[3:]])
        return -(eta[np.arange(len(y)), y - 1] - special.logsumexp(eta, axis=1)).sum()
    mres = optimize.minimize(ml, np.zeros(6), method="BFGS", options={"gtol": 1e-8})
    # random effects: 40-point Gauss-Hermite product rule, not adaptive
    xs, ws = np.polynomial.hermite.hermgauss(40)
    nodes = np.array([(np.sqrt(2) * a, np.sqrt(2) * b) for a in xs for b in xs])
    logw = np.array([np.log(wa * wb / np.pi) for wa in ws for wb in ws])
    start = np.concatenate([mres.x, [np.log(0.7), np.log(0.7)]])
    rres = optimize.minimize(lambda p: -re_loglik(p, g, X, y, nodes, logw), start, method="BFGS",
                             options={"gtol": 1e-6})
    # conditional fixed effects: brute-force sequences
    panels = []
    for i in np.unique(g):
        r = g == i
        if len(set(y[r])) > 1:
            panels.append((X[r][:, :2], y[r], sorted(set(itertools.permutations(y[r].tolist())))))
    fres = optimize.minimize(lambda b: -fe_loglik(b, panels), np.zeros(4), method="BFGS", options={"gtol": 1e-9})
    values = {
        "mlogit_ll": -float(mres.fun),
        "re": {"ll": -float(rres.fun), "b2": rres.x[:3].tolist(), "b3": rres.x[3:6].tolist(),
               "var": np.exp(2 * rres.x[6:]).tolist()},
        "fe": {"ll": -float(fres.fun), "ll_0": fe_loglik(np.zeros(4), panels), "b2": fres.x[:2].tolist(),
               "b3": fres.x[2:].tolist(), "n_groups": len(panels),
               "n_obs": int(sum(len(p[1]) for p in panels))},
    }
    (HERE / "values.json").write_text(json.dumps(values, indent=1) + "\n")
    print(json.dumps(values, indent=1))


if __name__ == "__main__":
    main()
