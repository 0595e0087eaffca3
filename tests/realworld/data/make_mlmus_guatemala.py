"""Look-alike of MLMUS's guatemala.dta (Pebley, Goldman & Rodriguez's immunization data, as in
Rabe-Hesketh & Skrondal ch. 16): children (``kid``) of mothers (``mom``) in communities
(``cluster``); ``immun`` full immunization (0/1); ``kid2p`` child aged 2 or more at the
campaign; mother's ethnicity (``indNoSpa`` indigenous not speaking Spanish, ``indSpa``
indigenous speaking Spanish), mother's and husband's education dummies (``momEdPri``,
``momEdSec``, ``husEdPri``, ``husEdSec``, ``husEdDK``), ``rural`` and the community's
percentage indigenous in 1981 (``pcInd81``, 0-1).  Smaller than the real file (about 1,300
children in 80 communities instead of 2,159 in 161), with the book's community and mother
variances (about 1.8 and 5.6 on the logit scale)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3989164)
    rng = d.rng
    ids = d.nested(("cluster", 80), ("mom", (5, 13)), (None, (1, 3)))
    cluster, mom = ids["cluster"], ids["mom"]
    n = d.n
    d.put("kid", np.arange(1, n + 1), "int")
    pcind = np.round(rng.beta(0.8, 1.2, size=81), 3)[cluster]
    rural = d.group_constant(cluster, d.binary(0.75))
    ind = rng.random(n) < pcind
    ind = d.group_constant(mom, ind)
    nospa = d.group_constant(mom, d.binary(0.5)) * ind
    spa = ind * (1 - nospa)
    edu = d.group_constant(mom, d.categorical([0.5, 0.42, 0.08], [0, 1, 2]))
    hedu = d.group_constant(mom, d.categorical([0.38, 0.45, 0.07, 0.10], [0, 1, 2, 3]))
    kid2p = d.binary(0.72)
    eta = (-1.2 + 1.7 * kid2p - 0.3 * nospa - 0.2 * spa + 0.4 * (edu == 1) + 0.4 * (edu == 2)
           + 0.3 * (hedu == 1) + 0.5 * (hedu == 2) - 0.5 * rural - 1.0 * pcind
           + d.effect(cluster, 1.35) + d.effect(mom, 2.35))
    d.put("immun", d.bernoulli_logit(eta), "byte")
    d.put("kid2p", kid2p, "byte")
    d.put("indNoSpa", nospa.astype(int), "byte")
    d.put("indSpa", spa.astype(int), "byte")
    d.put("momEdPri", (edu == 1).astype(int), "byte")
    d.put("momEdSec", (edu == 2).astype(int), "byte")
    d.put("husEdPri", (hedu == 1).astype(int), "byte")
    d.put("husEdSec", (hedu == 2).astype(int), "byte")
    d.put("husEdDK", (hedu == 3).astype(int), "byte")
    d.put("rural", rural, "byte")
    d.put("pcInd81", pcind, "float")
    return d.dataset("Guatemalan immunization look-alike")
