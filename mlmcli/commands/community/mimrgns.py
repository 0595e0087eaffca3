"""``mimrgns [marginlist] [if] [in] [weight] [, options]``: margins after ``mi estimate``
(Daniel Klein's SSC command, mimrgns.ado 4.0.7, written from its public ado-file).

For each imputation of e(m_est_mi) the estimation command of e(cmdline_mi) is fitted again on
that completed dataset and ``margins marginlist ..., post`` run after it (mimrgns_estimate);
the M margins and their delta-method VCEs are combined by Rubin's rules as ``mi estimate``
combines coefficients (mlmcli/commands/estimation/mi_estimate.py, its small-sample df when the
margins report e(df_r) unless ``nosmall``).  Shown: mi estimate's header, margins' legend
(Expression, dy/dx w.r.t., the at() blocks) and the table of the pooled margins with t on each
margin's df_mi.  Without ``predict()`` or ``expression()`` the ado's note "option predict() not
specified; predict(xb) assumed" is printed and predict(xb) used; ``predict(default)`` is
margins' default.  ``post`` leaves the results in e() (e(cmd) mimrgns, or margins under
``cmdmargins``, and e(cmd_mimrgns)); otherwise e() stays as it was and r(b), r(V), r(N) and
r(table) hold them.  Options of margins are passed on; mimrgns's own ``dots`` and ``noisily``
are honoured; ``using``, contrast/pwcompare and errorok/esampvaryok are refused, and nose,
generate(), plot, saving() and esample() are the ado's "not allowed"."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OWN = [OptionSpec("post", 4), OptionSpec("cmdmargins", 10), OptionSpec("dots", 4), OptionSpec("noisily", 3),
        OptionSpec("nosmall", 7), OptionSpec("level", 1, True), OptionSpec("predict", 2, True),
        OptionSpec("verbose", 7)]
_NOT_ALLOWED = [OptionSpec("nose", 4), OptionSpec("generate", 3, True), OptionSpec("plot", 4),
                OptionSpec("plotopts", 4, True), OptionSpec("saving", 3, True), OptionSpec("esample", 7, True)]
_REFUSED = [OptionSpec("contrast", 5), OptionSpec("pwcompare", 6), OptionSpec("errorok", 7),
            OptionSpec("esampvaryok", 11), OptionSpec("eform", 5), OptionSpec("dftable", 5)]


def cmd_mimrgns(session, cmd) -> None:
    e = session.e
    body, options = cmd.args, cmd.options
    if " using " in f" {body} ":
        raise StataError("mimrgns using is not supported by mlmcli", 198)
    own, passed = [], []
    for opt in options:
        if any(spec.matches(opt.name) for spec in _NOT_ALLOWED):
            raise StataError(f"option {opt.name} not allowed", 198)
        if any(spec.matches(opt.name) for spec in _REFUSED):
            raise StataError(f"mimrgns option {opt.name} is not supported by mlmcli", 198)
        (own if any(spec.matches(opt.name) for spec in _OWN) else passed).append(opt)
    opts = resolve_options(own, _OWN)
    if opts.get("dots") and opts.get("noisily"):
        raise StataError("options dots and noisily may not be combined", 198)
    if e is None or e.macros.get("mi") != "mi" or "margins" in (e.cmd, e.macros.get("cmd"), e.macros.get("cmd2")) \
            or e.cmd == "mimrgns":
        raise StataError("last estimates not found", 301)
    predict = opts.get("predict")
    if predict is None and not any(OptionSpec("expression", 3, True).matches(o.name) for o in passed):
        session.print("note: option predict() not specified; predict(xb) assumed")
        predict = "xb"
    typed = " ".join(_option_text(o) for o in passed)
    if predict is not None and str(predict).strip() != "default":
        typed = f"predict({str(predict).strip()}) {typed}"
    if opts.get("level") is not None:
        typed += f" level({opts['level']})"
    where = "".join(f" {part}" for part in (_if_text(cmd), _in_text(cmd), _weight_text(cmd)) if part)
    margins_cmd = f"margins {body.strip()}{where}, post {typed}".rstrip()
    _run(session, e, margins_cmd, opts)


def _option_text(opt) -> str:
    return opt.name if opt.arg is None else f"{opt.name}({opt.arg})"


def _if_text(cmd) -> str:
    return f"if {cmd.if_exp}" if cmd.if_exp else ""


def _in_text(cmd) -> str:
    if cmd.in_range is None:
        return ""
    r = cmd.in_range
    return f"in {r.first}" + (f"/{r.last}" if r.last is not None else "")


def _weight_text(cmd) -> str:
    return "" if cmd.weight is None else f"[{cmd.weight.kind}={cmd.weight.exp}]"


def _estimation_command(e) -> str:
    from mlmcli.textscan import find_top

    line = e.macros.get("cmdline_mi", "")
    colon = find_top(line, ":", brackets="(")
    if colon < 0:
        raise StataError("unexpected error parsing e(cmdline_mi)", 9)
    return line[colon + 1:].strip()


def _run(session, e_before, margins_cmd: str, opts: dict) -> None:
    from dataclasses import replace

    from mlmcli.commands.estimation.mi_estimate import post_combined
    from mlmcli.mi import styles
    from mlmcli.runner import Runner, current_runner

    command = _estimation_command(e_before)
    chosen = [int(m) for m in e_before.macros.get("m_est_mi", "").split()]
    if len(chosen) < 2:
        raise StataError("mimrgns: the mi estimate results name fewer than 2 imputations", 2001)
    runner = current_runner(session) or Runner(session)
    original = session.data
    fits, marks = [], ""
    if opts.get("dots"):
        session.print(f"\nImputations ({len(chosen)}):")
    noisily = bool(opts.get("noisily"))
    try:
        for k, m in enumerate(chosen, start=1):
            session.data = styles.completed(original, m)
            session.e = None
            session.out.quiet += 0 if noisily else 1
            try:
                runner.execute(command)
                runner.execute(margins_cmd)
            except StataError as err:
                raise StataError(f"{err.message}\nan error occurred when mi estimate executed mimrgns_estimate on "
                                 f"m={m}", err.rc) from None
            finally:
                session.out.quiet -= 0 if noisily else 1
            fits.append((m, session.e, session.data))
            marks += "." if k % 10 else str(k)
        if opts.get("dots"):
            session.print(f"  {marks} done")
    except StataError:
        session.e = e_before
        raise
    finally:
        session.data = original
    margins_result = fits[-1][1].result
    session.out.quiet += 1
    try:
        post_combined(session, fits, chosen, {"post": True, "nosmall": opts.get("nosmall")},
              float(fits[-1][1].scalars.get("level", getattr(session, "level", 95.0))), margins_cmd)
    except StataError:
        session.e = e_before
        raise
    finally:
        session.out.quiet -= 1
    pooled = session.e
    # margins, post reports no model test, so the combination shows none (mi estimate's Equal FMI
    # test is of a model's coefficients)
    mi_result = replace(pooled.result, test=None)
    for key in ("F_mi", "df_m_mi", "df_r_mi", "p_mi"):
        pooled.scalars.pop(key, None)
    pooled.macros.pop("modeltest_mi", None)
    rows = _pooled_rows(margins_result.rows, mi_result)
    shown = replace(margins_result, rows=rows, stat_label="t" if any(np.isfinite(r.df) for r in rows) else "z",
                    vce_title="", header=replace(margins_result.header, title=None, n_obs=None, model_vce="",
                                                 survey=None))
    _print(session, mi_result, shown)
    name = "margins" if opts.get("cmdmargins") else "mimrgns"
    if opts.get("post"):
        pooled.cmd = name
        pooled.macros["cmd"] = name
        pooled.macros["cmd_mimrgns"] = "mimrgns"
        pooled.result = replace(shown, header=margins_result.header, vce_title=margins_result.vce_title)
        _set_r(session, pooled)
        return
    _set_r(session, pooled)
    session.e = e_before


def _pooled_rows(rows, mi_result) -> tuple:
    """The margins' rows with the pooled estimate, se, t, p, interval and df_mi of their column."""
    from dataclasses import replace

    pooled = {(f"{eq}:{row.name}" if eq else row.name): row for eq, block in mi_result.equations for row in block}
    out = []
    for row in rows:
        p = pooled.get(row.name)
        if row.base:
            out.append(row)
            continue
        if p is None:  # never expected: margins' rows are e(b)'s columns
            raise StataError(f"mimrgns: no combined estimate for {row.name}", 9)
        out.append(replace(row, b=p.coef, se=p.se, stat=p.stat, p=p.p, lo=p.ci_lo, hi=p.ci_hi, df=p.df))
    return tuple(out)


def _print(session, mi_result, shown) -> None:
    from mlmcli.render.margins import render_margins
    from mlmcli.render.mi_display import render_mi_estimate

    session.print(render_mi_estimate(mi_result, notable=True))
    text = render_margins(shown, linesize=session.linesize)
    lines = text.splitlines()
    if lines and lines[0] == "" and len(lines) > 1 and lines[1] == "":
        lines = lines[1:]
    session.print("\n".join(lines))


def _set_r(session, pooled) -> None:
    """mimrgns_return: r(b), r(V), r(N) (e(N_mi)), r(table) and r(cmd_mimrgns)."""
    from mlmcli.estimation.coefficient_matrix import coefficient_table

    df = np.asarray(pooled.matrices["df_mi"].values, float).reshape(-1)
    table = coefficient_table(pooled.matrices["b_mi"], pooled.matrices["V_mi"], None,
                              float(pooled.scalars.get("level", 95.0)), column_df=df)
    session.set_r({"b": pooled.matrices["b_mi"], "V": pooled.matrices["V_mi"], "N": float(pooled.scalars.get("N_mi", 0)),
                   "table": table, "cmd_mimrgns": "mimrgns"})
