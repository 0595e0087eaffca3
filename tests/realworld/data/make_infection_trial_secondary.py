"""Look-alike of the analysis file of a multicentre randomised trial's secondary outcomes
(rehospitalisation, rehospitalisation with infection, reinfection, antibiotic use): one row
per randomised patient at about 40 hospitals named by the string ``Site``; ``alloc``
0/1 (control / intervention), ``age``, ``SSIP`` (a baseline severity score); binary
endpoints ``rehosp30`` ... ``reinfection365`` at 30, 90, 180 and 365 days (missing for a
few lost patients, and cumulative: an event by 30 days is an event by 90); times to the
first rehospitalisation and first antibiotic course ``T_rehosp``/``T_ab`` (days, censored at
365, a few zero) with their failure flags ``F_rehosp``/``F_ab``.  A site effect enters
every outcome, so the shared frailty has a variance to find."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=27146)
    rng = d.rng
    ids = d.nested(("hosp", 40), (None, (12, 40)))
    hosp = ids["hosp"]
    n = d.n
    u = d.effect(hosp, 0.3)
    alloc = d.binary(0.5)
    age = np.round(rng.normal(62, 14, size=n).clip(18, 95))
    ssip = np.round(rng.gamma(4, 6, size=n))
    lost = rng.random(n) < 0.04
    for endpoint, base in (("rehosp", -1.2), ("rehospinf", -2.0), ("reinfection", -1.7)):
        latent_day = rng.exponential(1.0, size=n) * 365 / np.exp(base + 1.0 - 0.15 * alloc + 0.01 * (age - 62) + u)
        for t in (30, 90, 180, 365):
            values = (latent_day <= t).astype(float)
            values[lost] = np.nan
            d.put(f"{endpoint}{t}", values, "byte")
    d.put("alloc", alloc, "byte", value_labels={0: "Control", 1: "Intervention"})
    d.put("age", age, "byte")
    d.put("SSIP", ssip, "byte")
    for event, rate in (("rehosp", 1.1), ("ab", 1.6)):
        latent = rng.exponential(1.0, size=n) * 365 / np.exp(np.log(rate) - 0.2 * alloc + 0.01 * (age - 62) + u)
        censor = np.where(lost, rng.uniform(0, 365, size=n), 365)
        time = np.minimum(latent, censor)
        time = np.where(rng.random(n) < 0.01, 0, np.ceil(time))
        d.put(f"T_{event}", time, "int")
        d.put(f"F_{event}", (latent <= censor).astype(int), "byte")
    names = np.array([f"Hospital {chr(65 + (k - 1) % 26)}{(k - 1) // 26 + 1}" for k in range(1, 41)], dtype=object)
    d.put("Site", names[hosp - 1], "str12")
    for key in ("hosp",):
        d.columns.pop(key); d.types.pop(key)
    return d.dataset("Trial secondary outcomes look-alike")
