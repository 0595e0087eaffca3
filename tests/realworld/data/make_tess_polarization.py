"""Look-alike of a TESS survey experiment's respondent file (``experiment data.dta``):
feeling thermometers of candidates A and B (0-100), the polarization treatment
``polarized`` (0/1), the four-arm assignment ``XTESS078`` (1-4: treatment by biographical
information), ideology 1-11, party identification ``XPARTY7`` 1-7, GfK profile variables
``PPAGE``, ``PPEDUC`` (1-14), ``PPETHM`` (1-5), ``PPGENDER`` (1/2), a political-interest
flag ``ext_very_interested`` and the post-stratification ``weight``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=78)
    d.rows(1500)
    arm = d.uniform_int(1, 4)
    pol = (arm >= 3).astype(int)
    # the arms are labelled (the replication's lincom names them _subpop_1 ... _subpop_4, the
    # names Stata 13 gives value labels that are not names)
    d.put("XTESS078", arm, "byte", value_labels={1: "Bio info, not polarized", 2: "No bio info, not polarized",
                                                 3: "Bio info, polarized", 4: "No bio info, polarized"})
    d.put("polarized", pol, "byte")
    ideo = np.clip(np.round(d.normal(6, 2.5)), 1, 11).astype(int)
    d.put("ideology", ideo, "byte")
    d.put("XPARTY7", np.clip(np.round((ideo - 1) * 0.6 + 1 + d.normal(0, 1)), 1, 7), "byte")
    d.put("PPAGE", d.uniform_int(18, 90), "byte")
    d.put("PPEDUC", d.uniform_int(1, 14), "byte")
    d.put("PPETHM", d.categorical([0.65, 0.12, 0.03, 0.15, 0.05]), "byte")
    d.put("PPGENDER", d.categorical([0.48, 0.52]), "byte")
    d.put("ext_very_interested", d.binary(0.3), "byte")
    lean = (ideo - 6) / 5.0
    a = np.clip(np.round(55 - 20 * lean * (1 + pol) + d.normal(0, 18)), 0, 100)
    b = np.clip(np.round(55 + 20 * lean * (1 + pol) + d.normal(0, 18)), 0, 100)
    d.put("candAtherm", a, "int")
    d.put("candBtherm", b, "int")
    d.put("weight", np.round(d.rng.lognormal(0, 0.4, d.n), 4), "float")
    return d.dataset()
