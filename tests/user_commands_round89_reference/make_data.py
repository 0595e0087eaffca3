"""Writes the two panels tests/test_user_commands_round89.py reads (seed 8989):

ec_panel.csv -- xttest1: 30 panels (id) over t = 1..8 with a random effect and AR(1)
  disturbances (lambda 0.4); panels 3 and 4 start at t = 2 and t = 3, panel 5 ends at t = 6,
  x is missing at panel 6's first row and panel 7's fourth row (out of the sample: the ado's
  quirks -- the first row in memory leaves B's denominator even when out of the sample; L.e is
  missing after an out-of-sample row).
es_panel.csv -- eventstudyinteract: 80 units over years 1..10; cohorts first = 4, 6, 8 (20 units
  each) and 20 never treated; effects heterogeneous across cohorts and relative time; a
  covariate x; relative-time indicators g_4 g_3 (leads) g0..g3 (lags).
"""
import numpy as np

HERE = __file__.rsplit("/", 1)[0]
rng = np.random.default_rng(8989)

rows = []
for i in range(1, 31):
    t0 = {3: 2, 4: 3}.get(i, 1)
    t1 = 6 if i == 5 else 8
    u = rng.normal(0, 0.8)
    v = 0.0
    for t in range(t0, t1 + 1):
        v = 0.4 * v + rng.normal()
        x = rng.normal()
        z = rng.uniform()
        y = 1 + x - 0.5 * z + u + v
        xs = "" if (i == 6 and t == t0) or (i == 7 and t == 4) else f"{x:.6f}"
        rows.append(f"{i},{t},{y:.6f},{xs},{z:.6f}")
with open(f"{HERE}/ec_panel.csv", "w") as fh:
    fh.write("id,t,y,x,z\n" + "\n".join(rows) + "\n")

rows = []
for i in range(1, 81):
    first = (4, 6, 8, None)[(i - 1) // 20]
    alpha = rng.normal()
    for year in range(1, 11):
        x = rng.normal()
        rel = None if first is None else year - first
        effect = 0.0 if rel is None or rel < 0 else 1 + 0.3 * rel + 0.1 * first
        y = alpha + 0.2 * year + effect + 0.5 * x + rng.normal()
        g = [int(rel == k) if rel is not None else 0 for k in (-4, -3, 0, 1, 2, 3)]
        never = int(first is None)
        rows.append(f"{i},{year},{'' if first is None else first},{never},{y:.6f},{x:.6f},"
                    + ",".join(map(str, g)))
with open(f"{HERE}/es_panel.csv", "w") as fh:
    fh.write("id,year,first,never,y,x,g_4,g_3,g0,g1,g2,g3\n" + "\n".join(rows) + "\n")
