"""Look-alike of the household roster (section 1) of wave 1 of the Ethiopia LSMS-ISA panel:
one row per person of the 320 wave-1 households (``household_id``, ``individual_id`` = the
household id and a 2-digit line number, ``ea_id``, ``saq01``, ``rural``, ``pw``), with
relationship to the head ``hh_s1q02`` (1 head, 2 spouse, 3 child, 4-14 others), sex
``hh_s1q03`` (1 male, 2 female), age in years ``hh_s1q04_a`` and in months ``hh_s1q04_b``
(under fives), months away in the last year ``hh_s1q05``, religion ``hh_s1q07`` (value label
``HH_S1Q07``), marital status ``hh_s1q08`` (1 never ... 6 widowed; ages 10+), region of birth
``hh_s1q11``, whether the father/mother lives in the household and their line numbers
(``hh_s1q12``/``hh_s1q13``, ``hh_s1q16``/``hh_s1q17``).  ``people()`` is shared with the
education module (section 2)."""
import numpy as np

from lookalike import LookAlike
from make_eth_lsms_cover_w1 import REGION_LABELS, design, old_ea_id


def people(seed: int = 3126):
    """One record per person: household id, ea id, region, line, relation, sex, age."""
    rng = np.random.default_rng(seed)
    out = []
    for r, z, w, e, h, _ in design():
        ea = old_ea_id(r, z, w, e)
        hid = f"{ea}{h:03d}"
        size = int(rng.integers(1, 10))
        head_female = rng.random() < 0.25
        head_age = int(rng.integers(20, 80))
        has_spouse = size > 1 and rng.random() < (0.3 if head_female else 0.85)
        for line in range(1, size + 1):
            if line == 1:
                rel, sex, age = 1, 2 if head_female else 1, head_age
            elif line == 2 and has_spouse:
                rel, sex, age = 2, 1 if head_female else 2, max(15, head_age - int(rng.integers(0, 12)))
            else:
                rel = int(rng.choice([3, 3, 3, 3, 4, 5, 7, 9, 12]))
                sex = int(rng.integers(1, 3))
                age = int(rng.integers(0, max(1, head_age - 14))) if rel == 3 else int(rng.integers(0, 90))
            out.append((hid, ea, r, line, rel, sex, age, e))
    return out


def make():
    d = LookAlike(seed=3127)
    ppl = people()
    d.rows(len(ppl))
    age = np.array([p[6] for p in ppl])
    rel = np.array([p[4] for p in ppl])
    line = np.array([p[3] for p in ppl])
    d.put("household_id", [p[0] for p in ppl], "str18")
    d.put("individual_id", [f"{p[0]}{p[3]:02d}" for p in ppl], "str20")
    d.put("ea_id", [p[1] for p in ppl], "str15")
    d.put("saq01", [p[2] for p in ppl], "byte", value_labels=REGION_LABELS, label_name="SAQ01")
    d.put("rural", np.where(np.isin([p[2] for p in ppl], [14, 15]), 2, 1), "byte")
    d.put("hh_s1q00", line, "byte")
    d.put("hh_s1q02", rel, "byte")
    d.put("hh_s1q03", [p[5] for p in ppl], "byte", value_labels={1: "Male", 2: "Female"}, label_name="HH_S1Q03")
    d.put("hh_s1q04_a", age, "byte")
    d.put("hh_s1q04_b", np.where(age < 5, age * 12 + d.uniform_int(0, 11), np.nan), "byte")
    d.put("hh_s1q05", np.where(d.binary(0.9) == 1, 0, d.uniform_int(1, 12)), "byte")
    hid = np.array([p[0] for p in ppl])
    relig = d.group_constant(hid, d.categorical([0.45, 0.3, 0.2, 0.05], [1, 3, 4, 2]))
    relig = np.where(d.binary(0.05) == 1, d.uniform_int(1, 7), relig)
    d.put("hh_s1q07", relig, "byte", value_labels={k: f"Religion {k}" for k in range(1, 8)},
          label_name="HH_S1Q07")
    marital = np.where(age >= 10, np.where(np.isin(rel, [1, 2]), d.categorical([0.05, 0.7, 0.1, 0.05, 0.03, 0.07]),
                                           d.categorical([0.8, 0.12, 0.02, 0.03, 0.01, 0.02])), np.nan)
    d.put("hh_s1q08", marital, "byte")
    d.put("hh_s1q11", np.where(d.binary(0.85) == 1, [p[2] for p in ppl], d.uniform_int(1, 15)), "byte")
    father_in = np.where(rel == 3, 1, 2)
    d.put("hh_s1q12", father_in, "byte")
    d.put("hh_s1q13", np.where(father_in == 1, 1, np.nan), "byte")
    mother_in = np.where(rel == 3, d.binary(0.85) * -1 + 2, 2)
    d.put("hh_s1q16", mother_in, "byte")
    d.put("hh_s1q17", np.where(mother_in == 1, 2, np.nan), "byte")
    return d.dataset("Ethiopia LSMS-ISA wave 1 household roster look-alike")
