"""Look-alike of Wooldridge's JTRAIN (Michigan manufacturing firms 1987-89, job-training
grants) as ``DiD_data.dta``: fcode (firm code 410032..419486), year, grant, training."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1987)
    firms = np.sort(d.rng.choice(np.arange(410032, 419487), size=60, replace=False))
    ids, year = d.panel("firm", 60, [1987, 1988, 1989], "year")
    d.put("fcode", firms[ids - 1], "long")
    d.columns.pop("firm"); d.types.pop("firm")
    grant = ((year == 1988) & (d.group_constant(ids, d.binary(0.3)) == 1)).astype(int)
    d.put("grant", grant, "byte")
    training = np.round(np.clip(10 + 20 * grant + d.normal(0, 8), 0, None)).astype(float)
    training[d.rng.random(d.n) < 0.1] = np.nan
    d.put("training", training, "int")
    return d.dataset()
