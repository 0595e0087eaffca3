"""Look-alike of the second data file of Green's BJPS replication (Afrobarometer round 4,
Table 4): respondents in regions ``Q79`` (country*10 + k; about 3% coded 990-999, which the
file excludes with ``Q79<900``) in 20 countries ``COUNTRY``, with ``PresCore``/``PresLargest``,
``CoreEthnic``, ``PresidentEG``, ``LargestGroup``, ``PeripheralGroup``, ``EGperc`` and
``EGpercsq``, ``Partition1``, ``URBRUR`` (1 urban, 2 rural), ``Age``/``Agesq``, ``Q101``,
``Muslim``, ``Radio``, ``TV``, ``FTEmploy``, ``EdDummy``, country-level ``BritColony``,
``LogGDPpc`` and ``ELF``, and ``NatOverEthnic`` (0/1)."""
import numpy as np

from green_afrobarometer import PRES_CORE, PRES_OTHER, country_level, individuals, respondents
from lookalike import LookAlike


def make():
    d = LookAlike(seed=2402)
    rng = d.rng
    countries = sorted(PRES_CORE[:11] + PRES_OTHER[:9])
    country, group = respondents(d, countries, "Q79", sizes=(5, 8), per_group=(12, 18), base=10)
    n = d.n
    odd = rng.random(n) < 0.03
    d.columns["Q79"] = np.where(odd, rng.integers(990, 1000, n), group)
    d.put("PresCore", np.isin(country, PRES_CORE).astype(int), "byte")
    d.put("PresLargest", np.isin(country, PRES_CORE[:8] + PRES_OTHER[:3]).astype(int), "byte")
    individuals(d, country, group, set(PRES_CORE), urban="URBRUR", internet=False)
    d.put("EGpercsq", np.round(d.columns["EGperc"] ** 2, 2), "float")
    d.put("BritColony", d.group_constant(country, rng.random(n) < 0.45).astype(int), "byte")
    country_level(d, country, {"LogGDPpc": (7.0, 0.7), "ELF": (0.6, 0.2)})
    return d.dataset()
