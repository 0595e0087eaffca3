"""``mtable [if] [in] [, options]`` (Long and Freese's SPost13, mtable.ado 1.0.6 with its
helpers _rm_margins_modeltype, _rm_margins_parse_predict, _rm_margins_names and mlistat, read
in the code index): a table of ``margins`` results.  mtable runs ``margins`` (quietly) with
every option it does not know -- at(), atmeans, dydx(), over(), predict(), expression(),
noesample, level() ... are margins' -- once, or once a outcome (outcome(), pr(), cpr(), and
every outcome of an ologit/mlogit-type model) with ``expression(predict(outcome(#)))``; it
lays out r(table)'s estimate (and the statistics of stat()) beside the at() values that vary,
then lists the values held constant.  The numbers are margins' own (this module computes none).

Its own options: atvars(varlist|_all|_none), noatvars, atright, stats()/statistics()
(estimate se z pvalue ll ul, ci, all), allstats, ci, pvalue, outcome(), pr(), cpr(), below,
right, clear(stack), long, wide, names(), norownumbers, estname(), colstub(), rowstub(),
rowname(), roweqnm(), coleqnm(), nolabels, valuelength(), nofvlabel, title(), decimals(),
width(), twidth(), brief, nobs, details/verbose, commands, noisily (no effect in the ado),
post, matrix().  The ado's slips, kept: its own errors (invalid statistic, invalid names(),
below with right ...) are displayed and the command ends *without* an error code.

Left: ``expression(predict(...))`` is run as ``predict(...)`` -- the same margins; Stata's
margins reads a lone predict() expression as the prediction (the labels _rm_margins_names
parses, ``Pr(warm==3)``, come from it), mlm's margins labels only predict().
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

HELP = {"mtable": "mtable [if] [in] [, at() atmeans dydx() stat() outcome() pr() ci below right ...] : "
                  "table of margins (SPost13)"}

OPTIONS = [OptionSpec("nofvlabel", 9), OptionSpec("norownumbers", 8), OptionSpec("brief", 5),
           OptionSpec("noatvars", 4), OptionSpec("atvars", 3, takes_arg=True), OptionSpec("atright", 3),
           OptionSpec("stats", 5, takes_arg=True), OptionSpec("statistics", 4, takes_arg=True),
           OptionSpec("allstats", 5), OptionSpec("ci", 2), OptionSpec("pvalue", 2),
           OptionSpec("outcome", 3, takes_arg=True), OptionSpec("cpr", 3, takes_arg=True),
           OptionSpec("pr", 2, takes_arg=True), OptionSpec("below", 5), OptionSpec("right", 5),
           OptionSpec("clearstack", 5), OptionSpec("long", 4), OptionSpec("wide", 4),
           OptionSpec("names", 3, takes_arg=True), OptionSpec("estname", 3, takes_arg=True),
           OptionSpec("colstub", 5, takes_arg=True), OptionSpec("rowstub", 5, takes_arg=True),
           OptionSpec("rowname", 4, takes_arg=True), OptionSpec("roweqnm", 5, takes_arg=True),
           OptionSpec("coleqnm", 5, takes_arg=True), OptionSpec("nolabels", 3),
           OptionSpec("valuelength", 6, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
           OptionSpec("decimals", 3, takes_arg=True), OptionSpec("width", 3, takes_arg=True),
           OptionSpec("twidth", 2, takes_arg=True), OptionSpec("nobs", 4), OptionSpec("details", 6),
           OptionSpec("verbose", 4), OptionSpec("commands", 7), OptionSpec("noisily", 3),
           OptionSpec("post", 4), OptionSpec("matrix", 3, takes_arg=True),
           OptionSpec("predict", 2, takes_arg=True), OptionSpec("expression", 3, takes_arg=True)]

# _parse_stat's names (estimate coef se stderr pvalue zvalue ub ul upper lb ll lower)
_STATS = [OptionSpec("estimate", 3), OptionSpec("coef", None), OptionSpec("se", 1), OptionSpec("stderr", 3),
          OptionSpec("pvalue", 1), OptionSpec("zvalue", 1), OptionSpec("ub", 1), OptionSpec("ul", None),
          OptionSpec("upper", 2), OptionSpec("lb", 1), OptionSpec("ll", None), OptionSpec("lower", 2)]
_STAT_OF = {"estimate": "estimate", "coef": "estimate", "se": "se", "stderr": "se", "pvalue": "pvalue",
            "zvalue": "z", "ub": "ul", "ul": "ul", "upper": "ul", "lb": "ll", "ll": "ll", "lower": "ll"}
TABLE_STATS = ("estimate", "se", "z", "pvalue", "ll", "ul")

# _rm_margins_modeltype asks predict which options it takes; these are its answers
_DISCRETE = {"ologit", "oprobit", "mlogit", "mprobit", "slogit", "gologit2", "meologit", "meoprobit", "clogit"}
_COUNT = {"poisson", "nbreg", "gnbreg", "zip", "zinb", "tpoisson", "tnbreg", "ztp", "ztnb"}
_BINARY = {"logit", "logistic", "probit", "cloglog", "hetprob", "scobit", "melogit", "meprobit", "mecloglog"}


def _option_text(opt) -> str:
    return opt.name if opt.arg is None else f"{opt.name}({opt.arg})"


def _say(session, message: str) -> None:
    """The ado's ``display as error ...`` followed by ``exit``: no error code."""
    session.print(message)


def model_type(e) -> str:
    cmd = e.macros.get("cmd2") or e.macros.get("cmd") or e.cmd or ""
    if cmd == "meglm":
        family, link = e.macros.get("family", ""), e.macros.get("link", "")
        if family == "ordinal":
            return "discrete"
        return "binary" if family in ("bernoulli", "binomial") and link in ("logit", "probit", "cloglog") else "other"
    if cmd in _DISCRETE:
        return "discrete"
    if cmd in _COUNT:
        return "count"
    return "binary" if cmd in _BINARY else "other"


def statistics_wanted(opts: dict) -> list[str] | str:
    """The statistics in the table, or the ado's message for a bad one."""
    from mlmcli.ast import Option
    from mlmcli.syntax.options import resolve_options

    typed = opts.get("statistics") or (opts.get("stats") or "")
    typed = typed.replace("ci", "estimate ll ul")
    if opts.get("allstats") or typed.strip() == "all":
        return list(TABLE_STATS)
    if opts.get("ci"):
        return ["estimate", "ll", "ul"]
    if opts.get("pvalue"):
        return ["estimate", "pvalue"]
    if not typed.strip():
        return ["estimate"]
    out = []
    for word in typed.split():
        try:
            name = next(iter(resolve_options([Option(word)], _STATS)))
        except StataError:
            return f"invalid statistic specified: {word}"
        out.append(_STAT_OF[name])
    return list(dict.fromkeys(out))


def names_mode(typed: str | None) -> str | None:
    """names(): columns (the default), rows, all or none, as the ado's regexm reads them."""
    if not typed:
        return "columns"
    padded = " " + typed
    for mode, pattern in (("columns", r"[ ](c|co|col|colu|column|columns)"), ("rows", r"[ ](r|ro|row|rows)"),
                          ("all", r"[ ](a|al|all)"), ("none", r"[ ](n|no|non|none)")):
        if re.search(pattern, padded):
            return mode
    return None


def cmd_mtable(session, cmd) -> None:
    from mlmcli.commands.community.mtable_tables import MtableRequest, make_table
    from mlmcli.syntax.options import integer_option, resolve_options

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    own, passed = [], []
    for opt in cmd.options:
        (own if any(s.matches(opt.name) for s in OPTIONS) else passed).append(opt)
    opts = resolve_options(own, OPTIONS)
    text = lambda key: str(opts[key]).strip() if isinstance(opts.get(key), str) else ""  # noqa: E731
    e = session.e
    ecmd = "" if e is None else (e.macros.get("cmd") or e.cmd or "")
    if ecmd == "margins":
        return _say(session, "margins estimates are in memory, not those from a regression model")
    if not ecmd:
        return _say(session, "no regression estimates are in memory")
    decimals = integer_option(opts, "decimals", 3)
    width = integer_option(opts, "width", 8)
    twidth = integer_option(opts, "twidth", 0)
    if decimals >= width:
        width = decimals + 1
    stats = statistics_wanted(opts)
    if isinstance(stats, str):
        return _say(session, stats)
    passed_text = " ".join(_option_text(o) for o in passed)
    if "nose" in passed_text and any(s != "estimate" for s in stats):
        return _say(session, "requested statistics cannot be computed using -nose- option")
    problems = []
    if ecmd in ("ztnb", "ztp"):
        problems.append("use tpoisson or tnbreg instead of ztp or ztnb")
    if opts.get("long") and opts.get("wide"):
        problems.append("options wide and long cannot be used together")
    if opts.get("below") and opts.get("right"):
        problems.append("options below and right cannot be used together")
    if problems:
        return _say(session, "\n".join(problems))
    if opts.get("clearstack"):
        opts.pop("below", None), opts.pop("right", None)
    names = text("names")
    if opts.get("norownumbers"):
        if names:
            return _say(session, "optsions norownumbers and names() cannot be combined")
        names = "col"
    mode = names_mode(names)
    if mode is None:
        return _say(session, "invalid names() option")
    request = MtableRequest(
        stats=stats, names=mode, names_typed=bool(names), decimals=decimals, width=width, twidth=twidth,
        atvars="_none" if opts.get("noatvars") else text("atvars"), atright=bool(opts.get("atright")),
        below=bool(opts.get("below")), right=bool(opts.get("right")), clear=bool(opts.get("clearstack")),
        layout="long" if opts.get("long") else "wide" if opts.get("wide") else "",
        estname=text("estname").strip('"'), colstub=text("colstub"), rowstub=text("rowstub").strip('"'),
        rowname=text("rowname").strip('"'), roweq=text("roweqnm").strip('"'), coleq=text("coleqnm").strip('"'),
        nolabels=bool(opts.get("nolabels")), valuelength=integer_option(opts, "valuelength", 0, minimum=1),
        nofvlabel=bool(opts.get("nofvlabel")), title=text("title").strip('"'), brief=bool(opts.get("brief")),
        nobs=bool(opts.get("nobs")), matrix=text("matrix"))
    runs = _margins_runs(session, e, opts, passed_text, cmd)
    if isinstance(runs, str):
        return _say(session, runs)
    show = "noisily" if opts.get("details") or opts.get("verbose") else ""
    commands = bool(show or opts.get("commands"))
    if opts.get("post"):
        session_run(session, "quietly estimates store _mtable_model")
    results = []
    for outcome, shown, run in runs:
        if opts.get("post") and outcome is not None:
            session_run(session, "quietly estimates restore _mtable_model")
        if commands:
            session.print("")
            session.print(f"Command: {shown}")
        session_run(session, run if show else f"quietly {run}")
        results.append((outcome, dict(session.r)))
    depvar = (e.macros.get("depvar") or "").split()
    make_table(session, request, results, runs[0][0] is not None, depvar[0] if depvar else "", ecmd)


def session_run(session, text: str) -> None:
    from mlmcli.runner import Runner, current_runner

    (current_runner(session) or Runner(session)).execute(text)


def _margins_runs(session, e, opts: dict, passed_text: str, cmd):
    """(outcome or None, the command as the ado builds it, the command mlm runs) per margins
    call; or the ado's message when the outcomes cannot be predicted."""
    from mlmcli.syntax.numlist import numlist

    kind = model_type(e)
    extra = []
    for key in ("predict", "expression"):
        if isinstance(opts.get(key), str):
            extra.append(f"{key}({opts[key]})")
    if opts.get("post"):
        extra.append("post")
    moptions = " ".join(w for w in [passed_text] + extra if w).replace(" )", ")")
    rng = cmd.in_range
    ifin = " ".join(t for t in (f"if {cmd.if_exp}" if cmd.if_exp else "",
                                f"in {rng.first}" + (f"/{rng.last}" if rng.last else "") if rng else "") if t)
    outcome = str(opts.get("outcome") or "").strip()
    if kind == "discrete" and not outcome:
        outcome = "*"
    chosen = {}
    for key in ("outcome", "pr", "cpr"):
        typed = outcome if key == "outcome" else str(opts.get(key) or "").strip()
        if not typed:
            continue
        if typed in ("*", "_all"):
            values = _outcome_levels(session, e)
        else:
            values = sorted(float(v) for v in numlist(typed))
        chosen[key] = values
        allowed = {"outcome": ("discrete", "binary"), "pr": ("count", "binary"), "cpr": ("count",)}[key]
        if kind not in allowed:
            return f"{key}() is not allowed with {e.macros.get('cmd') or e.cmd}"
    if len(chosen) > 1:
        return "outcome(), pr() and cpr() cannot be used together"
    if chosen and any(isinstance(opts.get(k), str) for k in ("predict", "expression")):
        return "predict() or expression() not allowed with outcome(), pr() or cpr()"
    head = "margins" + (f" {ifin}" if ifin else "") + ","
    if not chosen:
        run = f"{head} {moptions}".rstrip(" ,")
        return [(None, run, run)]
    key, values = next(iter(chosen.items()))
    runs = []
    for value in values:
        number = _number(value)
        if kind == "binary":
            predict = "predict(pr)" if value != 0 else "1-predict(pr)"
        elif kind == "discrete":
            predict = f"predict(outcome({number}))"
        else:
            predict = f"predict({key}({number}))"
        shown = f"{head} {moptions} expression({predict})".replace("  ", " ")
        as_predict = predict[len("predict("):-1] if predict.startswith("predict(") else None
        run = f"{head} {moptions} " + (f"predict({as_predict})" if as_predict else f"expression({predict})")
        runs.append((value, shown, run.replace("  ", " ")))
    return runs


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _outcome_levels(session, e) -> list[float]:
    """levelsof e(depvar) if e(sample)."""
    import numpy as np

    from mlmcli.estimation.rows import sample_in_current_order

    depvar = (e.macros.get("depvar") or "").split()[0]
    y = np.asarray(session.data.numeric(depvar), float)
    sample = sample_in_current_order(session, e)
    if sample is not None:
        y = y[np.asarray(sample, bool)]
    return sorted(set(float(v) for v in y[~np.isnan(y)]))
