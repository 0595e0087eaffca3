"""Reference values for pgmhaz8 (tests/test_pgmhaz8_100.py), computed without mlm.

    python3 tests/pgmhaz8_reference/reference.py

Writes spells.csv (person-period data drawn here: a gamma frailty of variance 0.8, a hazard
with period-group dummies) and values.json: the maximum-likelihood estimates of the discrete-time
proportional hazards model with gamma frailty, its log likelihood and the standard errors from a
finite-difference Hessian.  The likelihood is NOT pgmhaz8's closed form: each person's
contribution is the product over their periods of h_j(z)^d_j (1 - h_j(z))^(1 - d_j), h_j(z) =
1 - exp(-z exp(x_j b)), integrated numerically (scipy.integrate.quad_vec) against the gamma
density of mean 1 and variance exp(ln_varg); it is maximised by scipy.optimize's BFGS (central
difference gradients), then one Newton step on finite-difference derivatives.  A few minutes.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import integrate, optimize, special

HERE = Path(__file__).parent
COVARIATES = ["p2", "p3", "x", "female"]  # the hazard equation, with a constant


def draw() -> pd.DataFrame:
    rng = np.random.default_rng(20261207)
    rows = []
    for person in range(1, 401):
        x, female = round(float(rng.normal()), 4), float(rng.random() < 0.5)
        frailty = rng.gamma(1 / 0.8, 0.8)
        for t in range(1, int(rng.integers(3, 13)) + 1):
            group = (t - 1) // 4 + 1
            eta = -1.6 + 0.3 * (group == 2) + 0.5 * (group == 3) + 0.6 * x - 0.5 * female
            dead = float(rng.random() < 1 - np.exp(-frailty * np.exp(eta)))
            rows.append((person, t, float(group == 2), float(group == 3), x, female, dead))
            if dead:
                break
    return pd.DataFrame(rows, columns=["id", "t", "p2", "p3", "x", "female", "dead"])


def loglik(theta: np.ndarray, X: np.ndarray, dead: np.ndarray, person: np.ndarray) -> float:
    """Sum over persons of ln of the integral over z of prod_j h_j(z)^d_j (1 - h_j(z))^(1 - d_j)
    times the gamma density (mean 1, variance exp(theta[-1])): scipy's adaptive quad_vec, all
    persons at once (each value a person's integrand), split at 1 and 5 where the mass lies."""
    b, v = theta[:-1], float(np.exp(theta[-1]))
    u = np.exp(X @ b)
    shape = 1 / v  # the gamma density of mean 1, variance v: shape 1/v, scale v
    log_norm = -special.gammaln(shape) - shape * np.log(v)

    def integrand(z):
        h = -np.expm1(-z * u)
        with np.errstate(divide="ignore"):  # h = 0 at z = 0: a zero integrand there
            log_rows = np.log(np.where(dead == 1, h, 1 - h))
        return np.exp(np.bincount(person, weights=log_rows) + log_norm + (shape - 1) * np.log(z) - z / v)

    return float(np.log(sum(integrate.quad_vec(integrand, a, c, epsabs=0, epsrel=1e-12, norm="max")[0]
                            for a, c in ((0, 1), (1, 5), (5, np.inf)))).sum())


def central(fun, theta, h_gradient=1e-5, h=1e-3):
    """The gradient and Hessian of ``fun`` by central differences (the Hessian's wider step keeps
    the integrals' rounding, ~1e-10, out of its digits)."""
    k = theta.size
    g = np.array([(fun(theta + e) - fun(theta - e)) / (2 * h_gradient) for e in np.eye(k) * h_gradient])
    steps = np.eye(k) * h
    H = np.empty((k, k))
    for i in range(k):
        for j in range(i, k):
            ei, ej = steps[i], steps[j]
            H[i, j] = H[j, i] = (fun(theta + ei + ej) - fun(theta + ei - ej) - fun(theta - ei + ej)
                                 + fun(theta - ei - ej)) / (4 * h * h)
    return g, H


def main() -> None:
    df = draw()
    df.to_csv(HERE / "spells.csv", index=False)
    X = np.column_stack([df[c].to_numpy() for c in COVARIATES] + [np.ones(len(df))])
    person = pd.factorize(df["id"])[0]
    dead = df["dead"].to_numpy()

    def fun(th):
        return -loglik(th, X, dead, person)

    def jac(th):
        return np.array([(fun(th + e) - fun(th - e)) / 2e-5 for e in np.eye(th.size) * 1e-5])

    start = np.array([0.3, 0.5, 0.6, -0.5, -1.6, np.log(0.8)])  # the values the data were drawn with
    theta = optimize.minimize(fun, start, jac=jac, method="BFGS", options={"gtol": 1e-5}).x
    g, H = central(fun, theta)
    theta = theta - np.linalg.solve(H, g)  # a Newton step on the finite differences polishes the optimum
    g, H = central(fun, theta)
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    print("gradient at the optimum:", g)
    values = {"names": [f"hazard:{c}" for c in COVARIATES] + ["hazard:_cons", "ln_varg:_cons"],
              "b": theta.tolist(), "se": se.tolist(), "ll": -float(fun(theta)), "N": int(len(df)),
              "N_spell": int(df["id"].nunique())}
    (HERE / "values.json").write_text(json.dumps(values, indent=1) + "\n")
    print(json.dumps(values, indent=1))


if __name__ == "__main__":
    main()
