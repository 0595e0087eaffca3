"""Look-alike of a PISA 2015 student file for Spanish regions as a study of home language and
achievement reads it: one row per student (``cntstuid``) in schools ``cntschid`` (10 per region,
14-22 students each) of seven regions ``region`` (72409, 72416, 72415, 72404, 72411, 72417 with
a co-official language, and 72401, which the study drops), the explicit stratum ``stratum``
(str7), ``gender`` 1-2, ``age`` (15.3-16.3), immigrant background ``immig`` 1-3, ``escs``,
grade repetition ``repeat`` and school change ``scchange`` (0/1), home language ``langn_r`` (1
Spanish, 2 co-official, 3 other) and test language ``langtest_coof`` (0/1), ten plausible values
of each domain ``pv1math``-``pv10math``, ``pv1read``-``pv10read``, ``pv1scie``-``pv10scie`` (the
student's proficiency plus independent draws), then the school questionnaire's ``schsize``,
``lead``, ``clsize``, ``stratio``, ``schltype`` (0 public, 1 government-dependent private) and
``schaut`` (constant within a school, a school's value missing now and then), the final student
weight ``w_fstuwt`` with replicates ``w_fsturwt1``-``w_fsturwt80`` and the school weight
``w_schgrnrabwt`` (constant within a school).  The student variables have a few missing values
(age none).  Achievement rises with escs and falls for other home languages, with a school
effect."""
import numpy as np

from lookalike import LookAlike

REGIONS = [72409, 72416, 72415, 72404, 72411, 72417, 72401]


def make():
    d = LookAlike(seed=3761)
    n_schools = 10 * len(REGIONS)
    ids = d.nested(("school", n_schools), (None, (14, 22)))
    d.columns.clear(); d.types.clear()
    sch = ids["school"]
    n = d.n
    region = np.asarray(REGIONS)[(sch - 1) // 10]
    schid = 72400000 + sch
    d.put("cntschid", schid, "long")
    d.put("cntstuid", 72410000 + np.arange(1, n + 1), "long")
    d.put("region", region, "long")
    d.put("stratum", np.array([f"ESP{(r % 100):02d}{(s % 3) + 1:02d}" for r, s in zip(region, sch)], dtype=object),
          "str7")
    gender = d.categorical([0.5, 0.5], [1, 2])
    d.put("gender", gender, "byte")
    d.put("age", np.round(15.3 + d.rng.random(n), 2), "float")
    immig = d.categorical([0.85, 0.05, 0.1], [1, 2, 3]).astype(float)
    escs = d.group_constant(sch, d.normal(-0.2, 0.5)) + d.normal(0, 0.8)
    repeat = d.bernoulli_logit(-1.3 - 0.6 * escs).astype(float)
    coof = np.isin(region, [72409, 72416, 72415, 72411, 72404, 72417])
    lang = np.where(coof, d.categorical([0.55, 0.38, 0.07], [1, 2, 3]), d.categorical([0.92, 0.01, 0.07], [1, 2, 3]))
    langtest = np.where(coof & (d.rng.random(n) < 0.5), 1, 0)
    u = d.effect(sch, 28)
    theta = 485 + 22 * escs - 12 * (lang == 3) - 35 * repeat + u + d.normal(0, 65)
    for name, vals, share, vtype in (("immig", immig, 0.04, "byte"), ("escs", escs, 0.03, "float"),
                                     ("repeat", repeat, 0.03, "byte")):
        d.put(name, d.with_missing(vals, share), vtype)
    d.put("scchange", d.with_missing(d.binary(0.12), 0.03), "byte")
    d.put("langn_r", d.with_missing(lang, 0.04), "byte")
    d.put("langtest_coof", langtest, "byte")
    for domain, shift in (("math", 0.0), ("read", 8.0), ("scie", 4.0)):
        for k in range(1, 11):
            d.put(f"pv{k}{domain}", np.round(theta + shift + d.normal(0, 30), 3), "double")

    def school_var(values, share):
        out = np.asarray(values, dtype=float).copy()
        gone = d.group_constant(sch, d.rng.random(n)) < share
        out[gone] = np.nan
        return out

    d.put("schsize", school_var(d.group_constant(sch, np.round(np.exp(d.normal(6.3, 0.5)))), 0.1), "int")
    d.put("lead", school_var(d.group_constant(sch, np.round(d.normal(0, 1), 4)), 0.1), "float")
    d.put("clsize", school_var(d.group_constant(sch, d.categorical([0.2, 0.5, 0.3], [18, 23, 28])), 0.08), "byte")
    d.put("stratio", school_var(d.group_constant(sch, np.round(np.clip(d.normal(11, 3), 4, 25), 3)), 0.1), "float")
    d.put("schltype", school_var(d.group_constant(sch, d.binary(0.35)), 0.08), "byte")
    d.put("schaut", school_var(d.group_constant(sch, np.round(d.rng.random(n), 3)), 0.1), "float")
    w = np.round(d.group_constant(sch, np.exp(d.normal(3.5, 0.5))) * np.exp(d.normal(0, 0.15)), 4)
    d.put("w_fstuwt", w, "double")
    for k in range(1, 81):
        d.put(f"w_fsturwt{k}", np.round(w * np.exp(d.normal(0, 0.2)), 4), "double")
    d.put("w_schgrnrabwt", np.round(d.group_constant(sch, np.exp(d.normal(2.5, 0.5))), 4), "double")
    return d.dataset()
