"""Look-alike of a microeconometrics course's college-dropout file (``TA5.dta``): one row per
student ``id`` (1-1000) with months enrolled ``duration`` (1-60), ``event`` (dropped out),
``female``, high-school ``grade`` (1-5), ``part_time``, ``lag`` (years between school and
college), ``stm`` (month of the start, 1-12) and ``marriage`` (month of marriage; 99 =
never).  Weibull-like dropout hazard, higher for part-time students, with a grade frailty."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2022)
    d.rows(1000)
    d.put("id", np.arange(1, 1001), "int")
    female = d.binary(0.55)
    grade = d.uniform_int(1, 5)
    part = d.binary(0.2)
    lag = d.categorical([0.6, 0.25, 0.15], [0, 1, 2])
    stm = d.categorical([0.05] * 8 + [0.4, 0.1, 0.1, 0.0001], list(range(1, 13)))
    frail = np.array([0.3, 0.15, 0.0, -0.15, -0.3])[grade - 1]
    rate = np.exp(-4.3 + 1.2 * part - 0.1 * female + 0.1 * lag + 0.05 * (stm - 9) + frail)
    t = (d.rng.exponential(1.0, d.n) / rate) ** (1 / 1.2)
    censor = d.uniform_int(24, 60)
    duration = np.clip(np.ceil(np.minimum(t, censor)), 1, 60).astype(int)
    d.put("duration", duration, "byte")
    d.put("event", (t <= censor).astype(int), "byte")
    d.put("female", female, "byte")
    d.put("grade", grade, "byte")
    d.put("part_time", part, "byte")
    d.put("lag", lag, "byte")
    d.put("stm", stm, "byte")
    d.put("marriage", np.where(d.binary(0.15) == 1, d.uniform_int(1, 60), 99), "byte")
    return d.dataset()
