"""Look-alike of a summer-school BHPS extract of workers in occupational units
(``bhps_soc_extract1.dta``): ``ajbsoc`` (SOC unit groups, 328 with jobholders),
``lfimnl`` (log monthly income), ``ajbhrs``, ``ahlstat`` (1-5), ``fem``, ``age``, ``age2``,
``cohab``, ``separ``, ``widow``, ``degdip``, ``vocq``, ``noqual``, the occupation's CAMSIS
score ``mcamsis`` and the bonus indicator ``ajbonus`` (1 yes, 2 no, -8 n/a)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1992)
    ids = d.nested(("soc", 328), (None, (4, 26)))
    soc = ids["soc"]
    d.columns.pop("soc"), d.types.pop("soc")
    codes = np.sort(d.rng.choice(np.arange(100, 1000), size=328, replace=False))
    d.put("ajbsoc", codes[soc - 1], "int")
    cam = d.group_constant(soc, d.normal(48, 15))
    fem = d.binary(0.5)
    age = d.uniform_int(17, 64)
    edu = d.categorical([0.3, 0.35, 0.35])
    hrs = np.clip(np.round(38 - 12 * fem + d.normal(0, 8)), 1, 80)
    lninc = 6.2 + 0.012 * (cam - 48) + 0.03 * (hrs - 38) - 0.25 * fem + 0.04 * (age - 40) \
        - 0.0006 * (age - 40) ** 2 + d.effect(soc, 0.15) + d.normal(0, 0.45)
    d.put("lfimnl", d.with_missing(np.round(lninc, 4), 0.02), "float")
    d.put("ajbhrs", d.with_missing(hrs, 0.02), "byte")
    d.put("ahlstat", d.categorical([0.3, 0.45, 0.17, 0.06, 0.02]), "byte")
    d.put("fem", fem, "byte")
    d.put("age", age, "byte")
    d.put("age2", age ** 2, "int")
    marital = d.categorical([0.65, 0.1, 0.03, 0.22])
    d.put("cohab", (marital == 1).astype(int), "byte")
    d.put("separ", (marital == 2).astype(int), "byte")
    d.put("widow", (marital == 3).astype(int), "byte")
    d.put("degdip", (edu == 1).astype(int), "byte")
    d.put("vocq", (edu == 2).astype(int), "byte")
    d.put("noqual", (edu == 3).astype(int) * d.binary(0.5), "byte")
    d.put("mcamsis", np.round(cam, 2), "float")
    bonus = np.where(d.rng.random(d.n) < 0.05, -8, np.where(d.bernoulli_logit(-1.2 + 0.03 * (cam - 48)) == 1, 1, 2))
    d.put("ajbonus", bonus, "byte", value_labels={-8: "n/a", 1: "yes", 2: "no"})
    return d.dataset()
