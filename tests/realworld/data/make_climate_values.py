"""Look-alike of the data a dissertation's coding do-file leaves in memory (European Social
Survey round 8 respondents in 23 countries): ``country`` (1-23, labelled), a post-communist
``transition`` flag (0/1, country level), ordered climate attitudes ``CC_concern`` (1-4),
``reduce_energy`` (1-5) and ``increase_FFtax`` (1-4), Schwartz value scores
``SchwartzSelfTrans SchwartzSelfEnhance SchwartzOpenness SchwartzConservation`` (1-6),
left-right ``polipref`` (1-5), trust scales ``socialtrust politrustraw``, efficacy
``Indiv_Reduce_Energy Group_Reduce_Energy`` (0-10), ``female``, ``age``, ``education``,
``income`` (1-10 deciles, some missing), ``belong_religion``, ``attend`` (1-7), and country
measures ``gni freexp2016 coal gini renewables country_socialtrust country_politrustraw``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1206)
    country = d.nested(("country", 23), (None, (50, 70)))["country"]
    d.value_labels["country"] = {float(k): f"C{k:02d}" for k in range(1, 24)}
    d.value_label_of["country"] = "country"
    c = lambda values: d.group_constant(country, values)  # noqa: E731 (a country-level draw)
    transition = c(d.binary(0.3))
    d.put("transition", transition, "byte")
    st, en, op, co = (np.round(np.clip(d.normal(m, 0.8), 1, 6), 3) for m in (4.9, 3.5, 4.2, 4.3))
    left = np.clip(np.round(3 + d.normal(0, 1.1)), 1, 5)
    u = d.effect(country, 0.35)
    latent = 0.45 * st - 0.2 * en + 0.1 * op - 0.1 * co + 0.15 * left + u
    d.put("CC_concern", d.ordinal(latent, [1.0, 2.5, 4.0]), "byte")
    d.put("reduce_energy", d.ordinal(0.8 * latent, [0.2, 1.2, 2.4, 3.6]), "byte")
    d.put("increase_FFtax", d.ordinal(0.7 * latent - 0.5, [0.0, 1.0, 2.0]), "byte")
    for name, values in [("SchwartzSelfTrans", st), ("SchwartzSelfEnhance", en), ("SchwartzOpenness", op),
                         ("SchwartzConservation", co)]:
        d.put(name, values, "float")
    d.put("polipref", left, "byte")
    d.put("socialtrust", np.round(np.clip(d.normal(5, 1.8), 0, 10), 2), "float")
    d.put("politrustraw", np.round(np.clip(d.normal(4, 2.0), 0, 10), 2), "float")
    d.put("Indiv_Reduce_Energy", np.clip(np.round(d.normal(5, 2.4)), 0, 10), "byte")
    d.put("Group_Reduce_Energy", np.clip(np.round(d.normal(6, 2.2)), 0, 10), "byte")
    d.put("female", d.binary(0.52), "byte")
    d.put("age", d.uniform_int(15, 90), "byte")
    d.put("education", d.uniform_int(0, 6), "byte")
    d.put("income", d.with_missing(d.uniform_int(1, 10), 0.12), "byte")
    d.put("belong_religion", d.binary(0.6), "byte")
    d.put("attend", d.uniform_int(1, 7), "byte")
    d.put("gni", np.round(c(d.normal(38, 12)), 2), "float")
    d.put("freexp2016", np.round(c(d.normal(75, 12)), 1), "float")
    d.put("coal", np.round(c(np.abs(d.normal(15, 12))), 2), "float")
    d.put("gini", np.round(c(d.normal(30, 4)), 1), "float")
    d.put("renewables", np.round(c(np.abs(d.normal(25, 15))), 2), "float")
    d.put("country_socialtrust", np.round(c(d.normal(5, 1)), 3), "float")
    d.put("country_politrustraw", np.round(c(d.normal(4, 1)), 3), "float")
    return d.dataset()
