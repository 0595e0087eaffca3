"""Look-alike of ``analysis_sample_5655_v2.csv``: adult children (``g1_id``) and their parents
in up to five survey waves (``wave`` 1-5; ``num_waves`` the waves a child is seen), as
``import delimited`` reads an R export: whether the child lives with the parents (``cores``),
the parents' marriage, employment, age, health insurance, Medicare, home ownership, pension,
retirement and transfer income, the child's children, child expenses, insurance, job search and
schooling, the state (``g1_state``) and two state series written as strings with "NA"
(``fmhpi``, ``state_ur``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3504)
    ids, wave = d.panel("g1_id", 700, [1, 2, 3, 4, 5], "wave", dropout=0.15)
    n = d.n
    counts = np.bincount(ids)[ids]
    d.put("num_waves", counts, "byte")
    state = d.group_constant(ids, d.categorical([1 / 12] * 12, [6, 12, 13, 17, 26, 36, 37, 39, 42, 47, 48, 51]))
    d.put("g1_state", state, "byte")
    u = d.effect(ids, 0.9)
    year = 2003 + 2 * wave
    ur = np.round(4.5 + 0.4 * (state % 5) + np.where(year >= 2009, 3.5, 0.0) + d.normal(0, 0.3), 1)
    hpi = np.round(150 + 4 * (state % 7) + np.where(year >= 2009, -25, 10) + d.normal(0, 4), 2)
    as_text = lambda v, share: np.where(d.rng.random(n) < share, "NA", np.char.mod("%g", v)).astype(object)
    d.put("fmhpi", as_text(hpi, 0.01), "str6")
    d.put("state_ur", as_text(ur, 0.01), "str4")
    married = d.binary(0.7)
    medicare = (d.group_constant(ids, d.uniform_int(45, 75)) + 2 * (wave - 1) >= 65).astype(int)
    kid1 = d.binary(0.35)
    own = d.group_constant(ids, d.binary(0.75))
    emphealth = d.binary(0.6)
    transfer = np.round(np.maximum(0, d.normal(1500, 2500)), 0)
    job_search = d.binary(0.12)
    eta = -1.2 - 0.3 * married + 0.2 * medicare - 0.6 * kid1 + 0.2 * own - 0.4 * emphealth \
        + 0.08 * (ur - 6) + 0.5 * job_search + 0.1 * (wave - 3) + u
    d.put("cores", (eta + d.normal() > 0).astype(int), "byte")
    d.put("g0_m_married", married, "byte")
    d.put("g0_m_employed", d.binary(0.55), "byte")
    d.put("g0_max_age", d.group_constant(ids, d.uniform_int(45, 75)) + 2 * (wave - 1), "byte")
    d.put("g1_kid1_fu", kid1, "byte")
    d.put("g1_kid2_fu", kid1 * d.binary(0.4), "byte")
    d.put("g1_child_exp", np.round(kid1 * np.maximum(0, d.normal(4000, 3000)), 0), "long")
    d.put("g1_emphealth", emphealth, "byte")
    d.put("g1_pubhealth", d.binary(0.1), "byte")
    d.put("g1_job_search", job_search, "byte")
    d.put("g1_some_coll", d.group_constant(ids, d.binary(0.55)), "byte")
    d.put("g0_emphealth", d.binary(0.5), "byte")
    d.put("g0_medicare", medicare, "byte")
    d.put("g0_own", own, "byte")
    d.put("g0_pension", d.group_constant(ids, d.binary(0.4)), "byte")
    d.put("g0_d_retired", d.binary(0.3), "byte")
    d.put("g0_transfer_inc", transfer, "long")
    return d.dataset()
