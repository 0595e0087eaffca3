"""Writes anova_unbalanced.csv: an unbalanced 3 x 2 design (every cell present) with a
covariate x, and a four-group response g4 for one-way ANOVA.  Fixed seed."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
rows = []
sizes = {(1, 1): 4, (1, 2): 6, (2, 1): 7, (2, 2): 3, (3, 1): 5, (3, 2): 8}
for (a, b), n in sizes.items():
    for _ in range(n):
        x = rng.normal()
        y = 10 + 1.5 * a - 2 * b + 0.8 * (a == 3) * (b == 2) + 0.6 * x + rng.normal()
        rows.append((round(y, 4), a, b, round(x, 4)))
df = pd.DataFrame(rows, columns=["y", "a", "b", "x"])
df["g4"] = np.tile([1, 2, 3, 4], len(df) // 4 + 1)[: len(df)]
df["z"] = np.round(df.y + rng.normal(scale=[0.5, 1.0, 1.5, 2.0])[df.g4 - 1] * rng.normal(size=len(df)), 4)
df.to_csv("anova_unbalanced.csv", index=False)
