"""Look-alike of the eRegQual trial's multiply-imputed birth-outcome data (the frame
``imputed`` that the project's data/impute.do leaves for estimation/birth_outcomes.do):
1,200 pregnant women in 60 antenatal clinics (``clusterid``), randomised by clinic
(``arm``: 1 intervention, 2 control), districts ``strat_var`` (stratification), clinic size
``cluster_size`` (hundreds of enrolments), ``lab_available`` and ``us_available``; age, BMI,
education, log income and ``primiparous`` with some missing values; five adverse birth
outcomes ``y1``-``y5`` (0/1, a few missing), their composite ``y`` (passive) and
``stillbirth`` (rare, not imputed).  The data are ``mi set mlong`` with M = 5: the m = 0 rows,
then for each imputation the incomplete rows with their missing values filled (draws from
the outcome models); ``_mi_m``, ``_mi_id``, ``_mi_miss`` and the mi characteristics are
written as Stata writes them, so the file loads mi set."""
import numpy as np
import pandas as pd

from lookalike import LookAlike
from mi_mlong import mlong_stack

M = 5
IMPUTED = ["y1", "y2", "y3", "y4", "y5", "age", "bmi", "education", "log_income", "primiparous"]
REGULAR = ["arm", "strat_var", "clusterid", "lab_available", "cluster_size", "us_available"]


def make():
    d = LookAlike(seed=2521)
    rng = d.rng
    sizes = rng.integers(8, 33, size=60)
    clinic = np.repeat(np.arange(1, 61), sizes)
    n = len(clinic)
    d.rows(n)
    c = clinic - 1
    arm_c = np.where(rng.permutation(60) < 30, 1, 2)
    district_c = rng.integers(1, 7, size=60)
    lab_c = (rng.random(60) < 0.4).astype(int)
    us_c = (rng.random(60) < 0.5).astype(int)
    u = rng.normal(0, 0.35, size=60)
    age = np.round(rng.normal(27, 5.5, size=n), 0)
    primi = (rng.random(n) < 0.3).astype(float)
    base = -2.4 + u[c] - 0.25 * (arm_c[c] == 1) + 0.02 * (age - 27) + 0.3 * primi
    ys = {f"y{k}": (rng.random(n) < 1 / (1 + np.exp(-(base + rng.normal(0, 0.3))))).astype(float)
          for k in range(1, 6)}
    cols = {
        "clusterid": clinic.astype(float), "arm": arm_c[c].astype(float),
        "strat_var": district_c[c].astype(float), "lab_available": lab_c[c].astype(float),
        "cluster_size": np.bincount(clinic)[clinic] / 100, "us_available": us_c[c].astype(float),
        "age": age, "bmi": np.round(rng.normal(25, 4, size=n), 1),
        "education": np.round(np.clip(rng.normal(13, 2.5, size=n), 6, 20)),
        "log_income": np.round(rng.normal(8, 0.5, size=n), 3), "primiparous": primi, **ys,
    }
    complete = {k: v.copy() for k, v in cols.items()}
    for name, share in [("age", 0.02), ("bmi", 0.08), ("education", 0.05), ("log_income", 0.1),
                        ("primiparous", 0.03), ("y1", 0.04), ("y2", 0.03), ("y3", 0.05), ("y4", 0.04),
                        ("y5", 0.03)]:
        cols[name][rng.random(n) < share] = np.nan
    frame = pd.DataFrame(cols)
    y_all = frame[[f"y{k}" for k in range(1, 6)]]
    composite = np.where((y_all == 1).any(axis=1), 1.0, np.where((y_all == 0).all(axis=1), 0.0, np.nan))
    frame["TrialOne_adverse_pregoutc"] = composite
    frame["y"] = composite
    frame["stillbirth"] = np.where(rng.random(n) < 0.03, np.nan, (rng.random(n) < 0.01).astype(float))
    def fill(rows, m):
        for name in IMPUTED:
            miss = rows[name].isna().to_numpy()
            if name.startswith("y") or name == "primiparous":
                p = np.clip(np.nanmean(frame[name]), 0.02, 0.98)
                rows.loc[miss, name] = (rng.random(miss.sum()) < p).astype(float)
            else:
                rows.loc[miss, name] = complete[name][rows["_mi_id"].to_numpy(int)[miss] - 1] + rng.normal(
                    0, 0.2 * np.nanstd(frame[name]), size=miss.sum())
        yy = rows[[f"y{k}" for k in range(1, 6)]]
        rows["y"] = np.where((yy == 1).any(axis=1), 1.0, 0.0)
    full = mlong_stack(frame, IMPUTED, M, fill)
    types = {name: "byte" for name in ["arm", "strat_var", "lab_available", "us_available", "primiparous",
                                       "y", "y1", "y2", "y3", "y4", "y5", "stillbirth",
                                       "TrialOne_adverse_pregoutc", "_mi_miss"]}
    types.update({"clusterid": "int", "cluster_size": "double", "age": "float", "bmi": "float",
                  "education": "float", "log_income": "float", "_mi_m": "int", "_mi_id": "long"})
    d.rows(len(full))
    for name in full.columns:
        d.put(name, full[name].to_numpy(), types[name])
    ds = d.dataset()
    ds.chars.update({"_mi_marker": "_mi_ds_1", "_mi_style": "mlong", "_mi_M": str(M),
                     "_mi_ivars": " ".join(IMPUTED), "_mi_pvars": "y", "_mi_rvars": " ".join(REGULAR),
                     "_mi_update": "06dec2026 12:00:00"})
    ds.value_labels["arm_label"] = {1.0: "Intervention", 2.0: "Control"}
    ds.value_label_of["arm"] = "arm_label"
    return ds
