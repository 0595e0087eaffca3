"""Look-alike of the 23-school NELS-88 extract (``math.dta`` of the webinar; Kreft & de Leeuw's
imm23): 519 eighth-graders in 23 schools with school id ``schid``, student id ``stuid``,
socioeconomic status ``ses``, weekly hours of math homework ``homework`` (0-7), the
school's student-teacher ratio ``ratio`` and type ``schtype`` (public/private, labelled),
and the math score ``math``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1988)
    ids = d.nested(("school", 23), (None, (15, 30)))["school"]
    d.columns.pop("school"); d.types.pop("school")
    schools = np.sort(d.rng.choice(np.arange(6000, 80000), size=23, replace=False))
    d.put("schid", schools[ids - 1], "long", label="School ID")
    d.put("stuid", schools[ids - 1] * 10 + np.arange(d.n) % 97, "long", label="Student ID")
    d.put("ses", np.round(d.effect(ids, 0.5) + d.normal(0, 0.75), 2), "float", label="Socioeconomic status")
    hw = np.clip(np.round(2 + d.normal(0, 1.5)), 0, 7)
    d.put("homework", hw, "byte", label="Time spent on math homework each week")
    d.put("ratio", d.group_constant(ids, d.uniform_int(10, 28)), "byte", label="Student-teacher ratio")
    d.put("schtype", d.group_constant(ids, d.categorical([0.75, 0.25], [0, 1])), "byte", label="School type",
          value_labels={0: "Public", 1: "Private"}, label_name="schtype")
    slope = 2.0 + d.effect(ids, 1.5)
    math = 45 + slope * hw + 3 * d.columns["ses"] - 0.2 * d.columns["ratio"] + 4 * d.columns["schtype"] + d.effect(ids, 5) + d.normal(0, 8)
    d.put("math", np.round(np.clip(math, 20, 75)), "byte", label="Math score")
    return d.dataset()
