"""Look-alike of ``uganda_multipleevents.dta``: children of a Ugandan birth cohort (``bidno``)
followed from birth (``dob``) for up to five years, one record per stretch of follow-up
(``timein``-``timeout``, Stata dates) ending at a diarrhoea episode (``diarrhoea`` 1), a
change of age band or calendar year, or the end of follow-up; the time-varying age band,
calendar year and season of each record; the mother's infections in pregnancy (hookworm,
Mansonella, malaria; missing together where no sample was taken), her age, parity and schooling, and the household
(water, toilet, electricity, wall, SES quarter, location) and the child's HIV status."""
import numpy as np

from lookalike import LookAlike

_EPOCH = np.datetime64("1960-01-01")


def _stata_date(year: int, month: int, day: int) -> int:
    return int((np.datetime64(f"{year:04d}-{month:02d}-{day:02d}") - _EPOCH).astype(int))


def make():
    rng = np.random.default_rng(3503)
    n_child = 700
    start, stop = _stata_date(2003, 4, 1), _stata_date(2006, 12, 31)
    dob = rng.integers(start, stop, n_child)
    end = np.minimum(dob + rng.integers(300, 5 * 365, n_child), _stata_date(2011, 6, 30))
    child = {
        "hookworm": rng.random(n_child) < 0.44, "mansonella": rng.random(n_child) < 0.21,
        "malaria": rng.random(n_child) < 0.11, "sex": rng.integers(0, 2, n_child),
        "mage": rng.integers(15, 45, n_child), "mparity": rng.integers(0, 8, n_child),
        "meduc": rng.integers(0, 4, n_child), "water": rng.integers(0, 3, n_child),
        "toilet": rng.integers(0, 2, n_child), "ses4": rng.integers(0, 4, n_child),
        "location": rng.integers(0, 2, n_child), "hivchild": rng.random(n_child) < 0.05,
        "elec": rng.integers(0, 2, n_child), "wall": rng.integers(0, 2, n_child),
    }
    frailty = rng.gamma(2.0, 0.5, n_child)
    age_cuts = np.array([0, 182, 365, 730, 10_000])
    rows = []
    for i in range(n_child):
        rate = 0.9 / 365.25 * frailty[i] * np.exp(-0.1 * child["hookworm"][i] - 0.1 * child["mansonella"][i]
                                                 + 0.3 * child["hivchild"][i] - 0.05 * child["ses4"][i])
        t = int(dob[i])
        while t < end[i]:
            age = t - dob[i]
            band = int(np.searchsorted(age_cuts, age, side="right"))
            next_band = int(dob[i] + age_cuts[band]) if band < len(age_cuts) else end[i]
            day = _EPOCH + np.timedelta64(int(t), "D")
            year = int(str(day.astype("datetime64[Y]")))
            next_year = _stata_date(year + 1, 1, 1)
            band_rate = rate * (1.8 if band == 2 else 1.0)
            wait = int(np.ceil(rng.exponential(1 / band_rate)))
            cut = min(next_band, next_year, int(end[i]))
            stop_t, event = (t + wait, 1) if t + wait < cut else (cut, 0)
            month = int(str(day.astype("datetime64[M]"))[5:7])
            rows.append((i + 1, int(dob[i]), t, stop_t, event, band, year, 1 + (month in (3, 4, 5, 9, 10, 11))))
            t = stop_t
    rows = np.array(rows)
    d = LookAlike(seed=3503)
    d.rows(len(rows))
    ids = rows[:, 0]
    d.put("bidno", ids, "int")
    d.put("dob", rows[:, 1], "float")
    d.put("timein", rows[:, 2], "float")
    d.put("timeout", rows[:, 3], "float")
    d.put("diarrhoea", rows[:, 4], "byte")
    d.put("ageband", rows[:, 5], "byte", value_labels={1: "<6 months", 2: "6-11 months", 3: "1 year", 4: "2+ years"})
    d.put("calyear", rows[:, 6], "int")
    d.put("season", rows[:, 7], "byte", value_labels={1: "dry", 2: "wet"})
    no_sample = np.isin(ids, np.flatnonzero(rng.random(n_child) < 0.04) + 1)  # no maternal samples taken
    for name, values in child.items():
        values = np.asarray(values, float)[ids - 1]
        if name in ("hookworm", "mansonella", "malaria"):
            values = np.where(no_sample, np.nan, values)
        d.put(name, values, "byte")
    for name in ("dob", "timein", "timeout"):
        d.types[name] = "float"
    return d.dataset()
