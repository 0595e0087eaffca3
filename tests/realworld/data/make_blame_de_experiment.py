"""Look-alike of the German survey experiment on policy and blame attribution: respondents
who passed the attention check (``IMC``==1) read about a policy of a right- or left-led
coalition (``R_coalition``) that is right- or left-wing (``R_policy``); ``condition`` (1..4)
crosses them.  Covariates ``male``, ``age``, ``education`` (1..5), ``right``/``right1``
(ideology 0..10), ``intention_to_vote`` and vote dummies (``vote_cdu`` ... ``vote_piraten``),
``party_id``; manipulation check ``adopt_likelihood`` (1..7); three items of the
responsibility measure (``Responsibility``, ``Anger``, ``Resignation``); agent and policy
distance ``AD``/``CPD`` (0/1; ``c_AD``/``c_PD`` continuous, band dummies ``AD_01``..``PD_04``),
``incongruent``, the mediator ``ideol_policy`` (0/1: the policy judged on ideology) and the
outcome ``RA`` (1..7)."""
import numpy as np

from lookalike import LookAlike
from make_blame_il_experiment import put_distances


def make():
    d = LookAlike(seed=9142)
    d.rows(1300)
    d.put("IMC", d.binary(0.85), "byte")
    rcoal = d.binary(0.5)
    rpol = d.binary(0.5)
    d.put("R_coalition", rcoal, "byte")
    d.put("R_policy", rpol, "byte")
    d.put("condition", 1 + 2 * rcoal + rpol, "byte")
    d.put("male", d.binary(0.5), "byte")
    d.put("age", d.uniform_int(18, 80), "byte")
    d.put("education", d.uniform_int(1, 5), "byte")
    right = d.uniform_int(0, 10)
    d.put("right", right, "byte")
    d.put("right1", right, "byte")
    d.put("intention_to_vote", d.binary(0.8), "byte")
    party = d.categorical([30, 25, 10, 15, 10, 5, 5], list(range(7)))
    for k, name in enumerate(["cdu", "spd", "fdp", "green", "linke", "piraten"], start=1):
        d.put(f"vote_{name}", (party == k).astype(int), "byte")
    d.put("party_id", (party > 0).astype(int), "byte")
    d.put("adopt_likelihood", np.clip(np.round(4 + 1.0 * rcoal * rpol + d.normal(0, 1.4)), 1, 7), "byte")
    ad_raw = np.abs(right - np.where(rcoal == 1, 8, 2)) + d.normal(0, 1.0)
    pd_raw = np.abs(right - np.where(rpol == 1, 8, 2)) + d.normal(0, 1.0)
    ad, cpd = put_distances(d, ad_raw, pd_raw, "CPD")
    incong = ((ad == 0) & (cpd == 1)).astype(int)
    d.put("incongruent", incong, "byte")
    ideol = d.bernoulli_logit(-0.3 + 0.8 * incong + 0.5 * ad)
    d.put("ideol_policy", ideol, "byte")
    ra = 3.6 + 0.5 * cpd + 0.4 * ad + 0.6 * ideol + d.normal(0, 1.2)
    d.put("RA", np.round(np.clip(ra, 1, 7), 3), "float")
    base = ra + d.normal(0, 0.8)
    d.put("Responsibility", np.clip(np.round(base), 1, 7), "byte")
    d.put("Anger", np.clip(np.round(0.8 * base + d.normal(0, 1.0)), 1, 7), "byte")
    d.put("Resignation", np.clip(np.round(0.6 * base + d.normal(0, 1.2)), 1, 7), "byte")
    return d.dataset()
