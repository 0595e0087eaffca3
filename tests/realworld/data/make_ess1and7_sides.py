"""Look-alike of the course's merged ESS rounds 1 and 7 (``ESS1and7.dta``) as the replication of
Sides and Citrin (2007) reads it: one row per respondent, ``cntry`` (str2, 22 ESS-1 countries --
the twenty of the replication, Slovenia and Israel, which the file gives no country code --
about 90 respondents each in round 1 and 20 in round 7), ``essround`` 1/7, ``idno``, net
household income decile ``hinctnt`` (1-12), the weights ``pspwght`` and ``pweight``, and the ESS
items with their missing codes (7/8/9 or 77/88/99, 888 for the subjective share of
foreign-born): immigration preferences imsmetn ... imrcntr (1-4), perceived consequences
imwbcnt ... imueclt (0-10), schooling ``eduyrs``, ``gndr``, ``agea``, main activity ``mnactic``
1-9, income feeling ``hincfel``, satisfaction with the economy ``stfeco``, the eight "decided at
national or European level" items dclenv ... dclintr (1-5), ``pplstrd``, ``noimbro`` (0-100),
``cpimpop``, ``discpol``, ``dfegcf``, ``imgfrnd``, trust and life satisfaction (0-10),
``lrscale``, citizenship, birth, years in the country ``livecntr``, minority ``blgetmg`` and
parents' birth ``facntr``/``mocntr``.  ``frame()`` also gives the hinc_merge and france_merge
look-alikes their rows."""
import numpy as np
import pandas as pd

from lookalike import from_frame

COUNTRIES = ["AT", "BE", "CZ", "DK", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LU", "NL", "NO", "PL",
             "PT", "ES", "SE", "CH", "GB", "SI", "IL"]


def _items(rng, n, lo, hi, codes, share=0.03):
    """Integer answers lo..hi with a few of the ESS missing codes."""
    v = rng.integers(lo, hi + 1, size=n).astype(float)
    miss = rng.random(n) < share
    v[miss] = rng.choice(codes, size=miss.sum())
    return v


def frame() -> pd.DataFrame:
    rng = np.random.default_rng(13202)
    parts = []
    for k, c in enumerate(COUNTRIES):
        for rnd, size in ((1, 90), (7, 20)):
            parts.append(pd.DataFrame({"cntry": c, "essround": rnd, "idno": np.arange(1, size + 1) + 1000 * k}))
    df = pd.concat(parts, ignore_index=True)
    n = len(df)
    cty = df["cntry"].map({c: i for i, c in enumerate(COUNTRIES)}).to_numpy()
    u = rng.normal(0, 0.5, len(COUNTRIES))[cty]
    edu = np.clip(np.round(rng.normal(12, 3.5, n)), 0, 30)
    df["hinctnt"] = np.clip(np.round(rng.normal(6 + 0.2 * (edu - 12), 2.5)), 1, 12)
    df.loc[rng.random(n) < 0.12, "hinctnt"] = np.nan
    df["pspwght"] = np.round(np.exp(rng.normal(0, 0.3, n)), 6)
    df["pweight"] = np.round(np.exp(rng.normal(0, 0.8, len(COUNTRIES))), 6)[cty]
    hostile = u + rng.normal(0, 1, n) - 0.08 * (edu - 12)
    for name in ("imsmetn", "imdfetn", "eimpcnt", "impcntr", "eimrcnt", "imrcntr"):
        v = np.clip(np.round(2.4 + 0.7 * hostile + rng.normal(0, 0.6, n)), 1, 4)
        v[rng.random(n) < 0.03] = rng.choice([7, 8, 9], size=1)[0]
        df[name] = v
    for name in ("imwbcnt", "imbgeco", "imtcjob", "imbleco", "imwbcrm", "imueclt"):
        v = np.clip(np.round(5 - 1.5 * hostile + rng.normal(0, 1.5, n)), 0, 10)
        v[rng.random(n) < 0.03] = 88
        df[name] = v
    edu[rng.random(n) < 0.01] = 88
    df["eduyrs"] = edu
    df["gndr"] = rng.integers(1, 3, n).astype(float)
    df["agea"] = np.clip(np.round(rng.uniform(15, 90, n)), 15, 100)
    df["mnactic"] = rng.choice(np.arange(1, 10), size=n, p=[.5, .08, .05, .02, .02, .18, .02, .1, .03]).astype(float)
    df["hincfel"] = _items(rng, n, 1, 4, [7, 8, 9])
    df["stfeco"] = _items(rng, n, 0, 10, [77, 88])
    for name in ("dclenv", "dclcrm", "dclagr", "dcldef", "dclwlfr", "dclaid", "dclmig", "dclintr"):
        df[name] = _items(rng, n, 1, 5, [7, 8])
    df["pplstrd"] = _items(rng, n, 1, 5, [7, 8])
    share = np.clip(np.round(rng.gamma(2, 10, n)), 0, 100)
    share[rng.random(n) < 0.15] = 888
    df["noimbro"] = share
    df["cpimpop"] = _items(rng, n, 1, 5, [7, 8])
    df["discpol"] = _items(rng, n, 1, 7, [77, 88])
    df["dfegcf"] = _items(rng, n, 1, 3, [7, 8])
    df["imgfrnd"] = _items(rng, n, 1, 3, [7, 8])
    for name in ("ppltrst", "pplfair", "pplhlp", "stflife", "lrscale"):
        df[name] = _items(rng, n, 0, 10, [77, 88, 99])
    df["ctzcntr"] = rng.choice([1.0, 2.0], size=n, p=[0.93, 0.07])
    df["brncntr"] = rng.choice([1.0, 2.0], size=n, p=[0.9, 0.1])
    df["livecntr"] = np.where(df["brncntr"] == 2, rng.integers(1, 6, n), np.nan)
    df["blgetmg"] = rng.choice([1.0, 2.0], size=n, p=[0.05, 0.95])
    df["facntr"] = rng.choice([1.0, 2.0], size=n, p=[0.88, 0.12])
    df["mocntr"] = rng.choice([1.0, 2.0], size=n, p=[0.88, 0.12])
    return df


TYPES = {"cntry": "str2", "essround": "byte", "idno": "long", "pspwght": "double", "pweight": "double",
         "agea": "int", "eduyrs": "byte", "noimbro": "int"}


def make():
    df = frame()
    types = dict(TYPES)
    for name in df.columns:
        if name not in types:
            types[name] = "byte"
    return from_frame(df, types=types)
