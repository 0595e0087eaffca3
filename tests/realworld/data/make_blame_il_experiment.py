"""Look-alike of the Israeli survey experiment on policy and blame attribution: respondents
(``stat``==1 completes) read about a policy adopted by a government of one of three
compositions (``O_PM`` 0..2) on a right- or left-wing policy (``right_policy``); the
experimental ``condition`` (1..6) crosses them.  Covariates: ``right`` (ideology 1..7),
``q3`` (interest 1..5), ``male``, ``byear``, ``relid`` (1..4), ``edu`` (1..6), ``party_id``;
manipulation check ``q8`` (1..7); the agent and policy distances ``AD``/``PD`` (0/1, with
centred ``c_AD``/``c_PD`` and the band dummies ``AD_01``..``AD_04``/``PD_01``..``PD_04``),
incongruence ``incog`` and the outcome, responsibility attributed ``RA`` (1..7 scale mean)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=8142)
    d.rows(1100)
    d.put("stat", d.binary(0.93), "byte")
    opm = d.categorical([1, 1, 1], [0, 1, 2])
    rpol = d.binary(0.5)
    d.put("O_PM", opm, "byte", value_labels={0: "centre", 1: "right", 2: "left"})
    d.put("right_policy", rpol, "byte")
    d.put("condition", 1 + opm * 2 + rpol, "byte")
    right = d.uniform_int(1, 7)
    d.put("right", right, "byte")
    d.put("q3", d.uniform_int(1, 5), "byte")
    d.put("male", d.binary(0.49), "byte")
    d.put("byear", d.uniform_int(1940, 2000), "int")
    d.put("relid", d.uniform_int(1, 4), "byte")
    d.put("edu", d.uniform_int(1, 6), "byte")
    d.put("party_id", d.binary(0.55), "byte")
    d.put("q8", np.clip(np.round(4 + 1.2 * (opm == 1) - 1.2 * (opm == 2) + d.normal(0, 1.3)), 1, 7), "byte")
    ad_raw = np.abs(right - np.where(opm == 1, 6, np.where(opm == 2, 2, 4))) + d.normal(0, 0.8)
    pd_raw = np.abs(right - np.where(rpol == 1, 6, 2)) + d.normal(0, 0.8)
    ad, pdv = put_distances(d, ad_raw, pd_raw, "PD")
    incog = ((ad == 0) & (pdv == 1)).astype(int)
    d.put("incog", incog, "byte")
    ra = 3.8 + 0.5 * pdv + 0.4 * ad - 0.3 * incog + 0.1 * (right - 4) + d.normal(0, 1.2)
    d.put("RA", np.round(np.clip(ra, 1, 7), 3), "float")
    return d.dataset()


def put_distances(d, ad_raw, pd_raw, policy_name):
    """Agent and policy distance: above-median indicators (``AD`` and ``policy_name``),
    centred ``c_AD``/``c_PD`` and the quintile-band dummies ``AD_01``..``PD_04``."""
    ad = (ad_raw > np.median(ad_raw)).astype(int)
    pdv = (pd_raw > np.median(pd_raw)).astype(int)
    d.put("AD", ad, "byte")
    d.put(policy_name, pdv, "byte")
    d.put("c_AD", np.round(ad_raw - ad_raw.mean(), 4), "float")
    d.put("c_PD", np.round(pd_raw - pd_raw.mean(), 4), "float")
    for k, q in enumerate([0.2, 0.4, 0.6, 0.8], start=1):
        d.put(f"AD_0{k}", (ad_raw > np.quantile(ad_raw, q)).astype(int), "byte")
        d.put(f"PD_0{k}", (pd_raw > np.quantile(pd_raw, q)).astype(int), "byte")
    return ad, pdv
