"""Look-alike of ``dataOvarian.dta``, the individual-patient data of the ovarian cancer
meta-analysis used to teach surrogate endpoints (R package Surrogate's ``Ovarian``): patients
``patientID`` in trials/centres ``trialID``, treatment ``trt`` (0/1), progression-free survival
time ``timeS`` (years) with ``statusS``, and overall survival ``timeT`` with ``statusT``.
Weibull times with a trial random intercept.  About 1,100 patients in 50 trials."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1192)
    ids = d.nested(("trialID", 50), ("patientID", (6, 38)))
    d.put("trt", d.binary(0.5), "byte")
    trt = d.columns["trt"]
    u = d.effect(ids["trialID"], 0.35)
    rate = np.exp(-0.7 - 0.2 * trt + u)
    shape = 1.3
    t = (-np.log(d.rng.random(d.n)) / rate) ** (1 / shape)
    cens = d.rng.uniform(1.0, 9.0, size=d.n)
    d.put("timeS", np.minimum(t, cens).astype(np.float32), "float")
    d.put("statusS", (t <= cens).astype(int), "byte")
    t2 = t + (-np.log(d.rng.random(d.n)) / np.exp(-0.5 + u)) ** (1 / shape)
    d.put("timeT", np.minimum(t2, cens + 1).astype(np.float32), "float")
    d.put("statusT", (t2 <= cens + 1).astype(int), "byte")
    return d.dataset()
