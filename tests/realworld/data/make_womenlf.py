"""Look-alike of MLMUS ``womenlf.dta`` (Canadian women's labour-force participation, Fox):
workstat 0 not working / 1 part-time / 2 full-time, husbinc (husband's income $1000),
chilpres (children present)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=263)
    d.rows(263)
    inc = np.round(np.clip(d.rng.gamma(3.0, 4.5, d.n), 1, 45))
    chil = d.binary(0.6)
    work = d.bernoulli_logit(1.3 - 0.04 * inc - 1.6 * chil)
    full = (work == 1) & d.binary(0.6).astype(bool)
    d.put("workstat", np.where(full, 2, work), "byte", value_labels={0: "not working", 1: "part time", 2: "full time"})
    d.put("husbinc", inc, "int", "husband's income/$1000")
    d.put("chilpres", chil, "byte", value_labels={0: "absent", 1: "present"})
    d.put("region", d.categorical([0.1, 0.35, 0.4, 0.1, 0.05]), "byte")
    return d.dataset()
