"""Look-alike of ``sdq_gen_pop_non_autistic1000.dta`` (an IPD meta-analysis extract of
general-population children): ``ID``, ``studyid`` (a string, three cohorts), ``wave`` (1-3),
``relative_wave``, ``age_cent`` (age minus about 8 years, distinct at each wave) and the five
parent-reported SDQ domain scores ``sdq_emot_p``, ``sdq_cond_p``, ``sdq_hyp_p``, ``sdq_peer_p``,
``sdq_pro_p`` (0-10: correlated child intercepts and age slopes, correlated occasion errors),
with the baseline scores ``base_sdq_*`` and ``base_age_cent``."""
import numpy as np

from lookalike import LookAlike

DOMAINS = ("emot", "cond", "hyp", "peer", "pro")


def make():
    d = LookAlike(seed=2727)
    ids, wave = d.panel("ID", 110, [1, 2, 3], "wave")
    study = d.group_constant(ids, d.categorical([0.4, 0.35, 0.25], [0, 1, 2]))
    d.put("studyid", np.array(["ALSPAC", "MCS", "LSAC"], dtype=object)[study], "str6")
    d.put("relative_wave", wave - 1, "byte")
    age = np.round(3.0 + 2.5 * wave + d.group_constant(ids, d.normal(0, 0.4)) + d.normal(0, 0.1) - 8.0, 3)
    d.put("age_cent", age, "double")
    n_ids = int(ids.max())
    shared = d.rng.normal(0, 1, n_ids)
    occasion = d.normal(0, 0.8)
    means = {"emot": 2.2, "cond": 1.6, "hyp": 3.4, "peer": 1.5, "pro": 8.6}
    slopes = {"emot": 0.12, "cond": -0.1, "hyp": -0.15, "peer": 0.05, "pro": 0.08}
    scores = {}
    for k, dom in enumerate(DOMAINS):
        u = 0.8 * shared + d.rng.normal(0, 0.9, n_ids) * (-1 if dom == "pro" else 1)
        s = d.rng.normal(0, 0.08, n_ids)
        y = means[dom] + 0.3 * study + (slopes[dom] + s[ids - 1]) * age + u[ids - 1] \
            + 0.5 * occasion + d.normal(0, 1.1)
        scores[dom] = np.clip(np.round(y), 0, 10)
        d.put(f"sdq_{dom}_p", scores[dom], "byte")
    first = wave == 1
    for dom in DOMAINS:
        base = d.group_constant(ids, np.where(first, scores[dom], 0))
        d.put(f"base_sdq_{dom}_p", base, "byte")
    d.put("base_age_cent", d.group_constant(ids, age), "double")
    return d.dataset()
