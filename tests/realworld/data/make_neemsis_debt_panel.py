"""Look-alike of a rural Tamil Nadu household debt panel (``panel_v6``, RUME/NEEMSIS 2010,
2016-17 and 2020-21): households (``HHID_panel`` string, ``panelvar`` numeric, ``time`` 1-3,
``year``) in ten villages, a financial vulnerability index ``fvi`` in (0, 1), caste and dalit
status, family and household-head characteristics with occupation and education dummies,
assets, income, loan amount and share of formal debt, shock indicators (marriage,
demonetisation, exposure to the second lockdown) and village and caste dummies."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2020)
    ids, time = d.panel("panelvar", 450, [1, 2, 3], "time", dropout=0.3)
    d.put("panelvar", ids, "int")
    d.put("time", time, "byte")
    d.put("HHID_panel", np.array([f"HH{i:04d}" for i in ids], dtype=object), "str6")
    year = np.array([2010, 2016, 2020])[time - 1]
    d.put("year", year, "int")
    vill = d.group_constant(ids, d.uniform_int(1, 10))
    d.put("vill", vill, "byte")
    for k in range(2, 11):
        d.put(f"village_{k}", (vill == k).astype(int), "byte")
    caste = d.group_constant(ids, d.categorical([0.45, 0.4, 0.15]))
    d.put("caste", caste, "byte", value_labels={1: "Dalits", 2: "Middle castes", 3: "Upper castes"})
    d.put("caste_2", (caste == 2).astype(int), "byte")
    d.put("caste_3", (caste == 3).astype(int), "byte")
    d.put("dalits", (caste == 1).astype(int), "byte")
    d.put("stem", d.binary(0.3), "byte")
    d.put("HHsize", d.uniform_int(2, 8), "byte")
    d.put("HH_count_child", d.uniform_int(0, 3), "byte")
    d.put("head_female", d.group_constant(ids, d.binary(0.12)), "byte")
    d.put("head_age", d.group_constant(ids, d.uniform_int(25, 60)) + (year - 2010), "int")
    occ = d.categorical([0.1, 0.3, 0.05, 0.25, 0.1, 0.1, 0.1])
    d.put("head_mocc_occupation", occ, "byte")
    for k in range(1, 8):
        d.put(f"head_occ{k}", (occ == k).astype(int), "byte")
    edu = d.categorical([0.5, 0.35, 0.15])
    d.put("head_edulevel", edu, "byte")
    for k in range(1, 4):
        d.put(f"head_educ{k}", (edu == k).astype(int), "byte")
    d.put("head_nonmarried", d.binary(0.1), "byte")
    d.put("ownland", d.group_constant(ids, d.binary(0.4)), "byte")
    d.put("house", d.categorical([0.7, 0.2, 0.1]), "byte")
    d.put("housetitle", d.binary(0.8), "byte")
    d.put("dummymarriage", d.binary(0.2), "byte")
    d.put("dummydemonetisation", np.where(year == 2016, d.binary(0.5), 0), "byte")
    lock = np.where(year == 2020, d.categorical([0.4, 0.3, 0.3]), np.nan)
    d.put("secondlockdownexposure", lock, "byte")
    u = d.effect(ids, 0.4)
    assets = np.round(np.exp(12 + u + d.normal(0, 0.8)), 0)
    income = np.round(np.exp(11 + 0.5 * u + d.normal(0, 0.6)), 0)
    loan = np.round(np.exp(11 + d.normal(0, 1)), 0)
    d.put("assets_total", assets, "double")
    d.put("annualincome_HH", income, "double")
    d.put("loanamount_HH", loan, "double")
    d.put("loanamount_HH_std", np.round((loan - loan.mean()) / loan.std(), 4), "float")
    d.put("shareform", np.round(d.rng.uniform(0, 100, d.n), 2), "float")
    eta = -0.3 - 0.2 * (np.log(income) - 11) + 0.1 * (np.log(loan) - 11) + 0.3 * u
    d.put("fvi", np.round(1 / (1 + np.exp(-(eta + d.normal(0, 0.4)))), 4), "float")
    return d.dataset()
