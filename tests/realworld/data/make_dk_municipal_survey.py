"""Look-alike of a Danish municipal election survey replication file (``09rep``-like, one row
per respondent in 97 municipalities, 14 of them "treated" -- told of the mayor's
responsibility): mayoral-party vote ``borg_vote``, the lagged vote ``lv``, national vote
``ft_vote``, municipality ``muni``, ``treatment`` (0/1), the unemployment, housing and elderly
performance indices ``unemp_perf`` ``housing`` ``elderly``, ``administration`` (0/1), media
use ``localmed`` ``natmed`` (1-3), ``educ`` (1-4) and ``employment`` (1-3) with their dummies
``educn1``-``educn4`` and ``employmentn1``-``employmentn3``, ``age``, ``ideology`` 0-10,
``gov_may`` 0/1, perceived mayoral power ``power_may`` 1-5 and municipal responsibility
``muni_res`` 0/1, and municipal covariates ``logindv`` ``kvindpol`` ``govmayor``
``govsupport`` ``logindb``.  The variables carry labels; ``13rep`` has the same design with a
different seed and fewer variables."""
import numpy as np

from lookalike import LookAlike


def build(seed: int, full: bool):
    d = LookAlike(seed=seed)
    sizes = d.rng.integers(18, 31, size=97)
    muni = np.repeat(np.arange(1, 98), sizes)
    d.rows(int(sizes.sum()))
    treated = np.zeros(97, dtype=int)
    treated[d.rng.choice(97, 14, replace=False)] = 1
    treat = treated[muni - 1]
    unemp = np.round(d.rng.normal(0, 1, size=97), 3)[muni - 1]
    d.put("muni", muni, "int", label="Municipality")
    d.put("treatment", treat, "byte", label="Treatment")
    d.put("power_may", d.categorical([0.1, 0.2, 0.3, 0.25, 0.15]) + (treat == 1) * (d.rng.random(d.n) < 0.2),
          "byte", label="Mayor's power")
    d.put("muni_res", d.binary(0.4 + 0.15 * treat), "byte", label="Municipal responsibility")
    if not full:
        return d.dataset()
    eta = -0.4 + 0.2 * unemp + 0.35 * unemp * treat + d.effect(muni, 0.5)
    vote = d.bernoulli_logit(eta)
    d.put("borg_vote", vote, "byte", label="Voted for mayor's party")
    d.put("lv", d.bernoulli_logit(eta + 0.3), "byte", label="Voted for mayor's party last time")
    d.put("ft_vote", d.bernoulli_logit(-0.5 + 1.2 * vote), "byte", label="National vote")
    d.put("unemp_perf", unemp, "float", label="Unemployment performance")
    for name in ("housing", "elderly"):
        d.put(name, np.round(d.rng.normal(0, 1, size=97), 3)[muni - 1], "float", label=name.title())
    d.put("administration", d.rng.integers(0, 2, size=97)[muni - 1], "byte", label="Administration")
    d.put("localmed", d.categorical([0.3, 0.4, 0.3]), "byte", label="Local media")
    d.put("natmed", d.categorical([0.3, 0.4, 0.3]), "byte", label="National media")
    educ = d.categorical([0.2, 0.35, 0.3, 0.15])
    employ = d.categorical([0.6, 0.25, 0.15])
    d.put("educ", educ, "byte", label="Education")
    d.put("employment", employ, "byte", label="Employment")
    for j in range(1, 5):
        d.put(f"educn{j}", (educ == j).astype(int), "byte", label=f"Education {j}")
    for j in range(1, 4):
        d.put(f"employmentn{j}", (employ == j).astype(int), "byte", label=f"Employment {j}")
    d.put("age", np.clip(np.round(d.normal(50, 16)), 18, 95), "byte", label="Age")
    d.put("ideology", np.clip(np.round(d.normal(5, 2.2)), 0, 10), "byte", label="Ideology")
    d.put("gov_may", d.binary(0.45), "byte", label="Mayor from government party")
    for name, lo, hi in (("logindv", 9, 12), ("kvindpol", 0.2, 0.45), ("logindb", 9, 12.5)):
        d.put(name, np.round(d.rng.uniform(lo, hi, size=97), 3)[muni - 1], "float", label=name)
    d.put("govmayor", d.rng.integers(0, 2, size=97)[muni - 1], "byte", label="govmayor")
    d.put("govsupport", np.round(d.rng.uniform(0.2, 0.7, size=97), 3)[muni - 1], "float", label="govsupport")
    return d.dataset()


def make():
    return build(11763, True)
