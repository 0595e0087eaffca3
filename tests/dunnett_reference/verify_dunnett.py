"""Independent checks of mlm's dunnettprob()/invdunnettprob() (mlmcli/dunnett_distribution.py).

1. Dunnett's (1964, Biometrics 20:482-491) two-sided 5% critical values, as printed (2 decimals),
   for k = 1..9 comparisons with a control and df = 10, 20, infinity.
2. scipy.stats.dunnett: balanced samples (control + k treatments, n each); its p-values (from
   scipy's multivariate t by randomised quasi-Monte Carlo) against 1 - dunnettprob(k, df, |t_i|).
3. scipy.stats.multivariate_t.cdf of the box [-x, x]^k, correlations 1/2.

Run: python3 tests/dunnett_reference/verify_dunnett.py  (writes scipy_values.txt beside it, which
tests/test_functions_round89.py reads).
"""
from __future__ import annotations

import pathlib

import numpy as np
from scipy import stats

HERE = pathlib.Path(__file__).parent

# Dunnett (1964), Table: two-sided, alpha = .05; columns k = 1..9 (comparisons, control excluded)
TABLE_05 = {
    10: [2.23, 2.57, 2.76, 2.89, 2.99, 3.07, 3.14, 3.19, 3.24],
    20: [2.09, 2.38, 2.54, 2.65, 2.73, 2.80, 2.86, 2.90, 2.95],
    None: [1.96, 2.21, 2.35, 2.44, 2.51, 2.57, 2.61, 2.65, 2.69],
}


def scipy_dunnett_rows(seed: int = 89):
    """(k, df, |t|, scipy p) for a few random balanced designs."""
    rng = np.random.default_rng(seed)
    rows = []
    for k, n in ((2, 6), (3, 8), (5, 5), (8, 4)):
        control = rng.normal(size=n)
        samples = [rng.normal(loc=rng.uniform(-1, 1.5), size=n) for _ in range(k)]
        res = stats.dunnett(*samples, control=control, random_state=np.random.default_rng(seed))
        df = (k + 1) * (n - 1)
        for t, p in zip(res.statistic, res.pvalue):
            rows.append((k, df, abs(float(t)), float(p)))
    return rows


def multivariate_t_rows():
    rows = []
    for k, df, x in ((2, 10, 2.3), (3, 20, 2.5), (4, 5, 3.0), (6, 30, 2.6)):
        shape = np.full((k, k), 0.5) + 0.5 * np.eye(k)
        dist = stats.multivariate_t(loc=np.zeros(k), shape=shape, df=df)
        p = dist.cdf(np.full(k, x), lower_limit=np.full(k, -x), random_state=np.random.default_rng(1),
                     maxpts=2_000_000)
        rows.append((k, df, x, float(p)))
    return rows


def main() -> None:
    lines = ["# kind k df x value   (dunnett: scipy.stats.dunnett p-value; mvt: multivariate_t box probability)"]
    lines += [f"dunnett {k} {df} {x!r} {p!r}" for k, df, x, p in scipy_dunnett_rows()]
    lines += [f"mvt {k} {df} {x!r} {p!r}" for k, df, x, p in multivariate_t_rows()]
    (HERE / "scipy_values.txt").write_text("\n".join(lines) + "\n")
    try:
        from mlmcli.dunnett_distribution import dunnett_cdf, dunnett_quantile
    except ImportError:
        return
    for df, row in TABLE_05.items():
        mine = [round(dunnett_quantile(k, df, 0.95), 2) for k in range(1, 10)]
        print("table df", df, "ok" if mine == row else f"differs: {mine} vs {row}")
    for line in lines[1:]:
        kind, k, df, x, v = line.split()
        print(kind, k, df, x, v, dunnett_cdf(int(k), float(df), float(x)) if kind == "mvt"
              else 1 - dunnett_cdf(int(k), float(df), float(x)))


if __name__ == "__main__":
    main()
