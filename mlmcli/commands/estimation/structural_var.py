"""Short-run structural vector autoregressions ([TS] var svar; svar.ado 1.7.4 of the Stata 16 tree,
Stata 13's a_#_#/b_#_# parameter names):

    svar depvarlist [if] [in], {aeq() | acns() | beq() | bcns() | lreq() | lrcns()} [lags(numlist) exog(varlist) noconstant
        dfk small lutstats nobigf var level(#) nocnsreport noidencheck iterate(#) tolerance(#)
        ltolerance(#) nrtolerance(#) nolog]

The underlying var is fitted first (``var`` shows it); A and B are then fitted by ML
(``time_series.svar_model``), aeq()/beq()'s nonmissing elements fixing theirs, acns()/bcns()'s
zeros fixing theirs and equal nonzero integers making elements equal (A = I, B = I when neither is
given).  e(b) holds a_i_j then b_i_j, column by column.  Refused by name:
aconstraints(), bconstraints() (constraints defined by constraint define), lrconstraints(),
varconstraints() and its noisure/noislog/isiterate()/istolerance(), from().  lreq(matrix) fits the
long-run model (with lrcns()): C with A = I and B = Abar C (e(C), e(A1) = Abar).  The iteration log is ml's Fisher scoring with the EIM, as _svard2.ado
hands ml its EIM for the Hessian; where a step needs the fallbacks of
``glm.newton`` the lines may differ from Stata's.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, real_option, resolve_options

HELP = {"svar": "svar depvarlist [if] [in], aeq(matrix) beq(matrix) [lags(numlist) var] : structural VARs"}
_SHOW = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nocnsreport", 7), OptionSpec("full", 4)]
_REFUSED = ("aconstraints", "bconstraints", "lrconstraints", "varconstraints", "from")
_OPTIONS = [*_SHOW, OptionSpec("aeq", 2, takes_arg=True), OptionSpec("beq", 2, takes_arg=True),
            OptionSpec("acns", 2, takes_arg=True), OptionSpec("bcns", 2, takes_arg=True),
            OptionSpec("aconstraints", 4, takes_arg=True), OptionSpec("bconstraints", 4, takes_arg=True),
            OptionSpec("lreq", 3, takes_arg=True), OptionSpec("lrcns", 3, takes_arg=True),
            OptionSpec("lrconstraints", 5, takes_arg=True), OptionSpec("varconstraints", 4, takes_arg=True),
            OptionSpec("from", 4, takes_arg=True), OptionSpec("noidencheck", 6), OptionSpec("var", 3),
            OptionSpec("lags", 2, takes_arg=True), OptionSpec("exog", 2, takes_arg=True), OptionSpec("noconstant", 6),
            OptionSpec("dfk", 3), OptionSpec("lutstats", 3), OptionSpec("nobigf", 5), OptionSpec("small", 2),
            OptionSpec("noislog", 7), OptionSpec("noisure", 7), OptionSpec("isiterate", 5, takes_arg=True),
            OptionSpec("istolerance", 6, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
            OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
            OptionSpec("nolog", 4), OptionSpec("log", 3)]


def _matrix(session, text: str, name: str, k: int) -> np.ndarray:
    words = str(text).split()
    if len(words) != 1 or words[0] not in session.matrices:
        raise StataError(f"{name}({text}) does not define a matrix", 198)
    values = np.asarray(session.matrices[words[0]].values, float)
    if values.shape[0] != k:
        raise StataError(f"{name}() matrix does not have the correct row dimension", 198)
    if values.shape[1] != k:
        raise StataError(f"{name}() matrix does not have the  correct column dimension", 198)
    if np.all(np.isnan(values)):
        raise StataError(f"no constraints implied by matrix {words[0]}", 498)
    return values


def cmd_svar(session, cmd) -> None:
    if not cmd.args.strip() and not cmd.if_exp and not cmd.in_range:
        opts = resolve_options(cmd.options, _SHOW)
        if session.e is None or session.e.cmd != "svar":
            raise StataError("last estimates not found", 301)
        return show_svar(session, session.e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    for name in _REFUSED:
        if opts.get(name) is not None:
            raise StataError(f"option {name}() of svar is not implemented in mlmcli", 198)
    if opts.get("constraints") is not None:
        raise StataError("constraints() not allowed", 198)
    for name, what in (("noisure", "noisure"), ("noislog", "noislog"), ("isiterate", "isiterate()"),
                       ("istolerance", "istolerance()")):
        if opts.get(name) not in (None, False):
            raise StataError(f"{what} cannot be specified without varconstraints", 198)
    short = any(opts.get(k) is not None for k in ("aeq", "beq", "acns", "bcns"))
    if not short and opts.get("lreq") is None and opts.get("lrcns") is None:
        raise StataError("no constraints specified", 198)
    if short and (opts.get("lreq") is not None or opts.get("lrcns") is not None):
        raise StataError("short-run and long-run constraints may not both be specified", 198)
    e = fit(session, cmd, opts)
    session.e = e
    show_svar(session, e, opts)


def fit(session, cmd, opts):
    from mlmcli.commands.estimation import vector_autoregression as va
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.iteration_log import iteration_line
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import integer_option
    from mlmcli.time_series.svar_model import fit_svar

    var_opts = {k: opts[k] for k in ("lags", "exog", "noconstant", "dfk", "small", "lutstats", "nobigf", "level")
                if opts.get(k) not in (None, False)}
    var_e = va.fit(session, cmd, cmd.args, var_opts)
    if opts.get("var"):
        va.display(session, var_e, var_opts)
    endog = var_e.macros["endog"].split()
    k = len(endog)
    long_run = opts.get("lreq") is not None or opts.get("lrcns") is not None
    abar = None
    if long_run:
        abar = _abar(var_e, k)
        if abs(np.linalg.det(abar)) < 1e-12:
            raise StataError("Matrix (I-A_1-A_2...-A_p) not invertible", 498)
        groups = [("c", 0, opts.get("lrcns"), opts.get("lreq"), "lrcns", "lreq")]
    else:
        groups = [("a", 0, opts.get("acns"), opts.get("aeq"), "acns", "aeq"),
                  ("b", k * k, opts.get("bcns"), opts.get("beq"), "bcns", "beq")]
    n = len(groups) * k * k
    rows, rhs, cns, stored = [], [], [], {}
    for letter, offset, cns_text, eq_text, cns_name, eq_name in groups:
        given = cns_text is not None or eq_text is not None
        if cns_text is not None:
            M = _matrix(session, cns_text, cns_name, k)
            stored[cns_name] = M
            for label, coefs, value in _cross_constraints(M, letter, k):
                rows.append(_row(n, offset, k, coefs))
                rhs.append(value)
                cns.append(label)
        M = _matrix(session, eq_text, eq_name, k) if eq_text is not None else (None if given else np.eye(k))
        if eq_text is not None:
            stored[eq_name] = M
        if M is not None:
            for i in range(k):
                for j in range(k):
                    if not np.isnan(M[i, j]):
                        rows.append(_row(n, offset, k, {(i, j): 1.0}))
                        rhs.append(M[i, j])
                        cns.append(f"[{letter}_{i + 1}_{j + 1}]_cons = {_g(M[i, j])}")
    R = np.array(rows) if rows else np.zeros((0, n))
    r_vec = np.array(rhs, float)
    Sigma = var_e.matrices["Sigma"].values
    T = int(var_e.scalars["N"])
    iterate = integer_option(opts, "iterate", 300)
    tols = {key: real_option(opts, key, None) for key in ("tolerance", "ltolerance", "nrtolerance") if key in opts}
    session.print(f"Estimating {'long' if long_run else 'short'}-run parameters")
    r = fit_svar(Sigma, T, R, r_vec, iterate=iterate, abar=abar, **tols)
    if not opts.get("nolog"):
        session.print("")
        for step in r.steps:
            session.print(iteration_line(step.iteration, step.loglik, "log likelihood",
                                         getattr(step, "note", "") or ""))
    letters = ("c",) if long_run else ("a", "b")
    names = [f"{m}_{i}_{j}:_cons" for m in letters for j in range(1, k + 1) for i in range(1, k + 1)]
    n_cns = int(np.linalg.matrix_rank(R)) if len(R) else 0
    oid = n_cns - len(letters) * k * k + 0.5 * (k * k + k)
    eqnames = var_e.macros["eqnames"].split()
    scalars = {"N": float(T), "ll": r.ll, "N_cns": float(n_cns), "oid_df": float(oid), "k_eq": float(len(letters) * k * k),
               "k_aux": float(len(letters) * k * k), "k_dv": float(k), "k_dv_var": float(k), "k_eq_var": float(k),
               "rank": float(int(r.free.sum())), "ic_ml": float(len(r.steps) - 1), "rc_ml": 0.0 if r.converged else 430.0,
               "converged": float(r.converged), "tmin": var_e.scalars["tmin"], "tmax": var_e.scalars["tmax"],
               "ll_var": var_e.scalars["ll"], "detsig_var": var_e.scalars["detsig"],
               "detsig_ml_var": var_e.scalars["detsig_ml"], "mlag_var": var_e.scalars["mlag"],
               "N_gaps_var": var_e.scalars["N_gaps"], "aic_var": var_e.scalars["aic"],
               "hqic_var": var_e.scalars["hqic"], "sbic_var": var_e.scalars["sbic"], "fpe_var": var_e.scalars["fpe"]}
    if oid > 0:
        ll_var = var_e.scalars["ll_dfk"] if opts.get("dfk") else var_e.scalars["ll"]
        scalars["chi2_oid"] = 2 * (ll_var - r.ll)
    macros = {"cmd": "svar", "cmdline": (cmd.text or f"svar {cmd.args}").strip(),
              "title": "Structural vector autoregression", "endog_var": " ".join(endog),
              "exog_var": var_e.macros.get("exog", ""), "eqnames_var": " ".join(eqnames),
              "depvar_var": " ".join(endog), "lags_var": var_e.macros["lags"], "nocons_var": var_e.macros["nocons"],
              "tsfmt": var_e.macros["tsfmt"], "timevar": var_e.macros["timevar"], "small": var_e.macros["small"],
              "lutstats_var": var_e.macros["lutstats"], "dfk_var": "dfk" if opts.get("dfk") else "",
              "predict": "svar_p", "properties": "b V"}
    sq = tuple(eqnames)
    if long_run:
        c_est = r.p.reshape(k, k, order="F")
        a_est, b_est = np.eye(k), abar @ c_est
        macros.update({"cns_lr": ":".join(cns), "lrmodel": "lrmodel"})
    else:
        a_est, b_est = r.p[:k * k].reshape(k, k, order="F"), r.p[k * k:].reshape(k, k, order="F")
        macros.update({"cns_a": ":".join(c for c in cns if c.startswith("[a_")),
                       "cns_b": ":".join(c for c in cns if c.startswith("[b_"))})
    matrices = {"b": Matrix(r.p[None, :].copy(), ("y1",), tuple(names)),
                "V": Matrix(r.V.copy(), tuple(names), tuple(names)),
                "A": Matrix(a_est.copy(), sq, sq), "B": Matrix(b_est.copy(), sq, sq),
                "Sigma": Matrix(Sigma.copy(), tuple(endog), tuple(endog)),
                "b_var": var_e.matrices["b"], "V_var": var_e.matrices["V"]}
    if "bf" in var_e.matrices:
        matrices["bf_var"] = var_e.matrices["bf"]
    if long_run:
        matrices.update({"C": Matrix(c_est.copy(), sq, sq), "A1": Matrix(abar.copy(), sq, sq)})
    rc_names = (tuple(f"r{i}" for i in range(1, k + 1)), tuple(f"c{i}" for i in range(1, k + 1)))
    for name, M in stored.items():
        matrices[name] = Matrix(M.copy(), *rc_names)
    e = EstimationResults(cmd="svar", scalars=scalars, macros=macros, matrices=matrices, model=var_e.model,
                          sample=var_e.sample, title="Structural vector autoregression")
    e.result = {**(var_e.result or {}), "constraints": tuple(cns), "sample_text": va.sample_text(session, var_e),
                "var": var_e}  # the var postestimation tests run on it
    e.stamp_sample(session.data)
    return e


def _abar(var_e, k: int) -> np.ndarray:
    """_getAbar: I minus the sum of the lag coefficient matrices of the underlying var."""
    nlags = len(var_e.result["lags"])
    B = var_e.matrices["b"].values.reshape(k, -1)
    abar = np.eye(k)
    for i in range(k):
        for j in range(k):
            abar[i, j] -= B[i, j * nlags:(j + 1) * nlags].sum()
    return abar


def _g(value: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%18.0g").strip()


def _row(n: int, offset: int, k: int, coefs: dict) -> np.ndarray:
    """One constraint's row over p: element (i, j) of a K x K matrix at vec position offset + j K + i."""
    row = np.zeros(n)
    for (i, j), c in coefs.items():
        row[offset + j * k + i] = c
    return row


def _cross_constraints(M: np.ndarray, letter: str, k: int):
    """_svar_cnsmac: a 0 fixes its element; elements sharing a nonzero integer are equal (the
    first of them to each later one, after the zeros)."""
    if np.any(~np.isnan(M) & (M != np.round(M))):
        raise StataError(f"non-integer element in matrix defining constraints on {letter}", 198)
    out, groups = [], {}
    for i in range(k):
        for j in range(k):
            v = M[i, j]
            if np.isnan(v):
                continue
            if v == 0:
                out.append((f"[{letter}_{i + 1}_{j + 1}]_cons = 0", {(i, j): 1.0}, 0.0))
            else:
                groups.setdefault(v, []).append((i, j))
    for members in groups.values():
        if len(members) == 1:
            i, j = members[0]
            raise StataError(f"{letter}_{i + 1}_{j + 1} is not constrained to be equal to another element", 498)
        (i0, j0) = members[0]
        for (i, j) in members[1:]:
            # matrix dispCns' normalized form of [first]_cons = [other]_cons
            out.append((f"[{letter}_{i0 + 1}_{j0 + 1}]_cons - [{letter}_{i + 1}_{j + 1}]_cons = 0",
                        {(i0, j0): 1.0, (i, j): -1.0}, 0.0))
    return out


def show_svar(session, e, opts) -> None:
    import math

    from mlmcli.distributions import chi2 as chi2_dist, norm
    from mlmcli.render.svar_model import render_svar
    from mlmcli.results.mixed import CoefRow

    level = confidence_level(opts, getattr(session, "level", 95.0))
    k = int(e.scalars["k_dv"])
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    names = [n.split(":")[0] for n in e.matrices["b"].colnames]
    se = np.sqrt(np.maximum(np.diag(V), 0.0))
    crit = float(norm.ppf(0.5 + level / 200))
    blocks = []
    for start in range(0, len(b), k * k):
        rows = []
        for j in range(start, start + k * k):
            if se[j] == 0:  # fixed by a constraint
                rows.append(CoefRow("/" + names[j], float(b[j]), math.nan, math.nan, math.nan, math.nan, math.nan,
                                    constrained=True))
            else:
                z = float(b[j] / se[j])
                rows.append(CoefRow("/" + names[j], float(b[j]), float(se[j]), z, float(2 * norm.sf(abs(z))),
                                    float(b[j] - crit * se[j]), float(b[j] + crit * se[j])))
        blocks.append(rows)
    lr_p = float(chi2_dist.sf(e.scalars["chi2_oid"], e.scalars["oid_df"])) if e.scalars["oid_df"] >= 1 else None
    from mlmcli.render.numfmt import format_number

    fmt = e.macros.get("tsfmt") or "%9.0g"  # from e(), which estimates use keeps
    sample = f"{format_number(e.scalars['tmin'], fmt).strip()} - {format_number(e.scalars['tmax'], fmt).strip()}"
    if e.scalars.get("N_gaps_var"):
        sample += ", but with a gap" if e.scalars["N_gaps_var"] == 1 else ", but with gaps"
    cns = [c for key in ("cns_a", "cns_b", "cns_lr") for c in str(e.macros.get(key, "")).split(":") if c]
    session.print(render_svar(sample, e.scalars, cns, blocks, level, lr_p, cnsreport=not opts.get("nocnsreport"),
                              linesize=session.linesize))
