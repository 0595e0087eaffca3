"""Writes sem_paths.csv: 25 classrooms (cid) of 6-14 pupils with math, write and science
scores (a mediation chain math -> write -> science with classroom effects on write and
science, correlated), and a two-wave cross-lagged panel y1 x1 w1 -> y2 x2 -> y3 x3 (w2 a
second covariate).  Fixed seed; sem_reference.R reads the file."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(512)
rows = []
for c in range(1, 26):
    u_w, u_s = rng.multivariate_normal([0, 0], [[9.0, 3.0], [3.0, 4.0]])
    for _ in range(int(rng.integers(6, 15))):
        math = round(float(52 + rng.normal(0, 9)), 2)
        write = round(20 + 0.6 * math + u_w + float(rng.normal(0, 6)), 2)
        science = round(10 + 0.4 * math + 0.35 * write + u_s + float(rng.normal(0, 6)), 2)
        y1, x1, w1, w2 = (round(float(v), 4) for v in rng.normal(0, 1, 4))
        y2 = round(0.5 * y1 + 0.2 * x1 + 0.3 * w1 + float(rng.normal(0, 0.8)), 4)
        x2 = round(0.6 * x1 + 0.1 * y1 - 0.2 * w1 + float(rng.normal(0, 0.7)), 4)
        y3 = round(0.5 * y2 + 0.25 * x2 + 0.2 * w2 + 0.15 * y1 + float(rng.normal(0, 0.8)), 4)
        x3 = round(0.6 * x2 + 0.1 * y2 - 0.1 * w2 + float(rng.normal(0, 0.7)), 4)
        rows.append((c, math, write, science, y1, x1, w1, y2, x2, w2, y3, x3))
cols = ["cid", "math", "write", "science", "y1", "x1", "w1", "y2", "x2", "w2", "y3", "x3"]
pd.DataFrame(rows, columns=cols).to_csv("sem_paths.csv", index=False)
