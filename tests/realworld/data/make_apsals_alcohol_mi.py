"""Look-alike of the multiply imputed analysis file of a study of young adults' drinking before
and during COVID-19 in an Australian adolescent cohort: one row per participant (``zzC_ID``,
150) and survey wave (``zzwave`` 1-5; wave 4 is the last before the pandemic), mi set mlong
with M = 3 imputations (the real file has more; three keep the file's 20 mi estimate fits of
multilevel models affordable).  Baseline covariates: sex ``sex_8`` (1 male, 2 female, 3 a few
other), ``highrisk`` 0/1, area disadvantage ``b_seifa`` 1-3, family history ``b_famhist`` and
older sibling ``b_oldsib`` 0/1, age ``age_8``, peer use and disapproval ``peeruse_8``/
``peerdis_8``, the wave-8 drinking group ``alcgrp`` 1-2 and ``sample`` 0/1.  Outcomes: drinking
frequency, quantity, binge frequency and their product (counts ``ccalcfre`` ``ccalcqnt``
``ccalcbngf`` ``alcfqqnt``), maximum drinks ``ccalcmax``, number of harms ``ccnumharm`` and
home delivery ``ccalcdlvr`` (0-3, from wave 3), the shares drunk alone, with others and
virtually, and money spent ``ccalcmon`` 0/1.  Outcomes and peer use are missing for some rows
and imputed."""
import numpy as np
import pandas as pd

from lookalike import LookAlike
from mi_mlong import mlong_dataset, mlong_stack

M = 3
IMPUTED = ["ccalcfre", "ccalcqnt", "ccalcbngf", "alcfqqnt", "ccalcmax", "peeruse_8"]


def make():
    d = LookAlike(seed=135021)
    rng = d.rng
    persons, waves = 150, 5
    pid = np.repeat(np.arange(1, persons + 1), waves)
    wave = np.tile(np.arange(1, waves + 1), persons)
    n = len(pid)
    per = lambda v: np.asarray(v)[pid - 1]
    sex = per(rng.choice([1, 2, 3], size=persons, p=[0.48, 0.49, 0.03]))
    u = per(rng.normal(0, 0.6, size=persons))
    peeruse = per(np.round(rng.normal(0, 1, size=persons), 3))
    covid = (wave == 5).astype(float)
    eta = 0.6 + 0.15 * wave - 0.4 * covid - 0.2 * (sex == 2) + 0.2 * peeruse + u
    fre = rng.poisson(np.exp(eta))
    qnt = rng.poisson(np.exp(0.9 + 0.1 * wave - 0.3 * (sex == 2) + 0.5 * u))
    bng = rng.poisson(np.exp(-0.2 + 0.1 * wave - 0.3 * covid + 0.7 * u))
    frame = pd.DataFrame({
        "zzC_ID": pid.astype(float), "zzwave": wave.astype(float), "sex_8": sex.astype(float),
        "highrisk": per(rng.integers(0, 2, size=persons)).astype(float),
        "b_seifa": per(rng.integers(1, 4, size=persons)).astype(float),
        "b_famhist": per(rng.integers(0, 2, size=persons)).astype(float),
        "b_oldsib": per(rng.integers(0, 2, size=persons)).astype(float),
        "age_8": per(np.round(rng.normal(20.5, 0.5, size=persons), 2)),
        "peeruse_8": peeruse, "peerdis_8": per(np.round(rng.normal(0, 1, size=persons), 3)),
        "alcgrp": per(rng.integers(1, 3, size=persons)).astype(float),
        "sample": per((rng.random(persons) < 0.9).astype(float)),
        "ccalcfre": fre.astype(float), "ccalcqnt": qnt.astype(float), "ccalcbngf": bng.astype(float),
        "alcfqqnt": (fre * qnt).astype(float),
        "ccalcmax": np.round(np.maximum(0, 6 + 2 * u + rng.normal(0, 2, size=n) - covid), 0),
        "ccnumharm": np.where(wave > 2, rng.poisson(np.exp(-0.3 + 0.5 * u)), np.nan),
        "ccalcalone": np.round(np.clip(0.1 + 0.05 * covid + rng.normal(0, 0.08, size=n), 0, 1), 3),
        "ccalcothers": np.round(np.clip(0.8 - 0.2 * covid + rng.normal(0, 0.1, size=n), 0, 1), 3),
        "ccalcvirtual": np.round(np.clip(0.02 + 0.1 * covid + rng.normal(0, 0.05, size=n), 0, 1), 3),
        "ccalcdlvr": np.where(wave > 2, np.clip(np.round(0.8 * covid + u + rng.normal(1, 0.8, size=n)), 0, 3), np.nan),
        "ccalcmon": (rng.random(n) < 1 / (1 + np.exp(0.5 - u - 0.3 * covid))).astype(float),
    })
    complete = frame[IMPUTED].copy()
    for name, share in [("ccalcfre", 0.12), ("ccalcqnt", 0.12), ("ccalcbngf", 0.12), ("ccalcmax", 0.15),
                        ("peeruse_8", 0.05)]:
        frame.loc[rng.random(n) < share, name] = np.nan
    frame.loc[frame["ccalcfre"].isna() | frame["ccalcqnt"].isna(), "alcfqqnt"] = np.nan

    def fill(rows, m):
        idx = rows["_mi_id"].to_numpy(int) - 1
        for name in IMPUTED:
            miss = rows[name].isna().to_numpy()
            true = complete[name].to_numpy()[idx][miss]
            if name == "peeruse_8":
                rows.loc[miss, name] = np.round(true + rng.normal(0, 0.3, size=miss.sum()), 3)
            else:
                rows.loc[miss, name] = np.maximum(0, np.round(true + rng.normal(0, 1, size=miss.sum())))
        rows["alcfqqnt"] = rows["ccalcfre"] * rows["ccalcqnt"]

    full = mlong_stack(frame, IMPUTED, M, fill)
    types = {name: "byte" for name in full.columns}
    types.update({"zzC_ID": "int", "age_8": "float", "peeruse_8": "float", "peerdis_8": "float",
                  "ccalcfre": "int", "ccalcqnt": "int", "ccalcbngf": "int", "alcfqqnt": "int", "ccalcmax": "int",
                  "ccalcalone": "float", "ccalcothers": "float", "ccalcvirtual": "float",
                  "_mi_m": "int", "_mi_id": "int"})
    ds = mlong_dataset(d, full, types, M, IMPUTED, "06aug2020 10:00:00")
    ds.value_labels["sex_8"] = {1.0: "Male", 2.0: "Female", 3.0: "Other"}
    ds.value_label_of["sex_8"] = "sex_8"
    return ds
