"""Look-alike of a household file of the multifaceted "graduation" programme evaluation
(Banerjee et al. 2015) as a replication exercise reads it: households randomised to
``treatment`` within village-hamlets ``vil_ham`` (the fixed effect), an endline-1 flag ``el1``
and five standardised endline indices (assets, consumption, food security, income and
revenues, financial inclusion) with a treatment effect of 0.05-0.3 sd."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12305)
    ids = d.nested(("vil_ham", 120), (None, (6, 14)))
    vil_ham = ids["vil_ham"]
    treatment = d.binary(0.5)
    d.put("hhid", np.arange(1, d.n + 1), "int")
    d.put("treatment", treatment, "byte")
    el1 = d.binary(0.93)
    d.put("el1", el1, "byte")
    for name, effect in (("asset_ind_tot_el1", 0.25), ("index_ctotal_el1", 0.12),
                         ("index_foodsecurity_el1", 0.11), ("ind_increv_updated_el1", 0.28),
                         ("ind_fin_el1", 0.05)):
        v = effect * treatment + d.effect(vil_ham, 0.4) + d.normal(0, 0.9)
        d.put(name, np.where(el1 == 1, np.round(v, 4), np.nan), "float")
    return d.dataset("graduation programme household look-alike")
