"""Look-alike of a SOEP-based wealth-and-health project's cleaned sample
(``03_clean_sample_2011_2019_biyearly.dta``): persons ``pid`` observed every second year
``syear`` 2011-2019 (the file's ``xtset ..., delta(2)``), a sample flag ``_keep_all``, fifteen
ever-diagnosed indicators ``hd_*_ever``, net and gross wealth quantile groups (``nw_qile``
1-4, ``nw_dile`` 1-10, ``gw_qile`` 1-4), health satisfaction ``sats_health`` (0-10), age and
its ten-year groups ``age_cuts_10``, ``educ_highschool``, ``sex``, ``marital_status``,
``legal_handicapped_bin``, ``children`` and ``children_d``, ``insurance_type`` and a birth-cohort
group ``birth_coh_qt``; the data set carries a note, as the file's ``notes`` lists them."""
import numpy as np

from lookalike import LookAlike

DISEASES = ["sleep", "diabetes", "asthma", "cardio", "cancer", "stroke", "migraine", "blood_pres",
            "depression", "dementia", "joint", "back_pain", "other", "no_illness"]


def make():
    d = LookAlike(seed=1105)
    ids, year = d.panel("pid", 600, [2011, 2013, 2015, 2017, 2019], "syear", dropout=0.3)
    born = d.group_constant(ids, d.uniform_int(1935, 1995))
    age = year - born
    wealth = d.group_constant(ids, d.normal()) + d.normal(0, 0.3)
    nw_q = np.digitize(wealth, np.quantile(wealth, [0.25, 0.5, 0.75])) + 1
    nw_d = np.digitize(wealth, np.quantile(wealth, np.linspace(0.1, 0.9, 9))) + 1
    gw = wealth + d.normal(0, 0.3)
    person = d.effect(ids, 1.0)
    d.put("_keep_all", d.binary(0.9), "byte")
    ever = {}
    wave = (year - 2011) // 2
    for name in DISEASES:
        # ever diagnosed: a diagnosis in some wave (or before the panel) stays on afterwards
        onset_wave = d.group_constant(ids, d.rng.geometric(1 / (1 + np.exp(2.5 - 0.03 * (age - 50) + 0.5 * person)),
                                                           d.n) - 2)
        base = (wave >= onset_wave).astype(np.int8)
        ever[name] = base
        d.put(f"hd_{name}_ever", base, "byte")
    ill = sum(ever[n] for n in DISEASES[:-1])
    d.columns["hd_no_illness_ever"] = (ill == 0).astype(np.int8)
    sats = np.clip(np.round(6.5 + 0.3 * wealth - 0.6 * ill - 0.02 * (age - 50) + person + d.normal(0, 1.5)), 0, 10)
    d.put("sats_health", sats, "byte")
    d.put("nw_qile", nw_q, "byte")
    d.put("nw_dile", nw_d, "byte")
    d.put("gw_qile", np.digitize(gw, np.quantile(gw, [0.25, 0.5, 0.75])) + 1, "byte")
    d.put("age", age, "int")
    d.put("age_cuts_10", np.clip((age - 10) // 10, 1, 8), "byte")
    d.put("educ_highschool", d.group_constant(ids, d.binary(0.35)), "byte")
    d.put("sex", d.group_constant(ids, d.categorical([0.5, 0.5], [1, 2])), "byte",
          value_labels={1: "male", 2: "female"})
    d.put("marital_status", d.categorical([0.55, 0.25, 0.12, 0.08]), "byte")
    d.put("legal_handicapped_bin", d.binary(0.1), "byte")
    kids = d.group_constant(ids, d.rng.poisson(1.3, d.n))
    d.put("children", kids, "byte")
    d.put("children_d", (kids > 0).astype(np.int8), "byte")
    d.put("insurance_type", d.group_constant(ids, d.categorical([0.88, 0.12], [1, 2])), "byte")
    d.put("birth_coh_qt", np.digitize(born, [1950, 1965, 1980]) + 1, "byte")
    ds = d.dataset()
    ds.chars.update({"note0": "1", "note1": "sample of the cleaning do-file, biyearly waves"})
    return ds
