"""Random designs for the differential test of the ``me`` commands against R.

Each case is a dataset drawn from ``numpy.random.RandomState(seed)`` (a frozen stream: the
test regenerates exactly what R fitted; a checksum is stored beside R's values), the Stata
command line, and the R model fitting the same likelihood.  ``python generate.py DIR``
writes DIR/<case>.csv and DIR/manifest.json for ``fit_r.R``.

Families: melogit / meprobit / mecloglog (0/1 outcome, and ``binomial(n)`` trials),
mepoisson (``exposure()``, ``offset()``), menbreg (``exposure()``, mean dispersion),
meologit / meoprobit.  Structures: random intercept, random slope with
covariance(unstructured | independent | exchangeable | identity), three-level nesting,
crossed (``_all: R.c``) with a nested level.

Integration and the R fit of the same approximation:
- ``laplace``: ``intmethod(laplace)``, the joint Laplace approximation (exact curvature) --
  glmmTMB (TMB's Laplace, exact Hessian for every link), ordinal's clmm for the ordinal
  models (Laplace).  Not lme4's glmer: its "Laplace" for a non-canonical link (probit,
  cloglog) takes the curvature from Fisher weights, another approximation.
- ``mcagh``: ``intmethod(mcaghermite) intpoints(Q)`` against glmer / clmm with ``nAGQ =
  Q`` -- the same mode-curvature adaptive rule (canonical links only for glmer, whose
  curvature is Fisher's; clmm's is exact) for one scalar random effect.
- ``mvagh``: Stata's default ``mvaghermite`` with ``intpoints(Q)``: no R program has the
  mean-variance rule, so R's reference is the integral itself (glmer / clmm with 25
  mode-curvature points, within ~1e-8 of the exact integral for these designs), and
  the tolerance is that of Q mean-variance points.
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
    family: str  # logit probit cloglog binlogit binprobit poisexp poisoff nbreg ologit oprobit
    structure: str  # ri slope_un slope_ind slope_exch slope_id nest3 crossed
    integration: str  # laplace | mcagh | mvagh
    points: int
    seed: int
    stata: str  # the full command line
    engine: str  # glmmTMB | glmer | clmm (glmer: mcaghermite's rule itself is maximised in R)
    r_formula: str
    r_family: str  # R family expression ("" for clmm: link in r_link)
    r_link: str = ""
    r_map: str = ""  # glmmTMB map for theta: equal variances (exchangeable, identity)
    r_agq: int = 1


FAMILY = {  # command, depvar, fixed-part options, R response, R family, clmm link
    "logit": ("melogit", "y", "", "y", "binomial(link = 'logit')"),
    "probit": ("meprobit", "y", "", "y", "binomial(link = 'probit')"),
    "cloglog": ("mecloglog", "y", "", "y", "binomial(link = 'cloglog')"),
    "binlogit": ("melogit", "s", "", "cbind(s, n - s)", "binomial(link = 'logit')"),
    "binprobit": ("meprobit", "s", "", "cbind(s, n - s)", "binomial(link = 'probit')"),
    "bincloglog": ("mecloglog", "s", "", "cbind(s, n - s)", "binomial(link = 'cloglog')"),
    "poisexp": ("mepoisson", "cnt", ", exposure(t)", "cnt", "poisson"),
    "poisoff": ("mepoisson", "cnt", ", offset(lo)", "cnt", "poisson"),
    "nbreg": ("menbreg", "cnt", ", exposure(t)", "cnt", "nbinom2"),
    "ologit": ("meologit", "k", "", "factor(k)", "logit"),
    "oprobit": ("meoprobit", "k", "", "factor(k)", "probit"),
}
OFFSET = {"poisexp": " + offset(log(t))", "poisoff": " + offset(lo)", "nbreg": " + offset(log(t))"}

STRUCTURE = {  # Stata random part, R random part, glmmTMB theta map
    "ri": ("|| g:", "(1 | g)", ""),
    "slope_un": ("|| g: x, covariance(unstructured)", "(1 + x | g)", ""),
    "slope_ind": ("|| g: x, covariance(independent)", "diag(1 + x | g)", ""),
    "slope_exch": ("|| g: x, covariance(exchangeable)", "cs(1 + x | g)", "c(1, 1, 2)"),
    "slope_id": ("|| g: x, covariance(identity)", "diag(1 + x | g)", "c(1, 1)"),
    "nest3": ("|| a: || g:", "(1 | a) + (1 | g)", ""),
    "crossed": ("|| _all: R.c || g:", "(1 | c) + (1 | g)", ""),
}


def _groups(rs, n_groups: int, mean_size: float) -> np.ndarray:
    sizes = np.maximum(1, rs.poisson(mean_size, n_groups))
    return np.repeat(np.arange(1, n_groups + 1), sizes)


def _data(family: str, structure: str, seed: int) -> pd.DataFrame:
    rs = np.random.RandomState(seed)
    ng = rs.randint(18, 36)
    g = _groups(rs, ng, rs.uniform(5, 10))
    n = len(g)
    x = rs.normal(size=n).round(3)
    z = rs.normal(size=n).round(3)
    sd0, sd1 = rs.uniform(0.5, 1.3), rs.uniform(0.3, 0.8)
    u0, u1 = rs.normal(0, sd0, ng + 1), rs.normal(0, sd1, ng + 1)
    eta = 0.5 * x - 0.4 * z + u0[g]
    df = pd.DataFrame({"g": g, "x": x, "z": z})
    if structure in ("slope_un", "slope_ind", "slope_exch", "slope_id"):
        eta = eta + (u1[g] + 0.4 * u0[g] * (structure == "slope_un")) * x
    elif structure == "nest3":  # level a above g: three groups of g per a
        df["a"] = (g - 1) // 3 + 1
        eta = eta + rs.normal(0, rs.uniform(0.4, 1.0), df["a"].max() + 1)[df["a"]]
    elif structure == "crossed":
        df["c"] = rs.randint(1, 7, size=n)
        eta = eta + rs.normal(0, rs.uniform(0.4, 1.0), 7)[df["c"]]
    if family in ("logit", "probit", "cloglog"):
        p = {"logit": lambda e: 1 / (1 + np.exp(-e)), "probit": lambda e: _phi(e),
             "cloglog": lambda e: 1 - np.exp(-np.exp(e))}[family](eta - 0.2)
        df["y"] = (rs.uniform(size=n) < p).astype(int)
    elif family.startswith("bin"):
        link = family[3:]
        p = {"logit": lambda e: 1 / (1 + np.exp(-e)), "probit": lambda e: _phi(e),
             "cloglog": lambda e: 1 - np.exp(-np.exp(e))}[link](eta - 0.2)
        df["n"] = rs.randint(1, 7, size=n)
        df["s"] = rs.binomial(df["n"], p)
    elif family in ("poisexp", "poisoff", "nbreg"):
        t = rs.uniform(0.5, 2.0, size=n).round(3)
        df["t"] = t
        df["lo"] = np.log(t)
        mu = t * np.exp(0.3 + eta)
        if family == "nbreg":
            alpha = rs.uniform(0.3, 1.0)
            mu = mu * rs.gamma(1 / alpha, alpha, size=n)
        df["cnt"] = rs.poisson(mu)
    else:  # ordinal: cut points of a latent logistic / normal response
        e = rs.logistic(size=n) if family == "ologit" else rs.normal(size=n)
        df["k"] = 1 + np.searchsorted(np.array([-1.0, 0.3, 1.4]), eta + e)
    return df


def _phi(e):
    from scipy.special import ndtr
    return ndtr(e)


def _case(family: str, structure: str, integration: str, seed: int, points: int = 0) -> Case:
    cmd, dep, fixed_opts, response, r_family = FAMILY[family]
    stata_re, r_re, r_map = STRUCTURE[structure]
    extra = {"logit": "", "probit": "", "cloglog": ""}.get(family)
    if family.startswith("bin"):
        extra = "binomial(n)"
    opts = [extra] if extra else []
    if integration == "laplace":
        opts.append("intmethod(laplace)")
    elif integration == "mcagh":
        opts.append(f"intmethod(mcaghermite) intpoints({points})")
    elif points != DEFAULT_POINTS:  # the default: no option
        opts.append(f"intpoints({points})")
    sep = " " if "," in stata_re else ", "
    stata = f"{cmd} {dep} x z{fixed_opts} {stata_re}" + (f"{sep}{' '.join(opts)}" if opts else "")
    ordinal = family in ("ologit", "oprobit")
    if ordinal:
        engine = "clmm"
    elif integration == "laplace":
        engine = "glmmTMB"
    else:
        engine = "glmer"
    formula = f"{response} ~ x + z{OFFSET.get(family, '')} + {r_re}"
    agq = {"laplace": 1, "mcagh": points, "mvagh": 25}[integration]
    name = f"{family}_{structure}_{integration}{points or ''}_{seed}"
    return Case(name, family, structure, integration, points, seed, stata, engine, formula,
                "" if ordinal else r_family, r_family if ordinal else "", r_map, agq)


DEFAULT_POINTS = 7
BINARY = ("logit", "probit", "cloglog", "binlogit", "binprobit", "bincloglog")
COUNT = ("poisexp", "poisoff", "nbreg")
SLOPES = ("slope_un", "slope_ind", "slope_exch", "slope_id")


def cases() -> list[Case]:
    out = []
    seed = 1000
    for fam in BINARY + COUNT:  # Laplace: every structure
        for st in ("ri",) + SLOPES + ("nest3", "crossed"):
            seed += 1
            out.append(_case(fam, st, "laplace", seed))
    for fam in ("ologit", "oprobit"):  # clmm: random intercepts only (nested, crossed)
        for st in ("ri", "nest3", "crossed"):
            for _ in range(2):
                seed += 1
                out.append(_case(fam, st, "laplace", seed))
    # one scalar random effect by quadrature: the same rule (mcaghermite vs nAGQ = Q,
    # canonical links only for glmer) and Stata's default mvaghermite vs the integral
    for fam, q in (("logit", 7), ("binlogit", 5), ("poisexp", 9), ("poisoff", 4), ("ologit", 7), ("oprobit", 5)):
        seed += 1
        out.append(_case(fam, "ri", "mcagh", seed, q))
    for fam, q in (("logit", 12), ("probit", 12), ("cloglog", 15), ("binlogit", 10), ("binprobit", 12),
                   ("bincloglog", 12), ("poisexp", 12), ("poisoff", 10), ("ologit", 12), ("oprobit", 12),
                   ("logit", 20), ("poisexp", 20)):
        seed += 1
        out.append(_case(fam, "ri", "mvagh", seed, q))
    # added after the first sweep: mode-curvature rules for the non-canonical links (the
    # rule is written out in fit_r.R, not lme4's), and Stata's default (7 mean-variance points)
    for fam, q in (("probit", 7), ("cloglog", 5), ("binprobit", 9), ("bincloglog", 7)):
        seed += 1
        out.append(_case(fam, "ri", "mcagh", seed, q))
    for fam in ("logit", "probit", "binlogit", "poisexp", "ologit", "oprobit"):
        seed += 1
        out.append(_case(fam, "ri", "mvagh", seed, DEFAULT_POINTS))
    return out


def data(case: Case) -> pd.DataFrame:
    return _data(case.family, case.structure, case.seed)


def checksum(df: pd.DataFrame) -> str:
    return hashlib.sha256(df.to_csv(index=False).encode()).hexdigest()[:16]


def write(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    manifest = []
    for case in cases():
        df = data(case)
        path = directory / f"{case.name}.csv"
        df.to_csv(path, index=False)
        manifest.append({**case.__dict__, "csv": str(path), "checksum": checksum(df)})
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    write(Path(sys.argv[1]))
