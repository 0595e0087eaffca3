"""Look-alike of the Scottish 2011 census teaching microdata (``censusmicroteaching11s.dta``,
UK Data Service 8002): one row per person (``persid``), all byte codes with value labels and
-9 for "not applicable" -- ``agegpt`` 1-8, ``sex``, ``health1`` 1-5 (very good .. very bad),
``famcomp``, ``indus1ts`` and ``occupat1t`` (the occupation-by-industry groups a lab builds
with ``egen group()``), ``econac1t``, ``numhrs``, ``cofbt``, ``eths1t``, ``relgs1t``,
``marstat1t``, ``aprxsocgr``, ``restype``, ``student``.  6,000 rows, not the file's 63,388, so
the lab's dozens of fits stay within the harness's limit."""
import numpy as np

from lookalike import LookAlike


def _labels(values, text="c"):
    return {v: (f"{text}{v}" if v != -9 else "n/a") for v in values}


def make():
    d = LookAlike(seed=2011)
    d.rows(6000)
    age = d.categorical([0.17, 0.1, 0.13, 0.15, 0.15, 0.12, 0.1, 0.08])
    sex = d.binary(0.515) + 1
    working = (age >= 2) & (age <= 6) & (d.rng.random(d.n) < 0.72)
    indus = np.where(working, d.categorical([2, 1, 8, 1, 1, 7, 15, 5, 6, 4, 3, 12, 9]), -9)
    occ = np.where(working, d.categorical([10, 18, 13, 11, 11, 9, 8, 7, 13]), -9)
    grp = (indus + 10) * 20 + occ
    u = d.effect(grp, 0.35)
    latent = -2.0 + 0.45 * age + u + 0.1 * (sex == 2)
    health = d.ordinal(latent, [0.0, 1.8, 3.4, 4.6])
    econ = np.where(working, d.categorical([6, 3, 1, 1], [1, 2, 3, 4]),
                    np.where(age == 1, -9, d.categorical([1, 2, 2, 1, 1], [5, 6, 7, 8, 9])))
    numhrs = np.where(working, d.categorical([1, 3, 3, 3], [1, 2, 3, 4]), -9)
    famcomp = np.where(age == 1, -9, d.categorical([4, 3, 2, 1, 1], [1, 2, 3, 4, 5]))
    cols = [
        ("agegpt", age, _labels(range(1, 9), "age")),
        ("aprxsocgr", np.where(working, d.categorical([1, 1, 1, 1], [1, 2, 3, 4]), -9), _labels([-9, 1, 2, 3, 4])),
        ("cofbt", d.binary(0.07) + 1, _labels([1, 2])),
        ("econac1t", econ, _labels([-9, *range(1, 10)])),
        ("eths1t", d.categorical([92, 2, 2, 2, 1, 1]), _labels(range(1, 7))),
        ("famcomp", famcomp, _labels([-9, 1, 2, 3, 4, 5])),
        ("health1", health, _labels(range(1, 6), "h")),
        ("indus1ts", indus, _labels([-9, *range(1, 14)])),
        ("marstat1t", d.categorical([40, 38, 3, 9, 10]), _labels(range(1, 6))),
        ("numhrs", numhrs, _labels([-9, 1, 2, 3, 4])),
        ("occupat1t", occ, _labels([-9, *range(1, 10)])),
    ]
    for name, values, labels in cols:
        d.put(name, values, "byte", value_labels=labels)
    d.put("persid", np.arange(1, d.n + 1), "long")
    d.put("relgs1t", d.categorical([37, 28, 14, 2, 1, 1, 1, 1, 7]), "byte", value_labels=_labels(range(1, 10)))
    d.put("restype", d.binary(0.98) + 1, "byte", value_labels=_labels([1, 2]))
    d.put("sex", sex, "byte", value_labels={1: "m", 2: "f"})
    d.put("student", d.binary(0.81) + 1, "byte", value_labels=_labels([1, 2]))
    return d.dataset()
