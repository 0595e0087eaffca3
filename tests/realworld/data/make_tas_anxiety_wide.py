"""Look-alike of a course project's recoded wide file from the PSID Transition into Adulthood
Supplement (four waves): one row per young adult ``PID`` (ER30001*1000 + ER30002 style
ids), anxiety score ``anxiety1``-``anxiety4`` (1-7), light physical activity ``active#``
(0/1, labelled), employment ``employed#`` (0/1, labelled, .a/.c for other/refused), annual
earnings ``salary#`` (.a/.b don't know/refused), self-rated good health ``goodhealth#``,
``bmi#``, race ``race1``-``race4`` (1 White, 2 Black/African American, 3 Other) and
``education`` (three levels).  362 rows are complete; about 60 more have a missing wave.
Anxiety has a person level and slope, activity and employment grow with the waves."""
import numpy as np

from lookalike import LookAlike

COMPLETE = 362
EXTRA = 60


def make():
    d = LookAlike(seed=14020)
    n = COMPLETE + EXTRA
    d.rows(n)
    fam = np.sort(d.rng.choice(np.arange(1, 7000), size=n, replace=False))
    d.put("PID", fam * 1000 + d.rng.integers(1, 200, n), "long")
    level = d.normal(3.5, 1.15)
    slope = d.normal(-0.04, 0.27)
    incomplete = np.zeros(n, dtype=bool)
    incomplete[d.rng.choice(n, size=EXTRA, replace=False)] = True
    yes_no = {0: "No", 1: "Yes"}
    stubs = {}
    for w in range(1, 5):
        stubs[("anxiety", w)] = (np.clip(np.round(level + slope * (w - 1) + d.normal(0, 0.9)), 1, 7), "byte", None)
        stubs[("active", w)] = (d.binary(0.1 + 0.17 * (w - 1)), "byte", {0: "Not activity", 1: "Active"})
        stubs[("employed", w)] = (d.binary(0.45 + 0.11 * (w - 1)), "byte", {0: "Unemployed", 1: "Employed"})
        sal = np.round(np.where(d.binary(0.5) == 1, 0, np.exp(d.normal(8.5 + 0.3 * w, 0.9))), -2)
        stubs[("salary", w)] = (sal, "long", None)
        stubs[("goodhealth", w)] = (d.binary(0.67), "byte", yes_no)
        stubs[("bmi", w)] = (np.round(np.clip(d.normal(24.8 + 0.8 * (w - 1), 5), 15.6, 59.5), 1), "float", None)
    race = d.categorical([0.55, 0.33, 0.12], [1, 2, 3])
    race_labels = {1: "White", 2: "Black/African American", 3: "Other"}
    # which wave/variable goes missing for the incomplete rows
    names = [k for k in stubs]
    holes = {k: np.zeros(n, dtype=bool) for k in names}
    for i in np.flatnonzero(incomplete):
        holes[names[d.rng.integers(len(names))]][i] = True
    for stub in ("anxiety", "active", "employed", "salary", "goodhealth", "bmi"):
        for w in range(1, 5):
            values, vtype, labels = stubs[(stub, w)]
            values = np.where(holes[(stub, w)], np.nan, values.astype(float))
            d.put(f"{stub}{w}", values, vtype, value_labels=labels,
                  label_name={"active": "active1", "employed": "employed1", "goodhealth": "gh"}.get(stub))
    for w in range(1, 5):
        d.put(f"race{w}", race, "byte", value_labels=race_labels, label_name=f"race{w}a")
    d.put("education", d.categorical([0.28, 0.69, 0.03], [1, 2, 3]), "byte",
          value_labels={1: "No college", 2: "Some college", 3: "College or higher"})
    return d.dataset()
