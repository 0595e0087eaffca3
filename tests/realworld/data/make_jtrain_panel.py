"""Look-alike of Wooldridge's JTRAIN (157 Michigan manufacturing firms, 1987-89): firm code
``fcode``, year dummies ``d88``/``d89``, job-training grant this year and last
(``grant``, ``grant_1``), training hours per employee ``tothrs`` and the log scrap rate
``lscrap`` (reported by about a third of the firms, missing for the rest)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1989)
    firms = np.sort(d.rng.choice(np.arange(410032, 419487), size=157, replace=False))
    ids, year = d.panel("firm", 157, [1987, 1988, 1989], "year")
    d.put("fcode", firms[ids - 1], "long")
    d.columns.pop("firm"); d.types.pop("firm")
    d.put("d88", (year == 1988).astype(int), "byte")
    d.put("d89", (year == 1989).astype(int), "byte")
    gyear = d.group_constant(ids, d.categorical([0.55, 0.25, 0.2], [0, 1988, 1989]))
    grant = (year == gyear).astype(int)
    grant_1 = (year == gyear + 1).astype(int)
    d.put("grant", grant, "byte")
    d.put("grant_1", grant_1, "byte")
    hrs = np.round(np.clip(8 + 25 * grant + 8 * grant_1 + d.normal(0, 10), 0, None))
    d.put("tothrs", d.with_missing(hrs, 0.03), "int")
    a = d.effect(ids, 1.3)
    lscrap = 0.6 - 0.1 * d.columns["d88"] - 0.3 * d.columns["d89"] - 0.25 * grant - 0.3 * grant_1 + a + d.normal(0, 0.5)
    reports = d.group_constant(ids, d.binary(0.35)) == 1
    d.put("lscrap", np.where(reports, lscrap, np.nan), "float")
    return d.dataset()
