"""Look-alike of UCLA's ``hsbdemo.dta`` (200 High School and Beyond students) with the
classroom id ``cid`` used in multilevel examples."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=200)
    ids = d.nested(("cid", 20), (None, (8, 12)))
    c = ids["cid"]
    d.put("id", np.arange(1, d.n + 1), "int")
    d.put("female", d.binary(0.55), "byte", value_labels={0: "male", 1: "female"}, label_name="fl")
    d.put("ses", d.categorical([0.25, 0.45, 0.3]), "byte", value_labels={1: "low", 2: "middle", 3: "high"}, label_name="sl")
    math = np.round(np.clip(52 + d.effect(c, 5) + d.normal(0, 7), 33, 75))
    write = np.round(np.clip(20 + 0.6 * math + d.effect(c, 3) + d.normal(0, 6), 31, 67))
    d.put("math", math, "byte")
    d.put("write", write, "byte")
    d.put("read", np.round(np.clip(15 + 0.7 * math + d.normal(0, 7), 28, 76)), "byte")
    d.put("science", np.round(np.clip(10 + 0.4 * math + 0.4 * write + d.effect(c, 2) + d.normal(0, 6), 26, 74)), "byte")
    d.put("socst", np.round(np.clip(52 + d.normal(0, 10), 26, 71)), "byte")
    return d.dataset("highschool and beyond (200 cases, look-alike)")
