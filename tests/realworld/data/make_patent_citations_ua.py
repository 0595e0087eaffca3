"""Look-alike of a knowledge-flows project's urban-area-by-year estimation file: urban areas
``uaid`` over ``year`` 1990-2013, three rows per area-year by ``citation_type`` (100 = all
citations, 2 = applicant, 3 = examiner), citations received ``cit_recd_total`` (a count),
the shares of citations made locally/non-locally within/outside the assignee
(``rcit_made_localinternal``, ``rcit_made_localexternal``, ``rcit_made_nonlocalinternal``,
``rcit_made_other``; the reference share is left out), ``techclass_diversity``, log inventor
pool ``lnpool``, year dummies ``d1990``-``d2013`` and technology-subcategory shares
``percentsubcat1``-``percentsubcat6`` (a seventh category is the rest)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=314)
    years = list(range(1990, 2014))
    n_ua, n_t = 60, len(years)
    ua = np.repeat(np.arange(1, n_ua + 1), n_t * 3)
    year = np.tile(np.repeat(years, 3), n_ua)
    ctype = np.tile([100, 2, 3], n_ua * n_t)
    d.rows(len(ua))
    d.put("uaid", ua, "int")
    d.put("year", year, "int")
    d.put("citation_type", ctype, "byte")
    area = d.effect(ua, 0.8)
    shares = d.rng.dirichlet([3, 2, 4, 6, 3], size=d.n)
    div = np.round(np.clip(0.6 + 0.1 * area + d.normal(0, 0.08), 0.05, 0.98), 4)
    lnpool = np.round(4 + area + 0.04 * (year - 1990) + d.normal(0, 0.2), 4)
    mu = 1.5 + 0.5 * area + 0.6 * lnpool / 4 + 0.8 * shares[:, 0] - 0.02 * (year - 1990)
    d.put("cit_recd_total", d.rng.negative_binomial(3, 3 / (3 + np.exp(mu))), "long")
    for k, name in enumerate(["rcit_made_localinternal", "rcit_made_localexternal",
                              "rcit_made_nonlocalinternal", "rcit_made_other"]):
        d.put(name, np.round(shares[:, k], 4), "float")
    d.put("techclass_diversity", div, "float")
    d.put("lnpool", lnpool, "float")
    for y in years:
        d.put(f"d{y}", (year == y).astype(np.int8), "byte")
    sub = d.rng.dirichlet([2] * 7, size=d.n)
    for k in range(6):
        d.put(f"percentsubcat{k + 1}", np.round(sub[:, k], 4), "float")
    return d.dataset()
