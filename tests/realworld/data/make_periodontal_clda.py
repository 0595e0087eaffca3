"""Look-alike of the preloaded data of a two-arm trial of an adjunct to periodontal therapy
in people with type 2 diabetes, long format: participant ``id`` (1-28) and ``code`` (a
string code), arm ``group`` (0 control, 1 test), visit ``time`` (0 baseline, 1 after 60
days), laboratory outcomes ``hba1c`` (%), ``glucose`` (mg/dL) and ``crp`` (mg/L),
periodontal outcomes (plaque index, bleeding on probing, mean probing depth and attachment
level, shares of sites by depth) and salivary ``tnf`` and ``il6`` (pg/mL, a few missing at
60 days).  Each outcome has a participant effect, an improvement at 60 days and a larger one
under the test arm."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=13702)
    ids, time = d.panel("id", 28, [0, 1], "time")
    d.put("id", ids, "byte")
    d.put("time", time, "byte", value_labels={0: "Baseline", 1: "60 days"})
    d.put("code", np.array([f"P{i:02d}" for i in ids], dtype=object), "str3")
    group = (ids % 2 == 0).astype(int)
    d.put("group", group, "byte", value_labels={0: "Control", 1: "Test"})

    def outcome(base, sd_person, sd_noise, change, extra, decimals, lo=0.0):
        y = base + d.effect(ids, sd_person) + (change + extra * group) * time + d.normal(0, sd_noise)
        return np.round(np.maximum(y, lo), decimals)

    d.put("hba1c", outcome(8.1, 1.2, 0.45, -0.3, -0.5, 1, 5.0), "float")
    d.put("glucose", outcome(160, 35, 18, -8, -15, 0, 70), "float")
    d.put("crp", outcome(4.0, 2.0, 1.2, -0.4, -0.8, 2, 0.1), "float")
    d.put("plaque", outcome(1.6, 0.4, 0.2, -0.5, -0.2, 2), "float")
    d.put("pctbop", outcome(55, 15, 8, -20, -8, 1), "float")
    d.put("meanpd", outcome(3.4, 0.5, 0.2, -0.6, -0.3, 2, 1.5), "float")
    d.put("meancal", outcome(4.1, 0.8, 0.3, -0.4, -0.3, 2, 1.5), "float")
    d.put("pctsite4mm", outcome(22, 8, 4, -8, -3, 1), "float")
    d.put("pctsite5_6mm", outcome(14, 6, 3, -6, -3, 1), "float")
    d.put("pctsite7plus", outcome(5, 3, 1.5, -2, -1, 1), "float")
    tnf = outcome(18, 6, 4, -3, -3, 2, 1)
    il6 = outcome(9, 3, 2, -1.5, -1.5, 2, 0.5)
    late = time == 1
    d.put("tnf", np.where(late & (d.rng.random(d.n) < 0.1), np.nan, tnf), "float")
    d.put("il6", np.where(late & (d.rng.random(d.n) < 0.1), np.nan, il6), "float")
    return d.dataset()
