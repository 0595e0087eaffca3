"""Weighted multilevel fits, before/after (branch ws100): writes the data and do-files that
``farm-bench`` (or /usr/bin/time) runs as whole ``mlm`` processes, new tree against old.

    python3 bench/bench_weighted_speed100.py --dir /tmp/wspeed     # writes the files, prints them

Cases (fixed seeds):
- ``three_level_pw``: ``mixed y x [pw=w1] || top: x, cov(ind) || mid:, pweight(w2)``, 24 top
  groups, 8 mid groups each of 11 rows, level weights ~20 (the zwier corpus file's shape:
  its first steepest-descent step put the mid level on its bound), five fits on resamples.
- ``slope_pw_wide``: ``mixed y x c1-c30 [pw=w1] || id: x, pweight(w2) cov(un)``, 400 groups
  of 6 (a 33-coefficient random-slope pseudo-likelihood: the sandwich's beta scores).
- ``meologit``: ``meologit yo x1 x2 || g:`` on bench_vs_r.py's 10,000-row two-level data
  (written by ``bench_vs_r.py --write-only --dir DIR`` first).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd


def three_level(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    G, M, per = 24, 8, 11
    top = np.repeat(np.arange(G), M * per)
    mid = np.repeat(np.arange(G * M), per)
    n = len(top)
    x = rng.normal(size=n)
    y = (0.3 * x + rng.normal(size=G)[top] * 0.15 + rng.normal(size=G)[top] * 0.05 * x
         + rng.normal(size=G * M)[mid] * 0.03 + rng.normal(size=n) * 0.45)
    return pd.DataFrame({"top": top + 1, "mid": mid + 1, "x": x, "y": y,
                         "w1": np.exp(rng.normal(0.0, 0.5, n)),
                         "w2": np.exp(rng.normal(3.0, 0.3, G * M))[mid]})


def slope_wide(seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    G, per, k = 400, 6, 30
    g = np.repeat(np.arange(G), per)
    n = len(g)
    x = rng.normal(size=n)
    C = rng.normal(size=(n, k))
    u = rng.normal(size=(G, 2)) * np.array([0.4, 0.8])
    y = 1 + 0.5 * x + C @ rng.normal(0, 0.2, k) + u[g, 1] + u[g, 0] * x + rng.normal(size=n)
    df = pd.DataFrame({"id": g + 1, "x": x, "y": y, "w1": np.exp(rng.normal(0, 0.4, n)),
                       "w2": np.exp(rng.normal(0, 0.4, G))[g]})
    for j in range(k):
        df[f"c{j + 1}"] = C[:, j]
    return df


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/wspeed")
    ap.add_argument("--vs-r-dir", default="/tmp/mlm_vs_r", help="bench_vs_r.py's --dir (meologit's data)")
    a = ap.parse_args()
    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    lines = []
    for s in range(5):
        three_level(100 + s).to_stata(d / f"three_level_{s}.dta", write_index=False)
        lines += [f"use {d}/three_level_{s}.dta, clear",
                  "mixed y x [pw=w1] || top: x, cov(ind) || mid:, pweight(w2)",
                  'display "ll=" %20.0g e(ll)']
    (d / "three_level_pw.do").write_text("\n".join(lines) + "\n")
    slope_wide().to_stata(d / "slope_wide.dta", write_index=False)
    (d / "slope_pw_wide.do").write_text(
        f"use {d}/slope_wide.dta, clear\nmixed y x c1-c30 [pw=w1] || id: x, pweight(w2) cov(un)\n"
        'display "ll=" %20.0g e(ll)\n')
    (d / "meologit.do").write_text(
        f"use {a.vs_r_dir}/two_10000.dta, clear\nmeologit yo x1 x2 || g:\n"
        'display "ll=" %20.0g e(ll)\nmatrix list e(V), format(%12.0g)\n')
    for f in sorted(d.glob("*.do")):
        print(f)


if __name__ == "__main__":
    main()
