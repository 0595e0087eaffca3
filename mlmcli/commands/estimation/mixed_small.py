"""``mixed``'s small-sample inference (Stata 14's ``dfmethod()``, ``dftable()``, ``small``).

    dfmethod(residual | repeated | anova | satterthwaite [, eim|oim] | kroger [, eim|oim])
    dftable(default | ci | pvalue)

The numbers come from the engine (``fit.small_sample(method, information)``:
``mlmcli.mixed.small_sample``); this module reads the options, refuses what Stata refuses
(messages of Stata's ``_mixed_ddf.ado`` and ``help mixed``), and turns the inference into
the result the display prints (``results.mixed.SmallSample``) and Stata's e() entries:
e(dfmethod), e(dftitle), e(df) (1 x k over e(b), 0 for variance parameters and omitted
coefficients), e(V_df) (kroger), e(df_min/avg/max), e(ddf_m), e(F) (all fixed effects
but the constant, as Stata's ``test [depvar]``), e(small).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import split_options

METHODS = (("residual", 3), ("repeated", 3), ("anova", 5), ("satterthwaite", 3), ("kroger", 2))
TITLES = {"kroger": "Kenward-Roger", "satterthwaite": "Satterthwaite", "repeated": "Repeated",
          "residual": "Residual", "anova": "ANOVA"}
DFTABLES = (("default", 3), ("ci", 2), ("pvalue", 2))


@dataclass(frozen=True)
class DFMethod:
    name: str
    information: str = "eim"  # eim (Stata's default) | oim


def method_name(typed: str) -> str:
    """``kr`` -> ``kroger`` (``_mixed_ddf.ado``: ``x is not a valid DF method`` r(198))."""
    word = typed.strip()  # mixed.ado's CheckDfType: syntax [, KRoger SATterthwaite ...], case kept
    for name, k in METHODS:
        if abbreviates(word, name, k):
            return name
    raise StataError(f"{typed.strip()} is not a valid DF method", 198)


def parse_dfmethod(text: str) -> DFMethod:
    body, options, _ = split_options(text)
    words = body.split()
    if len(words) != 1:
        raise StataError(f"dfmethod({text}) invalid" if words else "dfmethod() invalid", 198)
    try:
        name = method_name(words[0])
    except StataError:  # mixed.ado's CheckDfType: the word its syntax could not read
        raise StataError(f"invalid method {words[0]} in option dfmethod()", 198) from None
    info = [o.name for o in options]
    if any(i not in ("eim", "oim") or o.arg is not None for i, o in zip(info, options)) or len(info) > 1:
        raise StataError(f"dfmethod({text}) invalid", 198)
    if info and name not in ("satterthwaite", "kroger"):
        raise StataError(f"option {info[0]} can only be specified with dfmethod(satterthwaite) or "
                         "dfmethod(kroger)", 198)
    return DFMethod(name, info[0] if info else "eim")


def parse_dftable(text: str | bool) -> str:
    word = "" if text is True else str(text).strip().lower()
    for name, k in DFTABLES:
        if word and abbreviates(word, name, k):
            return name
    raise StataError(f"{str(text).strip()} not available in option dftable()", 198)


def check_model(dfm: DFMethod, spec, has_weights: bool, robust: bool) -> None:
    """Stata's refusals before any computation."""
    if robust:
        raise StataError("vce() other than vce(oim) may not be combined with dfmethod()", 198)
    if has_weights:
        raise StataError("weights not allowed with dfmethod()", 101)
    iid = spec.residuals is None
    if not spec.terms and iid and dfm.name != "residual":
        raise StataError("model is linear regression; option dfmethod(residual) should be used", 198)
    if spec.method != "REML" and dfm.name in ("kroger", "satterthwaite"):
        raise StataError(f"{TITLES[dfm.name]} DF method is available only with REML estimation", 198)
    if dfm.name == "repeated" and len({t.levelvar for t in spec.terms}) > 1:
        raise StataError("method repeated is not available for models with more than two levels", 198)


def small_sample(fit, dfm: DFMethod, level: float):
    """(SmallSample result, e() scalars, macros, matrices) of the fit under ``dfm``."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mixed import SmallSample

    inf = fit.small_sample(dfm.name, dfm.information)
    rows = inf.rows(level)
    spec = fit.spec
    labels = spec.coef_labels
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    df = np.asarray(inf.df, float)
    test_idx = [k for k, j in enumerate(est) if labels[j].name != "_cons"]
    F, df_m, ddf_m = float("nan"), 0, float("nan")
    if test_idx:
        L = np.eye(len(est))[test_idx]
        ft = inf.test(L)
        F, df_m, ddf_m = float(ft.F), int(ft.df1), float(ft.df2)
    from mlmcli import distributions as stats
    p_F = float(stats.f.sf(F, df_m, ddf_m)) if test_idx else float("nan")
    result = SmallSample(method=dfm.name, title=TITLES[dfm.name], rows=rows,
                         df_min=float(df.min()) if len(df) else float("nan"),
                         df_avg=float(df.mean()) if len(df) else float("nan"),
                         df_max=float(df.max()) if len(df) else float("nan"),
                         F=F, df_m=df_m, ddf_m=ddf_m, p=p_F, oim=dfm.information == "oim")
    b, V = fit.e_matrices()
    names = b.colnames
    df_row = np.zeros(len(names))
    for k, j in enumerate(est):
        df_row[j] = df[k]
    scalars = {"df_min": result.df_min, "df_avg": result.df_avg, "df_max": result.df_max,
               "ddf_m": ddf_m, "F": F, "small": 1.0}
    if dfm.name in ("kroger", "satterthwaite"):
        scalars["eim"] = 0.0 if dfm.information == "oim" else 1.0
    macros = {"dfmethod": dfm.name, "dftitle": TITLES[dfm.name]}
    matrices = {"df": Matrix(df_row[None, :], ("r1",), names)}
    if dfm.name == "kroger":
        Vdf = np.array(V.values, float)
        Vdf[np.ix_(est, est)] = inf.V
        matrices["V_df"] = Matrix(Vdf, names, names)
    return result, scalars, macros, matrices, inf
