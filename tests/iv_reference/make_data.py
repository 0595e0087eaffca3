"""Writes ivdata.csv: the simulated data of the ivregress reference checks (seed fixed; run
once, the CSV is committed).  y depends on y1, y2 (endogenous: they share the error e) and x1;
z1..z3 and the factor region instrument them; g is a cluster identifier; wt a weight."""
import numpy as np

rng = np.random.default_rng(20261205)
n = 200
g = np.repeat(np.arange(1, 26), 8)
region = rng.integers(1, 5, n)
x1 = rng.normal(size=n)
z1, z2, z3 = rng.normal(size=(3, n))
e = rng.normal(size=n) + 0.5 * rng.normal(size=26)[g]
v1 = 0.6 * e + rng.normal(size=n)
v2 = 0.4 * e + rng.normal(size=n)
y1 = 1 + 0.8 * z1 + 0.5 * z2 + 0.3 * x1 + 0.4 * (region == 2) + v1
y2 = -0.5 + 0.7 * z3 + 0.3 * z2 - 0.2 * x1 + v2
y = 2 + 1.5 * y1 - 0.8 * y2 + 0.7 * x1 + e * (1 + 0.5 * np.abs(x1))
wt = rng.integers(1, 5, n)
with open("ivdata.csv", "w") as f:
    f.write("y,y1,y2,x1,z1,z2,z3,region,g,wt\n")
    for row in zip(y, y1, y2, x1, z1, z2, z3, region, g, wt):
        f.write(",".join(f"{v:.6f}" if isinstance(v, float) else str(v) for v in row) + "\n")
