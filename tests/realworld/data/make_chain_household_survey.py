"""Look-alike of the household survey of the multi-site paediatric cohort
(``hsurv_data_Rural.dta``): one row a child (``record_id`` as in ``make_chain_cohort``, all
but a few present), livestock kept and the numbers of cows, sheep, horses or donkeys and goats,
and whether the household head's income is from farming (a REDCap checkbox ``___1``)."""
import numpy as np

from chain_cohort_design import N_CHILDREN, SEED
from lookalike import LookAlike


def make():
    d = LookAlike(seed=SEED + 1)
    ids = np.arange(1, N_CHILDREN + 1)
    ids = ids[d.rng.random(len(ids)) > 0.03]
    d.rows(len(ids))
    d.put("record_id", ids, "int")
    has = d.binary(0.3)
    d.put("hsurv_has_livestock", has, "byte")
    for name, mean in (("cows", 1.5), ("sheep", 1.0), ("equine", 0.2), ("goats", 2.0)):
        d.put(f"hsurv_num_{name}", np.where(has == 1, d.rng.poisson(mean, len(ids)), np.nan), "byte")
    d.put("hsurv_hsehead_income_src___1", d.binary(0.15), "byte")
    return d.dataset()
