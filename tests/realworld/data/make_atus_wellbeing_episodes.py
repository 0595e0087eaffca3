"""Look-alike of an American Time Use Survey well-being extract (``wellbeing.dta``): 2,500
respondents (``caseid``, ATUS's 14-digit ids) with three rated activity episodes each
(``actline`` of the diary day); ratings 0-6 of happiness, meaning, stress, tiredness and
sadness (``sphappy`` ``spmeaning`` ``spstress`` ``sptired`` ``spsad``, a few missing), the
well-being weights ``awbwt`` (zero or missing for some) and ``wbwt``, couples' work-family
arrangement ``wfa`` (1-7, labelled), ``sex`` (1 man, 2 woman), ``marr_cohab`` (1 married,
2 cohabiting), ``age``, ``numkids`` (0, 1, 2 or more), ``kidu2``, ``raceth`` (1-4),
``collgrad``, ``inschool``, ``year`` (2010, 2012, 2013), ``weekend`` and the episode's
``acttype`` (1-8), time of day ``tod`` (1-4), ``duration`` (minutes) and ``location`` (1-5)."""
import numpy as np

from lookalike import LookAlike

WFA = {1: "both full time", 2: "he full, she part", 3: "he full, she home", 4: "she full, he part",
       5: "she full, he home", 6: "both part or home", 7: "other"}


def make():
    d = LookAlike(seed=2204)
    rng = d.rng
    n = 2500
    person = np.repeat(np.arange(n), 3)
    d.rows(len(person))
    caseid = 20100101000000 + rng.choice(np.arange(10000, 999999), size=n, replace=False) * 10
    year = rng.choice([2010, 2012, 2013], size=n)
    caseid = caseid + (year - 2010) * 10**10
    d.put("caseid", caseid[person].astype(float), "double")
    actline = np.concatenate([np.sort(rng.choice(np.arange(1, 26), size=3, replace=False)) for _ in range(n)])
    d.put("actline", actline, "byte")
    sex = rng.integers(1, 3, size=n)
    wfa = rng.choice(np.arange(1, 8), size=n, p=[0.35, 0.15, 0.15, 0.08, 0.07, 0.12, 0.08])
    happy_p = rng.normal(0, 1.0, size=n)
    stress_p = rng.normal(0, 1.0, size=n)
    names = {"sphappy": (4.2, happy_p), "spmeaning": (4.3, 0.6 * happy_p), "spstress": (1.4, stress_p),
             "sptired": (2.3, 0.5 * stress_p), "spsad": (0.6, 0.4 * stress_p)}
    for name, (mean, p) in names.items():
        value = np.clip(np.round(mean + p[person] + 0.15 * (sex[person] == 2) + rng.normal(0, 1.2, size=d.n)), 0, 6)
        d.put(name, d.with_missing(value, 0.01), "byte")
    awbwt = np.exp(rng.normal(8.5, 0.6, size=n))
    awbwt[rng.random(n) < 0.04] = 0
    d.put("awbwt", d.with_missing(np.round(awbwt, 2)[person], 0.02), "double")
    d.put("wbwt", np.round(awbwt * rng.uniform(0.9, 1.1, size=n), 2)[person], "double")
    d.put("wfa", wfa[person], "byte", value_labels=WFA, label_name="wfa")
    d.put("sex", sex[person], "byte", value_labels={1: "Male", 2: "Female"}, label_name="sexlbl")
    d.put("marr_cohab", rng.choice([1, 2], size=n, p=[0.85, 0.15])[person], "byte",
          value_labels={1: "Married", 2: "Cohabiting"}, label_name="marr")
    d.put("age", rng.integers(18, 80, size=n)[person], "byte")
    d.put("numkids", rng.choice([0, 1, 2], size=n, p=[0.45, 0.2, 0.35])[person], "byte",
          value_labels={0: "None", 1: "One", 2: "Two or more"}, label_name="kids")
    d.put("kidu2", (rng.random(n) < 0.12).astype(int)[person], "byte")
    d.put("raceth", rng.choice([1, 2, 3, 4], size=n, p=[0.7, 0.1, 0.14, 0.06])[person], "byte",
          value_labels={1: "White", 2: "Black", 3: "Hispanic", 4: "Other"}, label_name="race")
    d.put("collgrad", (rng.random(n) < 0.35).astype(int)[person], "byte")
    d.put("inschool", (rng.random(n) < 0.06).astype(int)[person], "byte")
    d.put("year", year[person], "int")
    d.put("weekend", (rng.random(n) < 0.5).astype(int)[person], "byte")
    d.put("acttype", d.uniform_int(1, 8), "byte")
    d.put("tod", d.uniform_int(1, 4), "byte")
    d.put("duration", np.clip(np.round(np.exp(d.normal(3.8, 0.8))), 5, 600), "int")
    d.put("location", d.uniform_int(1, 5), "byte")
    return d.dataset()
