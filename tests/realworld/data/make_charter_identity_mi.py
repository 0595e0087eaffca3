"""Look-alike of ``stats_data_2015_mi100_keepschpov.dta``: US charter schools in 2015-16 with
the share of their web text on inquiry-based learning, mi set mlong.  900 schools in 320 school
districts (``geodistrict``) of 38 states (``state``), 62% of them run by one of 55 charter
management organisations (``cmoname``; the rest share the code of an unaffiliated school),
crossed with the states and districts; school level (``primary``/``middle``/``high``), years
open (``age``, ``lnage``), students (``students``, ``lnstudents``), ``urban``, the share of PDF
pages ``pctpdfs``; the outcome ``inquiryprop`` (0-1, with the counts ``inquirycount`` and
``numwords``); school poverty and race (``povertyschool`` in percent, ``povertyschoolprop``,
``pocschoolprop``) and the district's (``povertysd``, ``pocsd``, proportions); reading and math
proficiency shares ``readall15``/``mathall15`` with their precision levels.  School poverty
and race and the proficiency scores are missing for some schools and imputed: M = 5 (the real
file has 100; five keep the file's mi estimate fits affordable), the m = 0 rows then each
imputation's incomplete rows, with ``_mi_m``/``_mi_id``/``_mi_miss`` and the characteristics as
Stata writes them."""
import numpy as np
import pandas as pd

from lookalike import LookAlike
from mi_mlong import mlong_dataset, mlong_stack

M = 5
IMPUTED = ["povertyschool", "povertyschoolprop", "pocschoolprop", "readall15", "mathall15"]


def make():
    d = LookAlike(seed=2941)
    rng = d.rng
    n = 900
    state_d = rng.integers(1, 39, size=320)
    district = rng.integers(1, 321, size=n)
    state = state_d[district - 1]
    cmo = np.where(rng.random(n) < 0.62, rng.integers(1, 56, size=n), 56)
    level = rng.choice(4, size=n, p=[0.45, 0.2, 0.25, 0.1])
    age = np.clip(np.round(rng.gamma(2.5, 4, size=n)), 1, 25)
    students = np.round(np.exp(rng.normal(5.8, 0.7, size=n)))
    urban = (rng.random(n) < 0.6).astype(int)
    povsd = np.clip(rng.beta(2, 7, size=320)[district - 1], 0.02, 0.6)
    pocsd = np.clip(rng.beta(2, 3, size=320)[district - 1], 0.02, 0.98)
    pov = np.clip(100 * (povsd + rng.normal(0, 0.12, size=n)) + 25 * urban, 1, 99)
    poc = np.clip(pocsd + 0.15 * urban + rng.normal(0, 0.15, size=n), 0.01, 0.99)
    u_cmo = rng.normal(0, 0.06, size=57)[cmo]
    u_state = rng.normal(0, 0.03, size=39)[state]
    u_dist = rng.normal(0, 0.03, size=321)[district]
    inquiry = np.clip(0.25 - 0.001 * pov + 0.02 * (level == 0) + u_cmo + u_state + u_dist
                      + rng.normal(0, 0.08, size=n), 0.0, 0.9)
    read = np.clip(0.75 - 0.004 * pov + rng.normal(0, 0.1, size=n), 0.02, 0.99)
    math = np.clip(read - 0.05 + rng.normal(0, 0.08, size=n), 0.01, 0.99)
    words = np.round(np.exp(rng.normal(8, 1, size=n)))
    frame = pd.DataFrame({
        "ncessch": 60000000000 + np.arange(1, n + 1) * 37.0,
        "cmoname": cmo.astype(float), "state": state.astype(float), "geodistrict": 600000 + district * 13.0,
        "primary": (level == 0).astype(float), "middle": (level == 1).astype(float),
        "high": (level == 2).astype(float), "otherlevel": (level == 3).astype(float),
        "age": age, "lnage": np.log(age), "students": students, "lnstudents": np.log(students),
        "urban": urban.astype(float), "pctpdfs": np.round(rng.beta(1, 6, size=n), 3),
        "numwords": words, "inquirycount": np.round(inquiry * words / 10), "inquiryprop": inquiry,
        "povertyschool": np.round(pov, 1), "povertyschoolprop": np.round(pov, 1) / 100,
        "pocschoolprop": poc, "povertysd": povsd, "pocsd": pocsd,
        "readall15": read, "mathall15": math,
        "readlevel15": rng.integers(1, 6, size=n).astype(float), "mathlevel15": rng.integers(1, 6, size=n).astype(float),
    })
    complete = frame[IMPUTED].copy()
    for name, share in [("povertyschool", 0.1), ("pocschoolprop", 0.05), ("readall15", 0.15), ("mathall15", 0.15)]:
        frame.loc[rng.random(n) < share, name] = np.nan
    frame.loc[frame["povertyschool"].isna(), "povertyschoolprop"] = np.nan
    frame.loc[frame["readall15"].isna(), "mathall15"] = np.nan
    def fill(rows, m):
        idx = rows["_mi_id"].to_numpy(int) - 1
        for name in IMPUTED:
            miss = rows[name].isna().to_numpy()
            sd = 0.2 * np.nanstd(frame[name])
            rows.loc[miss, name] = np.clip(complete[name].to_numpy()[idx][miss] + rng.normal(0, sd, size=miss.sum()),
                                           0.001, 99 if name == "povertyschool" else 0.999)
        rows["povertyschoolprop"] = rows["povertyschool"] / 100
    full = mlong_stack(frame, IMPUTED, M, fill)
    types = {name: "float" for name in full.columns}
    types.update({"ncessch": "double", "cmoname": "int", "state": "byte", "geodistrict": "long",
                  "primary": "byte", "middle": "byte", "high": "byte", "otherlevel": "byte", "age": "byte",
                  "students": "int", "urban": "byte", "numwords": "long", "inquirycount": "int",
                  "readlevel15": "byte", "mathlevel15": "byte", "_mi_m": "int", "_mi_id": "long", "_mi_miss": "byte"})
    ds = mlong_dataset(d, full, types, M, IMPUTED, "30apr2019 10:00:00")
    ds.value_labels["cmoname"] = {float(k): f"CMO {k}" for k in range(1, 56)} | {56.0: "Unaffiliated"}
    ds.value_label_of["cmoname"] = "cmoname"
    ds.value_labels["state"] = {float(k): f"State {k}" for k in range(1, 39)}
    ds.value_label_of["state"] = "state"
    return ds
