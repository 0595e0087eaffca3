"""Look-alike of the wide analysis file of a study of social support and word-recall memory in
the English Longitudinal Study of Ageing: one row per core member (``idauniq``, six digits
from 100001) with the eight waves' recall score ``memory0``-``memory7`` (0-20; every member
has wave 1, later waves lost by attrition or now and then missed), positive and negative support from all
relationships ``PSall0``-``PSall7`` and ``NSall0``-``NSall7`` (item means, 1-4, some missing
even where memory is recorded), baseline covariates -- ``indsex`` 1-2, ``age1`` with
``agebl_65`` (age - 65) and ``agesq``, ``topqual`` 1-3 and ``wealthq1`` 1-5 (a few missing),
0/1 ``smoke1``, ``drink1``, ``actlevel1``, ``SPart1``, ``CESD1`` (a few missing), ``ADL1``,
``iADL1``, ``couple``, ``ProblemsW1``, ``DiagnosedW1`` --, wave participation flags
``wave1``-``wave8`` with ``numwaves``, the wave-1 cross-sectional weight ``w1wgt`` and the
longitudinal weight ``w8w1lwgt`` (missing for those not present at wave 8).  Recall falls
with age and over the waves, with a person intercept and slope; support raises it a little."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3621)
    n = 420
    d.rows(n)
    ids = 100001 + np.sort(d.rng.choice(np.arange(0, 9000), n, replace=False))
    ids[7] = 106217
    ids = np.sort(ids)
    d.put("idauniq", ids, "long")
    sex = d.categorical([0.45, 0.55], [1, 2])
    age = d.uniform_int(50, 89)
    centred = age - 65
    topqual = d.categorical([0.4, 0.35, 0.25], [1, 2, 3])
    wealth = d.categorical([0.2] * 5, [1, 2, 3, 4, 5])
    smoke = d.binary(0.15)
    drink = d.binary(0.3)
    active = d.binary(0.6)
    spart = d.binary(0.45)
    cesd = d.binary(0.15)
    adl = d.binary(0.12)
    iadl = d.binary(0.1)
    couple = d.binary(0.7)
    u0 = d.normal(0, 2.0)
    u1 = d.normal(0, 0.15)
    ps_person = d.normal(0, 0.35)
    ns_person = d.normal(0, 0.3)
    present = np.ones((n, 8), dtype=bool)
    for w in range(1, 8):
        stay = d.rng.random(n) > 0.06 + 0.004 * np.clip(centred, 0, None)
        present[:, w] = present[:, w - 1] & stay
    skipped = (d.rng.random((n, 8)) < 0.08) & present  # a wave missed, later ones attended
    skipped[:, 0] = False
    present &= ~skipped
    memory = np.full((n, 8), np.nan)
    ps = np.full((n, 8), np.nan)
    ns = np.full((n, 8), np.nan)
    for w in range(8):
        ps[:, w] = np.clip(np.round(3.0 + ps_person + d.normal(0, 0.3), 2), 1, 4)
        ns[:, w] = np.clip(np.round(1.7 + ns_person + d.normal(0, 0.3), 2), 1, 4)
        mean = (11.5 - 0.12 * centred - 0.004 * centred ** 2 - (0.15 + u1) * w + u0 + 0.4 * (ps[:, w] - 3)
                - 0.3 * (ns[:, w] - 1.7) + 0.6 * (topqual - 2) + 0.3 * (wealth - 3) - 0.5 * cesd + 0.4 * (sex - 1.5))
        score = np.clip(np.round(mean + d.normal(0, 2.2)), 0, 20)
        memory[:, w] = np.where(present[:, w], score, np.nan)
        ps[d.rng.random(n) < 0.12, w] = np.nan
        ns[d.rng.random(n) < 0.12, w] = np.nan
    d.put("indsex", sex, "byte")
    for w in range(8):
        d.put(f"memory{w}", memory[:, w], "byte")
    for w in range(8):
        d.put(f"PSall{w}", ps[:, w], "float")
    for w in range(8):
        d.put(f"NSall{w}", ns[:, w], "float")
    d.put("age1", age, "int")
    d.put("agebl_65", centred, "int")
    d.put("agesq", centred ** 2, "int")
    d.put("w1wgt", np.round(np.exp(d.normal(0, 0.3)), 4), "float")
    d.put("CESD1", d.with_missing(cesd, 0.04), "byte")
    d.put("ADL1", adl, "byte")
    d.put("iADL1", iadl, "byte")
    d.put("wealthq1", d.with_missing(wealth, 0.05), "byte")
    d.put("topqual", d.with_missing(topqual, 0.04), "byte")
    d.put("smoke1", smoke, "byte")
    d.put("drink1", d.with_missing(drink, 0.05), "byte")
    d.put("actlevel1", d.with_missing(active, 0.03), "byte")
    d.put("SPart1", d.with_missing(spart, 0.04), "byte")
    d.put("couple", couple, "byte")
    d.put("ProblemsW1", d.binary(0.2), "byte")
    d.put("DiagnosedW1", d.binary(0.1), "byte")
    for w in range(8):
        d.put(f"wave{w + 1}", present[:, w].astype(int), "byte")
    d.put("numwaves", present.sum(axis=1), "byte")
    d.put("w8w1lwgt", np.where(present[:, 7], np.round(np.exp(d.normal(0, 0.35)), 4), np.nan), "float")
    return d.dataset()
