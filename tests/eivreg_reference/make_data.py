"""Writes eiv.csv: 60 rows of y, x1, x2 (noisy), g (0/1) and w (frequency weight 1-3), seed 7575."""
import numpy as np

rng = np.random.default_rng(7575)
n = 60
t = rng.normal(10, 2, n)
x1 = np.round(t + rng.normal(0, 1, n), 3)
x2 = np.round(rng.normal(5, 1.5, n), 3)
g = (rng.random(n) < 0.4).astype(int)
y = np.round(3 + 1.5 * t - 0.7 * x2 + 2 * g + rng.normal(0, 2, n), 3)
w = rng.integers(1, 4, n)
with open(__file__.replace("make_data.py", "eiv.csv"), "w") as fh:
    fh.write("y,x1,x2,g,w\n")
    for row in zip(y, x1, x2, g, w):
        fh.write(",".join(str(v) for v in row) + "\n")
