"""Look-alike of ``dm.csv`` of a youth bone-development study (see ``bone_youth.py``): an unnamed
first column (``v1`` after import delimited), ``id``, ``sequence``, ``session``, radial speed of
sound ``radius_sos`` (m/s), ``grip_strength_best`` (kg), ``age``, maturity offset
``mat_offset_new`` (years from peak height velocity), ``gender`` (1 female), ``vit_d``,
``paq_total_score``, ``ntxcreat`` and forearm measures (``wrist_flexion_best``,
``forearm_length``, the cross-sectional areas ``forearm_lean_csa`` ... ``post_csa``,
``tibialis_anterior``); a few values missing."""
import numpy as np

from bone_youth import occasions
from lookalike import LookAlike


def make():
    d = LookAlike(seed=2303)
    rng, ids, seqs, sess = occasions(2303)
    d.rows(len(ids))
    person = (ids - 1000)
    n = person.max() + 1
    fem = rng.integers(0, 2, size=n)[person]
    occasion = np.argsort(np.argsort(ids * 10 + seqs)) % 3
    age = (rng.uniform(9, 15, size=n)[person] + 0.4 * occasion)
    matu = age - 12.5 + 1.2 * fem + rng.normal(0, 0.5, size=n)[person]
    grip = 8 + 2.2 * (age - 8) - 3 * fem + rng.normal(0, 2, size=n)[person] + d.normal(0, 1)
    slope = 2.0 + rng.normal(0, 0.8, size=n)[person]
    rsos = 3750 + slope * grip + 25 * matu + rng.normal(0, 40, size=n)[person] + d.normal(0, 20)
    d.put("v1", np.arange(len(ids)), "int")
    d.put("id", ids, "int")
    d.put("sequence", seqs, "byte")
    d.put("session", sess, "byte")
    d.put("radius_sos", d.with_missing(np.round(rsos, 1), 0.02), "double")
    d.put("grip_strength_best", np.round(np.clip(grip, 4, None), 1), "double")
    d.put("age", np.round(age, 2), "double")
    d.put("mat_offset_new", np.round(matu, 2), "double")
    d.put("gender", fem, "byte")
    d.put("vit_d", d.with_missing(np.round(rng.normal(70, 18, size=n)[person], 1), 0.02), "double")
    d.put("paq_total_score", np.round(np.clip(rng.normal(2.9, 0.6, size=n)[person], 1, 5), 2), "double")
    d.put("ntxcreat", np.round(np.exp(d.normal(6.0, 0.4)), 1), "double")
    d.put("wrist_flexion_best", np.round(0.4 * grip + d.normal(0, 1.5), 1), "double")
    d.put("forearm_length", np.round(20 + 0.9 * (age - 9) + d.normal(0, 1), 1), "double")
    for name, mean in [("forearm_lean_csa", 22), ("forearm_us_csa", 30), ("anterior_csa", 9),
                       ("anterior_radius", 1.4), ("ant_rad_csa", 5), ("anterior_ulna", 1.2),
                       ("ant_ulna_csa", 4), ("posterior", 2.1), ("post_csa", 11), ("tibialis_anterior", 2.3)]:
        d.put(name, np.round(mean * (1 + 0.03 * (age - 12)) * np.exp(d.normal(0, 0.1)), 2), "double")
    return d.dataset()
