"""Look-alike of a PISA 2018 student extract (one region's students in schools) as exported
to CSV for an analysis of digital sports and achievement: upper-case PISA names as read with
``import delimited ..., case(preserve)`` -- ``PV1MATH`` ``PV1READ`` ``PV1SCIE``, the final
student weight ``W_FSTUWT``, school id ``CNTSCHID`` -- a 1/2 sex code ``gender`` and the
authors' standardized indexes ``z_*``.  ``make_pisa_digisport_nordic`` draws the second file
(more schools, no ``z_BMI``-type health extras)."""
import numpy as np

from lookalike import LookAlike

_COMMON = ("z_ESCS", "z_HOMESCH", "z_PE_CLASSES", "z_T_TRAINING", "z_STRATIO", "z_SOIAICT",
           "z_BELONG", "z_DIGISPORT", "z_AUTICT", "z_INTICT")
_HK_EXTRAS = ("z_BMI", "z_BODYIMA", "z_HEALTH_SELF", "z_EMOSUPP")


def draw(seed: int, schools: int, extras: bool):
    d = LookAlike(seed=seed)
    ids = d.nested(("CNTSCHID", schools), (None, (12, 25)))
    school = ids["CNTSCHID"]
    d.columns["CNTSCHID"] = 34400000 + school * 7
    d.types["CNTSCHID"] = "long"
    d.put("CNTSTUID", 34410000 + np.arange(1, d.n + 1), "long")
    d.put("gender", 1 + d.binary(0.5), "byte")
    z = {}
    for name in _COMMON + (_HK_EXTRAS if extras else ()):
        z[name] = np.round(d.normal(0, 1) + (d.effect(school, 0.4) if name in ("z_ESCS", "z_STRATIO") else 0), 4)
        d.put(name, z[name], "float")
    u = d.effect(school, 40.0)
    for name, shift in (("PV1MATH", 0.0), ("PV1READ", -10.0), ("PV1SCIE", -5.0)):
        score = 520 + shift + 30 * z["z_ESCS"] + 6 * z["z_DIGISPORT"] - 4 * z["z_DIGISPORT"] * z["z_AUTICT"] + u \
            + d.normal(0, 70)
        d.put(name, np.round(score, 3), "float")
    d.put("W_FSTUWT", np.round(d.rng.uniform(5, 40, d.n), 4), "float")
    d.columns.pop("CNTSCHID")
    school_col = 34400000 + school * 7
    d.columns = {"CNTSCHID": school_col} | d.columns
    return d.dataset()


def make():
    return draw(2018, 60, True)
