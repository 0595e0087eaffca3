"""Look-alike of the monthly person-wave file of a life-satisfaction dynamics study (an
internet panel with respondent key ``prim_key``): 170 respondents over the monthly waves
-3..38 (``wave``), a few person-waves recorded twice (the file collapses to person-waves),
140 with every wave and no missing life satisfaction, the rest with gaps or missing months.
``lifesat`` and the domain satisfactions ``famsat``, ``incsat``, ``econsat``, ``hlthsat``,
``jobsat`` (1-5; jobsat missing for those without a job) follow a person mean plus an AR(1)
deviation; ``sah`` (self-rated health 1-5), ``ragedobok`` (age in years, rising over the waves)
and ``gender`` (1/2)."""
import numpy as np

from lookalike import LookAlike


def _ar1(rng, t, rho, sd):
    e = np.empty(t)
    e[0] = rng.normal(0, sd / np.sqrt(1 - rho ** 2))
    for k in range(1, t):
        e[k] = rho * e[k - 1] + rng.normal(0, sd)
    return e


def make():
    d = LookAlike(seed=2404)
    rng = d.rng
    waves = np.arange(-3, 39)
    rows = []
    for p in range(170):
        keep = np.ones(len(waves), bool)
        if p >= 140:
            keep[rng.choice(len(waves), size=int(rng.integers(1, 6)), replace=False)] = False
        age0 = int(rng.integers(25, 75))
        month0 = int(rng.integers(0, 12))
        gender = int(rng.integers(1, 3))
        works = rng.random() < 0.6
        levels = {v: rng.normal(3.4, 0.6) for v in ("lifesat", "famsat", "incsat", "econsat", "hlthsat", "jobsat")}
        dev = {v: _ar1(rng, len(waves), 0.5, 0.45) for v in levels}
        health = rng.normal(3.2, 0.7)
        for k, w in enumerate(waves):
            if not keep[k]:
                continue
            vals = {v: float(np.clip(np.round(levels[v] + dev[v][k]), 1, 5)) for v in levels}
            if p >= 160 and rng.random() < 0.05:
                vals["lifesat"] = np.nan
            if not works:
                vals["jobsat"] = np.nan
            age = age0 + (k + month0) // 12
            copies = 2 if rng.random() < 0.01 else 1
            for _ in range(copies):
                rows.append((1_000_001 + p, int(w), vals, float(np.clip(np.round(health + rng.normal(0, 0.5)), 1, 5)),
                             age, gender))
    d.rows(len(rows))
    d.put("prim_key", np.array([r[0] for r in rows]), "long")
    d.put("wave", np.array([r[1] for r in rows]), "byte")
    for v in ("lifesat", "famsat", "incsat", "econsat", "hlthsat", "jobsat"):
        d.put(v, np.array([r[2][v] for r in rows], dtype=float), "byte")
    d.put("sah", np.array([r[3] for r in rows]), "byte")
    d.put("ragedobok", np.array([r[4] for r in rows]), "byte")
    d.put("gender", np.array([r[5] for r in rows]), "byte")
    return d.dataset()
