"""The course's ``reshapewage.dta``: ``make_nlswork471`` in wide form, one row per ``idcode``,
every time-varying variable suffixed by the year (age68 ... untenure88); ``birth_yr`` and
``race`` stay unsuffixed."""
from lookalike import from_frame
from make_nlswork471 import make as long_form

STUBS = ["age", "msp", "nev_mar", "grade", "collgrad", "not_smsa", "c_city", "south", "ind_code",
         "occ_code", "union", "wks_ue", "ttl_exp", "tenure", "hours", "wks_work", "wage",
         "neighborhood", "agesq", "race1", "race2", "race3", "unsouth", "untenure"]


def make():
    base = long_form()
    d = base.df
    wide = d.pivot(index="idcode", columns="year", values=STUBS)
    wide.columns = [f"{stub}{year}" for stub, year in wide.columns]
    fixed = d.groupby("idcode")[["birth_yr", "race"]].first()
    out = fixed.join(wide).reset_index()
    types = {"idcode": "int", "birth_yr": "byte", "race": "byte"}
    for col in out.columns:
        stub = col.rstrip("0123456789")
        if stub in base.types and col not in types:
            types[col] = base.types[stub] if base.types[stub] in ("byte", "int", "float") else "float"
    return from_frame(out, types=types)
