"""Look-alike of the analysis file of a study of heat exposure and mothers' contact with
frontline health workers in India's National Family Health Survey: one row per recently
delivered woman (3,000) in districts (``meta_dist_name``, 150 names) of 28 states
(``meta_state_name``), with the outcome ``dv_no_contact_3mo`` (0/1, no contact in three months),
the days in four temperature bins ``exp_bin_below_10_10`` ``exp_bin_10_15_10``
``exp_bin_25_30_10`` ``exp_bin_above_30_10`` (out of 90), ``ses_wealth_bi_richer`` (1 richer,
2 poorer), ``ses_access_issue_distance`` (a string: "Big problem" / "Not a big problem"),
``mat_edu_level`` 1-4, ``meta_rural`` (1 urban, 2 rural) and interview month ``month_int``
1-12.  Hot days raise the chance of no contact, with a state effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=135031)
    rng = d.rng
    ids = d.nested(("state_id", 28), ("dist_id", (4, 7)), (None, (15, 25)))
    state, dist = ids["state_id"], ids["dist_id"]
    del d.columns["state_id"], d.columns["dist_id"]
    d.types.pop("state_id", None); d.types.pop("dist_id", None)
    month = d.uniform_int(1, 12)
    heat = d.group_constant(dist, rng.normal(0, 1, size=d.n)) + 0.8 * np.isin(month, [4, 5, 6])
    below10 = np.clip(np.round(rng.poisson(np.exp(1.0 - heat))), 0, 40)
    b10_15 = np.clip(np.round(rng.poisson(np.exp(2.0 - 0.6 * heat))), 0, 40)
    b25_30 = np.clip(np.round(rng.poisson(np.exp(2.8 + 0.3 * heat))), 0, 60)
    above30 = np.clip(np.round(rng.poisson(np.exp(2.0 + 0.8 * heat))), 0, 60)
    rural = 1 + d.binary(0.7)
    richer = 1 + d.binary(0.5)
    edu = d.categorical([0.15, 0.35, 0.3, 0.2])
    far = d.binary(0.35)
    eta = -0.4 + 0.015 * above30 - 0.01 * b10_15 + 0.3 * (rural == 2) + 0.3 * far + 0.2 * (richer == 2) \
        + d.effect(state, 0.5)
    d.put("dv_no_contact_3mo", d.bernoulli_logit(eta), "byte")
    d.put("exp_bin_below_10_10", below10, "float")
    d.put("exp_bin_10_15_10", b10_15, "float")
    d.put("exp_bin_25_30_10", b25_30, "float")
    d.put("exp_bin_above_30_10", above30, "float")
    d.put("ses_wealth_bi_richer", richer, "byte", value_labels={1: "Richer", 2: "Poorer"})
    d.put("ses_access_issue_distance", np.where(far == 1, "Big problem", "Not a big problem"), "str17")
    d.put("mat_edu_level", edu, "byte", value_labels={1: "Higher", 2: "Secondary", 3: "Primary", 4: "No education"})
    d.put("meta_rural", rural, "byte", value_labels={1: "Urban", 2: "Rural"})
    d.put("month_int", month, "byte")
    d.put("meta_state_name", np.array([f"State {s:02d}" for s in state]), "str8")
    d.put("meta_dist_name", np.array([f"District {k:03d}" for k in dist]), "str12")
    return d.dataset()
