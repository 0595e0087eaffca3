"""Look-alike of ``wfh_tidy_person.dta`` of the working-from-home experiment (Bekes and
Kezdi's case study, chapter 20): 249 call-centre employees (``personid``), ``treatment``
(0/1, about half), ``ordertaker`` (0/1) and the job ``type`` (1-3), ``quitjob`` (0/1, fewer in
the treated), phone calls before and during the experiment for order takers
(``phonecalls0`` ``phonecalls1``, thousands; missing otherwise), performance z-scores
``perform10`` ``perform11``, ``age``, ``male``, education dummies (``second_technical``
``high_school`` ``tertiary_technical`` ``university``), ``prior_experience`` and ``tenure``
(months), ``married``, ``children``, ``ageyoungestchild`` (0 when no child), ``rental``,
``costofcommute``, ``bedroom``, ``internet``, ``basewage``, ``bonus`` and ``grosswage``
(yuan).  The columns are stored in another order than the do-file's ``order`` list."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2306)
    rng = d.rng
    n = 249
    d.rows(n)
    treat = (rng.random(n) < 0.53).astype(int)
    order_taker = (rng.random(n) < 0.55).astype(int)
    children = (rng.random(n) < 0.3).astype(int)
    edu = rng.choice(4, size=n, p=[0.35, 0.35, 0.2, 0.1])
    d.put("personid", np.arange(1, n + 1), "int")
    d.put("age", rng.integers(18, 36, size=n), "byte")
    d.put("male", d.binary(0.48), "byte")
    d.put("grosswage", np.round(rng.normal(3000, 700, size=n)), "float")
    d.put("basewage", np.round(rng.normal(1500, 200, size=n)), "float")
    d.put("bonus", np.round(rng.normal(1400, 500, size=n)), "float")
    d.put("treatment", treat, "byte")
    d.put("ordertaker", order_taker, "byte")
    d.put("type", np.where(order_taker == 1, 1, rng.integers(2, 4, size=n)), "byte",
          value_labels={1: "order", 2: "service", 3: "other"}, label_name="type")
    d.put("quitjob", (rng.random(n) < np.where(treat == 1, 0.17, 0.35)).astype(int), "byte")
    calls0 = np.exp(rng.normal(0.3, 0.4, size=n))
    d.put("phonecalls0", np.where(order_taker == 1, np.round(calls0, 3), np.nan), "float")
    d.put("phonecalls1", np.where(order_taker == 1, np.round(calls0 * (1 + 0.1 * treat) * np.exp(rng.normal(0, 0.2, n)), 3),
                                  np.nan), "float")
    d.put("perform10", np.round(rng.normal(0, 1, size=n), 3), "float")
    d.put("perform11", np.round(rng.normal(0.2 * treat, 1, size=n), 3), "float")
    for k, name in enumerate(["second_technical", "high_school", "tertiary_technical", "university"]):
        d.put(name, (edu == k).astype(int), "byte")
    d.put("prior_experience", rng.integers(0, 80, size=n), "byte")
    d.put("tenure", rng.integers(6, 60, size=n), "byte")
    d.put("married", d.binary(0.25), "byte")
    d.put("children", children, "byte")
    d.put("ageyoungestchild", np.where(children == 1, rng.integers(0, 10, size=n), 0), "byte")
    d.put("rental", d.binary(0.2), "byte")
    d.put("costofcommute", np.round(rng.gamma(2, 3, size=n), 1), "float")
    d.put("bedroom", d.binary(0.7), "byte")
    d.put("internet", d.binary(0.85), "byte")
    return d.dataset()
