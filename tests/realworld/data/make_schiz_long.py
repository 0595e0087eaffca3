"""Look-alike of the NIMH schizophrenia collaborative study in long form (``Schiz_long``;
Hedeker & Gibbons): patients at weeks 0, 1, 3 and 6, treatment (drug vs placebo), a
baseline severity score and the ordinal severity rating ``impso`` (1-4) with dropout."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1964)
    ids, week = d.panel("id", 300, [0, 1, 3, 6], "week", dropout=0.3)
    d.put("id", ids, "int")
    d.put("week", week, "byte")
    treatment = d.group_constant(ids, d.binary(0.75))
    d.put("treatment", treatment, "byte")
    base = d.group_constant(ids, np.round(d.rng.uniform(3, 7, d.n)))
    d.put("base", base, "byte")
    u = d.effect(ids, 1.5)
    slope = d.effect(ids, 0.3)
    latent = -(0.6 * base - 0.1 * week - 0.5 * treatment * week - 0.4 * treatment + u + slope * week)
    d.put("impso", d.ordinal(latent, [-4.0, -2.5, -1.0]), "byte")
    return d.dataset()
