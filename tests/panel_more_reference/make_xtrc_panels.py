"""The panels of xtrc_reference.R: 10 firms x 20 years of a Grunfeld-type investment panel
with firm-specific slopes (seeded), plus an unbalanced copy where firm 3 keeps 3 rows
(dropped by xtrc: no more rows than coefficients) and firm 7 loses 6."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
rows = []
for c in range(1, 11):
    b0, b1, b2 = rng.normal(-20, 30), rng.normal(0.1, 0.05), rng.normal(0.3, 0.1)
    for t in range(1, 21):
        m, s = rng.uniform(100, 3000), rng.uniform(0, 1000)
        rows.append((c, t, round(b0 + b1 * m + b2 * s + rng.normal(0, 20), 4), round(m, 3), round(s, 3),
                     round(rng.normal(0, 5), 4)))
df = pd.DataFrame(rows, columns=["company", "time", "invest", "market", "stock", "off"])
df["keep"] = ~(((df.company == 3) & (df.time > 3)) | ((df.company == 7) & (df.time > 14)))
df["keep"] = df["keep"].astype(int)
df.to_csv("xtrc_panels.csv", index=False)
