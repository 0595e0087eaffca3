"""Look-alike of ``race_3.dta``, a file of high-school track results (400 m and 800 m) after the
author's first cleaning: one row per athlete, event and season with ``year`` (2017-2022),
``state`` (two-letter strings, a few "NB" and "OS" rows), ``team`` (school names as strings),
``athlete`` (names), ``mark`` (the time as a string: "52.31" or "2:05.14"), ``seconds``,
``event`` (400 or 800), ``male`` (0/1), ``meet`` (a string) and ``grade`` (a string: "9"-"12",
some "" or "SR", which destring ..., force turns missing).  Athletes run one to four
seasons, improving with age; a few athlete-seasons are listed twice."""
import numpy as np

from lookalike import LookAlike

STATES = ["PA", "OH", "NY", "NJ", "MI", "VA"]


def make():
    d = LookAlike(seed=2302)
    rng = d.rng
    teams = [f"School {c}{k}" for c in "ABCDEFGHIJKLMNOP" for k in range(1, 6)]  # 80 schools
    team_state = rng.choice(STATES, size=len(teams))
    rows = []
    for a in range(1400):
        t = rng.integers(len(teams))
        state = team_state[t] if rng.random() > 0.01 else rng.choice(["NB", "OS"])
        male = int(rng.random() < 0.5)
        event = int(rng.choice([400, 800]))
        first_grade = int(rng.integers(9, 13))
        first_year = int(rng.integers(2017, 2022))
        seasons = int(min(rng.integers(1, 5), 13 - first_grade, 2023 - first_year))
        base = (58 if event == 400 else 138) + (0 if male else 7 * event / 400) + rng.normal(0, 4 * event / 400)
        for s in range(seasons):
            secs = base - s * rng.uniform(0.3, 1.5) * event / 400 + rng.normal(0, 0.6)
            grade = str(first_grade + s) if rng.random() > 0.03 else rng.choice(["", "SR"])
            copies = 2 if rng.random() < 0.01 else 1
            for _ in range(copies):
                rows.append((first_year + s, state, teams[t], f"Athlete {a}", secs, event, male, grade))
    d.rows(len(rows))
    col = list(zip(*rows))
    secs = np.round(np.array(col[4], dtype=float), 2)
    mark = [f"{s:.2f}" if s < 60 else f"{int(s // 60)}:{s - 60 * (s // 60):05.2f}" for s in secs]
    d.put("year", np.array(col[0]), "int")
    d.put("state", np.array(col[1], dtype=object), "str2")
    d.put("team", np.array(col[2], dtype=object), "str30")
    d.put("athlete", np.array(col[3], dtype=object), "str30")
    d.put("mark", np.array(mark, dtype=object), "str8")
    d.put("seconds", secs, "double")
    d.put("event", np.array(col[5]), "int")
    d.put("male", np.array(col[6]), "byte")
    d.put("meet", np.array([f"Meet {k}" for k in rng.integers(1, 40, size=len(rows))], dtype=object), "str20")
    d.put("grade", np.array(col[7], dtype=object), "str2")
    return d.dataset()
