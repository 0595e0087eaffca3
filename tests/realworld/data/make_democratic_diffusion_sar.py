"""Look-alike of the spatial-lag file of the democratic-diffusion study: the country-year
columns of ``democratic_diffusion_cy`` (shared ``build``) plus Polity ``polity2`` (-10..10)."""
import numpy as np

from make_democratic_diffusion_cy import build


def _polity(d, ids, year):
    base = d.group_constant(ids, d.rng.normal(-3, 5, size=len(ids)))
    d.put("polity2", np.clip(np.round(base + 0.1 * (year - 1961) + d.rng.normal(0, 1.5, size=len(ids))), -10, 10), "byte")


def make():
    return build(141066, extra=_polity)
