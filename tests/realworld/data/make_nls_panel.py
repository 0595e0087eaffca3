"""Look-alike of Hill, Griffiths & Lim's ``nls_panel.dta`` (NLS young women 1982-88, 5
waves): id, year, lwage, educ, south, black, union, exper(2), tenure(2).  South is the
region of residence: constant within most panels, but about one woman in sixteen moves
across the region border at a later wave (the real file's ``south`` varies within panels:
the chapter's ``xtreg, fe`` estimates it and ``xthtaylor`` treats it as time varying)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=716)
    ids, year = d.panel("id", 716, [82, 83, 85, 87, 88], "year")
    educ = d.group_constant(ids, d.uniform_int(9, 18))
    exper = np.round(d.group_constant(ids, d.rng.uniform(1, 15, d.n)) + (year - 82), 2)
    tenure = np.round(np.clip(exper - d.rng.uniform(0, 5, d.n), 0, None), 2)
    for name, v, t in (("educ", educ, "byte"), ("south", d.group_constant(ids, d.binary(0.4)), "byte"),
                       ("black", d.group_constant(ids, d.binary(0.28)), "byte"), ("union", d.binary(0.25), "byte"),
                       ("exper", exper, "float"), ("exper2", np.round(exper ** 2, 2), "float"),
                       ("tenure", tenure, "float"), ("tenure2", np.round(tenure ** 2, 2), "float")):
        d.put(name, v, t)
    d.put("lwage", np.round(0.5 + 0.07 * educ + 0.03 * exper + d.effect(ids, 0.3) + d.normal(0, 0.2), 4), "float")
    # the movers, drawn last so the other variables keep their values
    movers = d.group_constant(ids, d.binary(1 / 16)).astype(bool)
    moved_from = d.group_constant(ids, d.rng.choice([83, 85, 87, 88], d.n))
    south = d.columns["south"]
    south[movers & (year >= moved_from)] = 1 - south[movers & (year >= moved_from)]
    return d.dataset()
