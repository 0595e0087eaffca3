"""Look-alike of ``CCL_bjps_data.dta``, a country-quarter panel of presidential democracies
(``country`` a string name, ``country_code`` 1-16, ``qtr`` the quarter number, 120 = 1990q1, unformatted here): quarterly
presidential ``approval`` (0-100), the leader's gender ``female`` (0/1, whole terms), election
quarters ``presidentialelection_corrected`` and ``presidentialelection_gr`` (0/1), ``admin``
(administration number) and ``admin_ticker`` (quarter within the term), ``std_ticker``
(standardized quarters in office), growth ``q_grow_pc``, log inflation ``q_log``, V-Dem
corruption ``q_vdem_corr`` (0-1), TI's ``q_ti_cpi`` (20-75), terrorist attacks ``event``,
``q_homicide`` (per 100,000), executive ideology ``exec_ideo`` (1 left, 2 centre, 3 right),
``country_w_female`` and ``LA_country`` (0/1, Latin America vs. Asia).  Saved ``xtset
country_code qtr``: the do-file runs xtpcse and lag operators without an xtset of its own."""
import numpy as np

from lookalike import LookAlike

COUNTRIES = 16
QUARTERS = 64


def make():
    d = LookAlike(seed=2901)
    ids, q = d.panel("country_code", COUNTRIES, list(range(120, 120 + QUARTERS)), "qtr")
    d.types["qtr"] = "float"
    c = ids
    names = np.array([f"Country {k:02d}" for k in range(1, COUNTRIES + 1)], dtype=object)
    term = 16
    offset = (c * 5) % term
    admin_ticker = ((q - 120 + offset) % term) + 1
    admin = (q - 120 + offset) // term + 1 + 10 * c
    ever_female = np.isin(c, [2, 5, 9, 12, 14])
    female = (ever_female & ((admin % 3) == 0)).astype(int)
    la = (c <= 11).astype(int)
    grow = np.round(2.5 + d.effect(c, 1.0) + d.normal(0, 2.2), 3)
    infl = np.round(np.log1p(np.clip(np.exp(1.8 + d.effect(c, 0.6) + d.normal(0, 0.5)), 0, None)), 4)
    corr = np.clip(np.round(0.45 + d.effect(c, 0.18) + d.normal(0, 0.04), 3), 0.02, 0.9)
    cpi = np.clip(np.round(45 - 30 * (corr - 0.45) + d.normal(0, 4)), 20, 75)
    event = d.poisson(np.log(8) + d.effect(c, 1.2))
    homicide = np.clip(np.round(np.exp(2.2 + d.effect(c, 0.8) + d.normal(0, 0.15)), 2), 0, 110)
    ideo = d.group_constant(admin, d.categorical([0.4, 0.25, 0.35]))
    elect = (admin_ticker == 1).astype(int)
    approval = np.clip(np.round(62 - 1.6 * admin_ticker + 5 * elect + 1.2 * grow - 3 * infl - 8 * corr
                                - 2 * female + d.effect(c, 6) + d.effect(admin, 5) + d.normal(0, 6), 1), 5, 95)
    approval = d.with_missing(approval, 0.06)
    d.put("country", names[c - 1], "str9")
    d.put("approval", approval, "float")
    d.put("female", female, "byte")
    d.put("presidentialelection_corrected", elect, "byte")
    d.put("presidentialelection_gr", ((admin_ticker == 1) & (d.binary(0.9) == 1)).astype(int), "byte")
    d.put("admin", np.where(d.binary(0.04) == 1, np.nan, admin), "int")
    d.put("admin_ticker", admin_ticker, "byte")
    d.put("std_ticker", np.round((admin_ticker - 8.5) / 4.6, 4), "float")
    d.put("q_grow_pc", grow, "float")
    d.put("q_log", infl, "float")
    d.put("q_vdem_corr", corr, "float")
    d.put("q_ti_cpi", cpi, "float")
    d.put("event", event, "int")
    d.put("q_homicide", homicide, "float")
    d.put("exec_ideo", ideo, "byte", value_labels={1: "Left", 2: "Centre", 3: "Right"})
    d.put("country_w_female", ever_female.astype(int), "byte")
    d.put("LA_country", la, "byte")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "country_code", "_TStvar": "qtr"})  # saved xtset
    return ds
