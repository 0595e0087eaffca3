"""Look-alike of the compiled sheet of seven studies on how creativity unfolds over time in
an idea-generation task: one row per participant (``subj``, unique across studies) with
``study`` (1..7) and, for rounds 1..6, wide z-scored measures -- predicted productivity
``zp#`` and creativity ``zpc#``/``zpp#``, judged creativity ``zc#`` and its novelty ``zn#``
and usefulness ``zu#``, counts of creative ideas ``zcct#``, the best idea ``zcmax#``,
ratings by online workers ``zcAMT#`` and self-ratings ``zcsr#``.  Judged creativity rises
over the rounds (persistence pays) while predicted productivity falls; a person effect links
the rounds."""
import numpy as np

from lookalike import LookAlike

ROUNDS = 6


def make():
    d = LookAlike(seed=7142)
    sizes = [60, 70, 80, 90, 75, 65, 70]
    study = np.repeat(np.arange(1, 8), sizes)
    d.rows(len(study))
    d.put("subj", np.arange(1, len(study) + 1), "int")
    d.put("study", study, "byte")
    person = d.normal(0, 0.6)
    skill = d.normal(0, 0.5)
    for t in range(1, ROUNDS + 1):
        zp = 0.5 - 0.18 * t + person + d.normal(0, 0.6)
        zc = -0.4 + 0.12 * t + skill + 0.15 * zp + d.normal(0, 0.7)
        d.put(f"zp{t}", np.round(zp, 4), "float")
        d.put(f"zpp{t}", np.round(zp + d.normal(0, 0.4), 4), "float")
        d.put(f"zpc{t}", np.round(zp + d.normal(0, 0.5), 4), "float")
        d.put(f"zc{t}", np.round(zc, 4), "float")
        d.put(f"zn{t}", np.round(zc + d.normal(0, 0.5), 4), "float")
        d.put(f"zu{t}", np.round(0.6 * zc + d.normal(0, 0.7), 4), "float")
        d.put(f"zcct{t}", np.round(zc + d.normal(0, 0.6), 4), "float")
        d.put(f"zcmax{t}", np.round(zc + d.normal(0, 0.8), 4), "float")
        d.put(f"zcAMT{t}", np.round(0.7 * zc + d.normal(0, 0.6), 4), "float")
        d.put(f"zcsr{t}", np.round(0.5 * zc + 0.3 * zp + d.normal(0, 0.7), 4), "float")
    return d.dataset()
