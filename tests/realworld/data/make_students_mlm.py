"""Look-alike of a competence-mismatch project's student file (``students_mlm.dta``): tenth
graders ``sch_id`` in high schools (ELS:2002-like), centred test measures ``test_mr_diff_c``
(math minus reading) and ``test_composite_c``, ``female``, ``race`` (1 = white, the base),
``family_income_log_centered``, ``parents_ed``, ``parents_expect_college``,
``generational_status`` and ``urbanicity`` (1 = suburban, the base), centred school measures
``hs_10g_frl_c`` ``hs_perc_ap_c`` ``hs_attend_4yr_int_c`` ``hs_10g_remedial_math_c``, the
outcomes ``ever_applied_to_college``, ``applied_selective_college``,
``accepted_selective_college`` and ``earned_ba_within_six_years`` (logits with a school
random intercept), and eight profile indicators ``m90_r90`` ... ``m20_r50`` (math and reading
percentile pairs)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2002)
    ids = d.nested(("sch_id", 150), (None, (10, 22)))
    sch = ids["sch_id"]
    school = d.effect(sch, 0.6)
    comp = d.normal(0, 1) + 0.4 * school
    diff = d.normal(0, 0.8)
    d.put("test_mr_diff_c", np.round(diff, 4), "float")
    d.put("test_composite_c", np.round(comp, 4), "float")
    d.put("female", d.binary(0.51), "byte", value_labels={0: "male", 1: "female"})
    d.put("race", d.categorical([0.58, 0.14, 0.16, 0.08, 0.04]), "byte",
          value_labels={1: "white", 2: "black", 3: "hispanic", 4: "asian", 5: "other"})
    d.put("family_income_log_centered", np.round(d.normal(0, 0.9) + 0.3 * school, 4), "float")
    d.put("parents_ed", d.categorical([0.35, 0.3, 0.35], [0, 1, 2]), "byte",
          value_labels={0: "no college", 1: "some college", 2: "ba or more"})
    d.put("parents_expect_college", d.binary(0.75), "byte")
    d.put("generational_status", d.categorical([0.75, 0.13, 0.12]), "byte",
          value_labels={1: "third+", 2: "second", 3: "first"})
    d.put("urbanicity", d.categorical([0.48, 0.3, 0.22]), "byte",
          value_labels={1: "suburban", 2: "urban", 3: "rural"})
    for name, sd in (("hs_10g_frl_c", 15.0), ("hs_perc_ap_c", 8.0), ("hs_attend_4yr_int_c", 12.0),
                     ("hs_10g_remedial_math_c", 6.0)):
        d.put(name, np.round(d.group_constant(sch, d.normal(0, sd)), 3), "float")
    applied = d.bernoulli_logit(1.2 + 0.9 * comp + 0.1 * diff + school)
    d.put("ever_applied_to_college", applied, "byte")
    sel = d.bernoulli_logit(-1.5 + 1.1 * comp + 0.2 * diff + 0.8 * school)
    d.put("applied_selective_college", np.where(applied == 1, sel, 0), "byte")
    acc = d.bernoulli_logit(-0.5 + 0.9 * comp + 0.5 * school)
    d.put("accepted_selective_college", np.where((applied == 1) & (sel == 1), acc, 0), "byte")
    ba = d.bernoulli_logit(0.2 + 0.8 * comp + 0.6 * school)
    d.put("earned_ba_within_six_years", np.where(applied == 1, ba, 0), "byte")
    profile = d.uniform_int(0, 24)
    for k, name in enumerate(("m90_r90", "m90_r60", "m75_r75", "m60_r90", "m50_r50", "m50_r20",
                              "m35_r35", "m20_r50")):
        d.put(name, (profile == k).astype(np.int8), "byte")
    return d.dataset()
