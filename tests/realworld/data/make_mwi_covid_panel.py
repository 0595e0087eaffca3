"""Look-alike of the household-level panel the Malawi COVID-19 phone-survey build writes
(``mwi_panel``): one row per household and round (``wave`` 1-2, ``hhid_mwi`` the IHPS
household id), region/sector, the survey weight and a few outcome flags."""
import numpy as np

from lookalike import LookAlike
from make_mwi_covid_roster_r1 import N_HH, households


def make():
    d = LookAlike(seed=2025)
    ids, _, _ = households()
    d.rows(2 * N_HH)
    d.put("wave", np.repeat([1, 2], N_HH), "byte")
    d.put("hhid_mwi", ids * 2, "str12")
    region = np.tile(np.random.default_rng(2026).integers(1, 4, size=N_HH), 2)
    d.put("region", region, "byte", value_labels={1: "North", 2: "Central", 3: "South"})
    d.put("sector", np.tile(np.random.default_rng(2027).integers(1, 3, size=N_HH), 2), "byte",
          value_labels={1: "Urban", 2: "Rural"})
    d.put("phw", np.round(d.rng.gamma(3, 400, size=d.n), 2), "double")
    d.put("emp", d.binary(0.6), "byte")
    d.put("fies_count", d.uniform_int(0, 8), "byte")
    return d.dataset("Malawi COVID-19 phone-survey household panel look-alike")
