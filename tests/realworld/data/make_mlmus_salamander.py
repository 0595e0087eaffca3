"""Look-alike of MLMUS's salamander.dta (McCullagh & Nelder's salamander mating experiment,
Rabe-Hesketh & Skrondal ch. 16): six groups (``group``) of 10 females and 10 males, each
animal in six pairings within its group, 360 rows; ``female`` and ``male`` numbered 1-60
across groups (10 a group), ``wsf``/``wsm`` whiteside (1) or roughbutt (0) population (five of
each sex a group), ``y`` successful mating.  Female and male effects with the book's
variances (about 1.2 and 1.0 on the logit scale)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1608)
    rng = d.rng
    group, female, male = [], [], []
    for g in range(1, 7):
        for fi in range(10):
            for k in range(6):
                group.append(g)
                female.append((g - 1) * 10 + fi + 1)
                male.append((g - 1) * 10 + (fi + k * 2 + (k > 2)) % 10 + 1)
    group, female, male = map(np.asarray, (group, female, male))
    d.rows(len(group))
    wsf = (((female - 1) % 10) < 5).astype(int)
    wsm = (((male - 1) % 10) < 5).astype(int)
    eta = 1.0 - 2.9 * wsf - 0.7 * wsm + 3.6 * wsf * wsm + d.effect(female, 1.1) + d.effect(male, 1.0)
    d.put("y", d.bernoulli_logit(eta), "byte")
    d.put("female", female, "byte")
    d.put("male", male, "byte")
    d.put("wsf", wsf, "byte")
    d.put("wsm", wsm, "byte")
    d.put("group", group, "byte")
    return d.dataset("Salamander mating look-alike")
