"""Look-alike of a Demographic and Health Survey women's (IR) recode file as the DHS Program's
collective-norms code reads it: ``caseid`` and the survey's first variables ``v000``-``v025``
in the recode's order (cluster ``v001`` = ``v021``, household, line, weight ``v005`` in
millionths, interview dates, age ``v012`` and its five-year group ``v013``, strata ``v022``
(odd urban, even rural), region ``v024``, residence ``v025``), then education (``v106``,
``v133`` years with 99 missing, ``v157`` newspaper reading with 9), wealth quintile ``v190``,
children ever born ``v201`` and age at first birth ``v212`` (missing for the childless),
pregnancy ``v213``, contraception (``v312`` method, ``v313`` type 0-3, decision ``v632``/
``v632a`` coded 1-3 and 6), media messages ``v384a``-``v384d``, distance to a facility a
problem ``v467d`` (1 big, 2 not), marital status ``v501``/``v502``, age at first cohabitation
``v511``, fertility desire ``v605`` 1-7, ideal number ``v613`` (96 non-numeric), husband's
education ``v715`` and age ``v730`` (98 don't know), decisions ``v743a/b/d`` (1-6, 9) and
attitudes to wife beating ``v744a``-``v744e`` (0, 1, 8 don't know, 9).  Modern use rises with
education, wealth and the cluster's level."""
import numpy as np

from lookalike import LookAlike


def dhs_design(d: LookAlike, clusters: int, per: tuple[int, int], prefix: str):
    ids = d.nested((f"{prefix}001", clusters), (None, per))
    cl = ids[f"{prefix}001"]
    strata = d.group_constant(cl, d.uniform_int(1, 20))
    return cl, strata


def put_survey_header(d: LookAlike, p: str, cl, strata, age, hh, line) -> None:
    """The recode's first variables ``<p>000``-``<p>025`` in its order (``v`` women, ``mv`` men)."""
    n = d.n
    d.put(f"{p}000", np.array(["ZM7"] * n, dtype=object), "str3")
    d.put(f"{p}001", cl, "int")
    d.put(f"{p}002", hh, "int")
    d.put(f"{p}003", line, "byte")
    d.put(f"{p}004", cl, "int")
    d.put(f"{p}005", np.round(np.exp(d.group_constant(cl, d.normal(13.8, 0.4)))).astype(int), "long")
    d.put(f"{p}006", d.uniform_int(7, 12), "byte")
    d.put(f"{p}007", np.full(n, 2018), "int")
    d.put(f"{p}008", np.full(n, 1425), "int")
    d.put(f"{p}009", d.uniform_int(1, 12), "byte")
    d.put(f"{p}010", 2018 - age, "int")
    d.put(f"{p}011", 1425 - 12 * age, "int")
    d.put(f"{p}012", age, "byte")
    d.put(f"{p}013", (age - 15) // 5 + 1, "byte")
    for name in ("014", "015", "016", "017", "018", "019", "019a", "020"):
        d.put(p + name, d.uniform_int(1, 3), "byte")
    d.put(f"{p}021", cl, "int")
    d.put(f"{p}022", strata, "byte")
    d.put(f"{p}023", strata, "byte")
    d.put(f"{p}024", (strata + 1) // 2, "byte")
    d.put(f"{p}025", np.where(strata % 2 == 1, 1, 2), "byte")


def make():
    d = LookAlike(seed=3631)
    cl, strata = dhs_design(d, 80, (18, 30), "v")
    n = d.n
    line = np.ones(n, dtype=int)
    hh = np.arange(1, n + 1)
    age = d.uniform_int(15, 49)
    d.columns.clear(); d.types.clear()
    d.put("caseid", np.array([f"{c:8d}{h:4d}{1:3d}" for c, h in zip(cl, hh)], dtype=object), "str15")
    put_survey_header(d, "v", cl, strata, age, hh, line)
    edu = d.categorical([0.15, 0.45, 0.35, 0.05], [0, 1, 2, 3])
    years = np.clip(np.round(edu * 4 + d.normal(0, 1.5)), 0, 16)
    years[d.rng.random(n) < 0.01] = 99
    d.put("v106", edu, "byte")
    d.put("v133", years, "byte")
    read = d.categorical([0.6, 0.25, 0.12, 0.03], [0, 1, 2, 3])
    read[d.rng.random(n) < 0.01] = 9
    d.put("v157", read, "byte")
    wealth = np.clip(np.round(d.group_constant(cl, d.normal(3, 1)) + d.normal(0, 0.8)), 1, 5)
    d.put("v190", wealth, "byte")
    ceb = np.clip(d.poisson(np.log(np.maximum(0.3, (age - 15) / 7))), 0, 12)
    d.put("v201", ceb, "byte")
    cohab = np.clip(np.round(d.normal(18.5, 3)), 10, 40)
    first_birth = np.where(ceb > 0, np.minimum(age, cohab + np.abs(np.round(d.normal(1, 1.5)))), np.nan)
    d.put("v212", first_birth, "byte")
    d.put("v213", d.binary(0.08), "byte")
    eta = -1.2 + 0.35 * edu + 0.25 * (wealth - 3) + d.effect(cl, 0.6)
    modern = d.bernoulli_logit(eta)
    traditional = (~modern.astype(bool)) & (d.rng.random(n) < 0.05)
    v313 = np.where(modern == 1, 3, np.where(traditional, 1, 0))
    d.put("v312", np.where(v313 == 3, d.uniform_int(1, 9), np.where(v313 == 1, 13, 0)), "byte")
    d.put("v313", v313, "byte")
    for k in "abcd":
        d.put(f"v384{k}", d.binary(0.3), "byte")
    d.put("v467d", d.categorical([0.45, 0.55], [1, 2]), "byte")
    v502 = d.categorical([0.2, 0.7, 0.1], [0, 1, 2])
    d.put("v501", np.where(v502 == 1, d.categorical([0.8, 0.2], [1, 2]), np.where(v502 == 0, 0, 4)), "byte")
    d.put("v502", v502, "byte")
    d.put("v511", np.where(v502 > 0, cohab, np.nan), "byte")
    d.put("v605", d.categorical([0.3, 0.15, 0.05, 0.3, 0.1, 0.05, 0.05], [1, 2, 3, 4, 5, 6, 7]), "byte")
    ideal = np.clip(np.round(d.normal(4.5, 1.5)), 0, 12)
    ideal[d.rng.random(n) < 0.04] = 96
    d.put("v613", ideal, "byte")
    d.put("v632", np.where(v313 > 0, d.categorical([0.4, 0.2, 0.38, 0.02], [1, 2, 3, 6]), np.nan), "byte")
    d.put("v632a", np.where(v313 == 0, d.categorical([0.3, 0.3, 0.38, 0.02], [1, 2, 3, 6]), np.nan), "byte")
    husb_edu = np.clip(np.round(years * 0.8 + d.normal(2, 2)), 0, 16)
    husb_edu[d.rng.random(n) < 0.03] = 98
    d.put("v715", np.where(v502 == 1, husb_edu, np.nan), "byte")
    husb_age = np.clip(np.round(age + d.normal(6, 4)), 18, 90)
    husb_age[d.rng.random(n) < 0.03] = 98
    d.put("v730", np.where(v502 == 1, husb_age, np.nan), "byte")
    for k in ("a", "b", "d"):
        v = d.categorical([0.15, 0.45, 0.0, 0.35, 0.04, 0.01], [1, 2, 3, 4, 5, 6])
        v[d.rng.random(n) < 0.01] = 9
        d.put(f"v743{k}", np.where(v502 == 1, v, np.nan), "byte")
    for k in "abcde":
        v = d.categorical([0.65, 0.3, 0.05], [0, 1, 8])
        v[d.rng.random(n) < 0.01] = 9
        d.put(f"v744{k}", v, "byte")
    return d.dataset()
