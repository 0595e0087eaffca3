"""Random designs for the differential test of ``mixed`` against R's lme4 and nlme.

Each case is a dataset drawn from ``numpy.random.RandomState(seed)`` (a frozen stream, so
the test regenerates exactly what R fitted; a checksum is stored beside R's values), the
``mixed`` command line, and the R model that fits the same likelihood.  ``python
generate.py DIR`` writes DIR/<case>.csv and DIR/manifest.json for ``fit_r.R``.

Kinds: two- and three-level nesting, crossed (``_all: R.c``), random slopes with
independent, exchangeable, unstructured and identity covariance, unbalanced groups with
singletons, factor covariates, noconstant, a boundary fit (no group effect), fweights at the
observation level and at level 2 (R fits the expanded data: a frequency weight is a
replicated row or group), and residuals(independent, by()) / (ar 1, t()) /
(exchangeable) against nlme's varIdent / corAR1 / corCompSymm.  pweights have no lme4/nlme
counterpart and are not drawn.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    seed: int
    method: str  # ML | REML
    stata: str  # the mixed command without "mixed"
    r: str  # the R call fitting the same model to `d` (the CSV; expanded when weighted)
    engine: str  # lmer | lme | gls
    expand: str = ""  # fweights: "obs" (rows w times) or "group" (groups wg times)


def _groups(rs, n_groups: int, mean_size: float, singletons: int) -> np.ndarray:
    """Group sizes: Poisson around mean_size (at least 2) plus `singletons` groups of one."""
    sizes = np.maximum(2, rs.poisson(mean_size, n_groups - singletons))
    sizes = np.concatenate([sizes, np.ones(singletons, dtype=int)])
    rs.shuffle(sizes)
    return np.repeat(np.arange(1, n_groups + 1), sizes)


# weighted variants of residuals() designs: the data of the base kind plus weights
BASE = {"fw_group_ar1": "resid_ar1", "fw_obs_by": "resid_by", "fw_gls_exch": "gls_exch",
        "fw_empty_lr": "ri", "fw_empty_mid": "nest3"}


def _data(kind: str, seed: int) -> pd.DataFrame:
    if kind in BASE:
        df = _data(BASE[kind], seed)
        rs = np.random.RandomState(seed + 1)
        df["w"] = rs.randint(1, 4, size=len(df))
        df["wg"] = rs.randint(1, 4, size=df["g"].max() + 1)[df["g"]]
        if "a" in df:
            df["wa"] = rs.randint(1, 4, size=df["a"].max() + 1)[df["a"]]
        return df
    rs = np.random.RandomState(seed)
    ng = rs.randint(12, 30)
    g = _groups(rs, ng, rs.uniform(3, 8), rs.randint(0, 4))
    n = len(g)
    x = rs.normal(size=n).round(3)
    z = rs.normal(size=n).round(3)
    f = rs.randint(1, 4, size=n)
    h = rs.randint(1, 3, size=n)
    t = np.concatenate([np.arange(1, (g == k).sum() + 1) for k in range(1, ng + 1)])
    u0 = rs.normal(0, rs.uniform(0.5, 1.5), ng + 1)[g]
    u1 = rs.normal(0, rs.uniform(0.3, 0.8), ng + 1)[g]
    u2 = rs.normal(0, rs.uniform(0.3, 0.8), ng + 1)[g]
    e = rs.normal(0, 1.0, n)
    df = pd.DataFrame({"g": g, "t": t, "x": x, "z": z, "f": f, "h": h})
    y = 1.0 + 0.5 * x - 0.3 * z + 0.4 * (f == 2) - 0.2 * (f == 3) + e
    if kind == "nest3":  # level 3 a above g
        df["a"] = (g - 1) // 3 + 1
        y = y + rs.normal(0, 0.8, df["a"].max() + 1)[df["a"]] + u0
    elif kind == "crossed":
        df["c"] = rs.randint(1, 7, size=n)
        y = y + rs.normal(0, 0.7, 7)[df["c"]] + u0
    elif kind in ("slope_un", "slope_ind"):
        y = y + u0 + u1 * x + 0.5 * u0 * x * (kind == "slope_un")
    elif kind in ("slope_exch", "slope_id"):
        y = y + u1 * x + u2 * z
    elif kind == "boundary":
        pass  # no group effect: var(_cons) at zero
    elif kind == "resid_by":
        y = y + u0 + e * (h == 2) * rs.uniform(0.5, 1.5)
    elif kind == "resid_ar1":
        ar = np.empty(n)
        phi = rs.uniform(0.2, 0.7)
        for k in range(n):
            ar[k] = e[k] if t[k] == 1 else phi * ar[k - 1] + np.sqrt(1 - phi ** 2) * e[k]
        y = y - e + ar + u0
        keep = rs.uniform(size=n) > 0.15  # gaps in t
        df, y = df[keep], y[keep]
    elif kind == "nest3_slopes":
        df["a"] = (g - 1) // 3 + 1
        na = df["a"].max() + 1
        y = y + rs.normal(0, 0.8, na)[df["a"]] + rs.normal(0, 0.4, na)[df["a"]] * x + u0 + u1 * x
    elif kind == "crossed_slope":
        df["c"] = rs.randint(1, 6, size=n)
        y = y + rs.normal(0, 0.7, 6)[df["c"]] + u0 + u1 * x
    elif kind == "crossed2":  # two crossed factors, no nesting at all
        df["c"] = rs.randint(1, 6, size=n)
        df["d"] = rs.randint(1, 5, size=n)
        y = y + rs.normal(0, 0.7, 6)[df["c"]] + rs.normal(0, 0.5, 5)[df["d"]]
    elif kind == "un3":
        y = y + u0 + u1 * x + u2 * z + 0.3 * u0 * z
    elif kind == "two_eq":  # x and _cons at g in two equations: independent
        y = y + u0 + u1 * x
    elif kind == "singletons":  # mostly groups of one or two
        df["g"] = np.sort(rs.randint(1, int(n / 1.4), size=n))
        df["g"] = pd.factorize(df["g"])[0] + 1
        y = y + rs.normal(0, 0.9, n + 1)[df["g"]]
    elif kind == "scaled":  # large and small magnitudes: y in thousands, x in hundredths
        df["x"] = (x / 100).round(6)
        y = 5000 + 1000 * (y + u0)
    elif kind == "collinear":  # x2 = 2 x: omitted (Stata o.x2, lme4 drops the column)
        df["x2"] = 2 * x
        y = y + u0
    elif kind == "missing":  # missing y and x in some rows: both drop them (markout, na.omit)
        y = (y + u0).astype(float)
        y[rs.uniform(size=n) < 0.08] = np.nan
        df["x"] = np.where(rs.uniform(size=n) < 0.08, np.nan, x)
    elif kind in ("gls_ar1", "gls_exch", "gls_ma1"):  # residuals() alone: level g empty
        y = y - e + 0.7 * e + 0.7 * rs.normal(size=ng + 1)[g] * (kind == "gls_exch")
        y = y + 0.4 * np.concatenate([[0], e[:-1]]) * (t > 1)
    elif kind == "resid_exch":
        y = y + 0.8 * rs.normal(size=ng + 1)[g] + u1 * x
    else:
        y = y + u0
    df = df.assign(y=np.round(y, 4))
    if kind in ("fw_obs", "fw_group", "fw_nest3"):
        if kind == "fw_nest3":
            df["a"] = (df["g"] - 1) // 3 + 1
            df["y"] = df["y"] + rs.normal(0, 0.8, df["a"].max() + 1)[df["a"]]
        df["w"] = rs.randint(1, 4, size=len(df))
        df["wg"] = rs.randint(1, 4, size=ng + 1)[df["g"]]
    return df.reset_index(drop=True)


CTRL_LMER = "control = lmerControl(optimizer = 'bobyqa', optCtrl = list(rhoend = 1e-12, maxfun = 1e5))"
CTRL_GLS = "control = glsControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14)"
CTRL_LME = "control = lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14, niterEM = 0)"

# kind -> (stata equation, R call with {reml}/{method}, engine, methods, extra)
KINDS = {
    "ri_factor": ("y x i.f || g:", "lmer(y ~ x + factor(f) + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "nest3": ("y x || a: || g:", "lmer(y ~ x + (1 | a) + (1 | a:g), data = d, REML = {reml}, {lmer})", "lmer"),
    "crossed": ("y x || _all: R.c || g:", "lmer(y ~ x + (1 | c) + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "slope_ind": ("y x || g: x, cov(independent)", "lmer(y ~ x + (1 | g) + (0 + x | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "slope_un": ("y x || g: x, cov(unstructured)", "lmer(y ~ x + (1 + x | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "slope_exch": ("y x z || g: x z, noconstant cov(exchangeable)",
                   "lme(y ~ x + z, random = list(g = pdCompSymm(~ x + z - 1)), data = d, method = '{method}', {lme})", "lme"),
    "slope_id": ("y x z || g: x z, noconstant cov(identity)",
                 "lme(y ~ x + z, random = list(g = pdIdent(~ x + z - 1)), data = d, method = '{method}', {lme})", "lme"),
    "nocons": ("y x z, noconstant || g:", "lmer(y ~ 0 + x + z + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "boundary": ("y x || g:", "lmer(y ~ x + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "resid_by": ("y x || g:, residuals(independent, by(h))",
                 "lme(y ~ x, random = ~ 1 | g, weights = varIdent(form = ~ 1 | h), data = d, method = '{method}', {lme})", "lme"),
    "resid_ar1": ("y x || g:, residuals(ar 1, t(t))",
                  "lme(y ~ x, random = ~ 1 | g, correlation = corAR1(form = ~ t | g), data = d, method = '{method}', {lme})", "lme"),
    "resid_exch": ("y x || g: x, noconstant residuals(exchangeable)",
                   "lme(y ~ x, random = ~ 0 + x | g, correlation = corCompSymm(form = ~ 1 | g), data = d, method = '{method}', {lme})", "lme"),
    "nest3_slopes": ("y x || a: x, cov(unstructured) || g: x",
                     "lmer(y ~ x + (1 + x | a) + (1 | a:g) + (0 + x | a:g), data = d, REML = {reml}, {lmer})", "lmer"),
    "crossed_slope": ("y x || _all: R.c || g: x, cov(unstructured)",
                      "lmer(y ~ x + (1 | c) + (1 + x | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "crossed2": ("y x || _all: R.c || _all: R.d", "lmer(y ~ x + (1 | c) + (1 | d), data = d, REML = {reml}, {lmer})", "lmer"),
    "un3": ("y x z || g: x z, cov(unstructured)", "lmer(y ~ x + z + (1 + x + z | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "two_eq": ("y x || g: x, noconstant || g:", "lmer(y ~ x + (0 + x | g) + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "singletons": ("y x i.f || g:", "lmer(y ~ x + factor(f) + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "scaled": ("y x || g:", "lmer(y ~ x + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "collinear": ("y x x2 z || g:", "lmer(y ~ x + x2 + z + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "missing": ("y x z || g:", "lmer(y ~ x + z + (1 | g), data = d, REML = {reml}, {lmer})", "lmer"),
    "gls_ar1": ("y x || g:, noconstant residuals(ar 1, t(t))",
                "gls(y ~ x, correlation = corAR1(form = ~ t | g), data = d, method = '{method}', {gls})", "gls"),
    "gls_exch": ("y x || g:, noconstant residuals(exchangeable)",
                 "gls(y ~ x, correlation = corCompSymm(form = ~ 1 | g), data = d, method = '{method}', {gls})", "gls"),
    "gls_ma1": ("y x || g:, noconstant residuals(ma 1, t(t))",
                "gls(y ~ x, correlation = corARMA(form = ~ t | g, q = 1), data = d, method = '{method}', {gls})", "gls"),
    "fw_nest3": ("y x [fw=w] || a: || g:", "lmer(y ~ x + (1 | a) + (1 | a:g), data = d, REML = FALSE, {lmer})", "lmer"),
    "fw_group_ar1": ("y x || g:, fweight(wg) residuals(ar 1, t(t))",
                     "lme(y ~ x, random = ~ 1 | g, correlation = corAR1(form = ~ t | g), data = d, method = 'ML', {lme})", "lme"),
    "fw_obs_by": ("y x [fw=w] || g:, residuals(independent, by(h))",
                  "lme(y ~ x, random = ~ 1 | g, weights = varIdent(form = ~ 1 | h), data = d, method = 'ML', {lme})", "lme"),
    "fw_gls_exch": ("y x || g:, noconstant fweight(wg) residuals(exchangeable)",
                    "gls(y ~ x, correlation = corCompSymm(form = ~ 1 | g), data = d, method = 'ML', {gls})", "gls"),
    # fweights at a level without random effects (mlm ignored them before)
    "fw_empty_lr": ("y x || g:, noconstant fweight(wg)", "gls(y ~ x, data = d, method = 'ML', {gls})", "gls"),
    "fw_empty_mid": ("y x || a:, noconstant fweight(wa) || g:",
                     "lmer(y ~ x + (1 | a:g), data = d, REML = FALSE, {lmer})", "lmer"),
    "fw_obs": ("y x [fw=w] || g:", "lmer(y ~ x + (1 | g), data = d, REML = FALSE, {lmer})", "lmer"),
    "fw_group": ("y x || g:, fweight(wg)", "lmer(y ~ x + (1 | g), data = d, REML = FALSE, {lmer})", "lmer"),
}
SEEDS = (101, 202, 303)


# seeds of a wider sweep kept because they found something: 707's level a of nest3_slopes
# collapses (both variances 0, its correlation undefined), which blanked every SE
EXTRA = {"nest3_slopes": (707,)}


def cases() -> list[Case]:
    out = []
    for kind, (stata, r, engine) in KINDS.items():
        weighted = kind.startswith("fw_")
        for seed in SEEDS + EXTRA.get(kind, ()):
            for method in ("ML",) if weighted else ("ML", "REML"):
                call = r.format(reml="TRUE" if method == "REML" else "FALSE", method=method,
                                lmer=CTRL_LMER, lme=CTRL_LME, gls=CTRL_GLS)
                opt = "reml" if method == "REML" else "ml"
                cmd = stata + (" " if "," in stata.split("||")[-1] else ", ") + opt
                out.append(Case(f"{kind}_{seed}_{method.lower()}", kind, seed, method, cmd, call, engine,
                                expand={"fw_obs": "obs", "fw_group": "group", "fw_nest3": "obs", "fw_group_ar1": "group",
                                        "fw_obs_by": "obs", "fw_gls_exch": "group",
                                        "fw_empty_lr": "group", "fw_empty_mid": "agroup"}.get(kind, "")))
    return out


def data(case: Case) -> pd.DataFrame:
    return _data(case.kind, case.seed)


def checksum(df: pd.DataFrame) -> str:
    return hashlib.sha256(df.to_csv(index=False).encode()).hexdigest()[:16]


def write(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    manifest = []
    for case in cases():
        df = data(case)
        path = directory / f"{case.name}.csv"
        df.to_csv(path, index=False)
        manifest.append({"name": case.name, "kind": BASE.get(case.kind, case.kind), "csv": str(path), "r": case.r,
                         "engine": case.engine, "method": case.method, "expand": case.expand,
                         "checksum": checksum(df)})
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    write(Path(sys.argv[1]))
