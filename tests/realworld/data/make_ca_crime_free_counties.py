"""Look-alike of ``AlexCapstonev1.dta``, a California county-by-year panel (58 counties,
1997-2018): ``FIPScounty`` (6001, 6003, ... 6115), ``AreaName`` (string), ``Year``,
``CrimeFree`` (0/1, on from the year a county adopts the Crime-Free Multi-Housing program;
about half adopt, in 2000-2014), property and violent crime rates per 100,000
(``PropertyRate``, ``ViolentRate``), population shares ``Hispanic``, ``AsianPI``, ``White``,
``Black``, housing units by type (``SingleFamily``, ``MultiFamily``, ``MobileHomes``,
``TotHousing``), SAIPE poverty counts and percentages (``PovEstAge017``, ``PovEstAge517``,
``PovEstAllAges``, ``PovPerAge017``, ``PovPerAge517``, ``PovPerAllAges``) and
``MedianHouseholdIncome``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2613)
    ids, year = d.panel("county", 58, list(range(1997, 2019)), "Year")
    d.columns.pop("county"); d.types.pop("county")
    d.put("FIPScounty", 6000 + 2 * ids - 1, "int")
    d.put("AreaName", np.array([f"County {k:02d}" for k in ids], dtype=object), "str9")
    adopt = d.group_constant(ids, np.where(d.binary(0.5) == 1, d.uniform_int(2000, 2014), 9999))
    crimefree = (year >= adopt).astype(int)
    d.put("CrimeFree", crimefree, "byte")
    trend = year - 1997
    prop = np.exp(7.9 + d.effect(ids, 0.35) - 0.02 * trend - 0.03 * crimefree + d.normal(0, 0.08))
    viol = np.exp(6.0 + d.effect(ids, 0.4) - 0.015 * trend - 0.02 * crimefree + d.normal(0, 0.1))
    d.put("PropertyRate", prop.round(1), "double")
    d.put("ViolentRate", viol.round(1), "double")
    hisp = np.clip(d.group_constant(ids, d.uniform_int(10, 60)) / 100 + 0.004 * trend, 0.02, 0.9)
    asian = np.clip(d.group_constant(ids, d.uniform_int(1, 30)) / 100 + 0.002 * trend, 0.005, 0.5)
    black = np.clip(d.group_constant(ids, d.uniform_int(1, 12)) / 100, 0.002, 0.3)
    white = np.clip(1 - hisp - asian - black - 0.03, 0.05, 0.95)
    for name, v in (("Hispanic", hisp), ("AsianPI", asian), ("White", white), ("Black", black)):
        d.put(name, (v + d.normal(0, 0.003)).round(4), "double")
    size = d.group_constant(ids, np.exp(d.normal(10.5, 1.3)))
    single = (size * (0.65 + d.normal(0, 0.01))).round()
    multi = (size * (0.28 + d.normal(0, 0.01))).round()
    mobile = (size * (0.07 + d.normal(0, 0.005))).round()
    d.put("SingleFamily", single, "long")
    d.put("MultiFamily", multi, "long")
    d.put("MobileHomes", mobile, "long")
    d.put("TotHousing", single + multi + mobile, "long")
    pov = np.clip(d.group_constant(ids, d.uniform_int(8, 25)) + d.normal(0, 1.5), 3, 40)
    d.put("PovEstAge017", (size * 0.6 * pov / 100).round(), "long")
    d.put("PovEstAge517", (size * 0.4 * pov / 100).round(), "long")
    d.put("PovEstAllAges", (size * 2.5 * pov / 100).round(), "long")
    d.put("PovPerAge017", (pov * 1.3).round(1), "double")
    d.put("PovPerAge517", (pov * 1.25).round(1), "double")
    d.put("PovPerAllAges", pov.round(1), "double")
    d.put("MedianHouseholdIncome", (np.exp(d.normal(0, 0.2)) * (40000 + 900 * trend)).round(), "long")
    return d.dataset()
