"""Writes mestreg_multilevel_sim.csv: Weibull survival times of patients (pid) within doctors
(doctor, numbered 1..4 inside each hospital) within hospitals (hosp).  Conditional on the
effects the log hazard is -1.2 + 0.6 x + 0.02 (age - 50) + u_hosp + x w_hosp + v_doctor,
p = 1.3, var(u) = 0.5, var(w) = 0.2, var(v) = 0.3; censored by a uniform time on (0, 4).

    python3 tests/reference_values/mestreg_multilevel_sim.py
"""
from pathlib import Path

import numpy as np

rng = np.random.default_rng(20261206)
rows = []
for h in range(1, 19):
    u, w = rng.normal(0, np.sqrt(0.5)), rng.normal(0, np.sqrt(0.2))
    for doc in range(1, 5):
        v = rng.normal(0, np.sqrt(0.3))
        for _ in range(int(rng.integers(3, 8))):
            x = float(rng.integers(0, 2))
            age = float(np.round(rng.uniform(30, 70), 1))
            eta = -1.2 + 0.6 * x + 0.02 * (age - 50) + u + x * w + v
            t = (-np.log(rng.uniform()) / np.exp(eta)) ** (1 / 1.3)
            c = rng.uniform(0, 4)
            rows.append((h, doc, x, age, round(min(t, c), 4) + 1e-4 * (min(t, c) < 1e-4), int(t <= c)))
out = Path(__file__).with_name("mestreg_multilevel_sim.csv")
with out.open("w") as f:
    f.write("hosp,doctor,x,age,time,fail\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\n")
print(len(rows), "rows to", out)
