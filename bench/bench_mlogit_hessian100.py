"""mlogit's Hessian and a whole clustered mlogit fit, before/after (branch mh100): writes the
data, the do-file and a Hessian script that ``farm-bench`` runs as whole processes, new tree
against old (PYTHONPATH=<tree>).

    python3 bench/bench_mlogit_hessian100.py --dir /tmp/mh     # writes the files, prints them

- ``sim.csv`` + ``fit.do``: ``mlogit y i.x1 i.x2 x3 [pw=w], vce(cluster c)``, 8,150 rows, 5
  outcomes, x1 101 levels, x2 44 levels, 200 clusters: 4 x 145 = 580 parameters.
- ``hessian.py``: five ``MultinomialModel.hessian`` evaluations at that size (K = 5, p = 145),
  printing their seconds.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

HESSIAN_SCRIPT = '''import time
import numpy as np
from mlmcli.glm.multinomial import MultinomialModel, MultinomialSpec
from mlmcli.mixed.blas_threads import engine_blas_threads
rng = np.random.default_rng(7)
n, K, p = 8150, 5, 145
X = np.column_stack([rng.normal(size=(n, p - 1)), np.ones(n)])
spec = MultinomialSpec("y", rng.integers(0, K, n), tuple(range(K)), tuple(map(str, range(K))), 0, X, (),
                       pweight=rng.uniform(.5, 3, n))
model = MultinomialModel(spec)
theta = rng.normal(scale=0.05, size=model.k)
with engine_blas_threads():
    start = time.perf_counter()
    for _ in range(5):
        H = model.hessian(theta)
print("five Hessians", time.perf_counter() - start, "s", H.shape)
'''


def simulated(seed: int = 20261207) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 8150
    x1, x2, x3 = rng.integers(1, 102, n), rng.integers(1, 45, n), rng.normal(size=n)
    a1, a2 = rng.normal(scale=0.3, size=(102, 5)), rng.normal(scale=0.3, size=(45, 5))
    eta = a1[x1] + a2[x2] + np.outer(x3, [0, .3, -.2, .5, .1])
    p = np.exp(eta)
    p /= p.sum(1, keepdims=True)
    y = (p.cumsum(1) < rng.uniform(size=(n, 1))).sum(1) + 1
    return pd.DataFrame(dict(y=y, x1=x1, x2=x2, x3=x3, c=rng.integers(1, 201, n), w=rng.uniform(0.5, 3.0, n)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/mlogit_hessian100")
    out = Path(ap.parse_args().dir)
    out.mkdir(parents=True, exist_ok=True)
    simulated().to_csv(out / "sim.csv", index=False)
    (out / "fit.do").write_text(f"import delimited using {out / 'sim.csv'}, clear\n"
                                "mlogit y i.x1 i.x2 x3 [pw=w], vce(cluster c) nolog\n")
    (out / "hessian.py").write_text(HESSIAN_SCRIPT)
    for name in ("sim.csv", "fit.do", "hessian.py"):
        print(out / name)


if __name__ == "__main__":
    main()
