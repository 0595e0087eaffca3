"""Look-alike of a stacked European Election Study file (one row per respondent and party,
respondents ``respid`` in countries ``cntry`` 1-28): the propensity to vote ``ptv`` (0-10)
for each of a country's 4-6 parties, the party's size ``partysize_01`` (0.4-1 rescaled) and
whether the respondent feels close to it (``party_is_close``), the left-right distance
``lrdist01`` (0-1), and the "y-hats" of the stacked design -- the respondent's socio-
demographics and attitudes turned into party-specific predictions of ptv, centred
(``y_born``, ``y_female``, ``y_married``, ``y_educ``, ``y_churchatt``, ``y_unemployed``,
``y_polint``, ``y_minority``, ``y_worker``, ``y_religiosity``, ``y_unionmemb``, ``y_faminc``,
``y_membgood``).  The country-level index ``sPSNS`` is not in the file: the do-file makes it."""
import numpy as np

from lookalike import LookAlike

YHATS = ("y_born", "y_female", "y_married", "y_educ", "y_churchatt", "y_unemployed", "y_polint", "y_minority",
         "y_worker", "y_religiosity", "y_unionmemb", "y_faminc", "y_membgood")


def make():
    d = LookAlike(seed=2804)
    ids = d.nested(("cntry", 28), ("respid", (10, 14)), (None, (4, 6)))
    c, r = ids["cntry"], ids["respid"]
    d.value_labels["cntry"] = {float(k): f"Country {k:02d}" for k in range(1, 29)}
    d.value_label_of["cntry"] = "cntry"
    ptv = 3.5 + d.effect(c, 0.5) + d.effect(r, 1.1) + d.normal(0, 2.0)
    spread = {"y_minority": (-3, 5), "y_worker": (-3, 2), "y_unionmemb": (-2, 1), "y_religiosity": (-2, 3),
              "y_faminc": (-4, 3), "y_membgood": (-3, 3)}
    for name in YHATS:
        lo, hi = spread.get(name, (-2, 2))
        v = np.clip(d.normal(0, (hi - lo) / 6), lo, hi)
        slope = 0.5 + d.effect(c, 0.15)
        ptv = ptv + slope * v * 0.6
        d.put(name, v.round(4), "float")
    lrdist = np.clip(d.rng.beta(2, 4, size=d.n), 0, 1)
    size = np.clip(d.rng.uniform(0.4, 1.0, size=d.n), 0.4, 1.0)
    close = d.bernoulli_logit(-2 + 2 * size - 2 * lrdist)
    ptv = ptv - 3.5 * lrdist + 1.5 * size + 2.0 * close
    d.put("ptv", np.clip(np.round(ptv), 0, 10), "byte")
    d.put("lrdist01", lrdist.round(4), "float")
    d.put("partysize_01", size.round(4), "float")
    d.put("party_is_close", close, "byte")
    return d.dataset()
