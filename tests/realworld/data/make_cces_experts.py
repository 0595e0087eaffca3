"""Look-alike of a CCES extract used to sample "expert" informants on district
candidates: respondents in congressional districts, party id, placements of the
Republican/Democratic candidates, incumbency and DW-NOMINATE of the incumbent."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2010)
    ids = d.nested(("district", 60), (None, (40, 90)))
    dist = ids["district"]
    pid3 = d.categorical([0.35, 0.3, 0.35], [-1, 0, 1])
    d.put("pid", pid3 + 2, "byte", value_labels={1: "Democrat", 2: "Independent", 3: "Republican"})
    d.put("pid3", pid3, "byte")
    expert = d.binary(0.5)
    d.put("expert", expert, "byte")
    d.uniform_int(25, 60)  # drawn as before (the later columns keep their values)
    # expert_n: the district's number of experts, as the name says; the do-file's
    # `drop if expert_n<30` then leaves >= 30 experts for `bsample #, strata(district)`
    uniq, inverse = np.unique(dist, return_inverse=True)
    d.put("expert_n", np.bincount(inverse, weights=expert)[inverse].astype(int), "int")
    d.put("expertise", np.round(d.rng.uniform(0.2, 1.0, d.n), 3), "float")
    nom = d.group_constant(dist, d.rng.uniform(-0.6, 0.8, d.n))
    d.put("nominate10", np.round(nom, 3), "float")
    d.put("rlc_voter", np.round(np.clip(5 + 1.5 * nom + 0.4 * pid3 + d.effect(dist, 0.5) + d.normal(0, 1.2), 1, 7)), "byte")
    d.put("dlc_voter", np.round(np.clip(3 + 0.8 * nom + 0.4 * pid3 + d.effect(dist, 0.5) + d.normal(0, 1.2), 1, 7)), "byte")
    rep = d.group_constant(dist, d.binary(0.5))
    d.put("repinc10", rep, "byte")
    d.put("deminc10", 1 - rep, "byte")
    d.put("incran10", d.group_constant(dist, d.binary(0.9)), "byte")
    d.put("inclc", np.where(rep == 1, d.columns["rlc_voter"], d.columns["dlc_voter"]).astype(float), "byte")
    d.put("absdistpartymediannominate_D", d.group_constant(dist, d.binary(0.5)), "byte")
    return d.dataset()
