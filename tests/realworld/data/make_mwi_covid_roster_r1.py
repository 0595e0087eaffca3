"""Look-alike of the household roster (section 2) of round 1 of the Malawi high-frequency
COVID-19 phone survey (World Bank, 2020): one row per member of about 250 households
reached by phone, ``HHID`` a 32-character alphanumeric interview key, ``y4_hhid`` the
household id of the IHPS 2019 panel (string), ``PID`` the person's line number,
``new_member`` (1 new since the last visit), ``s2q2`` ... ``s2q11`` (still a member, sex,
age, relationship, reasons with their "other, specify" strings ``s2q4_os`` ``s2q7_os``
``s2q8_os`` ``s2q9_os``).  ``households()`` is shared with round 2 and the panel file."""
import numpy as np

from lookalike import LookAlike

N_HH = 250


def households(seed: int = 2020):
    rng = np.random.default_rng(seed)
    ids = [f"{int(x):04d}-{int(y):03d}" for x, y in zip(rng.integers(1, 9999, N_HH), rng.integers(1, 999, N_HH))]
    sizes = rng.integers(1, 9, size=N_HH)
    keys = ["".join(rng.choice(list("0123456789abcdef"), size=32)) for _ in range(2 * N_HH)]
    return ids, sizes, keys


def roster(d: LookAlike, round_no: int, reached):
    ids, sizes, keys = households()
    hh, key, pid = [], [], []
    for k in range(N_HH):
        if not reached[k]:
            continue
        extra = 1 if (round_no == 2 and d.rng.random() < 0.1) else 0
        for line in range(1, sizes[k] + extra + 1):
            hh.append(ids[k])
            key.append(keys[k + (N_HH if round_no == 2 else 0)])
            pid.append(line)
    d.rows(len(hh))
    d.put("HHID", key, "str32")
    d.put("y4_hhid", hh, "str12")
    d.put("PID", pid, "byte")
    new = np.where(np.asarray(pid) > np.asarray([sizes[ids.index(h)] for h in hh]), 1, 0)
    d.put("new_member", new, "byte")
    d.put("s2q2", np.where(new == 1, 1, np.nan), "byte")
    d.put("s2q3", 2 - d.binary(0.95), "byte", value_labels={1: "Yes", 2: "No"}, label_name="s2q3")
    d.put("s2q4", np.where(d.binary(0.05) == 1, d.uniform_int(1, 6), np.nan), "byte")
    d.put("s2q5", d.uniform_int(1, 2), "byte", value_labels={1: "Male", 2: "Female"}, label_name="s2q5")
    d.put("s2q6", d.uniform_int(0, 85), "byte")
    d.put("s2q7", np.where(np.asarray(pid) == 1, 1, d.uniform_int(2, 10)), "byte")
    d.put("s2q8", np.where(new == 1, d.uniform_int(1, 5), np.nan), "byte")
    d.put("s2q9", np.where(new == 1, d.uniform_int(1, 4), np.nan), "byte")
    d.put("s2q10", np.where(new == 1, d.uniform_int(1, 2), np.nan), "byte")
    d.put("s2q11", np.where(new == 1, d.uniform_int(1, 28), np.nan), "byte")


def make():
    d = LookAlike(seed=2021)
    reached = np.ones(N_HH, dtype=bool)
    reached[np.random.default_rng(2022).random(N_HH) < 0.08] = False
    roster(d, 1, reached)
    for name in ("s2q4_os", "s2q7_os", "s2q8_os", "s2q9_os"):
        d.put(name, np.where(d.binary(0.01) == 1, "other", ""), "str20")
    return d.dataset("Malawi COVID-19 phone survey round 1 roster look-alike")
