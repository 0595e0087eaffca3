"""Look-alike of Lin and Osnabrügge's speech data (Bundestag speeches nested in MPs
``speakerid``): comprehensibility scores ``scorefre`` (Flesch reading ease, German) and
``scorelixr`` (reversed LIX), the MP's electoral district's ``unemployment`` rate, share with
``hochschulreife`` and ``nongermanpop`` share, seniority ``senioryr``, ``leader`` ``highjob``
``phd`` ``female`` ``migration`` flags, ``age``, speech length ``length_terms`` (thousands of
terms), whether elected in a constituency ``elected_constituent`` and ``party`` (1-6,
labelled).  Smaller than the real data (about 2,400 speeches by 300 MPs)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("speakerid", 300), (None, (2, 14)))
    mp = ids["speakerid"]
    const = lambda v: d.group_constant(mp, v)
    unemp = const(np.round(d.rng.uniform(3, 14, d.n), 1))
    d.put("unemployment", unemp, "float")
    d.put("hochschulreife", const(np.round(d.rng.uniform(20, 60, d.n), 1)), "float")
    d.put("nongermanpop", const(np.round(d.rng.uniform(2, 30, d.n), 1)), "float")
    d.put("senioryr", const(np.round(d.rng.gamma(2, 4, d.n))), "byte")
    d.put("leader", const(d.binary(0.05)), "byte")
    d.put("highjob", const(d.binary(0.15)), "byte")
    d.put("phd", const(d.binary(0.2)), "byte")
    d.put("age", const(np.round(d.rng.uniform(28, 70, d.n))), "byte")
    d.put("female", const(d.binary(0.35)), "byte")
    d.put("migration", const(d.binary(0.06)), "byte")
    d.put("elected_constituent", const(d.binary(0.5)), "byte")
    d.put("party", const(d.categorical([0.35, 0.1, 0.1, 0.1, 0.3, 0.05], [1, 2, 3, 4, 5, 6])), "byte",
          value_labels={1: "CDU/CSU", 2: "FDP", 3: "Greens", 4: "Left", 5: "SPD", 6: "Independent"})
    length = np.round(d.rng.gamma(3, 0.4, d.n), 3)
    d.put("length_terms", length, "float")
    u = d.effect(mp, 4.0)
    fre = 30 + 0.4 * unemp - 1.5 * length + u + d.normal(0, 6)
    d.put("scorefre", np.round(fre, 3), "float")
    d.put("scorelixr", np.round(-(60 - 0.2 * unemp + 0.5 * length - 0.5 * u + d.normal(0, 4)), 3), "float")
    return d.dataset()
