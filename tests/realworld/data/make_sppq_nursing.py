"""Look-alike of Boehmke & Shipan's nursing-home inspection file (``boehmke-shipan2015sppq``):
nursing homes ``provnum`` (text id) in states (``state`` two letters, ``stateno`` 1..30) over
``year`` 2002-2005; deficiency citations ``def_all`` (overdispersed count); state politics --
Democratic governor ``govdem``, Democratic share of the legislature ``leg_dem_pct``,
professionalism ``legp_squire_ipol`` and their product ``leg_dem_pct_legp``, unified control
``unifiedD``/``unifiedR``, ``termlimits``, citizen ideology ``citi6010`` -- and facility
controls (staffing ``rnhrspc``/``cnahrspc``, occupancy ``bedsocc``, payer shares ``med_caid``/
``med_both``, ``hospital``, ``multiown``, residents ``numres``, ownership ``own_prof``/
``own_nonp``), with survey-type indicators ``hlthsurv``/``firesurv``."""
import numpy as np

from lookalike import LookAlike


STATES = ["AL", "AZ", "AR", "CA", "CO", "CT", "FL", "GA", "IL", "IN", "IA", "KS", "KY", "LA", "MD",
          "MA", "MI", "MN", "MO", "NJ", "NY", "NC", "OH", "OK", "OR", "PA", "TN", "TX", "VA", "WA"]


def make():
    d = LookAlike(seed=2015)
    homes, year = d.panel("home", 360, [2002, 2003, 2004, 2005], "year", dropout=0.1)
    stateno = d.group_constant(homes, d.uniform_int(1, len(STATES)))
    st_year = stateno * 10000 + year
    sy = lambda v: d.group_constant(st_year, v)  # noqa: E731
    st = lambda v: d.group_constant(stateno, v)  # noqa: E731
    legp = np.round(st(d.rng.uniform(0.05, 0.65, d.n)), 4)
    leg_dem = np.round(np.clip(st(d.rng.uniform(0.3, 0.7, d.n)) + sy(d.normal(0, 0.02)), 0.2, 0.85), 4)
    govdem = sy(d.binary(0.5))
    unified = sy(d.categorical([0.5, 0.25, 0.25], [0, 1, 2]))
    home = d.effect(homes, 0.4)
    hospital = d.group_constant(homes, d.binary(0.1))
    own_prof = d.group_constant(homes, d.binary(0.65))
    own_nonp = (1 - own_prof) * d.group_constant(homes, d.binary(0.8))
    numres = d.group_constant(homes, d.uniform_int(30, 220)) + d.uniform_int(-5, 5)
    mu = 1.6 + 0.5 * leg_dem - 0.8 * legp + 0.2 * own_prof + 0.002 * numres + st(d.normal(0, 0.2)) + home
    d.put("provnum", np.array([f"{s:02d}{h:04d}" for s, h in zip(stateno, homes)], dtype=object), "str6")
    d.put("state", np.array(STATES, dtype=object)[stateno - 1], "str2")
    d.put("stateno", stateno, "byte")
    d.put("def_all", d.rng.negative_binomial(2, 2 / (2 + np.exp(mu))), "int")
    d.put("govdem", govdem, "byte")
    d.put("leg_dem_pct", leg_dem, "float")
    d.put("legp_squire_ipol", legp, "float")
    d.put("leg_dem_pct_legp", np.round(leg_dem * legp, 5), "float")
    d.put("unifiedD", (unified == 1).astype(np.int8), "byte")
    d.put("unifiedR", (unified == 2).astype(np.int8), "byte")
    d.put("termlimits", st(d.binary(0.4)), "byte")
    d.put("citi6010", np.round(st(d.rng.uniform(25, 80, d.n)) + sy(d.normal(0, 2)), 3), "float")
    d.put("rnhrspc", np.round(np.abs(0.3 + d.normal(0, 0.12)), 4), "float")
    d.put("cnahrspc", np.round(np.abs(2.2 + d.normal(0, 0.5)), 4), "float")
    d.put("bedsocc", np.round(np.clip(0.85 + d.normal(0, 0.1), 0.3, 1), 4), "float")
    d.put("med_caid", np.round(np.clip(0.6 + d.normal(0, 0.15), 0, 1), 4), "float")
    d.put("med_both", d.group_constant(homes, d.binary(0.85)), "byte")
    d.put("hospital", hospital, "byte")
    d.put("multiown", d.group_constant(homes, d.binary(0.55)), "byte")
    d.put("numres", numres, "int")
    d.put("own_prof", own_prof, "byte")
    d.put("own_nonp", own_nonp.astype(np.int8), "byte")
    hl = d.binary(0.8)
    d.put("hlthsurv", hl, "byte")
    d.put("firesurv", (1 - hl).astype(np.int8), "byte")
    del d.columns["home"], d.types["home"]
    return d.dataset()
