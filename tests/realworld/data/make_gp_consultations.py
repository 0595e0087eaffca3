"""Look-alike of a consultation-level extract of English general-practice records: one row
per consultation of adult and some younger patients (``patid``: a person number followed by
the three digits of the practice, as CPRD numbers them, so the practice is
``real(substr(string(patid),-3,.))``) in about 40 practices; ``total`` the number of long-term
conditions and six mental-health condition flags (``depanx ano alc ops scz lea``),
``startage``, ``sex`` (1 male, 2 female), ``f2f`` face to face or not, staff ``role``
(CPRD role codes; 1-4, 7, 10, 47, 50 are GP roles) and ``gpregistrar``; the consultation
duration ``duratcons`` (minutes, 0-61) and the face-to-face duration ``duratf2f``; the
deprivation decile ``imd2015_10``.  Patient and practice random intercepts enter the
duration."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=39139)
    rng = d.rng
    ids = d.nested(("prac", 40), ("person", (25, 45)), (None, (2, 8)))
    prac, person = ids["prac"], ids["person"]
    n = d.n
    n_person = int(person.max())
    p_age = np.round(rng.normal(52, 19, size=n_person + 1).clip(10, 99))
    p_sex = rng.integers(1, 3, size=n_person + 1)
    p_total = rng.poisson(np.clip((p_age - 10) / 25, 0.1, None))
    p_imd = d.group_constant(prac, d.uniform_int(1, 10))
    age = p_age[person]
    total = p_total[person]
    d.put("patid", person * 1000 + prac, "long")
    d.put("startage", age, "byte")
    d.put("sex", p_sex[person], "byte", value_labels={1: "Male", 2: "Female"})
    d.put("total", total, "byte")
    for name, p in (("depanx", 0.2), ("ano", 0.01), ("alc", 0.03), ("ops", 0.02), ("scz", 0.01), ("lea", 0.01)):
        d.put(name, rng.binomial(1, p, size=n_person + 1)[person], "byte")
    d.put("f2f", d.binary(0.85), "byte")
    role = d.categorical([0.35, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.15, 0.1], [1, 2, 3, 4, 7, 10, 47, 50, 11, 12])
    d.put("role", role, "byte")
    d.put("gpregistrar", d.binary(0.08), "byte")
    mu = 9.5 + 0.04 * (age - 52) + 0.5 * (total > 1) + 0.2 * (p_imd - 5) / 4
    dur = np.round(np.clip(mu + d.effect(prac, 1.0) + d.effect(person, 1.5) + rng.normal(0, 4, size=n), 0, 61))
    d.put("duratcons", dur, "byte")
    d.put("duratf2f", np.round(np.clip(dur - rng.integers(0, 3, size=n), 0, 61)), "byte")
    d.put("imd2015_10", p_imd, "byte")
    for key in ("prac", "person"):
        d.columns.pop(key)
        d.types.pop(key)
    return d.dataset("GP consultations look-alike")
