"""Look-alike of a merged TALIS 2013 Singapore teacher file (teachers in schools
``IDSCHOOL``): professional-development participation items ``TT2G21A1``-``TT2G21E1`` and
``TT2G21G``-``TT2G21I`` (1 yes, 2 no, 7/9 missing codes), teacher sex ``TT2G01``,
employment status ``TT2G06``, years as a teacher ``TT2G05B``, weekly teaching time
``TT2G17``, subject items ``TT2G15B``/``TT2G15C``, need-for-development scales ``TPDDIVS``
``TPDPEDS`` (9997-9999 missing codes), principal items ``TC2G14`` (enrolment) ``TC2G04B``
``TC2G09`` ``TC2G10``, scales ``STRATIO`` ``PINSLEADS`` ``PSCMUTRS``, shortage items
``PLACKPER`` ``PLACKMAT`` (1-4), and the final teacher and school weights ``TCHWGT``
``SCHWGT`` (the teacher weight is the school weight times a within-school factor).
Smaller than the real file (about 1,000 teachers in 120 schools)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2013)
    ids = d.nested(("IDSCHOOL", 120), (None, (5, 12)))
    school = ids["IDSCHOOL"]
    u = d.effect(school, 0.5)

    def coded(values, share, code):
        out = values.astype(float)
        out[d.rng.random(d.n) < share] = code
        return out

    female = d.binary(0.65)
    years = np.clip(np.round(d.rng.gamma(2.0, 5.0, d.n)), 0, 40)
    for name, base in (("TT2G21A1", 0.6), ("TT2G21B1", 0.4), ("TT2G21C1", 0.3), ("TT2G21D1", 0.2),
                       ("TT2G21E1", 0.15), ("TT2G21G", 0.5), ("TT2G21H", 0.7), ("TT2G21I", 0.45)):
        yes = d.bernoulli_logit(np.log(base / (1 - base)) + 0.2 * female - 0.02 * (years - 10) + u)
        d.put(name, coded(2 - yes, 0.02, 9), "byte")
    d.put("TT2G01", coded(2 - female, 0.01, 9), "byte")
    d.put("TT2G06", coded(d.categorical([0.85, 0.1, 0.05], [1, 2, 3]), 0.01, 9), "byte")
    d.put("TT2G05B", coded(years, 0.02, 99), "byte")
    d.put("TT2G17", coded(np.round(d.rng.uniform(10, 30, d.n)), 0.03, 999), "int")
    d.put("TT2G15B", coded(2 - d.binary(0.3), 0.02, 9), "byte")
    d.put("TT2G15C", coded(2 - d.binary(0.25), 0.02, 9), "byte")
    d.put("TPDDIVS", coded(np.round(d.normal(9, 2), 2), 0.03, 9999), "float")
    d.put("TPDPEDS", coded(np.round(d.normal(9.5, 2), 2), 0.03, 9999), "float")
    enrol = d.group_constant(school, np.round(d.rng.uniform(600, 1800, d.n)))
    d.put("TC2G14", coded(enrol, 0.0, 9999), "int")
    d.put("STRATIO", d.group_constant(school, np.round(d.rng.uniform(10, 18, d.n), 1)), "float")
    d.put("TC2G04B", d.group_constant(school, np.round(d.rng.uniform(1, 15, d.n))), "byte")
    d.put("TC2G09", d.group_constant(school, d.uniform_int(5, 6)), "byte")
    d.put("TC2G10", d.group_constant(school, d.categorical([0.9, 0.1], [1, 2])), "byte")
    d.put("PINSLEADS", d.group_constant(school, np.round(d.normal(11, 1.5), 2)), "float")
    d.put("PSCMUTRS", d.group_constant(school, np.round(d.normal(12, 1.5), 2)), "float")
    d.put("PLACKPER", d.group_constant(school, d.categorical([0.5, 0.3, 0.15, 0.05], [1, 2, 3, 4])), "byte")
    d.put("PLACKMAT", d.group_constant(school, d.categorical([0.6, 0.3, 0.08, 0.02], [1, 2, 3, 4])), "byte")
    schwgt = d.group_constant(school, np.round(d.rng.uniform(0.9, 1.6, d.n), 4))
    d.put("SCHWGT", schwgt, "float")
    d.put("TCHWGT", np.round(schwgt * d.rng.uniform(1.0, 2.5, d.n), 4), "float")
    return d.dataset()
