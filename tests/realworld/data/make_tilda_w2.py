"""Look-alike of the TILDA wave 2 public file (ICPSR 37105, 2012-13) as the workshop uses
it: upper-case names (the notes ``rename _all, lower``), the CASP-19 quality-of-life total
``MHCASP19_TOTAL`` (often missing), age top- and bottom-coded with value label ``AGE``
(51 "Less than 52", 82 "82+"), social class ``W2SOCIALCLASS`` (six labelled classes),
sex ``GD002`` and the household and sampling-cluster identifiers."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3710)
    ids = d.nested(("CLUSTER", 250), ("HOUSEHOLD", (4, 10)), (None, (1, 2)))
    hh = ids["HOUSEHOLD"]
    extra = d.binary(0.04) == 1  # a few three-person households
    d.put("ID", np.arange(1, d.n + 1), "long")
    age = np.clip(np.round(d.rng.uniform(49, 86, d.n)), 51, 82)
    d.put("AGE", age, "byte", value_labels={51: "Less than 52", 82: "82+"}, label_name="AGE")
    d.put("GD002", d.categorical([0.44, 0.56]), "byte", value_labels={1: "Male", 2: "Female"}, label_name="GD002")
    cls = d.with_missing(d.categorical([0.05, 0.26, 0.3, 0.17, 0.17, 0.05]), 0.07)
    d.put("W2SOCIALCLASS", cls, "byte",
          value_labels={1: "Professional", 2: "Managerial & Technical", 3: "Non-Manual", 4: "Skilled",
                        5: "Semi-skilled", 6: "Unskilled"}, label_name="W2SOCIALCLASS")
    female = (d.columns["GD002"] == 2).astype(float)
    shift = np.nan_to_num(np.array([0, 0, 0.2, -1.1, -1.8, -3.0, -3.6])[np.nan_to_num(cls).astype(int)])
    qol = np.round(44.8 + shift + 0.57 * female + d.effect(hh, 4.8) + d.normal(0, 6.2))
    d.put("MHCASP19_TOTAL", d.with_missing(np.clip(qol, 4, 57), 0.25), "byte")
    del extra
    return d.dataset()
