"""The ``svy`` prefix with Taylor-linearized variance ([SVY] svy, [SVY] svy estimation):

    svy [linearized|brr|jackknife|sdr [_b]] [, subpop([varname] [if]) vce() mse fay(#) dof(#) nodots
         level(#) noheader notable] : command ...

brr, jackknife and sdr recompute the estimates with each replicate's weights
(survey_replicate.py); mlogit and tabulate take the linearized variance only.

command: ``mean``, ``total``, ``ratio``, ``proportion`` (computed here) or ``regress``, ``logit``, ``logistic``,
``probit``, ``cloglog``, ``poisson``, ``nbreg``, ``ologit``, ``oprobit``, ``mlogit`` (fitted by their own commands' preparation with the svyset pweight
on the subpopulation's rows); the me commands with svyset's stage weights at their levels
(survey_me.py).  The scores of each estimator go to the survey engine
(mlmcli/survey/), which sums them within PSUs and strata.  Another command svy takes in
Stata is refused as not computed by mlm; one svy does not take gets Stata's r(322).

The estimation sample: the command's if/in, its variables and the design variables
nonmissing, pweights positive (marksample drops zero weights).  subpop() keeps that
sample (its PSUs and strata count) and gives its other rows zero scores."""
from __future__ import annotations

from mlmcli.estimation.results import ME_COMMANDS as _ME_COMMANDS  # svy: melogit ... (survey_me)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options, split_options
from mlmcli.textscan import find_top

HELP = {"svy": "svy [linearized|brr|jackknife|sdr] [, subpop([varname] [if]) level(#)] : mean|total|ratio|proportion|tabulate|regress|logit|"
               "logistic|probit|cloglog|poisson|nbreg|ologit|oprobit|mlogit|heckman|heckprob|melogit|...|meglm"}

# [SVY] svy estimation (Stata 13): the commands svy takes
_SVY_COMMANDS = ("cnsreg", "etregress", "glm", "intreg", "nl", "regress", "tobit", "truncreg", "stcox", "streg",
                 "biprobit", "cloglog", "hetprobit", "logistic", "logit", "probit", "scobit", "clogit", "mlogit",
                 "mprobit", "ologit", "oprobit", "slogit", "gnbreg", "nbreg", "poisson", "tnbreg", "tpoisson",
                 "zinb", "zip", "ivprobit", "ivregress", "ivtobit", "heckman", "heckoprobit", "heckprobit",
                 "mean", "proportion", "ratio", "total", "tabulate", "sem", "gsem", "churdle", "eintreg")
# Stata 16's svyg commands (properties svyg: stage-level weight() used at their group levels, svy.ado);
# mixed has none, so svy: mixed keeps Stata's r(322)
_SVY_GROUP_LEVEL = ("meglm", "melogit", "meprobit", "mecloglog", "meologit", "meoprobit", "mepoisson", "menbreg",
                    "mestreg", "metobit", "meintreg", "fmm", "irt")
# the svyg commands without svyb/svyj (their properties in Stata 16's ado files): linearized only
_SVYG_ONLY = _ME_COMMANDS + ("mestreg", "metobit", "meintreg")
# the me commands svy fits through survey_me: metobit and meintreg are the gaussian model of the
# same engine, with their own e(cmd2)
_SVY_ME = _ME_COMMANDS + ("metobit", "meintreg")
_SELECTION = ("heckprob", "heckman")  # ml's two equations and ancillary parameters (survey_selection)
_DESCRIPTIVE = ("mean", "total", "ratio", "proportion")  # computed here (mlm has no such commands of their own)
_MODELS = ("regress", "logit", "logistic", "probit", "cloglog", "poisson", "nbreg", "ologit", "oprobit", "glm", "tobit", "intreg")
_PREFIX_OPTIONS = [OptionSpec("subpop", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
                   OptionSpec("noheader", 5), OptionSpec("notable", 5), OptionSpec("nolegend", 5),
                   OptionSpec("vce", 3, takes_arg=True), OptionSpec("mse"), OptionSpec("fay", takes_arg=True),
                   OptionSpec("dof", takes_arg=True), OptionSpec("nodots"), OptionSpec("cformat", 7, takes_arg=True),
                   OptionSpec("pformat", 7, takes_arg=True), OptionSpec("sformat", 7, takes_arg=True),
                   OptionSpec("or"), OptionSpec("irr")]  # svy's eform options (_get_eformopts): the me commands'
_PREFIX_EFORM = ("or", "irr")
_REFUSED_PREFIX = [OptionSpec("srssubpop", 3), OptionSpec("noadjust", 5),
                   OptionSpec("bsn", takes_arg=True), OptionSpec("hadamard", 1, takes_arg=True),
                   OptionSpec("saving", takes_arg=True), OptionSpec("deff"), OptionSpec("deft"),
                   OptionSpec("meff"), OptionSpec("meft"), OptionSpec("coeflegend", 5), OptionSpec("noisily", 3),
                   OptionSpec("trace", 2), OptionSpec("showbrr"), OptionSpec("eform")]


def cmd_svy(session, cmd) -> None:
    from mlmcli.parser import parse_arguments
    from mlmcli.survey.settings import read_settings

    text = cmd.args
    colon = find_top(text, ":", brackets="(")
    if colon < 0:  # svy typed alone (or with display options): the last svy results again
        e = session.e
        if e is None or e.macros.get("prefix") != "svy":
            raise StataError("last estimates not found", 301)
        if e.cmd == "margins":  # margins, post after svy posts e(prefix) svy (decided: no Stata log read)
            raise StataError("svy replay of margins results not supported by mlmcli", 198)
        body, options, _ = split_options(text)
        if body.strip():
            raise StataError("invalid syntax", 198)
        from mlmcli.commands.estimation.survey_replay import replay_svy

        return replay_svy(session, e, options)
    head, command = text[:colon], text[colon + 1:].strip()
    body, options, _ = split_options(head)
    opts = resolve_options(options, _PREFIX_OPTIONS + _REFUSED_PREFIX)
    for spec in _REFUSED_PREFIX:
        if spec.name in opts and not (spec.name == "srssubpop" and _is_tabulate(text[colon + 1:])):
            raise StataError(f"svy option {spec.name} is not supported by mlmcli", 198)
    from mlmcli.commands.estimation.survey_replicate import vce_request

    if body.strip() and opts.get("vce") is not None:
        raise StataError("invalid syntax", 198)
    ds = session.data
    settings = read_settings(ds.chars)
    _refuse_replication_of_svyg(command, body.strip() or opts.get("vce"), settings)
    if settings is None:
        raise StataError("data not set up for svy, use svyset", 119)
    request = vce_request(settings, body.strip() or (str(opts["vce"]).strip() if opts.get("vce") else None), opts)
    if not command:
        raise StataError("invalid syntax", 198)
    import re

    found = re.match(r"([^\W\d]\w*)(.*)$", command, re.S)
    if found is None:
        raise StataError("invalid syntax", 198)
    word, rest = found.group(1), found.group(2)
    name = _command_name(word)
    typed = [k for k in ("cformat", "pformat", "sformat") if opts.get(k)]
    if typed and (name in _SVY_ME or name in ("mlogit", "tabulate")):  # their tables are their own
        raise StataError(f"svy option {typed[0]}() with {name} is not supported by mlmcli", 198)
    eform = [key for key in _PREFIX_EFORM if opts.get(key)]
    if eform and name not in _SVY_ME:
        raise StataError(f"svy option {eform[0]} is not supported by mlmcli with {name} (type it on {name})", 198)
    if eform:  # _prefix_command's _check_eformopt, before the command runs
        from mlmcli.commands.estimation.me_syntax import global_options

        if eform[0] not in [spec.name for spec in global_options(name)]:
            raise StataError(f"option {eform[0]} not allowed", 198)
    if name in _SVY_ME:  # the me commands read their own ||-equations (survey_me)
        from mlmcli.commands.estimation.survey_me import run_me

        if not rest.strip() or rest.strip().startswith(","):  # svy: melogit -- the last svy results again
            e = session.e
            if e is None or e.macros.get("prefix") != "svy" or e.macros.get("cmdname") != name:
                raise StataError("last estimates not found", 301)
            from mlmcli.commands.estimation.survey_replay import replay_svy

            return replay_svy(session, e, parse_arguments(rest, name).options)
        level = confidence_level(opts, getattr(session, "level", 95.0))
        session.print(f"(running {name} on estimation sample)")
        return run_me(session, name, rest, settings, opts, level, ("svy " + text.strip()).strip())
    if len(settings.stages) > 1 and request.replicated:
        raise StataError(f"svy {request.method} with a multistage design (svyset ... || ...) is not supported by "
                         "mlmcli (it computes the linearized variance of multistage designs)", 198)
    inner = parse_arguments(rest, name)
    if (name in _MODELS or name in _SELECTION) and not inner.args.strip() and inner.weight is None and not inner.if_exp \
            and inner.in_range is None:  # svy: logit, or -- the last svy results again (svy.ado)
        e = session.e
        if e is None or e.macros.get("prefix") != "svy" or name not in (e.cmd, e.macros.get("cmdname")):
            raise StataError("last estimates not found", 301)
        from mlmcli.commands.estimation.survey_replay import replay_svy

        return replay_svy(session, e, inner.options)
    if inner.weight is not None:
        raise StataError("weights not allowed with the svy prefix; use svyset to specify weights", 101)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if request.replicated and name == "tabulate":
        raise StataError(f"svy {request.method}: {name} is not supported by mlmcli (svy: {name} computes the "
                         "linearized variance)", 198)
    if name == "tabulate":  # prints its note itself, after its syntax checks (_svy_tabulate.ado)
        from mlmcli.commands.estimation.survey_tabulate import run_tabulate

        e = run_tabulate(session, inner, settings, opts.get("subpop"), level, srssubpop=bool(opts.get("srssubpop")))
        e.macros["cmdline"] = ("svy " + text.strip()).strip()
        return None
    if name != "mlogit":  # svy.ado's _get_diopts before the run: r(7), the too-wide note first
        opts["_formats"] = svy_display_formats(session, opts, inner.options)
    if name in _SELECTION:  # their options svy refuses (first, vce(), twostep) before the note
        from mlmcli.commands.estimation.survey_selection import selection_variables

        selection_variables(session, inner, name)
    session.print(f"(running {name} on estimation sample)")
    if name in _SELECTION:  # ml's two equations and ancillary parameters (survey_selection)
        return _run_selection(session, inner, name, settings, opts, level, request, ("svy " + text.strip()).strip())
    if name == "mlogit":
        from mlmcli.commands.estimation.survey_mlogit import render_mlogit, run_mlogit

        e = run_mlogit(session, inner, settings, opts.get("subpop"), level, request)
        e.macros["cmdline"] = ("svy " + text.strip()).strip()
        _store_subpop(e, opts)
        session.e = e
        session.print(render_mlogit(e, session.linesize))
        return None
    run_estimation(session, inner, name, settings, opts, level, request, ("svy " + text.strip()).strip())


def _run_selection(session, inner, name: str, settings, opts: dict, level: float, request, cmdline: str) -> None:
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.commands.estimation.heckman import HECKMAN_OPTIONS, PROBIT_OPTIONS
    from mlmcli.commands.estimation.survey_selection import run_selection
    from mlmcli.commands.estimation.survey_selection_replay import render

    specs = PROBIT_OPTIONS if name == "heckprob" else HECKMAN_OPTIONS
    table = table_options_with_notes(session, resolve_options(inner.options, specs))
    e = run_selection(session, inner, name, settings, opts.get("subpop"), level, request, cmdline)
    _store_subpop(e, opts)
    session.e = e
    session.print(render(e, session.linesize, table, header=not opts.get("noheader"), table=not opts.get("notable")))


def run_estimation(session, inner, name: str, settings, opts: dict, level: float, request, cmdline: str) -> None:
    """mean/total/ratio/proportion or a model under svy (after "(running ...)"): e() and the output."""
    if name in _DESCRIPTIVE:
        from mlmcli.commands.estimation.survey_descriptive import run_descriptive

        e = run_descriptive(session, inner, name, settings, opts.get("subpop"), level, request)
    else:
        from mlmcli.commands.estimation.survey_models import run_model

        e = run_model(session, inner, name, settings, opts.get("subpop"), level, request)
    e.macros["cmdline"] = cmdline
    _store_subpop(e, opts)
    session.e = e
    from mlmcli.commands.estimation.common import display_formats
    from mlmcli.commands.estimation.survey_replay import factor_rows_shown
    from mlmcli.render.survey import render_survey_estimates

    result, baselevels = factor_rows_shown(e.result, factor_display_options(inner.options))
    text = render_survey_estimates(result, linesize=session.linesize, header=not opts.get("noheader"),
                                   table=not opts.get("notable"), legend=not opts.get("nolegend"), baselevels=baselevels,
                                   formats=opts.get("_formats") or display_formats({}))
    if text:
        session.print(text)


def factor_display_options(command_options) -> dict:
    """The base/omitted/empty rows typed on the command (``svy: logit y i.x, allbaselevels``: the
    command's display options reach svy.ado's _get_diopts, as its cformat() does)."""
    from mlmcli.commands.estimation.survey_replay import FACTOR_DISPLAY

    typed = resolve_options(command_options, FACTOR_DISPLAY, allow_unknown=True)
    return {spec.name: bool(typed.get(spec.name)) for spec in FACTOR_DISPLAY}


def svy_display_formats(session, opts: dict, command_options=()) -> dict:
    """The table's cformat/pformat/sformat: svy's own option, else the command's (svy.ado hands
    both to _get_diopts, svy's last), else set cformat & co.; notes printed at once."""
    from mlmcli.commands.estimation.common import display_formats_with_notes, format_option_specs

    typed = resolve_options(command_options, format_option_specs(), allow_unknown=True)
    typed = {k: v for k, v in typed.items() if k in ("cformat", "pformat", "sformat") and v}
    typed.update({k: opts[k] for k in ("cformat", "pformat", "sformat") if opts.get(k)})
    return display_formats_with_notes(session, typed)
def _refuse_replication_of_svyg(command: str, typed, settings) -> None:
    """svy.ado's property check, before it reads the design: the me commands carry only the
    svyg property (no svyb/svyj), so BRR, bootstrap, jackknife and SDR refuse them, r(322)."""
    import re

    found = re.match(r"\s*([^\W\d]\w*)", command)
    if found is None or _command_word(found.group(1)) not in _SVYG_ONLY:
        return
    from mlmcli.commands.data.survey_replicate_settings import vce_type

    typed = str(typed).partition(",")[0].split() if typed else []
    method = vce_type(typed[0]) if typed else (settings.vce if settings is not None and settings.vce else "linearized")
    if method != "linearized":
        name = _command_word(found.group(1))
        raise StataError(f"{name} is not supported by svy with vce({method}); see help svy estimation for a list of "
                         "Stata estimation commands that are supported by svy", 322)


def _command_word(word: str) -> str:
    """The command's full name (the word itself when mlm has no such command)."""
    from mlmcli.commands import lookup

    try:
        return lookup(word.lower()).name
    except StataError:
        return word.lower()


def _store_subpop(e, opts: dict) -> None:
    """e(subpop): the subpop() specification (svy's ereturn; margins reads it)."""
    if opts.get("subpop") is not None:
        e.macros["subpop"] = " ".join(str(opts["subpop"]).split())


def _is_tabulate(command: str) -> bool:
    words = command.strip().split(None, 1)
    return bool(words) and len(words[0]) >= 2 and "tabulate".startswith(words[0].lower().rstrip(","))


def _command_name(word: str) -> str:
    """The command after the colon: mean, total, ratio, proportion (prop: [R] proportion's
    abbreviation) or a registered command by its own abbreviation rules."""
    w = word.strip().lower()
    if w in _DESCRIPTIVE or (len(w) >= 4 and "proportion".startswith(w)):
        return "proportion" if w.startswith("prop") else w
    from mlmcli.commands import lookup

    try:
        full = lookup(w).name
    except StataError as err:
        if w in _SVY_COMMANDS + _SVY_GROUP_LEVEL:  # a Stata command mlm lacks (tabulate is registered; sem ...)
            full = w
        else:
            raise err from None
    if full in _MODELS or full in ("tabulate", "mlogit") + _SELECTION:
        return full
    if full in _SVY_ME:
        return full
    if full in _SVY_GROUP_LEVEL:
        raise StataError(f"svy: {full} is not supported by mlmcli (of the multilevel commands svy fits "
                         f"{', '.join(_SVY_ME[:-1])} and {_SVY_ME[-1]})", 199)
    if full in _SVY_COMMANDS:
        raise StataError(f"svy: {full} is not supported by mlmcli (svy computes mean, total, ratio, proportion, "
                         "tabulate, regress, logit, logistic, probit, cloglog, poisson, nbreg, ologit, oprobit, mlogit, glm, tobit, intreg, "
                         "heckman, heckprob and the me commands)", 199)
    raise StataError(f"{full} is not supported by svy with vce(linearized); see help svy estimation for a list "
                     "of Stata estimation commands that are supported by svy", 322)
