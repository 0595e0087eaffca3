"""Look-alike of one yearly extract of an OpenSAFELY gout study: one row per patient with a
gout consultation in the year, registered at a general practice (``practice``, about 120
practices of 3-25 patients), and the 0/1 flags the consultation tables add up by practice:
the consultation itself (``gout_code`` = 1), prevalent gout, 6 months' follow-up after the
diagnosis, urate-lowering therapy (ULT) ever / in the 6 months before, none, ULT-naive with
follow-up and ULT started within 6 months (the primary outcome, varying between practices),
follow-up after ULT, baseline and follow-up serum urate tests and urate below 360 umol/L."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=10990)
    ids = d.nested(("practice", 120), (None, (3, 25)))
    practice = ids["practice"]
    d.put("patient_id", np.arange(100001, 100001 + d.n), "long")
    d.put("gout_code", np.ones(d.n), "byte")
    prevalent = d.binary(0.55)
    follow = d.binary(0.9)
    ult_ever = np.where(prevalent == 1, d.binary(0.5), 0)
    ult_6m_pre = np.where(ult_ever == 1, d.binary(0.7), 0)
    naive_fup = np.where((ult_6m_pre == 0) & (follow == 1), 1, 0)
    started = np.where(naive_fup == 1, d.bernoulli_logit(-1.0 + d.effect(practice, 0.5)), 0)
    post_ult = np.where(started == 1, d.binary(0.85), 0)
    ult_any = np.maximum(ult_6m_pre, started)
    base_test = d.binary(0.6)
    fup_test = np.where(follow == 1, d.binary(0.45 + 0.3 * started), 0)
    ult_test = np.where(post_ult == 1, d.binary(0.7), 0)
    d.put("gout_prevalent", prevalent, "byte")
    d.put("has_6m_post_diag", follow, "byte")
    d.put("ult_ever_pre_consult", ult_ever, "byte")
    d.put("ult_6m_pre_consult", ult_6m_pre, "byte")
    d.put("ult_any", ult_any, "byte")
    d.put("no_ult", 1 - ult_any, "byte")
    d.put("no_pre_ULT_has_6m", naive_fup, "byte")
    d.put("ult_6m_diag", started, "byte")
    d.put("has_6m_post_ult", post_ult, "byte")
    d.put("had_baseline_urate", base_test, "byte")
    d.put("baseline_urate_below360", np.where(base_test == 1, d.binary(0.25), 0), "byte")
    d.put("had_test_6m_fup", fup_test, "byte")
    d.put("urate_below360_6m_fup", np.where(fup_test == 1, d.binary(0.3), 0), "byte")
    d.put("had_test_ult_6m_fup", ult_test, "byte")
    d.put("urate_below360_ult_6m_fup", np.where(ult_test == 1, d.binary(0.35), 0), "byte")
    d.put("two_urate_ult_6m_fup", np.where(ult_test == 1, d.binary(0.4), 0), "byte")
    return d.dataset("OpenSAFELY gout consultations look-alike")
