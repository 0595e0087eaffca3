"""Look-alike of a Korean education-monitoring survey's three files for one school year,
linked by ``SCHID`` and ``STUID``: pupils (school satisfaction ``Q28`` on 1-5), parents
(``Q1_2`` the respondent, 2 = the parent kept; satisfaction ``Q15``; one or two parents a
pupil) and schools (``Q6_1`` innovation school, ``Q6_2`` welfare-priority programme, 1 yes
2 no).  ``part`` picks the file; this module builds the pupil file."""
import numpy as np

from lookalike import LookAlike

SCHOOLS = 70


def _base():
    d = LookAlike(seed=12006)
    ids = d.nested(("SCHID", SCHOOLS), (None, (15, 40)))
    sch = ids["SCHID"]
    policy1 = d.group_constant(sch, d.categorical([0.3, 0.7], [1, 2]))
    policy2 = d.group_constant(sch, d.categorical([0.4, 0.6], [1, 2]))
    u = d.effect(sch, 0.35)
    u_slope = d.effect(sch, 0.12)
    par = d.normal(0, 1) + 0.5 * u
    stu = 3.3 + (0.35 + u_slope) * par + 0.2 * (policy1 == 1) - 0.1 * (policy2 == 1) + u + d.normal(0, 0.8)
    return d, sch, policy1, policy2, par, stu


def part(which: str):
    d, sch, policy1, policy2, par, stu = _base()
    stuid = np.arange(200001, 200001 + d.n)
    if which == "student":
        out = LookAlike(seed=1)
        out.rows(d.n)
        out.put("STUID", stuid, "long")
        out.put("SCHID", sch, "int")
        out.put("Q28", np.clip(np.round(stu), 1, 5), "byte")
        return out.dataset("pupil file look-alike")
    if which == "parent":
        two = d.binary(0.3)
        rows = np.concatenate([np.arange(d.n), np.flatnonzero(two == 1)])
        rows.sort()
        out = LookAlike(seed=2)
        out.rows(len(rows))
        resp = np.full(len(rows), 2)
        dup = np.r_[False, rows[1:] == rows[:-1]]
        resp[dup] = 1
        out.put("STUID", stuid[rows], "long")
        out.put("SCHID", sch[rows], "int")
        out.put("Q1_2", resp, "byte")
        q15 = np.clip(np.round(3.3 + 0.9 * par[rows] + out.normal(0, 0.5)), 1, 5)
        out.put("Q15", q15, "byte")
        return out.dataset("parent file look-alike")
    first = np.unique(sch, return_index=True)[1]
    out = LookAlike(seed=3)
    out.rows(len(first))
    out.put("SCHID", sch[first], "int")
    out.put("Q6_1", policy1[first], "byte")
    out.put("Q6_2", policy2[first], "byte")
    return out.dataset("school file look-alike")


def make():
    return part("student")
