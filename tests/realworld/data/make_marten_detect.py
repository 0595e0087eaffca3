"""Look-alike of a camera-trap sheet (marten detections per grid cell, read with
``import excel, firstrow``): detect is text 0/1, distance covariates per cell."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2019)
    ids = d.nested(("grid_cell", 16), (None, (2, 3)))
    c = ids["grid_cell"]
    g = lambda v: d.group_constant(c, v)  # noqa: E731
    for name in ("cut_100", "edge_100", "roads_100", "dist_marine", "dist_riparian"):
        v = np.round(g(d.rng.uniform(0, 1, d.n)), 3)
        d.put(name, v, "float")
        quad = {"edge_100": "quad_edge_100", "roads_100": "quad_road_100", "dist_marine": "quad_marine",
                "dist_riparian": "quad_riparian"}.get(name)
        if quad:
            d.put(quad, np.round(v ** 2, 4), "float")
    d.put("cluster", g(d.uniform_int(1, 4)), "byte")
    d.put("year", d.uniform_int(2016, 2018), "int")
    d.put("AvgOfAvgOfTemp_C", np.round(d.normal(8, 5), 2), "float")
    y = d.bernoulli_logit(-0.5 + 1.2 * d.columns["cut_100"] + d.effect(c, 0.8))
    d.put("detect", np.array([str(v) for v in y], dtype=object), "str1")
    return d.dataset()
