"""Look-alike of the LEMMA module 7 practical files ``7.1.dta`` ... ``7.6.dta`` (Centre for
Multilevel Modelling, from the 2004 Bangladesh DHS): women in communities ``comm``, antenatal
care from a doctor or nurse ``antemed`` (0/1), mother's age ``mage`` with ``magec`` (centred at
23.6) and ``magecsq``, education ``meduc`` 1-3 with dummies ``meduc2`` ``meduc3``, household
wealth quintile ``wealth`` 1-5 with dummies ``wealth2``-``wealth5`` and ``wealthc`` (centred
at 3.008), and the community's ``urban`` (0/1).  Smaller than the original (about 1,600
women in 110 communities instead of 5,366 in 361)."""
import numpy as np

from lookalike import LookAlike


def build(with_wealthc: bool = True):
    d = LookAlike(seed=2004)
    ids = d.nested(("comm", 110), (None, (9, 20)))
    comm = ids["comm"]
    urban = d.group_constant(comm, d.binary(0.31))
    mage = np.clip(np.round(d.normal(24, 6)), 15, 49)
    d.put("antemed", np.zeros(d.n, dtype=int), "byte")  # filled below, kept first as in the file
    d.put("mage", mage, "byte")
    magec = (mage - 23.6).astype(np.float32)
    d.put("magec", magec, "float")
    d.put("magecsq", (magec.astype(float) ** 2).astype(np.float32), "float")
    meduc = d.categorical([0.35, 0.31, 0.34])
    d.put("meduc", meduc, "byte", value_labels={1: "none", 2: "primary", 3: "secondary+"})
    d.put("meduc2", (meduc == 2).astype(int), "byte")
    d.put("meduc3", (meduc == 3).astype(int), "byte")
    wealth = np.clip(np.round(3 + 0.8 * (urban - 0.3) + d.normal(0, 1.3)), 1, 5).astype(int)
    d.put("wealth", wealth, "byte")
    for k in range(2, 6):
        d.put(f"wealth{k}", (wealth == k).astype(int), "byte")
    wealthc = (wealth - 3.008).astype(np.float32)
    if with_wealthc:
        d.put("wealthc", wealthc, "float")
    d.put("urban", urban, "byte", value_labels={0: "rural", 1: "urban"})
    u0, u1 = d.effect(comm, 0.9), d.effect(comm, 0.2)
    eta = (-0.3 + 0.03 * magec - 0.002 * magec ** 2 + 0.6 * (meduc == 2) + 1.4 * (meduc == 3)
           + (0.35 + u1) * wealthc + 0.5 * urban + u0)
    d.columns["antemed"] = d.bernoulli_logit(eta)
    return d.dataset()


def make():
    return build()
