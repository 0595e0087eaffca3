"""Look-alike of ``results_dvs_cvs_ivs_encoded_final.csv``: Wikipedia editors within
WikiProjects (``nwikiproject``, the project encoded; ``wikiproject`` its name), as
``import delimited`` reads it: the editor's topical similarity to the project
(``iv_cos_sim``), talk-page exchanges with it (``iv_*_talked``/``iv_*_talking``: amount,
members, maximum), the controls (prior edits, tenure, workload, the project's age, members and
articles) and the outcome counts (productivity, communication, work communication,
coordination, withdrawal)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3502)
    ids = d.nested(("nwikiproject", 90), (None, (12, 45)))
    proj = ids["nwikiproject"]
    n = d.n
    d.put("wikiproject", np.array([f"WikiProject_{k:03d}" for k in proj], dtype=object), "str16")
    u = d.effect(proj, 0.6)
    wp_age = d.group_constant(proj, d.rng.integers(200, 5000, n))
    wp_members = d.group_constant(proj, d.rng.negative_binomial(2, 0.02, n) + 5)
    wp_arts = d.group_constant(proj, d.rng.negative_binomial(1.5, 0.001, n) + 50)
    cos = np.clip(d.rng.beta(1.4, 8.0, n), 0, 1).round(6)
    cos[d.rng.random(n) < 0.05] = 0.0
    tenure = d.rng.integers(1, 4000, n)
    prior = d.rng.negative_binomial(0.6, 0.004, n)
    workload = d.rng.negative_binomial(0.8, 0.02, n)
    talk = {}
    for kind in ("amount", "member", "max"):
        for way in ("talked", "talking"):
            talk[f"iv_{kind}_{way}"] = d.rng.negative_binomial(0.5, 0.15 if kind != "amount" else 0.05, n)
    lt = np.log2(talk["iv_amount_talking"] + 1)
    lw = np.log2(workload + 1)
    base = -0.5 + 0.25 * np.log2(prior + 1) + 0.1 * lw + 1.2 * cos + 0.15 * lt + u
    outcomes = {
        "dv_productivity": base + 0.8,
        "dv_communication": base - 0.6 + 0.2 * np.log2(talk["iv_member_talking"] + 1),
        "dv_work_comm": base - 0.9,
        "dv_coordination": base - 1.4,
        "dv_withdrawal": -1.0 - 0.2 * lt + 0.3 * u,
    }
    for name, eta in outcomes.items():
        d.put(name, d.rng.negative_binomial(1.2, 1.2 / (1.2 + np.exp(eta))), "int")
    d.put("iv_cos_sim", cos, "double")
    for name, values in talk.items():
        d.put(name, values, "int")
    d.put("cv_prior_edits", prior, "long")
    d.put("cv_wp_age", wp_age, "int")
    d.put("cv_wp_member_size", wp_members, "int")
    d.put("cv_user_tenure", tenure, "int")
    d.put("cv_wp_art_size", wp_arts, "long")
    d.put("cv_workload", workload, "int")
    return d.dataset()
