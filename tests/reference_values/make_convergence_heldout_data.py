"""Writes the three data sets of tests/test_convergence_heldout.py (fixed seeds;
convergence_heldout_reference.R reads them), each a small copy of a held-out do-file's
failure mode (docs/convergence_heldout.md):

- conv_gee_constant.csv: ``xtnbreg lcoins ..., pa corr(exch)`` -- an outcome constant within
  panel (a log coinsurance rate, one of four values per panel), a time-varying x and a
  panel-constant z; panels of 2-5 observations, the larger ones with the extreme outcomes, so
  the exchangeable moment estimate of xtgee.ado is above 1 at the first step;
- conv_hhg_boundary.csv: ``xtnbreg mdu lcoins ndisease female ..., fe`` on the look-alike data --
  counts Poisson given a normal panel effect (no overdispersion within panel), panel-constant
  w (four values, 0 among them, as lcoins), v (as ndisease) and f, and a time-varying x: the
  conditional negative binomial likelihood climbs toward its supremum at infinite lambda along
  a ridge where the Hessian is not negative definite (the seed is one where it does);
- conv_ordinal_person.csv: ``meglm y ... ibn.person, family(ordinal)`` -- 40 persons x 12 items,
  y in 0/1/2 from an ordered logit with person effects and an item covariate x; person 20
  answers 0 throughout (``allzero`` = 1 on its rows), as person 209 of the look-alike data."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(8620)
rows = []
for i in range(1, 161):
    c = float(rng.choice([0.0, np.log(26), np.log(51), np.log(96)]))
    n = 5 if c in (0.0, float(np.log(96))) else int(rng.integers(2, 4))  # extremes in the long panels
    z = float(rng.integers(0, 2))
    for t in range(1, n + 1):
        rows.append((i, t, round(c, 4), round(float(rng.normal()), 6), z))
pd.DataFrame(rows, columns=["id", "t", "lc", "x", "z"]).to_csv("conv_gee_constant.csv", index=False)

rng = np.random.default_rng(5)
rows = []
for i in range(300):
    w = float(rng.choice([0.0, 3.2581, 3.9318, 4.5643]))  # as lcoins: ln(1 + coinsurance rate)
    v = round(float(rng.uniform(0, 30)), 1)
    f = float(rng.integers(0, 2))
    u = rng.normal(scale=0.8)
    for t in range(int(rng.integers(2, 6))):
        x = float(rng.normal())
        rows.append((i + 1, t + 1, w, v, f, x, int(rng.poisson(np.exp(0.8 - 0.1 * w + 0.02 * v + 0.1 * x + u)))))
pd.DataFrame(rows, columns=["id", "t", "w", "v", "f", "x", "y"]).to_csv("conv_hhg_boundary.csv", index=False,
                                                                          float_format="%.17g")

rng = np.random.default_rng(8622)
rows = []
for p in range(1, 41):
    u = rng.normal()
    for item in range(1, 13):
        x = float(item % 3 == 0)
        eta = 0.9 * x + u
        cuts = np.array([0.0, 1.8])
        pr_le = 1 / (1 + np.exp(-(cuts - eta)))
        y = int(np.searchsorted(pr_le, rng.random())) if p != 20 else 0
        rows.append((p, item, x, y, int(p == 20)))
pd.DataFrame(rows, columns=["person", "item", "x", "y", "allzero"]).to_csv("conv_ordinal_person.csv", index=False)
