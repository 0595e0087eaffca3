"""Look-alike of a pattern-detection experiment's trial file (``complete_df_precision``): 46
participants ``participant`` (1-46), each judging ten sequences ``sequenceid`` (1-10) under each
of four interface versions ``version`` ("history", "historyad", "window", "windowad"; str) in a
counterbalanced ``run_order`` (1-4); ``id`` (1-298, the pattern shown), ``pattern`` ("change",
"long", "short"), the answer ``is_detected`` ("True"/"False", str) and the participant's
``gender`` ("Male"/"Female"), ``experience``, ``education`` and ``age`` band as the strings the
file recodes."""
import numpy as np

from lookalike import LookAlike

VERSIONS = ["history", "historyad", "window", "windowad"]
PATTERNS = ["change", "long", "short"]
EXPERIENCE = ["None", "Heard of it", "Somewhat", "Used it several times", "Used it many times"]
EDUCATION = ["Highschool", "Applied university (HBO in Dutch)/ University bachelor", "University master",
             "Doctorate or equivalent"]
AGES = ["18-20", "21-25", "26-30", "31-35"]


def make():
    d = LookAlike(seed=2405)
    rng = d.rng
    rows = []
    for p in range(1, 47):
        order = rng.permutation(4)
        u = rng.normal(0, 0.8)
        person = (rng.choice(["Male", "Female"]), rng.choice(EXPERIENCE), rng.choice(EDUCATION, p=[0.1, 0.4, 0.4, 0.1]),
                  rng.choice(AGES, p=[0.15, 0.5, 0.25, 0.1]))
        for r, v in enumerate(order, start=1):
            for s in range(1, 11):
                pat = int(rng.integers(3))
                eta = 0.6 + u + 0.3 * (v % 2) - 0.4 * (pat == 2) + 0.15 * (r - 2.5) - 0.05 * (s - 5.5)
                hit = rng.random() < 1 / (1 + np.exp(-eta))
                rows.append((p, s, int(rng.integers(1, 299)), VERSIONS[v], PATTERNS[pat], r,
                             "True" if hit else "False") + person)
    d.rows(len(rows))
    col = list(zip(*rows))
    d.put("participant", np.array(col[0]), "byte")
    d.put("sequenceid", np.array(col[1]), "byte")
    d.put("id", np.array(col[2]), "int")
    d.put("version", np.array(col[3], dtype=object), "str9")
    d.put("pattern", np.array(col[4], dtype=object), "str6")
    d.put("run_order", np.array(col[5]), "byte")
    d.put("is_detected", np.array(col[6], dtype=object), "str5")
    d.put("gender", np.array(col[7], dtype=object), "str6")
    d.put("experience", np.array(col[8], dtype=object), "str21")
    d.put("education", np.array(col[9], dtype=object), "str54")
    d.put("age", np.array(col[10], dtype=object), "str5")
    return d.dataset()
