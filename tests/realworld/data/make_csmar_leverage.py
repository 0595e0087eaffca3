"""Look-alike of a coursework file on firm leverage built from CSMAR extracts (``main.dta``,
merged from annual and interim reports): listed firm ``Stkcd`` (six-digit code), report date
``Accper`` (string YYYY-MM-DD), report type ``Reptyp`` (4 = annual; some firms with a second,
duplicated annual row), establishment and listing dates ``Estbdt`` ``Listdt`` (strings),
``Asset`` ``Liability``, ``ROE``, ``LiquidityRatio``, ``PBRatio``, selling and SG&A expense
ratios ``Se`` ``SGAe``, ownership concentration ``HHI5`` ``HHI10``, CEO variables
``CEOGender`` ``CEOAge`` ``CEOSalary`` ``CEOShare``, main-business income ``MainBusinessIncome``
and the industry code ``Indcd`` (string, a letter and two digits)."""
import numpy as np

from lookalike import LookAlike

INDUSTRIES = ["C27", "C39", "C26", "C38", "C35", "I65", "K70", "C34"]


def make():
    d = LookAlike(seed=2014)
    ids, year = d.panel("fidx", 240, list(range(2005, 2014)), "year", dropout=0.1)
    stk = 600000 + ids * 3
    rows_a = {k: np.asarray(v) for k, v in d.columns.items()}
    d.columns.pop("fidx"), d.types.pop("fidx"), d.columns.pop("year"), d.types.pop("year")
    # every fourth firm-year also has an interim (type 2) report; a few annual rows are doubled
    interim = d.rng.random(d.n) < 0.25
    dup = d.rng.random(d.n) < 0.03
    order = np.concatenate([np.arange(d.n), np.flatnonzero(interim), np.flatnonzero(dup)])
    kind = np.concatenate([np.full(d.n, 4), np.full(interim.sum(), 2), np.full(dup.sum(), 4)])
    ids, year = ids[order], year[order]
    d.n = len(order)
    d.put("Stkcd", stk[order], "long")
    d.put("Accper", np.array([f"{y}-12-31" if k == 4 else f"{y}-06-30" for y, k in zip(year, kind)],
                             dtype=object), "str10")
    d.put("Reptyp", kind, "byte")
    est = d.group_constant(ids, d.uniform_int(1985, 2000))
    lst = est + d.group_constant(ids, d.uniform_int(2, 10))
    d.put("Estbdt", np.array([f"{y}-0{m}-15" for y, m in zip(est, d.uniform_int(1, 9))], dtype=object), "str10")
    d.put("Listdt", np.array([f"{y}-0{m}-20" for y, m in zip(lst, d.uniform_int(1, 9))], dtype=object), "str10")
    size = d.group_constant(ids, d.normal(21.5, 1.2)) + 0.08 * (year - 2005) + d.normal(0, 0.1)
    asset = np.exp(size)
    lev = np.clip(0.45 + d.effect(ids, 0.12) + 0.02 * (size - 21.5) + d.normal(0, 0.05), 0.05, 0.95)
    d.put("Asset", np.round(asset, 0), "double")
    d.put("Liability", np.round(asset * lev, 0), "double")
    d.put("ROE", np.round(0.08 + d.effect(ids, 0.04) - 0.05 * lev + d.normal(0, 0.05), 4), "double")
    d.put("LiquidityRatio", np.round(np.exp(d.normal(0.4, 0.4)), 4), "double")
    d.put("PBRatio", np.round(np.exp(d.normal(1.0, 0.5)), 4), "double")
    d.put("Se", np.round(np.abs(d.normal(0.05, 0.03)), 4), "double")
    d.put("SGAe", np.round(np.abs(d.normal(0.10, 0.05)), 4), "double")
    h10 = np.clip(0.15 + d.effect(ids, 0.06) + d.normal(0, 0.01), 0.01, 0.9)
    d.put("HHI5", np.round(h10 * 0.95, 4), "double")
    d.put("HHI10", np.round(h10, 4), "double")
    d.put("CEOGender", d.group_constant(ids, d.binary(0.92)), "double")
    d.put("CEOAge", np.round(d.group_constant(ids, d.normal(47, 6)) + (year - 2005), 1), "double")
    d.put("CEOSalary", np.round(np.exp(d.normal(13, 0.6)), 0), "double")
    d.put("CEOShare", np.round(np.where(d.binary(0.6) == 1, 0, np.abs(d.normal(0, 2e6))), 0), "double")
    d.put("MainBusinessIncome", np.round(asset * np.exp(d.normal(-0.5, 0.4)), 0), "double")
    d.put("Indcd", np.asarray(INDUSTRIES, dtype=object)[d.group_constant(ids, d.uniform_int(0, 7))], "str3")
    return d.dataset()
