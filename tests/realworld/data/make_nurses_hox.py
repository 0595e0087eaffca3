"""Look-alike of Hox's nurses file (``nurses.dta``, Multilevel Analysis 2010): 1,000 nurses
in four wards of each of 25 hospitals -- ``hospital``, ``ward`` (1-4), ``wardid``
(hospital*10 + ward), ``nurse`` -- with ``age``, ``gender``, ``experien``, ``stress``
(1-7), the ward's ``wardtype`` and the experimental condition ``expcon`` (half the wards),
the hospital's ``hospsize`` (0-2), their z-scores ``Z*`` and the centred ``Cexpcon``
``Chospsize``; all double, as in the file."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2010)
    hosp = np.repeat(np.arange(1, 26), 40)
    ward = np.tile(np.repeat(np.arange(1, 5), 10), 25)
    d.rows(len(hosp))
    wardid = hosp * 10 + ward
    d.put("hospital", hosp, "double")
    d.put("ward", ward, "double")
    d.put("wardid", wardid, "double")
    d.put("nurse", np.arange(1, d.n + 1), "double")
    age = d.uniform_int(23, 64)
    gender = d.binary(0.735)
    exper = np.clip(np.round(8 + (age - 23) * 0.45 + d.normal(0, 4)), 1, 38)
    wardtype = d.group_constant(wardid, d.binary(0.5))
    expcon = (ward % 2 == 1).astype(int)
    hospsize = d.group_constant(hosp, d.categorical([0.4, 0.45, 0.15], [0, 1, 2]))
    u3 = d.effect(hosp, 0.45) + d.effect(hosp, 0.25) * expcon
    u2 = d.effect(wardid, 0.25)
    stress = 5.8 - 0.7 * expcon - 0.02 * (age - 43) - 0.45 * gender - 0.06 * (exper - 17) \
        + 0.05 * wardtype + 0.46 * hospsize + u3 + u2 + d.normal(0, 0.55)
    stress = np.clip(np.round(stress), 1, 7)
    cols = {"age": age, "gender": gender, "experien": exper, "stress": stress,
            "wardtype": wardtype, "hospsize": hospsize, "expcon": expcon}
    for name, values in cols.items():
        d.put(name, values, "double")
    for name, values in cols.items():
        v = np.asarray(values, dtype=float)
        d.put("Z" + name, (v - v.mean()) / v.std(ddof=1), "double")
    d.put("Cexpcon", expcon - expcon.mean(), "double")
    d.put("Chospsize", hospsize - 1.0, "double")
    return d.dataset()
