"""Look-alike of a facility-month file of health-service use in KwaZulu-Natal
(``KZN_su_24months_for_analyses.dta``): facilities (``dist`` district 1-11, labelled;
``subdist`` numbered within the file; ``Facility`` a string name) observed over 24 months,
``rmonth`` 1-24 with ``year`` 2019-2020 and calendar ``month``; monthly counts of outpatient
visits ``opd_util``, antenatal visits ``anc_util`` and deliveries ``del_util``, with a facility
size effect, a slow trend, a seasonal swing and a drop from month 15 (April 2020) that
recovers slowly."""
import numpy as np

from lookalike import LookAlike

DISTRICTS = {1: "Amajuba", 2: "eThekwini", 3: "Harry Gwala", 4: "iLembe", 5: "King Cetshwayo",
             6: "Ugu", 7: "uMgungundlovu", 8: "uMkhanyakude", 9: "uMzinyathi", 10: "uThukela",
             11: "Zululand"}


def make():
    d = LookAlike(seed=2404)
    ids, rmonth = d.panel("fac", 160, list(range(1, 25)), "rmonth")
    dist = d.group_constant(ids, d.uniform_int(1, 11))
    sub = d.group_constant(ids, d.uniform_int(1, 4))
    names = np.array([f"Clinic {k:03d}" for k in range(1, 161)], dtype=object)
    d.columns.pop("fac")
    d.types.pop("fac")
    d.put("dist", dist, "byte", value_labels=DISTRICTS, label_name="dist")
    d.put("subdist", dist * 10 + sub, "int")
    d.put("Facility", names[ids - 1], "str12")
    d.put("year", np.where(rmonth <= 12, 2019, 2020), "int")
    month = (rmonth - 1) % 12 + 1
    d.put("month", month, "byte")
    d.put("rmonth", rmonth, "byte")
    size = d.effect(ids, 0.7)
    post = rmonth >= 15
    after = np.maximum(rmonth - 15, 0)
    season = 0.08 * np.cos(2 * np.pi * (month - 1) / 12)
    shock = np.where(post, -0.35 + 0.02 * after, 0.0)
    noise = lambda sd: d.normal(0, sd)
    d.put("opd_util", d.poisson(7.0 + size + 0.004 * rmonth + season + shock + noise(0.1)), "long")
    d.put("anc_util", d.poisson(4.2 + size + season + 0.5 * shock + noise(0.12)), "int")
    d.put("del_util", d.poisson(2.4 + size - 0.01 * season + 0.2 * shock + noise(0.15)), "int")
    return d.dataset()
