"""``mi estimate [, options]: estimation_command``: the command fitted to each imputation and
the fits combined by Rubin's rules (``mlmcli.mi.combination``), as [MI] mi estimate.

    options: post vartable [no]citable nosmall imputations(numlist) nimputations(#) dots
             noisily level(#) noheader notable errorok saving(miestfile[, replace])
             eform_option (or irr hr shr rrr tr eform[()])

Steps: read the syntax; list the imputations; for each, put the m-th completed dataset
(``mlmcli.mi.styles.completed``) in memory, run the command quietly and keep e(b), e(V),
e(N), e(df_r) and e(sample) (the sample must not vary across imputations: r(459)); put the
mi data back; pool; store e() (``e(b_mi)``, ``e(V_mi)``, ``e(W_mi)``, ``e(B_mi)``,
``e(df_mi)``, ``e(rvi_mi)``, ``e(fmi_mi)``, ``e(re_mi)``, and with ``post`` e(b) and e(V))
and print; r(table) is the pooled table's (each coefficient's t on its own df_mi), as the
table shown.  Small-sample degrees of freedom are used when the command reports e(df_r)
(regress, ...) unless ``nosmall``; the large-sample rules otherwise (mixed, the me commands).
``errorok`` ([MI] mi estimate, Advanced; Stata 16's u_mi_estimate.ado): an imputation on which
the command fails is left out, silently (its error and "..., ignoring m=#" shown only with
noisily; an ``x`` among the dots), and the others are combined (e(M_mi), e(m_est_mi) count and
list those combined).  Every imputation failing stops with the last one's error; one left is
too few (r(2001)) -- u_mi_estimate.ado's _chk_M (compiled Mata) words these, not seen here.  An
eform_option ([MI] mi estimate, Reporting; [R] eform_option) shows the first equation as
exp(b) under its heading (Odds Ratio, IRR, ...) without its _cons, as Stata 13's _coef_table;
the combination itself stays in the coefficient metric.  Transformed coefficients
(``mi estimate (name: exp)``) and the other options of Stata are refused with r(198).
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options, split_options
from mlmcli.syntax.replicate_vce import eform_option

# the minimal abbreviations of Stata 16's u_mi_estimate_get_commonopts.ado (POST, VARTable,
# CITable, NOCITable, NOSMALL, Imputations, NImputations, DOTS, NOIsily, Level, NOHEADer,
# NOTABle, ERROROK)
MI_ESTIMATE_OPTIONS = [
    OptionSpec("post", 4), OptionSpec("vartable", 4), OptionSpec("citable", 3), OptionSpec("nocitable", 5),
    OptionSpec("nosmall", 7), OptionSpec("imputations", 1, takes_arg=True),
    OptionSpec("nimputations", 2, takes_arg=True), OptionSpec("dots", 4), OptionSpec("noisily", 3),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 6), OptionSpec("notable", 5),
    OptionSpec("errorok", 7), OptionSpec("dftable", 4),
    # u_mi_estimate.ado's own CMDOK (mlm runs any estimation command, so nothing to allow) and
    # the base levels of _get_diopts, to which it hands the options it does not know (BASElevels)
    OptionSpec("cmdok", 5), OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7),
    OptionSpec("estmetric", 5), OptionSpec("saving", 3, takes_arg=True), OptionSpec("esampvaryok", 11),
]


# the table options mi estimate takes again when replaying (u_mi_estimate_get_commonopts.ado's
# diopts: VARTable NOCITable CITable DFTable NOTABle NOHEADer) and the estimation metric of the
# mixed-effects commands (ESTMetric: the layout mlm shows for them)
REPLAY_OPTIONS = [OptionSpec("noheader", 6), OptionSpec("notable", 5), OptionSpec("vartable", 4),
                  OptionSpec("citable", 3), OptionSpec("nocitable", 5), OptionSpec("dftable", 4),
                  OptionSpec("estmetric", 5)]
_XTME = ("mixed", "xtmixed", "xtmelogit", "xtmepoisson", "meqrlogit", "meqrpoisson")


def _citable(opts: dict) -> bool:
    """[MI] mi estimate: citable is the default; dftable implies nocitable, vartable does not."""
    if opts.get("citable") and opts.get("nocitable"):
        raise StataError("only one of citable and nocitable is allowed", 198)
    return bool(opts.get("citable")) or not (opts.get("nocitable") or opts.get("dftable"))


def _estmetric_note(session, cmd: str, opts: dict) -> None:
    """u_mi_estimate_get_commonopts.ado: after the mixed-effects commands the variance and
    degrees-of-freedom tables are in the estimation metric, and say so; estmetric is allowed
    for them alone (mlm's tables of their fits are in that metric)."""
    from mlmcli.commands import full_command_name

    cmd = full_command_name(cmd) if cmd else cmd
    is_xtme = cmd in _XTME
    if opts.get("estmetric") and not is_xtme:
        raise StataError("option estmetric not allowed", 198)
    if is_xtme and (opts.get("dftable") or opts.get("vartable")) and not opts.get("estmetric"):
        session.print("note: dftable or vartable imply estmetric")


def _split_colon(text: str) -> tuple[str, str]:
    """``[spec] [, options] : command`` at the first colon outside parentheses and quotes."""
    depth, quote = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quote = not quote
        elif not quote and ch in "([":
            depth += 1
        elif not quote and ch in ")]":
            depth -= 1
        elif not quote and depth == 0 and ch == ":":
            return text[:i], text[i + 1:].strip()
    raise StataError("mi estimate: the estimation command must follow a colon (mi estimate: command)", 198)


def _imputation_list(opts: dict, M: int) -> list[int]:
    from mlmcli.syntax.numlist import numlist

    if "imputations" in opts and "nimputations" in opts:
        raise StataError("only one of imputations() or nimputations() is allowed", 198)
    if "imputations" in opts:
        chosen = [int(v) for v in numlist(opts["imputations"]) if float(v).is_integer()]
        if not chosen or any(m < 1 or m > M for m in chosen):
            raise StataError(f"imputations() invalid: specify imputation numbers between 1 and {M}", 198)
        return sorted(set(chosen))
    n = integer_option(opts, "nimputations", M, minimum=1)
    if n > M:
        raise StataError(f"nimputations() must be between 1 and {M}", 198)
    return list(range(1, n + 1))


def cmd_mi_estimate(session, rest: str) -> None:
    if ":" not in rest:  # typed alone: replay
        body, options, _ = split_options(rest)
        options, heading = eform_option(options)
        opts = resolve_options(options, REPLAY_OPTIONS)
        if body.strip():
            raise StataError("invalid syntax", 198)
        if session.e is None or session.e.cmd != "mi estimate":
            raise StataError("last estimates not found", 301)
        citable = _citable(opts)
        _estmetric_note(session, session.e.macros.get("cmd_mi", ""), opts)
        session.print(render_again(session.e, bool(opts.get("noheader")), bool(opts.get("notable")),
                                   bool(opts.get("vartable")), eform=heading, citable=citable,
                                   dftable=bool(opts.get("dftable"))))
        _post_r_table(session, session.e, heading, shown=not opts.get("notable") and citable)
        return
    head, command = _split_colon(rest)
    body, options, _ = split_options(head)
    terms = None
    if body.strip():
        from mlmcli.commands.estimation.mi_transformations import parse_transformations

        terms = parse_transformations(body)
    options, heading = eform_option(options)
    opts = resolve_options(options, MI_ESTIMATE_OPTIONS)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if not command:
        raise StataError("mi estimate: the estimation command is missing", 198)
    ds = session.data
    styles.require_set(ds)
    M_all = styles.n_imputations(ds)
    if M_all < 2:  # mi_cmd_estimate.ado's words and codes
        raise StataError("no imputations", 2000) if M_all == 0 else StataError("insufficient imputations", 2001)
    chosen = _imputation_list(opts, M_all)
    _estmetric_note(session, command.split()[0] if command.split() else "", opts)
    if len(chosen) < 2:
        raise StataError("mi estimate: at least 2 imputations are needed", 2001)
    saving = _saving_target(opts.get("saving"))
    e_before = session.e
    fits, failed = _fit_each(session, command, chosen, noisily=bool(opts.get("noisily")),
                             dots=bool(opts.get("dots")), errorok=bool(opts.get("errorok")))
    try:
        if len(fits) < 2:  # errorok: one imputation left, as imputations() of one
            raise StataError("mi estimate: at least 2 imputations are needed", 2001)
        if terms:
            from mlmcli.commands.estimation.mi_transformations import combine_transformations, evaluate_transformations

            evaluated = evaluate_transformations(session, fits, terms)
        post_combined(session, fits, [m for m, _, _ in fits], opts, level, command, heading)
        if terms:
            df_r = fits[-1][1].residual_df()
            small = df_r is not None and math.isfinite(df_r) and not opts.get("nosmall")
            combine_transformations(session, evaluated, terms, complete_df=float(df_r) if small else None, level=level,
                                    show=not opts.get("notable"))
        if saving is not None:  # once the combination stands: a refused one writes no file
            _save_each(fits, saving)
    except StataError:
        session.e = e_before  # a refused combination leaves e() as it was
        raise


def _saving_target(typed) -> str | None:
    """``saving(miestfile[, replace])`` ([MI] mi estimate): the .ster file the imputations'
    own results go to, checked before any fit (an existing file without replace: r(602))."""
    import os

    from mlmcli.commands.postestimation.estimates_files import ster_path
    from mlmcli.syntax.options import suboptions

    if typed is None:
        return None
    body, sub = suboptions(str(typed))
    replace = bool(resolve_options(sub, [OptionSpec("replace", 7)]).get("replace"))
    path = ster_path(body.strip().strip('"'))
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    return path


def _save_each(fits, path: str) -> None:
    """Each imputation's estimation results as the next result set of ``path``, in the order of
    the imputations (``estimates use path, number(#)`` reads the #th)."""
    from mlmcli.estimation import storage

    for k, (_, e, _) in enumerate(fits):
        storage.save(e, path, replace=True, append=k > 0)


def _fit_each(session, command: str, chosen: list[int], *, noisily: bool, dots: bool,
              errorok: bool = False) -> tuple[list, list[int]]:
    """Run ``command`` on each chosen imputation: ([(m, e(), data)], the m on which it failed
    -- only with ``errorok``; else its error stops mi estimate), the mi data put back after."""
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    original, e_before = session.data, session.e
    fits, failed = [], []
    if dots:
        session.print(f"\nImputations ({len(chosen)}):")
    marks = ""
    try:
        for k, m in enumerate(chosen, start=1):
            session.data = styles.completed(original, m)
            session.e = None
            if noisily:
                session.print(f"\nRunning {command.split()[0]} on imputation {m}...")
            session.out.quiet += 0 if noisily else 1
            try:
                runner.execute(command)
            except StataError as err:
                if not errorok or (len(failed) == len(chosen) - 1 and not fits):  # errorok: all failed
                    raise StataError(f"{err.message}\nan error occurred when mi estimate executed "
                                     f"{command.split()[0]} on m={m}", err.rc) from None
                failed.append(m)  # u_mi_estimate.ado: shown only with noisily, the fit left out
                if noisily:
                    session.print(err.message)
                    session.print(f"an error occurred when mi estimate executed {command.split()[0]}, ignoring m={m}")
                marks += "x"
                continue
            finally:
                session.out.quiet -= 0 if noisily else 1
            e = session.e
            if e is None or e.matrices.get("b") is None or e.matrices.get("V") is None:
                raise StataError(f"{command.split()[0]} is not supported by mi estimate", 198)
            fits.append((m, e, session.data))
            marks += "." if k % 10 else str(k)
        if dots:
            session.print(f"  {marks} done")
    finally:
        session.data = original
        if not fits or len(fits) + len(failed) < len(chosen):
            session.e = e_before
    return fits, failed


def _check_samples(fits, vary_ok: bool = False) -> None:
    """The fits name the same coefficients and, unless ``esampvaryok``, use the same rows."""
    first_m, first_e, _ = fits[0]
    names = tuple(first_e.matrices["b"].colnames)
    base = None if first_e.sample is None else np.asarray(first_e.sample, bool)
    for m, e, _ in fits[1:]:
        if tuple(e.matrices["b"].colnames) != names:
            raise StataError(f"mi estimate: the coefficients of m={first_m} and m={m} differ", 459)
        if base is not None and e.sample is not None and not vary_ok:
            s = np.asarray(e.sample, bool)
            if len(s) != len(base) or (s != base).any():
                raise StataError(f"mi estimate: estimation sample varies between m={first_m} and m={m}", 459)


def _vcetype(e) -> str:
    vcetype = e.macros.get("vcetype") or ""
    if vcetype:
        return vcetype
    vce = (e.macros.get("vce") or "").lower()
    return {"ols": "OLS", "oim": "OIM", "opg": "OPG", "gls": "GLS", "conventional": "Conventional",
            "delta": "Delta-method"}.get(vce, vce.upper() or "OIM")  # margins, post: e(vce) delta


def post_combined(session, fits, chosen: list[int], opts: dict, level: float, command: str,
          heading: str | None = None) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mi.combination import coefficient_inference, equal_fmi_test, header_summary, pool
    from mlmcli.postest.coefficient_rows import name_layout
    from mlmcli.render.mi_display import render_mi_estimate
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mi import MIEstimateResult, VarianceRow
    from mlmcli.results.mixed import CoefRow
    from mlmcli.syntax.coefnames import split_eq

    _check_samples(fits, vary_ok=bool(opts.get("esampvaryok")))
    last_m, last_e, last_data = fits[-1]
    names = tuple(last_e.matrices["b"].colnames)
    df_r = last_e.residual_df()
    small = df_r is not None and math.isfinite(df_r) and not opts.get("nosmall")
    pooled = pool([np.asarray(e.matrices["b"].values, float).ravel() for _, e, _ in fits],
                  [np.asarray(e.matrices["V"].values, float) for _, e, _ in fits],
                  float(df_r) if small else None)
    estimable = np.diag(pooled.T) > 0
    first_eq = split_eq(names[0])[0] if names else ""
    tested = [j for j, full in enumerate(names) if estimable[j] and split_eq(full)[0] == first_eq
              and split_eq(full)[1] != "_cons"]
    test = equal_fmi_test(pooled, tested)
    inference = coefficient_inference(pooled, level)
    blocks: list = []
    var_blocks: list = []
    for j, full in enumerate(names):
        eq, name = split_eq(full)
        if not blocks or blocks[-1][0] != (eq or None):
            blocks.append((eq or None, []))
            var_blocks.append((eq or None, []))
        se, t, p, lo, hi = inference[j]
        layout = name_layout(name)  # factor terms grouped, 1b.f a base row as in the fits' tables
        layout["omitted"] = not layout["base"] and (layout["omitted"] or not estimable[j] and pooled.b[j] == 0)
        blocks[-1][1].append(CoefRow(name, float(pooled.b[j]), se, t, p, lo, hi, df=float(pooled.df[j]), **layout))
        if estimable[j]:
            var_blocks[-1][1].append(VarianceRow(name, float(pooled.W[j, j]), float(pooled.B[j, j]),
                                                 float(pooled.T[j, j]), float(pooled.rvi[j]), float(pooled.fmi[j]),
                                                 float(pooled.re[j])))
    header = header_summary(pooled)
    N = int(min(e.scalars.get("N", 0) for _, e, _ in fits))  # esampvaryok: the smallest sample
    depvar = (last_e.macros.get("depvar") or "").split()
    result = MIEstimateResult(
        title=last_e.macros.get("title") or last_e.title or "", depvar=depvar[0] if len(depvar) == 1 else "",
        M=len(chosen), N=N, complete_df=float(df_r) if small else None, **header, vcetype=_vcetype(last_e),
        test=None if test is None else (test.F, test.df1, test.df2, test.p),
        equations=tuple((eq, tuple(rows)) for eq, rows in blocks),
        variance_rows=tuple((eq, tuple(rows)) for eq, rows in var_blocks), level=level,
        vartable=bool(opts.get("vartable")), citable=_citable(opts), dftable=bool(opts.get("dftable")))

    def row(values) -> Matrix:
        return Matrix(np.asarray(values, float).reshape(1, -1), ("y1",), names)

    def square(values) -> Matrix:
        return Matrix(np.asarray(values, float), names, names)

    matrices = {"b_mi": row(pooled.b), "V_mi": square(pooled.T), "W_mi": square(pooled.W),
                "B_mi": square(pooled.B), "df_mi": row(pooled.df), "rvi_mi": row(pooled.rvi),
                "fmi_mi": row(pooled.fmi), "re_mi": row(pooled.re)}
    scalars = {"M_mi": float(len(chosen)), "N_mi": float(N), "N": float(N),
               "rvi_avg_mi": result.rvi_avg, "fmi_max_mi": result.fmi_max,
               "df_min_mi": result.df_min, "df_avg_mi": result.df_avg, "df_max_mi": result.df_max,
               "k_exp_mi": 0.0, "level": level}
    if small:
        scalars["df_c_mi"] = float(df_r)
    if test is not None:
        scalars.update({"F_mi": test.F, "df_m_mi": float(test.df1), "df_r_mi": test.df2, "p_mi": test.p})
    macros = {"mi": "mi", "cmdline_mi": f"mi estimate: {command}", "prefix_mi": "mi estimate",
              "cmd_mi": last_e.cmd, "title_mi": "Multiple-imputation estimates", "modeltest_mi": "Equal FMI",
              "dfadjust_mi": "Small sample" if small else "Large sample", "wvce_mi": result.vcetype,
              "m_est_mi": " ".join(str(m) for m in chosen), "depvar": last_e.macros.get("depvar", "")}
    if opts.get("post"):
        # post: the last imputation's e() with the MI estimates in e(b) and e(V)
        scalars = {**last_e.scalars, **scalars}
        macros = {**last_e.macros, **macros, "cmd": "mi estimate"}
        matrices = {**last_e.matrices, **matrices, "b": row(pooled.b), "V": square(pooled.T)}
    else:
        macros["cmd"] = "mi estimate"
    session.e = EstimationResults(cmd="mi estimate", scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, title=result.title)
    from mlmcli.commands.estimation.common import factor_display_defaults

    session.print(render_mi_estimate(with_eform(result, heading), noheader=bool(opts.get("noheader")),
                                     notable=bool(opts.get("notable")),
                                     baselevels=factor_display_defaults(opts)["baselevels"]))
    _post_r_table(session, session.e, heading, shown=not opts.get("notable") and result.citable)


def with_eform(result, heading: str | None):
    """The result to show under an eform_option: the first equation's rows as exp(b),
    exp(b) * se and exp() of the bounds (t and P unchanged), its _cons left out, headed
    ``heading``; the other equations as they are (Stata 13's _coef_table with eform)."""
    from dataclasses import replace

    from mlmcli.missing import stata_exp

    if heading is None or not result.equations:
        return result

    def exponentiated(row):
        if row.base or row.omitted:
            return replace(row, coef=1.0)
        b = stata_exp(row.coef)
        return replace(row, coef=b, se=b * row.se, ci_lo=stata_exp(row.ci_lo), ci_hi=stata_exp(row.ci_hi))

    (eq, rows), rest = result.equations[0], result.equations[1:]
    first = (eq, tuple(exponentiated(r) for r in rows if r.name != "_cons"))
    return replace(result, equations=(first, *rest), coef_label=heading)


def _post_r_table(session, e, heading: str | None, *, shown: bool) -> None:
    """r(table) of the pooled estimates (b_mi, V_mi; t on each coefficient's df_mi), the first
    equation exponentiated under an eform_option; no table shown, no r(table)."""
    from mlmcli.estimation.coefficient_matrix import coefficient_table

    if not shown:
        session.set_r({})
        return
    df = np.asarray(e.matrices["df_mi"].values, float).reshape(-1)
    table = coefficient_table(e.matrices["b_mi"], e.matrices["V_mi"], None, float(e.scalars.get("level", 95.0)),
                              eform=heading is not None, column_df=df)
    session.set_r({"table": table})


def render_again(e, noheader: bool = False, notable: bool = False, vartable: bool = False,
                 eform: str | None = None, citable: bool = True, dftable: bool = False) -> str:
    """The results again (the variance and df tables only when asked for again, as Stata replays)."""
    from dataclasses import replace

    from mlmcli.render.mi_display import render_mi_estimate

    return render_mi_estimate(with_eform(replace(e.result, vartable=vartable, citable=citable, dftable=dftable),
                                         eform), noheader=noheader, notable=notable)


def replay(session, e, *, noheader: bool = False) -> None:
    session.print(render_again(e, noheader))
