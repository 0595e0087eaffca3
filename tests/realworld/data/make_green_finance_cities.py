"""Look-alike of a prefecture-city panel on green finance and carbon-emission efficiency
(the replication package's analysis file): 269 cities ``id`` (``city``: Chinese city names, the
four municipalities among them) observed 2013-2023 (2,959 rows, as the file's asserts require),
carbon-emission efficiency ``CEE``, the green-finance index ``GF`` and its alternative ``GB``,
controls ``LES`` ``INL`` ``DOW`` ``GOV`` ``FDE`` ``TIL``, mechanism variables ``IS`` ``UI`` ``CG``
``TI``, 0/1 ``Boundary`` and ``OldIndustrial`` and the resource-city type ``ResourceType``
(string: four types, empty for other cities)."""
import numpy as np

from lookalike import LookAlike

MUNICIPALITIES = ["北京市", "天津市", "上海市", "重庆市"]
TYPES = ["成熟型", "成长型", "再生型", "衰退型"]


def make():
    d = LookAlike(seed=2959)
    ids, year = d.panel("id", 269, list(range(2013, 2024)), "year")
    names = np.array(MUNICIPALITIES + [f"城市{k:03d}" for k in range(5, 270)], dtype=object)
    d.put("city", names[ids - 1], "str12")
    kind = d.group_constant(ids, d.categorical([0.45, 0.15, 0.15, 0.1, 0.15], [""] + TYPES))
    d.put("ResourceType", kind, "str9")
    d.put("Boundary", d.group_constant(ids, d.binary(0.3)), "byte")
    d.put("OldIndustrial", d.group_constant(ids, d.binary(0.35)), "byte")
    t = (year - 2013) / 10
    gf = 0.2 + d.effect(ids, 0.06) + 0.25 * t + d.normal(0, 0.03)
    controls = {}
    for name, scale in (("LES", 1.0), ("INL", 0.5), ("DOW", 0.3), ("GOV", 0.2), ("FDE", 1.5), ("TIL", 0.02)):
        controls[name] = scale * (1 + d.effect(ids, 0.3) + 0.2 * t + d.normal(0, 0.05))
    mech = {name: 0.5 + d.effect(ids, 0.1) + 0.4 * gf + d.normal(0, 0.05) for name in ("IS", "UI", "CG", "TI")}
    cee = (0.5 + d.effect(ids, 0.1) + 0.3 * gf + 0.05 * controls["LES"] - 0.1 * controls["GOV"]
           + 0.02 * (year - 2013) / 10 + 0.1 * mech["TI"] + d.normal(0, 0.04))
    d.put("CEE", np.round(cee, 4), "double")
    d.put("GF", np.round(gf, 4), "double")
    for name, values in controls.items():
        d.put(name, np.round(values, 4), "double")
    d.put("GB", np.round(0.8 * gf + d.normal(0, 0.03), 4), "double")
    for name, values in mech.items():
        d.put(name, np.round(values, 4), "double")
    return d.dataset()
