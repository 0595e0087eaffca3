"""Look-alike of the Junior School Project extract used in value-added teaching (728 pupils
in 48 London primary schools): maths scores in years 1 and 3 (``math_yr1``, ``math_yr3``),
indicator columns named as a spreadsheet export names them (``gender__boy_1``,
``social_class_ses__manual_1``), a school effect on year-3 maths and a school-specific
slope on year-1 maths."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12002)
    ids = d.nested(("school_id", 48), (None, (8, 22)))
    school = ids["school_id"]
    d.put("pupil_id", np.arange(1, d.n + 1), "int")
    boy = d.binary(0.52)
    manual = d.binary(0.45)
    yr1 = np.clip(np.round(d.normal(25, 6) - 1.5 * manual), 0, 40)
    slope = 0.64 + d.effect(school, 0.06)
    yr3 = 15 + slope * (yr1 - 25) + 16 - 0.4 * boy - 0.7 * manual + d.effect(school, 1.8) + d.normal(0, 4.4)
    d.put("gender__boy_1", boy, "byte")
    d.put("social_class_ses__manual_1", manual, "byte")
    d.put("math_yr1", yr1, "byte")
    d.put("math_yr3", np.clip(np.round(yr3), 0, 40), "byte")
    return d.dataset("JSP look-alike")
