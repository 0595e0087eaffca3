"""Look-alike of ``df.csv`` (a mouse-tracking experiment summarised per trial, as a statistics
course's problem set writes it with dplyr and ``import delimited`` reads it): ``subject_nr``
(1-30), ``exemplar`` (1-19, the item shown), ``condition`` ("typical"/"atypical") and four
positive curvature measures ``tot_dist max_abs_dev avg_abs_dev auc`` (log-normal, larger in
atypical trials), with crossed subject and exemplar effects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1204)
    subject = np.repeat(np.arange(1, 31), 19)
    exemplar = np.tile(np.arange(1, 20), 30)
    d.rows(len(subject))
    d.put("subject_nr", subject, "byte")
    atypical = (exemplar > 13).astype(int)
    d.put("condition", np.where(atypical == 1, "atypical", "typical").astype(object), "str8")
    d.put("exemplar", exemplar, "byte")
    u_s, u_e = d.effect(subject, 0.15), d.effect(exemplar, 0.1)
    for name, base, shift, sd in [("tot_dist", 7.0, 0.1, 0.1), ("max_abs_dev", 5.0, 0.4, 0.5),
                                  ("avg_abs_dev", 4.0, 0.4, 0.5), ("auc", 10.5, 0.5, 0.6)]:
        value = np.exp(base + shift * atypical + u_s + u_e + d.normal(0, sd))
        d.put(name, np.round(value, 3), "double")
    return d.dataset()
