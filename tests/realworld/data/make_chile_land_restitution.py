"""Look-alike of the plot-year panel of a land-restitution study (``Maindata_FTAI_2025.dta``):
plots ``objectid`` in indigenous communities ``community_ID``, 2001-2019, the year a plot
was restituted ``T_year`` (later than 2019 for the not-yet treated) and the treatment
indicator ``treat``, land-use shares (grass, crop, natural forest, plantation), three
climate controls ``lclim_1``-``lclim_3``, carbon, biodiversity, tree cover on higher and
lower erosion land, vegetation indices ``log_EVI*`` (from 2004), and the plot's distance,
reservation status, number of families and area."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2025)
    ids, year = d.panel("objectid", 450, list(range(2001, 2020)), "year")
    d.put("community_ID", d.group_constant(ids, d.uniform_int(1, 90)), "int")
    tyear = d.group_constant(ids, d.categorical([0.35] + [0.65 / 12] * 12, [2030] + list(range(2004, 2016))))
    d.put("T_year", tyear, "int")
    treat = (year >= tyear).astype(int)
    d.put("treat", treat, "byte")
    base = {}
    for name, mean in (("grass", 0.3), ("crop", 0.1), ("natural", 0.35), ("plantation", 0.25)):
        v = np.clip(mean + d.effect(ids, 0.1) + 0.002 * (year - 2001) - 0.02 * treat + d.normal(0, 0.03), 0, 1)
        base[name] = v
        d.put(name, np.round(v, 4), "float")
    for k in (1, 2, 3):
        d.put(f"lclim_{k}", np.round(d.effect(year, 0.3) + d.effect(ids, 0.5) + d.normal(0, 0.1), 4), "float")
    d.put("log_carbon", np.round(4 + d.effect(ids, 0.4) + d.normal(0, 0.05), 4), "float")
    d.put("biodiv", np.round(0.5 + d.effect(ids, 0.1) + d.normal(0, 0.02), 4), "float")
    for name in ("trees_highero", "trees_lowero"):
        d.put(name, np.round(np.clip(0.4 + d.effect(ids, 0.15) + d.normal(0, 0.03), 0, 1), 4), "float")
    for name in ("log_EVIgrass", "log_EVIcrop", "log_EVInatural", "log_EVIplants"):
        d.put(name, np.where(year >= 2004, np.round(-1 + d.effect(ids, 0.2) + d.normal(0, 0.05), 4), np.nan), "float")
    for name in ("grass", "crop", "natural", "plantation"):
        for side in ("lowero", "highero"):
            d.put(f"{name}_{side}", np.round(np.clip(base[name] + d.normal(0, 0.02), 0, 1), 4), "float")
    d.put("distance", d.group_constant(ids, np.round(d.rng.exponential(8, d.n), 2)), "float")
    d.put("d_reservation", d.group_constant(ids, d.binary(0.3)), "byte")
    d.put("families", d.group_constant(ids, d.uniform_int(3, 120)), "int")
    d.put("area", d.group_constant(ids, np.round(d.rng.exponential(300, d.n) + 5, 1)), "float")
    return d.dataset()
