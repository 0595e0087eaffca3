"""Look-alike of the Beat the Blues trial in wide form (``BtheB``, Everitt & Hothorn):
100 patients, treatment, Beck Depression Inventory before treatment and at 2, 3, 5 and 8
months (``bdi2m`` ... ``bdi8m``, dropout coded 999 as in the course file)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2003)
    d.rows(100)
    d.put("subject", np.arange(1, 101), "int")
    d.put("drug", d.binary(0.5), "byte")
    d.put("length", d.binary(0.5), "byte")
    treat = d.binary(0.5)
    d.put("treat", treat, "byte")
    pre = np.clip(np.round(d.normal(23, 10)), 2, 50)
    d.put("bdipre", pre, "byte")
    u = d.normal(0, 6)
    slope = d.normal(0, 0.5)
    last = np.where(d.rng.random(100) < 0.4, d.rng.integers(1, 4, 100), 4)
    for k, m in enumerate((2, 3, 5, 8)):
        y = np.clip(np.round(0.6 * pre + u - 1.0 * m * 0.5 - 3 * treat + slope * m + d.normal(0, 4)), 0, 50)
        d.put(f"bdi{m}m", np.where(k < last, y, 999), "int")
    return d.dataset()
