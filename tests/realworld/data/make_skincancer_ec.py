"""Look-alike of the melanoma mortality file of Langford, Bentham and McDonald (1998) as a
course ships it (``skincancer_v11.dta``): 354 counties (``county``) in 78 ``region``s of 9
``nation``s (value-labelled), male melanoma ``deaths`` 1971-80, ``expected`` deaths and the
centred UV-B dose ``uv`` (about -9 to 13).  Nation 8 has three counties, as the lab's
``drop if nation==8`` expects."""
import numpy as np

from lookalike import LookAlike

NATIONS = {1: "n1", 2: "n2", 3: "n3", 4: "n4", 5: "n5", 6: "n6", 7: "n7", 8: "n8", 9: "n9"}
REGIONS = [3, 11, 11, 20, 1, 14, 3, 1, 14]   # regions per nation (78)


def make():
    d = LookAlike(seed=1998)
    nation, region = [], []
    r = 0
    rng = d.rng
    for n, k in enumerate(REGIONS, start=1):
        for _ in range(k):
            r += 1
            size = 3 if n == 8 else int(rng.integers(2, 8))
            nation += [n] * size
            region += [r] * size
    nation, region = np.array(nation), np.array(region)
    d.rows(len(nation))
    d.put("nation", nation, "byte", value_labels=NATIONS)
    d.put("region", region, "byte")
    d.put("county", np.arange(1, d.n + 1), "int")
    uv = np.round(d.group_constant(nation, d.normal(0, 4)) + d.group_constant(region, d.normal(0, 1.5))
                  + d.normal(0, 0.5), 4)
    d.put("uv", np.clip(uv, -9, 13), "float")
    expected = np.round(np.exp(d.normal(2.9, 0.6)), 3)
    d.put("expected", expected, "float")
    mu = np.log(expected) - 0.03 * uv + d.effect(region, 0.3) + 0.2 * rng.standard_normal(d.n)
    d.put("deaths", rng.poisson(np.exp(mu)), "int")
    return d.dataset()
