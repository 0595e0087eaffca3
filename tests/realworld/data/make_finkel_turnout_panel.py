"""Look-alike of a course's turnout panel (PS2730 "logit panel data"): 900 respondents
``subject`` over five years ``year`` (1-5); ``voted`` (0/1), party ``contact`` (0/1), a
party thermometer difference ``thermdif`` and the time-invariant number of civic-education
workshops ``civiced`` (0-6).  A strong subject effect, so about two thirds never change
their vote, as the course's comment says of the real data."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2730)
    sid, year = d.panel("subject", 900, [1, 2, 3, 4, 5], "year")
    civ = d.group_constant(sid, d.rng.binomial(6, 0.3, d.n))
    d.put("civiced", civ, "byte")
    contact = d.bernoulli_logit(-0.8 + d.effect(sid, 1.0) + 0.1 * civ)
    d.put("contact", contact, "byte")
    therm = np.round(np.clip(d.effect(sid, 25) + d.normal(0, 15), -100, 100))
    d.put("thermdif", therm, "int")
    eta = -0.2 + d.effect(sid, 2.2) + 1.5 * contact + 0.25 * civ + 0.01 * np.abs(therm) - 0.15 * (year - 3)
    d.put("voted", d.bernoulli_logit(eta), "byte")
    return d.dataset()
