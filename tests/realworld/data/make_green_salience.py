"""Look-alike of ``stata-replication-green.dta`` (Gessler and Hunger's party-salience data):
parties ``parlgov_id`` of nine countries (``country`` "AT" "DE" "DK" "ES" "IE" "NL" "PL" "SE"
"UK") observed monthly, the daily ``date`` (%td, mid-month) of each observation, the
party's salience of the environment ``sal``, the Green party's salience ``sal_green_p`` and
polling ``polls_green``, and the party's own ``polling`` (missing now and then)."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = ["AT", "DE", "DK", "ES", "IE", "NL", "PL", "SE", "UK"]


def make():
    d = LookAlike(seed=2015)
    months = list(range(660, 660 + 36))  # 2015m1 .. 2017m12
    ids, month = d.panel("parlgov_id", 54, months, "month")
    country_of = np.repeat(np.arange(len(COUNTRIES)), 6)[ids - 1]
    # days since 1960-01-01 of the 15th of each month
    start = np.datetime64("1960-01-01")
    first = np.array([np.datetime64("1960-01") + int(m) for m in month]).astype("datetime64[D]")
    date = (first - start).astype(int) + 14
    green_level = d.effect(country_of, 3.0)
    sal_green = np.round(np.clip(8 + green_level + d.normal(0, 2.0), 0, None), 3)
    sal = np.zeros(d.n)
    party = d.effect(ids, 1.0)
    for i in np.unique(ids):
        rows = np.flatnonzero(ids == i)
        prev = 3 + party[rows[0]]
        for r in rows:
            prev = 0.5 * prev + 1.5 + 0.2 * sal_green[r] + party[r] * 0.5 + d.rng.normal(0, 1.0)
            sal[r] = prev
    d.put("parlgov_id", ids * 7 + 100, "int")
    d.put("country", np.array(COUNTRIES)[country_of], "str2")
    d.put("date", date, "float")
    d.put("sal", np.round(np.clip(sal, 0, None), 3), "float")
    d.put("sal_green_p", sal_green, "float")
    d.put("polls_green", np.round(np.clip(6 + 0.5 * green_level + d.normal(0, 1.0), 0, None), 2), "float")
    d.put("polling", d.with_missing(np.round(np.clip(15 + 5 * party + d.normal(0, 2), 0, None), 2), 0.03), "float")
    del d.columns["month"], d.types["month"]
    ds = d.dataset()
    return ds
