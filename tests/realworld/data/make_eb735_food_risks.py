"""Look-alike of the Eurobarometer 73.5 analysis file of a study of food-risk concerns across
European nations: 28 nations ``nation`` (codes 1-30 without 15 and 25, labelled with country
names), 45 respondents each, design weights ``V8`` (within nation) and ``V34`` (Europe-wide).
Outcomes: mean concern about biological and chemical/technological food risks ``bio``,
``chemtech`` (1-4); perceived ability to avoid them ``avoidbio``, ``avoidchemt`` (1-4).  Person
covariates ``female`` ``marital`` (1-4) ``haschild`` ``educage`` ``inschool`` ``manag``
``age`` ``diffbills`` (1-3) ``urban`` (1-3); trust in institutions ``eu`` ``natgov``
``farmer`` ``manu`` ``retailer`` ``enviro`` ``consumer`` ``media`` (0/1) and ``safer`` (1-4);
nation covariates ``unnaturalgmo`` ``HHIretail`` ``nettrade`` ``medcoveragem`` ``natmedcov``
and the person-level ``medcoverage``.  ``build_frame`` is shared with the imputed file
``eb735_food_risks_mi``."""
import numpy as np
import pandas as pd

from lookalike import LookAlike

NATIONS = [n for n in range(1, 31) if n not in (15, 25)]
NAMES = ["Belgium", "Denmark", "Germany", "Greece", "Spain", "France", "Ireland", "Italy", "Luxembourg",
         "Netherlands", "Portugal", "United Kingdom", "Austria", "Sweden", "Finland", "Cyprus", "Czech Republic",
         "Estonia", "Hungary", "Latvia", "Lithuania", "Malta", "Poland", "Slovakia", "Slovenia", "Bulgaria",
         "Romania", "Turkey", "Croatia", "Macedonia"]
PER_NATION = 45


def build_frame(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    k = len(NATIONS)
    nation = np.repeat(NATIONS, PER_NATION)
    n = len(nation)
    pos = np.repeat(np.arange(k), PER_NATION)
    nat = lambda v: np.asarray(v)[pos]
    u0, u1 = rng.normal(0, 0.25, size=k), rng.normal(0, 0.08, size=k)
    safer = rng.integers(1, 5, size=n).astype(float)
    avoidbio = rng.integers(1, 5, size=n).astype(float)
    avoidchemt = rng.integers(1, 5, size=n).astype(float)
    female = rng.integers(0, 2, size=n).astype(float)
    age = rng.integers(15, 90, size=n).astype(float)
    frame = pd.DataFrame({
        "nation": nation.astype(float),
        "V8": np.round(rng.uniform(0.4, 2.2, size=n), 4), "V34": np.round(nat(rng.uniform(0.1, 3, size=k)) * rng.uniform(0.5, 1.5, size=n), 4),
        "female": female, "marital": rng.integers(1, 5, size=n).astype(float), "haschild": rng.integers(0, 2, size=n).astype(float),
        "educage": np.round(rng.normal(18, 3, size=n)), "inschool": (rng.random(n) < 0.08).astype(float),
        "manag": (rng.random(n) < 0.1).astype(float), "age": age, "diffbills": rng.integers(1, 4, size=n).astype(float),
        "urban": rng.integers(1, 4, size=n).astype(float),
        "avoidbio": avoidbio, "avoidchemt": avoidchemt, "safer": safer,
    })
    for name in ["eu", "natgov", "farmer", "manu", "retailer", "enviro", "consumer", "media"]:
        frame[name] = (rng.random(n) < 0.5).astype(float)
    frame["unnaturalgmo"] = nat(np.round(rng.uniform(0.4, 0.9, size=k), 3))
    frame["HHIretail"] = nat(np.round(rng.uniform(300, 2500, size=k)))
    frame["nettrade"] = nat(np.round(rng.normal(0, 5, size=k), 2))
    frame["medcoveragem"] = nat(np.round(rng.uniform(1, 3, size=k), 3))
    frame["natmedcov"] = nat(np.round(rng.uniform(0, 1, size=k), 3))
    frame["medcoverage"] = rng.integers(1, 5, size=n).astype(float)
    base = 2.8 + nat(u0) + 0.1 * female - 0.08 * safer
    frame["chemtech"] = np.round(np.clip(base + nat(u1) * (avoidchemt - 2.5) - 0.05 * avoidchemt + rng.normal(0, 0.55, size=n), 1, 4), 2)
    frame["bio"] = np.round(np.clip(base - 0.1 + nat(u1) * (avoidbio - 2.5) - 0.05 * avoidbio + rng.normal(0, 0.55, size=n), 1, 4), 2)
    return frame


def to_dataset(frame: pd.DataFrame, d: LookAlike):
    d.rows(len(frame))
    byte = {"nation", "female", "marital", "haschild", "inschool", "manag", "diffbills", "urban", "avoidbio",
            "avoidchemt", "safer", "eu", "natgov", "farmer", "manu", "retailer", "enviro", "consumer", "media",
            "medcoverage", "educage", "age", "_mi_miss"}
    for name in frame.columns:
        vtype = "int" if name in ("_mi_m", "_mi_id") else ("byte" if name in byte else "float")
        d.put(name, frame[name].to_numpy(), vtype)
    d.value_labels["nation"] = {float(c): NAMES[i] for i, c in enumerate(NATIONS)}
    d.value_label_of["nation"] = "nation"
    return d.dataset()


def make():
    return to_dataset(build_frame(138031), LookAlike(seed=138031))
