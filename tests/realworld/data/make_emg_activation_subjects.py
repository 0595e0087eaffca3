"""Look-alike of a physiology study's trial file (``subjects_data.csv``): 25 subjects
``subject`` ("sub01" ... "sub25"), each with about ten contractions ``trials`` at rising
voluntary activation ``activations`` (per cent, from twitch interpolation), the torque
``torques`` (per cent of maximum) and the surface EMG (mV) of soleus, medial and lateral
gastrocnemius ``emgso``, ``emgmg``, ``emglg`` with their logs ``lnemg*``: a per-subject
intercept and slope on the log scale, as the do-file's random-slope models expect.
Stored as import delimited would read it (strings str5, counts byte, measures float)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2519)
    n_sub = 25
    sizes = d.rng.integers(8, 13, size=n_sub)
    sub = np.repeat(np.arange(1, n_sub + 1), sizes)
    d.rows(len(sub))
    trial = np.concatenate([np.arange(1, k + 1) for k in sizes])
    d.put("subject", np.array([f"sub{s:02d}" for s in sub], dtype=object), "str5")
    d.put("trials", trial, "byte")
    act = np.clip(np.concatenate([np.sort(d.rng.uniform(5, 100, k)) for k in sizes]), 1, 100)
    d.put("activations", np.round(act, 2), "float")
    torque = np.clip(act * (0.9 + d.effect(sub, 0.08)) + d.normal(0, 4), 0.5, 110)
    d.put("torques", np.round(torque, 2), "float")
    for muscle, base in (("so", -1.6), ("mg", -1.4), ("lg", -1.9)):
        slope = 0.018 + d.effect(sub, 0.004)
        log_emg = base + d.effect(sub, 0.45) + slope * act + d.normal(0, 0.18)
        d.put(f"emg{muscle}", np.round(np.exp(log_emg), 5), "float")
    for muscle in ("so", "mg", "lg"):
        d.put(f"lnemg{muscle}", np.log(d.columns[f"emg{muscle}"]), "float")
    return d.dataset()
