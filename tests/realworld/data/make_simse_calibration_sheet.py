"""Look-alike of an exported survey sheet of rater calibration sessions for a simulated
teaching environment, read by ``import excel`` without ``firstrow``: columns ``A``..``P``
all text, the first row the sheet's header.  ``A`` is the submission time
(``YYYY-MM-DD hh:mm:ss``), ``D`` the rater's name (six raters, 4-9 sessions each), and the
odd columns ``H``, ``J``, ``L``, ``N``, ``P`` the five yes/no judgements of a recorded
lesson (items differ in how often raters say yes; raters differ a little); the other
columns hold free text and ids the do-file drops."""
import numpy as np

from lookalike import LookAlike

RATERS = ["Rater Ash", "Rater Birch", "Rater Cedar", "Rater Elm", "Rater Fir", "Rater Oak"]


def make():
    d = LookAlike(seed=4142)
    sessions = d.rng.integers(4, 10, size=len(RATERS))
    rater = np.repeat(np.arange(len(RATERS)), sessions)
    n = len(rater) + 1
    d.rows(n)
    day0 = np.datetime64("2023-01-09")
    stamps, names = ["Start time"], ["Rater"]
    for r, k in zip(range(len(RATERS)), sessions):
        days = np.sort(d.rng.choice(np.arange(0, 120), size=k, replace=False))
        for day in days:
            hh, mm, ss = d.rng.integers(8, 18), d.rng.integers(0, 60), d.rng.integers(0, 60)
            stamps.append(f"{day0 + int(day)} {hh:02d}:{mm:02d}:{ss:02d}")
            names.append(RATERS[r])
    item_p = [0.8, 0.55, 0.65, 0.35, 0.7]
    rater_shift = d.rng.normal(0, 0.5, size=len(RATERS))
    cols = {}
    for j, letter in enumerate("HJLNP"):
        eta = np.log(item_p[j] / (1 - item_p[j])) + rater_shift[rater]
        yes = d.rng.random(len(rater)) < 1 / (1 + np.exp(-eta))
        cols[letter] = [f"Question {j + 1}"] + ["Yes" if v else "No" for v in yes]
    for letter in "ABCDEFGHIJKLMNOP":
        if letter == "A":
            values = stamps
        elif letter == "D":
            values = names
        elif letter in cols:
            values = cols[letter]
        elif letter == "B":
            values = ["Completion time"] + [s for s in stamps[1:]]
        elif letter == "C":
            values = ["Email"] + ["anonymous"] * (n - 1)
        else:
            values = [f"Note {letter}"] + [f"text {i}" for i in range(1, n)]
        d.put(letter, np.asarray(values, dtype=object), f"str{max(len(v) for v in values)}")
    return d.dataset()
