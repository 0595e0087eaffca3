"""Look-alike of a course's three-wave Kenyan civic-education panel (``PS2730-2021.Kenya-3wave``,
long format): respondent ``id`` (1-150), ``wave`` (1-3) with its dummies ``wvv1-wvv3``,
civic-education workshops attended ``totalce_w`` (0-6, cumulative) and its person mean
``totalce_mn``, media use ``media_w`` (0-3), ``educ`` (1-4), ``sex`` (1/2), ``age``,
political knowledge ``know_w`` (0-5), political interest ``interest_w`` (1-4) and a
second interest score ``interest`` (same scale, a baseline-anchored version), preferred
political ``system`` (1 democracy, 2 military, 3 autocrat; value labels name the
equations) and a count of participation acts ``polpart_w`` (0-10), with person effects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1205)
    ids, wave = d.panel("id", 150, [1, 2, 3], "wave")
    d.put("wave", wave, "byte")
    for k in (1, 2, 3):
        d.put(f"wvv{k}", (wave == k).astype(int), "byte")
    u = d.effect(ids, 0.6)
    ce = np.minimum(6, np.cumsum(d.rng.poisson(0.8, d.n).reshape(-1, 3), axis=1).ravel())
    d.put("totalce_w", ce, "byte")
    media = np.clip(np.round(1.5 + 0.5 * u + d.normal(0, 0.8)), 0, 3)
    d.put("media_w", media, "byte")
    educ = d.group_constant(ids, d.categorical([0.3, 0.35, 0.25, 0.1], [1, 2, 3, 4]))
    d.put("educ", educ, "byte")
    d.put("sex", d.group_constant(ids, d.categorical([0.5, 0.5], [1, 2])), "byte",
          value_labels={1: "male", 2: "female"})
    d.put("age", d.group_constant(ids, d.uniform_int(18, 70)), "byte")
    know = np.clip(np.round(2 + 0.3 * ce + 0.4 * educ - 1 + u + d.normal(0, 0.8)), 0, 5)
    d.put("know_w", know, "byte")
    interest = d.ordinal(0.2 * ce + 0.5 * media + u, [0.0, 1.2, 2.4])
    d.put("interest_w", interest, "byte")
    d.put("interest", np.clip(interest + d.categorical([0.15, 0.7, 0.15], [-1, 0, 1]), 1, 4), "byte")
    mean_ce = np.repeat(ce.reshape(-1, 3).mean(axis=1), 3)
    d.put("totalce_mn", mean_ce, "float")
    u_m, u_a = d.effect(ids, 0.7), d.effect(ids, 0.7)
    e_d = np.zeros(d.n)
    e_m = -1.2 - 0.1 * ce + 0.01 * (d.columns["age"] - 40) - 0.15 * know + u_m
    e_a = -0.9 - 0.12 * ce - 0.1 * know + u_a
    p = np.exp(np.column_stack([e_d, e_m, e_a]))
    p /= p.sum(axis=1, keepdims=True)
    draw = (d.rng.random(d.n)[:, None] > np.cumsum(p, axis=1)).sum(axis=1) + 1
    d.put("system", draw, "byte", value_labels={1: "democracy", 2: "military", 3: "autocrat"})
    d.put("polpart_w", np.minimum(10, d.rng.negative_binomial(3, 3 / (3 + np.exp(0.3 + 0.05 * ce + 0.15 * know + 0.5 * u)))),
          "byte")
    return d.dataset()
