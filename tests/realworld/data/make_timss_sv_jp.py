"""Look-alike of a TIMSS 2015 grade-8 student extract for El Salvador (``IDCNTRY`` 222) and
Japan (392): schools ``IDSCHOOL``, total student weight ``TOTWGT``, sex ``E_SEX`` (1 girl,
2 boy, some missing), books at home ``E_BOOK`` (1-5, some missing) and five maths plausible
values ``BSMMAT01``-``BSMMAT05`` (El Salvador about 390, Japan about 580, sd 80)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13902)
    ids = d.nested(("IDSCHOOL", 70), (None, (15, 30)))
    school = ids["IDSCHOOL"]
    japan = d.group_constant(school, d.binary(0.5)).astype(bool)
    d.put("IDCNTRY", np.where(japan, 392, 222), "int",
          value_labels={222: "El Salvador", 392: "Japan"}, label_name="IDCNTRY")
    d.put("TOTWGT", np.round(d.group_constant(school, d.rng.uniform(20, 90, d.n)) * d.rng.uniform(0.8, 1.2, d.n), 4), "double")
    sex = d.with_missing(d.categorical([0.5, 0.5]), 0.01)
    book = d.with_missing(d.categorical([0.25, 0.3, 0.2, 0.15, 0.1]), 0.03)
    d.put("E_SEX", sex, "byte", value_labels={1: "GIRL", 2: "BOY"}, label_name="SEX")
    d.put("E_BOOK", book, "byte", value_labels={1: "0-10", 2: "11-25", 3: "26-100", 4: "101-200", 5: ">200"},
          label_name="BOOK")
    ability = (np.where(japan, 580.0, 390.0) + 15 * np.nan_to_num(book, nan=2.0)
               + d.effect(school, 35) + d.normal(0, 65))
    for k in range(1, 6):
        d.put(f"BSMMAT0{k}", np.round(ability + d.normal(0, 25), 5), "double")
    return d.dataset()
