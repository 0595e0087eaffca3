"""The course's growth.dta: Potthoff and Roy's dental growth data (distance from the pituitary
to the pterygomaxillary fissure, mm) -- the real values from ../shared (orthodont.dta) in the
course file's layout: ``id`` 1-11 the girls (F01-F11) and 12-27 the boys (M01-M16),
``gender`` 1 female, 2 male, ``age`` 8-14, ``length`` the distance."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "orthodont.dta", convert_categoricals=False)
    subject = pd.read_stata(base / "orthodont.dta")["subject"].astype(str)
    girl = subject.str.startswith("F")
    number = subject.str[1:].astype(int)
    out = pd.DataFrame({"id": (number + (~girl) * 11).astype(int), "gender": (~girl).astype(int) + 1,
                        "age": d["age"], "length": d["distance"]})
    out = out.sort_values(["id", "age"]).reset_index(drop=True)
    return from_frame(out, types={"id": "byte", "gender": "byte", "age": "byte", "length": "float"},
                      value_labels={"gender": {1: "Female", 2: "Male"}})
