"""Look-alike of the NBER Current Population Survey November 2012 (voting and registration
supplement) person file: ``prpertyp`` (-1 = not a person record), citizenship ``prcitshp``
1-5, age ``prtage``, race ``ptdtrace`` 1-26 and Hispanic origin ``pehspnon`` 1/2, voted
``pes1`` and registered ``pes2`` (1 yes, 2 no, negative codes for not in universe / refused
/ don't know / no response), sex, education ``peeduca`` 31-46, family income ``hefaminc``
1-16, metro status ``gtmetsta`` 1-3, state ``gestcen`` (census state codes) and the
supplement weight ``pwsswgt`` (four implied decimals, as in the CPS)."""
import numpy as np

from lookalike import LookAlike

STATES = [11, 12, 13, 14, 16, 21, 22, 23, 31, 32, 33, 41, 42, 43, 51, 52, 53, 54, 61, 62, 63, 71, 72, 73, 74,
          81, 82, 83, 84, 85, 86, 91, 92, 93, 94, 95]


def make():
    d = LookAlike(seed=2012)
    d.rows(6000)
    d.put("prpertyp", np.where(d.binary(0.03) == 1, -1, d.categorical([0.2, 0.8], [1, 2])), "byte")
    d.put("prcitshp", d.categorical([0.85, 0.01, 0.01, 0.06, 0.07]), "byte")
    d.put("prtage", d.uniform_int(0, 85), "byte")
    d.put("ptdtrace", d.categorical([0.78, 0.12, 0.03, 0.05, 0.005, 0.005, 0.004, 0.004, 0.002, 0.004,
                                     0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001,
                                     0.001, 0.001, 0.001, 0.001, 0.001, 0.001]), "byte")
    d.put("pehspnon", d.categorical([0.15, 0.85]), "byte")
    d.put("pesex", d.categorical([0.49, 0.51]), "byte")
    d.put("peeduca", d.uniform_int(31, 46), "byte")
    d.put("hefaminc", np.where(d.binary(0.1) == 1, -1, d.uniform_int(1, 16)), "byte")
    d.put("gtmetsta", d.categorical([0.8, 0.18, 0.02]), "byte")
    d.put("gestcen", np.asarray(STATES)[d.uniform_int(0, len(STATES) - 1)], "byte")
    eta = -0.5 + 0.03 * (d.columns["prtage"] - 40) + 0.15 * (d.columns["peeduca"] - 39) + d.effect(d.columns["gestcen"], 0.2)
    reg = d.bernoulli_logit(eta + 1.0)
    voted = reg * d.bernoulli_logit(eta + 1.2)
    nonresp = d.binary(0.08) == 1
    pes1 = np.where(nonresp, d.categorical([0.5, 0.3, 0.2], [-1, -2, -9]), np.where(voted == 1, 1, 2))
    pes2 = np.where(pes1 == 1, -1, np.where(reg == 1, 1, 2))
    pes2 = np.where(nonresp, d.categorical([0.4, 0.3, 0.2, 0.1], [-1, -2, -3, -9]), pes2)
    d.put("pes1", pes1, "byte")
    d.put("pes2", pes2, "byte")
    d.put("pwsswgt", np.round(d.rng.uniform(5e6, 6e7, d.n)), "long")
    return d.dataset()
