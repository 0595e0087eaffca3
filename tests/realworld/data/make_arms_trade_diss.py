"""Look-alike of an arms-imports and democracy country-year panel (SIPRI imports merged with
POLITY IV, Freedom House and Maddison GDP): ``ccode`` (COW country code; Thailand 800, Israel
666, Philippines 840 and Nepal 790 among them), ``intYear`` 1950-2016 (countries enter in
different years), ``intPOLITY2`` (-10..10, a persistent country path, some missing),
``intPR``/``intCL`` (1-7) and ``intPRCL`` (2-14, from 1972), ``dblTIV`` (imports, billions,
0.0005 for a zero and 0 for a missing year) and ``dblTIV_ln`` (its log), ``dblMaddison_ln``
(log GDP per head), ``bytColdWar`` (1950-1990), ``ordRegime`` (POLITY2 in three bands),
and the leads ``intPOLITY2_lag1``-``5`` / ``intPRCL_lag1``-``5`` (``F1``-``F5`` of the scores)
the author's earlier do-file made.  The file is saved ``xtset ccode intYear`` (the do-file's
xt commands have no ``xtset`` of their own)."""
import numpy as np

from lookalike import LookAlike

CODES = [2, 20, 40, 70, 90, 100, 130, 135, 140, 145, 155, 160, 200, 210, 220, 230, 290, 310,
         325, 350, 352, 365, 385, 435, 450, 475, 490, 500, 501, 520, 530, 540, 560, 600, 615,
         625, 630, 640, 645, 651, 652, 660, 663, 666, 690, 700, 710, 740, 750, 770, 775, 790,
         800, 811, 816, 820, 840, 850, 900, 920]


def make():
    d = LookAlike(seed=12127)
    rng = d.rng
    rows_c, rows_y = [], []
    for c in CODES:
        start = 1950 if rng.random() < 0.6 else int(rng.integers(1951, 1992))
        years = np.arange(start, 2017)
        rows_c.append(np.full(len(years), c))
        rows_y.append(years)
    ccode = np.concatenate(rows_c)
    year = np.concatenate(rows_y)
    d.rows(len(ccode))
    n = d.n
    level = d.effect(ccode, 5.0)
    tiv_c = d.effect(ccode, 1.2)
    gdp_c = d.effect(ccode, 0.8)
    polity = np.empty(n)
    tiv_ln = np.empty(n)
    for c in CODES:
        idx = np.flatnonzero(ccode == c)
        walk = np.cumsum(rng.normal(0, 0.9, len(idx)))
        trend = 0.08 * (year[idx] - 1950) * (rng.random() < 0.5)
        polity[idx] = level[idx] + walk + trend
        tiv_ln[idx] = -1.5 + tiv_c[idx] + np.cumsum(rng.normal(0, 0.25, len(idx))) * 0.5 \
            - 0.04 * (polity[idx] - polity[idx].mean())
    polity2 = np.clip(np.round(polity), -10, 10)
    polity2[rng.random(n) < 0.03] = np.nan
    tiv = np.exp(tiv_ln + rng.normal(0, 0.6, n))
    zero = rng.random(n) < 0.18
    tiv[zero] = 0.0005
    absent = rng.random(n) < 0.15
    tiv[absent] = 0.0
    with np.errstate(divide="ignore"):
        tiv_log = np.where(tiv > 0, np.log(np.where(tiv > 0, tiv, 1.0)), np.nan)
    free = np.clip(np.round(4 - polity2 / 3.5 + rng.normal(0, 0.7, n)), 1, 7)
    pr = free.copy()
    cl = np.clip(pr + rng.integers(-1, 2, n), 1, 7)
    pr[year < 1972] = np.nan
    cl[year < 1972] = np.nan
    prcl = pr + cl
    gdp = 7.5 + gdp_c + 0.02 * (year - 1950) + 0.03 * np.nan_to_num(polity2) + rng.normal(0, 0.1, n)
    regime = np.where(np.isnan(polity2), np.nan, np.where(polity2 <= -6, 1, np.where(polity2 <= 5, 2, 3)))

    def lead(x, k):
        out = np.full(n, np.nan)
        for c in CODES:
            idx = np.flatnonzero(ccode == c)
            out[idx[:-k]] = x[idx[k:]]
        return out

    d.put("ccode", ccode, "int", "[ID-Panel] Country Code")
    d.put("intYear", year, "int", "[ID-Time] Year")
    d.put("dblTIV", tiv, "double", "[SIPRI] Value of Imports")
    d.put("dblTIV_ln", tiv_log, "float", "[SIPRI] Logged TIV")
    d.put("intPOLITY2", polity2, "byte", "[POLITY] POLITY2 Score")
    d.put("intPR", pr, "byte", "[FH] Political Rights")
    d.put("intCL", cl, "byte", "[FH] Civil Liberties")
    d.put("intPRCL", prcl, "float", "[FH-Deriv] PR, CL Combined")
    d.put("ordRegime", regime, "byte", "RECODE of intPOLITY2")
    d.put("dblMaddison_ln", gdp, "float", "[Maddison] Logged GDP per capita")
    d.put("bytColdWar", (year <= 1990).astype(int), "byte", "RECODE of intYear")
    for k in range(1, 6):
        d.put(f"intPOLITY2_lag{k}", lead(polity2, k), "float")
        d.put(f"intPRCL_lag{k}", lead(prcl, k), "float")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "ccode", "_TStvar": "intYear"})
    return ds
