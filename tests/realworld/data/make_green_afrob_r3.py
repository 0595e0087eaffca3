"""Look-alike of the first data file of Green's BJPS replication (Afrobarometer round 3, in
memory when the file starts): respondents in ethnic groups ``Q84`` (country*100 + k) in 25
countries ``COUNTRY`` with one dummy ``Country1``-``Country29`` per country code, the flags
``CountryData`` (0 in two countries), ``PresCore`` and ``PresLargest`` (president of the core
or largest group), ``AsianMinority``/``WhiteMinority``; individual ``CoreEthnic``,
``PresidentEG``, ``LargestGroup``, ``PresidentRegion``, ``PeripheralGroup``, ``EGperc``,
``Partition1``, ``Urban``, ``Age``/``Agesq``, ``Q101``, ``Muslim``, ``Radio``, ``TV``,
``NoInternet``, ``FTEmploy``, ``EdDummy``, ``CCDlog``, ``Race`` and enumeration-area services
``EA_SVC_A``-``EA_ROAD``; country-level ``BritColony``, ``LogGDPpc``, ``ELF`` and five
historical logs; outcomes ``NatOverEthnic`` (0/1) and ``NatId5points`` (1-5)."""
import numpy as np

from green_afrobarometer import PRES_CORE, PRES_OTHER, country_level, individuals, respondents
from lookalike import LookAlike


def make():
    d = LookAlike(seed=2401)
    rng = d.rng
    countries = sorted(PRES_CORE + PRES_OTHER + [4, 6])
    country, group = respondents(d, countries, "Q84")
    n = d.n
    for k in range(1, 30):
        d.put(f"Country{k}", (country == k).astype(int), "byte")
    d.put("CountryData", (~np.isin(country, [4, 6])).astype(int), "byte")
    d.put("PresCore", np.isin(country, PRES_CORE + [4]).astype(int), "byte")
    d.put("PresLargest", np.isin(country, PRES_CORE[:9] + PRES_OTHER[:3] + [6]).astype(int), "byte")
    d.put("AsianMinority", np.isin(country, [10, 21, 26]).astype(int), "byte")
    d.put("WhiteMinority", np.isin(country, [26, 29, 14]).astype(int), "byte")
    eta = individuals(d, country, group, set(PRES_CORE + [4]))
    d.put("PresidentRegion", d.binary(0.3), "byte")
    d.put("CCDlog", np.round(rng.normal(5, 1, n), 4), "float")
    d.put("Race", np.where(country == 26, rng.integers(1, 5, n), 1), "byte")
    for name in ("EA_SVC_A", "EA_SVC_B", "EA_SVC_C", "EA_FAC_A", "EA_FAC_B", "EA_FAC_C", "EA_FAC_D", "EA_ROAD"):
        d.put(name, d.group_constant(group * 10 + rng.integers(0, 3, n), rng.random(n) < 0.5).astype(int), "byte")
    d.put("BritColony", d.group_constant(country, rng.random(n) < 0.45).astype(int), "byte")
    country_level(d, country, {"LogGDPpc": (7.0, 0.7), "ELF": (0.6, 0.2), "LogSlaveExp": (8, 2),
                               "LogLat": (2, 0.8), "LogKm2": (12.5, 1.2), "LogColonialLength": (4.3, 0.4),
                               "LogIndependence": (3.8, 0.3)})
    latent = eta + rng.logistic(size=n)
    d.put("NatId5points", np.clip(np.round(3 + latent), 1, 5), "byte")
    return d.dataset()
