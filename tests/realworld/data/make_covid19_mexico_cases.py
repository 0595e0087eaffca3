"""Look-alike of Mexico's open COVID-19 case file of 31 May 2020 (one row per person tested,
as the Health Secretariat publishes it, names lower case as import delimited gives them):
the record id, the reporting sector (1-13 and 99) and states (``entidad_um``, ``entidad_res``
1-32), sex (1 woman, 2 man), patient type (1 ambulatory, 2 admitted), the symptom, admission
and death dates as "YYYY-MM-DD" strings (death "9999-99-99" when alive), intubation
(97 not applicable for ambulatory patients), pneumonia, age, pregnancy (97 for men), the
indigenous-language flag and the comorbidity flags coded 1 yes / 2 no / 98 unknown, and
the test result (1 positive, 2 negative, 3 pending).  Deaths follow age, comorbidities and
a state effect; the days from symptoms to admission are a count of 0-20."""
import datetime as dt

import numpy as np

from lookalike import LookAlike

YESNO = {1: "SI", 2: "NO", 97: "NO APLICA", 98: "SE IGNORA", 99: "NO ESPECIFICADO"}


def make():
    d = LookAlike(seed=15083)
    ids = d.nested(("entidad_res", 32), (None, (60, 140)))
    state = ids["entidad_res"]
    n = d.n
    d.put("id_registro", np.array([f"{k:06x}" for k in d.rng.choice(16 ** 6, n, replace=False)]), "str6")
    d.put("origen", d.categorical([0.1, 0.9], [1, 2]), "byte")
    d.put("sector", d.categorical([1, 1, 4, 30, 2, 8, 1, 2, 6, 1, 1, 42, 1, 0.2],
                                  list(range(1, 14)) + [99]), "byte")
    d.put("entidad_um", np.where(d.binary(0.9) == 1, state, d.uniform_int(1, 32)), "byte")
    sexo = d.put("sexo", d.categorical([0.48, 0.52], [1, 2]), "byte")
    age = np.clip(np.round(d.normal(44, 17)), 0, 99)
    comorb = {}
    for name, p in (("diabetes", 0.16), ("epoc", 0.03), ("asma", 0.03), ("inmusupr", 0.02),
                    ("hipertension", 0.2), ("otra_com", 0.04), ("cardiovascular", 0.03),
                    ("obesidad", 0.2), ("renal_cronica", 0.03), ("tabaquismo", 0.09)):
        flag = np.where(d.binary(p) == 1, 1, 2)
        comorb[name] = np.where(d.binary(0.004) == 1, 98, flag)
    severe = d.bernoulli_logit(-3.2 + 0.045 * age + 0.5 * (comorb["diabetes"] == 1)
                               + 0.4 * (comorb["obesidad"] == 1) + d.effect(state, 0.3))
    tipo = np.where(severe == 1, 2, 1)
    d.put("tipo_paciente", tipo, "byte")
    start = dt.date(2020, 2, 25).toordinal()
    onset = start + np.minimum(d.rng.integers(0, 92, size=n), d.rng.integers(0, 92, size=n) + 20)
    onset = np.minimum(onset, dt.date(2020, 5, 30).toordinal())
    gap = np.minimum(d.rng.negative_binomial(3, 3 / (3 + 3.5), size=n), 20)
    admit = np.minimum(onset + gap, dt.date(2020, 5, 31).toordinal())
    positive = d.categorical([0.4, 0.45, 0.15], [1, 2, 3])
    died = d.bernoulli_logit(-7.0 + 0.07 * age + 0.5 * (comorb["diabetes"] == 1) + 0.4 * (comorb["obesidad"] == 1)
                             + 0.5 * (comorb["renal_cronica"] == 1) + 1.5 * severe + 0.8 * (positive == 1)
                             + 0.05 * gap + d.effect(state, 0.35))
    death_day = np.minimum(admit + d.rng.integers(1, 20, size=n), dt.date(2020, 5, 31).toordinal())

    def iso(days):
        return np.array([dt.date.fromordinal(int(k)).isoformat() for k in days])

    d.put("fecha_actualizacion", np.full(n, "2020-05-31"), "str10")
    d.put("fecha_ingreso", iso(admit), "str10")
    d.put("fecha_sintomas", iso(onset), "str10")
    d.put("fecha_def", np.where(died == 1, iso(death_day), "9999-99-99"), "str10")
    d.put("intubado", np.where(tipo == 1, 97, np.where(d.binary(0.15) == 1, 1, 2)), "byte")
    d.put("neumonia", np.where(severe == 1, np.where(d.binary(0.7) == 1, 1, 2), 2), "byte")
    d.put("edad", age, "int")
    d.put("nacionalidad", np.where(d.binary(0.995) == 1, 1, 2), "byte")
    d.put("embarazo", np.where(sexo == 2, 97, np.where(d.binary(0.03) == 1, 1,
                                                       np.where(d.binary(0.01) == 1, 98, 2))), "byte")
    d.put("habla_lengua_indig", np.where(d.binary(0.015) == 1, 1, np.where(d.binary(0.02) == 1, 99, 2)), "byte")
    for name, values in comorb.items():
        d.put(name, values, "byte")
    d.put("otro_caso", np.where(d.binary(0.3) == 1, 1, np.where(d.binary(0.2) == 1, 99, 2)), "byte")
    d.put("resultado", positive, "byte")
    d.put("migrante", np.full(n, 99), "byte")
    d.put("uci", np.where(tipo == 1, 97, np.where(d.binary(0.1) == 1, 1, 2)), "byte")
    return d.dataset("COVID-19 Mexico open case data look-alike")
