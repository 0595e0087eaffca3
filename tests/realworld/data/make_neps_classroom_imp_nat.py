"""Look-alike of one of two multiply imputed files of a thesis on classroom ethnic composition and
school satisfaction (German NEPS starting cohort 3): the ethnic-majority students (``mig`` 0) of
40 classes ``ID_cc``, mi set mlong with M = 20 imputations (the do-file averages -2LL over
imputations 1/20).  Student variables: socio-economic status ``ses``, cognitive score ``cog``,
school satisfaction ``sat`` (0-10), mathematics competence ``math`` (WLE), parental education
``edu`` 1-3, educational aspiration ``attedu`` 1-3, ``female``, ``age``, migrant generation
``generation`` (0 for the majority), home language ``lang`` 0/1; class variables: share of
co-ethnics ``perccoeth``, share of migrants ``percmig``, school type ``school`` 1-4, and the class
means ``meanses``/``meancog`` the do-file drops and rebuilds.  ``ses``, ``cog``, ``sat`` and
``math`` have missing values that are imputed.  The minority file is ``neps_classroom_imp_mig``."""
import numpy as np
import pandas as pd

from lookalike import LookAlike
from mi_mlong import knocked_out_stack, mlong_dataset

M = 20
CLASSES = 40
IMPUTED = ["ses", "cog", "sat", "math"]


def classes():
    rng = np.random.default_rng(138021)
    return {"school": rng.integers(1, 5, size=CLASSES), "percmig": np.round(rng.uniform(0.05, 0.6, size=CLASSES), 3),
            "u_sat": rng.normal(0, 0.5, size=CLASSES), "u_math": rng.normal(0, 0.6, size=CLASSES)}


def build(mig: int, per_class: tuple[int, int], seed: int):
    d = LookAlike(seed=seed)
    rng = d.rng
    cl = classes()
    sizes = rng.integers(per_class[0], per_class[1] + 1, size=CLASSES)
    cid = np.repeat(np.arange(1, CLASSES + 1), sizes)
    n = len(cid)
    c = lambda key: cl[key][cid - 1]
    ses = rng.normal(0.3 * (c("school") - 2.5) - 0.3 * mig, 1, size=n)
    cog = rng.normal(0.4 * (c("school") - 2.5), 1, size=n)
    female = rng.integers(0, 2, size=n)
    age = np.round(rng.normal(14.5, 0.6, size=n), 2)
    sat = np.clip(np.round(6.5 + 0.2 * ses + 0.1 * cog - 0.2 * female + 1.5 * c("u_sat") + rng.normal(0, 2.2, size=n)), 0, 10)
    math = np.round(0.3 * ses + 0.5 * cog + 0.3 * (c("school") - 2.5) + c("u_math") + rng.normal(0, 0.8, size=n), 3)
    frame = pd.DataFrame({
        "ID_cc": cid.astype(float) + 1000, "mig": float(mig),
        "ses": np.round(ses, 3), "cog": np.round(cog, 3), "sat": sat, "math": math,
        "edu": rng.integers(1, 4, size=n).astype(float), "attedu": rng.integers(1, 4, size=n).astype(float),
        "female": female.astype(float), "age": age,
        "generation": (rng.integers(1, 4, size=n) if mig else np.zeros(n)).astype(float),
        "lang": (rng.random(n) < (0.5 if mig else 0.03)).astype(float),
        "perccoeth": np.round(np.clip(c("percmig") * rng.uniform(0.2, 0.8, size=n) if mig else 1 - c("percmig"), 0, 1), 3),
        "percmig": c("percmig"), "school": c("school").astype(float),
    })
    frame["meanses"] = frame.groupby("ID_cc")["ses"].transform("mean")
    frame["meancog"] = frame.groupby("ID_cc")["cog"].transform("mean")
    shares = {"ses": 0.08, "cog": 0.06, "sat": 0.05, "math": 0.07}

    def draw(name, true):
        noise = rng.normal(0, 0.5, size=len(true))
        return np.clip(np.round(true + 2 * noise), 0, 10) if name == "sat" else np.round(true + noise, 3)

    full = knocked_out_stack(frame, shares, M, rng, draw)
    types = {name: "float" for name in full.columns}
    types.update({"ID_cc": "int", "mig": "byte", "edu": "byte", "attedu": "byte", "female": "byte",
                  "generation": "byte", "lang": "byte", "school": "byte", "sat": "byte",
                  "_mi_m": "int", "_mi_id": "int", "_mi_miss": "byte"})
    ds = mlong_dataset(d, full, types, M, IMPUTED, "12mar2021 10:00:00")
    return ds


def make():
    return build(0, (5, 8), 138022)
