"""Look-alike of UCLA's ``hdp.csv`` (simulated hospital-doctor-patient cancer data, as
insheet reads it): patients nested in doctors ``did`` in hospitals ``hid``; ``remission``
(0/1), ``il6``, ``crp``, ``lengthofstay``, doctor's ``experience``, and the strings
``familyhx``/``smokinghx`` ("no"/"yes"), ``sex`` ("female"/"male"), ``cancerstage``
("I".."IV") and ``school`` ("average"/"top")."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=407)
    ids = d.nested(("hid", 35), ("did", (3, 5)), (None, (8, 16)))
    doc = ids["did"]
    stage = d.categorical([0.3, 0.35, 0.25, 0.1], [1, 2, 3, 4])
    il6 = np.round(np.abs(d.normal(4, 2.5)), 4)
    crp = np.round(np.abs(d.normal(5, 1.5)), 4)
    experience = d.group_constant(doc, d.uniform_int(7, 29))
    stay = np.clip(np.round(5 + 0.4 * stage + d.normal(0, 1)), 1, 10)
    eta = 1.5 - 0.06 * il6 - 0.2 * crp - 0.5 * (stage - 1) - 0.1 * stay + 0.12 * (experience - 17) + d.effect(doc, 2.0)
    school = d.group_constant(doc, d.binary(0.3))
    d.put("remission", d.bernoulli_logit(eta), "byte")
    d.put("il6", il6, "float")
    d.put("crp", crp, "float")
    d.put("lengthofstay", stay, "byte")
    d.put("experience", experience, "byte")
    d.put("familyhx", np.where(d.binary(0.2) == 1, "yes", "no").astype(object), "str3")
    d.put("smokinghx", np.where(d.binary(0.3) == 1, "yes", "no").astype(object), "str3")
    d.put("sex", np.where(d.binary(0.5) == 1, "male", "female").astype(object), "str6")
    d.put("cancerstage", np.array(["I", "II", "III", "IV"], dtype=object)[stage - 1], "str3")
    d.put("school", np.where(school == 1, "top", "average").astype(object), "str7")
    return d.dataset()
