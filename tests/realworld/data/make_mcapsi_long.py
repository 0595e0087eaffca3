"""The MCAP summer institute's HRS extract (RAND HRS waves 13-16) in long form: ``wave``,
``hhidpn`` (a 9-digit person id), ``fem``, ``rce`` (race/ethnicity 1-4), ``age``, ``cesd``
(0-8 depressive symptoms) and ``drinkd`` (0-7 drinking days a week); 1,832 people at four
waves, drinking days following a person level and trend and rising a little with CES-D.
Look-alike values from a fixed seed, not the HRS."""
import numpy as np
import pandas as pd

from lookalike import from_frame

PEOPLE = 1832


def people(seed: int = 2025_7):
    """One row per person and wave (the four waves in order), the same for every mcapsi file."""
    rng = np.random.default_rng(seed)
    hhidpn = np.sort(rng.choice(np.arange(10_001, 99_999), PEOPLE, replace=False)) * 10 + 540_000_000
    fem = (rng.random(PEOPLE) < 0.56).astype(int)
    rce = rng.choice([1, 2, 3, 4], PEOPLE, p=[0.62, 0.2, 0.14, 0.04])
    age0 = rng.integers(51, 80, PEOPLE)
    level = rng.normal(0.0, 1.0, PEOPLE)
    trend = rng.normal(-0.1, 0.25, PEOPLE)
    mood = rng.normal(0.0, 1.0, PEOPLE)
    rows = []
    for k, wave in enumerate((13, 14, 15, 16)):
        age = age0 + 2 * k + rng.integers(0, 2, PEOPLE)
        cesd = np.clip(np.round(1.3 + 1.2 * mood + 0.3 * fem + rng.normal(0, 1.3, PEOPLE)), 0, 8).astype(int)
        latent = 1.6 + 1.4 * level - 0.5 * fem + trend * k + 0.08 * cesd + rng.normal(0, 0.9, PEOPLE)
        drinkd = np.clip(np.round(latent), 0, 7).astype(int)
        rows.append(pd.DataFrame({"wave": wave, "hhidpn": hhidpn, "fem": fem, "rce": rce, "age": age,
                                  "cesd": cesd, "drinkd": drinkd, "k": k + 1}))
    return pd.concat(rows).sort_values(["hhidpn", "wave"], kind="stable").reset_index(drop=True)


TYPES = {"wave": "byte", "hhidpn": "long", "fem": "byte", "rce": "byte", "age": "byte", "cesd": "byte",
         "drinkd": "byte"}


def make():
    frame = people().drop(columns="k")
    return from_frame(frame, types=TYPES)
