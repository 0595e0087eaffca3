"""Look-alike of MLMUS4's ``promotion`` (Rabe-Hesketh & Skrondal, ch. 14; Long, Allison and
McGinnis's biochemists): one row per assistant professor ``id`` (1-301) with ``dur`` (years
to promotion or censoring, 1-10), ``event`` (promoted), ``undgrad`` (selectivity, 1-7),
``phdmed`` (0/1), ``phdprest`` (prestige, 1-5), ``jobtime`` (year of a job change, up to 11),
``prest1``/``prest2`` (prestige of the first and second job), and yearly cumulated articles
``art1``-``art10`` and citations ``cit1``-``cit10``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1414)
    d.rows(301)
    d.put("id", np.arange(1, 302), "int")
    undgrad = d.uniform_int(1, 7)
    phdmed = d.binary(0.35)
    phdprest = np.round(np.clip(d.normal(3.2, 0.9), 1, 5), 2)
    d.put("undgrad", undgrad, "byte")
    d.put("phdmed", phdmed, "byte")
    d.put("phdprest", phdprest, "float")
    rate = 0.5 * d.rng.gamma(2.0, 1.0, size=301)
    arts = np.cumsum(d.rng.poisson(rate[:, None], size=(301, 10)), axis=1)
    cits = np.cumsum(d.rng.poisson(4 * rate[:, None], size=(301, 10)), axis=1)
    haz = 1 / (1 + np.exp(-(-3.0 + 0.35 * np.arange(1, 11)[None, :] + 0.05 * arts - 0.1 * phdmed[:, None])))
    promoted = d.rng.random((301, 10)) < haz
    first = np.where(promoted.any(axis=1), promoted.argmax(axis=1) + 1, 10)
    censor = d.uniform_int(4, 10)
    dur = np.minimum(first, censor)
    event = ((first <= censor) & promoted.any(axis=1)).astype(int)
    d.put("dur", dur, "byte")
    d.put("event", event, "byte")
    jobtime = np.where(d.binary(0.3) == 1, d.uniform_int(2, 9), 11)
    d.put("jobtime", jobtime, "byte")
    d.put("prest1", np.round(np.clip(d.normal(2.6, 0.8), 1, 5), 2), "float")
    d.put("prest2", np.where(jobtime < 11, np.round(np.clip(d.normal(2.8, 0.8), 1, 5), 2), np.nan), "float")
    for j in range(10):
        d.put(f"art{j + 1}", arts[:, j], "byte")
    for j in range(10):
        d.put(f"cit{j + 1}", cits[:, j], "int")
    return d.dataset()
