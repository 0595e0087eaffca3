"""Look-alike of a cross-national data set of civic-education curricula and teacher
training (``EPSM.dta``): one row per country ``country_text_id`` (ISO three-letter, str3,
42 countries -- the 39 European ones a study keeps and three others) and ``year`` 1870-2020;
``national_civics_prim`` (0-2), and the contents and teacher-training codes as strings of
digits (``national_civics_contents``: 1 science ... 8 other; ``teacher_training_ideology``:
1 no ideology ... 4 demanded), authoritarian (2 3 4 / 4) in the autocratic periods -- the
communist years in the east, 1933-1945 in Germany and Austria, 1922-1945 in Italy and until
1975 in Spain and Portugal -- and liberal (1 5 / 1) otherwise."""
import numpy as np

from lookalike import LookAlike

ISO3 = ("ALB AUT BEL BGR CHE CYP CZE DEU DNK EST ESP FIN FRA GBR GRC HRV HUN IRL ISR ISL ITA LTU LUX "
        "LVA MNE MKD NLD NOR POL PRT ROU SRB RUS SWE SVN SVK TUR UKR XKX USA JPN CAN").split()
EAST = set("ALB BGR CZE EST HRV HUN LTU LVA MNE MKD POL ROU SRB RUS SVN SVK UKR XKX".split())
SPELLS = {"DEU": (1933, 1945), "AUT": (1934, 1945), "ITA": (1922, 1945), "ESP": (1939, 1975),
          "PRT": (1933, 1974)}


def autocratic(country: str, year: np.ndarray) -> np.ndarray:
    if country in EAST:
        return (year >= 1945) & (year <= 1990)
    lo, hi = SPELLS.get(country, (0, -1))
    return (year >= lo) & (year <= hi)


def make():
    d = LookAlike(seed=1880)
    years = list(range(1870, 2021))
    cid, year = d.panel("cid", len(ISO3), years, "year")
    names = np.array([ISO3[i - 1] for i in cid], dtype=object)
    del d.columns["cid"], d.types["cid"]
    d.put("country_text_id", names, "str3")
    auto = np.zeros(d.n, dtype=bool)
    for k, name in enumerate(ISO3, 1):
        rows = cid == k
        auto[rows] = autocratic(name, year[rows])
    d.put("national_civics_prim", np.where(year < 1890, 0, np.where(auto, 2, 1 + (d.rng.random(d.n) < 0.3))), "byte")
    mixed = d.rng.random(d.n) < 0.15
    contents = np.where(auto, np.where(mixed, "2 3 4 5", "2 3 4"), np.where(mixed, "1 2 5", "1 5"))
    d.put("national_civics_contents", contents.astype(object), "str9")
    d.put("teacher_training_ideology", np.where(auto, "2 4", "1").astype(object), "str3")
    return d.dataset()
