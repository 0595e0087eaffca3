"""Look-alike of a course's simulated IPD meta-analysis file of ten hypertension trials: one
row per patient (``id``) with the trial ``trialdummy`` (1-10, 300-700 patients each, a
different share of men in each trial as the practical's centring constants say), the
randomised ``treat`` (0/1), ``sex`` (1 = male), baseline systolic blood pressure ``sbpi`` and
its follow-up ``sbpl`` (mmHg): a treatment effect near -10 mmHg varying between trials and a
small treatment-by-sex interaction."""
import numpy as np

from lookalike import LookAlike

MALE_SHARE = [0.7, 0.35, 0.24, 0.55, 0.59, 0.42, 0.43, 0.26, 0.64, 0.33]


def make():
    d = LookAlike(seed=47715)
    rng = d.rng
    sizes = rng.integers(300, 701, size=10)
    trial = np.repeat(np.arange(1, 11), sizes)
    d.rows(len(trial))
    d.put("id", np.arange(1, d.n + 1), "int")
    d.put("trialdummy", trial, "byte")
    share = np.asarray(MALE_SHARE)[trial - 1]
    sex = (rng.random(d.n) < share).astype(int)
    treat = d.binary(0.5)
    base_level = rng.normal(155, 6, size=10)[trial - 1]
    effect = rng.normal(-10, 2.5, size=10)[trial - 1]
    sbpi = np.round(base_level + rng.normal(0, 12, size=d.n), 0)
    sbpl = np.round(40 + 0.7 * sbpi + effect * treat + 1.0 * treat * sex + 1.5 * sex + rng.normal(0, 11, size=d.n), 0)
    d.put("treat", treat, "byte", value_labels={0: "Control", 1: "Treated"})
    d.put("sex", sex, "byte", value_labels={0: "Female", 1: "Male"})
    d.put("sbpi", sbpi, "int", label="baseline SBP")
    d.put("sbpl", sbpl, "int", label="follow-up SBP")
    return d.dataset("IPD hypertension trials look-alike")
