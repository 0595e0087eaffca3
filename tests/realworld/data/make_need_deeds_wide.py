"""Look-alike of a needs-based justice vignette experiment's wide respondent file
(``need_deeds_wide.dta``): respondents ``id`` randomised to one of four kinds of need
``treatment`` 1-4 allocate 1000 units between persons A and B in five cases under two
accountability frames (low/high) and two supply situations (under/over):
``allocation_{a,b}_{low,high}_{under,over}_<case>``, the persons' needs ``need_...`` and
productivities ``productivity_...``; screening flags (``complete``, ``dropout``,
``quota_full``, ``screenout``), attention checks (the string ``checker_justice`` and the 0/1
``checker_winter`` ... ``checker_sunflowers``, the number ``checker_needs``), quality-fail
counts, ``gender``, ``age``, ``household_net_income``, three criteria ratings and four
ratings of each kind of need ``need_type_*`` (some missing)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=11639)
    n = 420
    d.rows(n)
    d.put("id", np.arange(1, n + 1), "int")
    treatment = d.categorical([0.25, 0.25, 0.25, 0.25])
    d.put("treatment", treatment, "byte")
    dropout = d.binary(0.06)
    quota = np.where(dropout == 1, 0, d.binary(0.04))
    screen = np.where((dropout + quota) > 0, 0, d.binary(0.03))
    complete = ((dropout + quota + screen) == 0).astype(int)
    d.put("complete", complete, "byte")
    d.put("dropout", dropout, "byte")
    d.put("quota_full", quota, "byte")
    d.put("screenout", screen, "byte")
    person = d.normal(0, 0.06)
    pull = np.array([0.0, 0.12, 0.08, 0.05, 0.03])[treatment]
    for acc, acc_shift in (("low", 0.0), ("high", -0.02)):
        for sup, sup_shift in (("under", 0.03), ("over", -0.01)):
            for case in range(1, 6):
                need_a = np.round(d.rng.uniform(200, 900, n) / 10) * 10
                need_b = np.round(d.rng.uniform(200, 900, n) / 10) * 10
                share_need = need_a / (need_a + need_b)
                share = 0.5 + pull + acc_shift + sup_shift + 0.4 * (share_need - 0.5) + person \
                    + d.normal(0, 0.08)
                alloc_a = np.clip(np.round(1000 * share / 10) * 10, 0, 1000)
                alloc_a = np.where(complete == 1, alloc_a, np.where(d.binary(0.5) == 1, np.nan, alloc_a))
                stem = f"{acc}_{sup}_{case}"
                d.put(f"allocation_a_{stem}", alloc_a, "int")
                d.put(f"need_a_{stem}", need_a, "int")
                d.put(f"allocation_b_{stem}", 1000 - alloc_a, "int")
                d.put(f"need_b_{stem}", need_b, "int")
                d.put(f"productivity_a_{stem}", d.categorical([0.3, 0.4, 0.3], [1, 2, 3]), "byte")
                d.put(f"productivity_b_{stem}", d.categorical([0.3, 0.4, 0.3], [1, 2, 3]), "byte")
    answers = np.array(["option a", "option b", "option c", "option d", "option e", "option f", "option g"],
                       dtype=object)
    justice = answers[d.categorical([0.05, 0.05, 0.05, 0.05, 0.05, 0.7, 0.05], list(range(7)))]
    justice = np.where(d.binary(0.2) == 1, "", justice)
    d.put("checker_justice", justice, "str8")
    purpose = d.categorical([0.8, 0.04, 0.04, 0.03, 0.03, 0.03, 0.03], list(range(7)))
    for k, name in enumerate(["winter", "house", "drinking", "mill", "wheat", "rye", "sunflowers"]):
        d.put(f"checker_{name}", (purpose == k).astype(int), "byte")
    d.put("checker_needs", d.categorical([0.75, 0.05, 0.05, 0.05, 0.04, 0.03, 0.03],
                                         [1800, 500, 1000, 1200, 1500, 3000, 5000]), "int")
    fails = d.categorical([0.7, 0.2, 0.07, 0.03], [0, 1, 2, 3])
    d.put("number_of_quality_fails", fails, "byte")
    d.put("quality_fail", (fails > 0).astype(int), "byte")
    d.put("gender", d.categorical([0.5, 0.5], [0, 1]), "byte")
    d.put("age", d.uniform_int(18, 74), "byte")
    d.put("household_net_income", np.round(d.rng.lognormal(7.9, 0.5, n) / 50) * 50, "float")
    for name in ("criteria_need", "criteria_productivity", "criteria_equality"):
        d.put(name, d.categorical([0.1, 0.15, 0.25, 0.3, 0.2], [1, 2, 3, 4, 5]), "byte")
    for k, name in enumerate(["survival", "decency", "belonging", "autonomy"]):
        rating = np.clip(np.round(6 - 0.8 * k + d.normal(0, 1.5)), 1, 7)
        d.put(f"need_type_{name}", d.with_missing(rating, 0.05), "byte")
    return d.dataset()
