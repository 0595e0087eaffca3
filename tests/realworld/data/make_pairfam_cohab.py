"""Look-alike of a German family-panel extract (adult children ``K*`` in parents'
households ``hhid5``): co-residence ``Kcohab`` with parent and child characteristics."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=5)
    ids = d.nested(("hhid5", 700), (None, (1, 3)))
    h = ids["hhid5"]
    g = lambda v: d.group_constant(h, v)  # noqa: E731 (household-level draw)
    d.put("SSW_gw1", np.round(d.with_missing(d.rng.uniform(1, 10, d.n), 0.2), 2), "float")
    d.put("SSW_gw2", np.round(d.with_missing(d.rng.uniform(1, 10, d.n), 0.2), 2), "float")
    d.put("partner", g(d.binary(0.7)), "byte")
    d.put("Ksex", d.binary(0.5), "byte")
    age = d.uniform_int(18, 35)
    d.put("Kalter", age, "byte")
    d.put("Kycle", d.uniform_int(1, 4), "byte")
    d.put("Keduc", d.uniform_int(1, 4), "byte")
    d.put("Kop", d.uniform_int(1, 7), "byte")
    for name, k in (("Countbaby", 3), ("otherya", 2), ("valueprct", 4), ("Famhome", 2), ("incprct", 4),
                    ("futkat", 3), ("xisced", 5), ("xhealth", 5)):
        d.put(name, g(d.uniform_int(1, k)), "byte")
    d.put("Omps", g(d.binary(0.3)), "byte")
    d.put("Countold", g(d.uniform_int(0, 3)), "byte")
    d.put("octime", g(d.binary(0.5)), "byte")
    d.put("partime", g(d.binary(0.3)), "byte")
    d.put("xalter", g(d.uniform_int(40, 75)), "byte")
    d.put("migration", g(d.binary(0.2)), "byte")
    d.put("kidsout", g(d.uniform_int(0, 3)), "byte")
    d.put("Kcohab", d.bernoulli_logit(2.5 - 0.12 * (age - 18) + d.effect(h, 1.0)), "byte")
    return d.dataset()
