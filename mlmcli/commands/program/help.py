"""``help`` (the pages of ``mlmcli/help``, generated topics, a command's own ``HELP`` entry,
a user's name.sthlp along the ado-path as plain text, or the summary table below) and ``search`` (the pages that hold every word)."""
from __future__ import annotations

from mlmcli.errors import StataError


HELP: dict[str, str] = {
    "display": "display [%fmt] exp | \"text\" | _col(#) _skip(#) _n ... : show strings and values",
    "local": "local name [=exp | \"text\" | : display ...] : define a local macro",
    "global": "global name [=exp | \"text\"] : define a global macro",
    "scalar": "scalar [define] name = exp ; scalar list ; scalar drop : named numbers",
    "set": ("set obs # | seed # | linesize # : change settings\n"
            "set lazymax # | lazymemory # | dask off|threads|local [#]|tcp://host:port : lazy data "
            "(help use)"),
    "do": "do file.do [args] : run a do-file (run: the same, silently)",
    "assert": "assert exp [if] [in] : check that exp is true in every observation",
    "use": "use file [, clear] : load a Stata dataset",
    "save": "save file [, replace] : save the dataset",
    "describe": "describe [varlist] : describe the data in memory",
    "list": "list [varlist] [if] [in] [, noobs clean] : list observations",
    "summarize": "summarize [varlist] [if] [in] [, detail] : summary statistics",
    "tabulate": "tabulate var1 [var2] [if] [in] : one- and two-way tables of frequencies",
    "tabstat": "tabstat varlist, statistics(...) by(var) : compact table of statistics",
    "generate": "generate [type] newvar = exp [if] [in] : create a variable",
    "replace": "replace var = exp [if] [in] : change the contents of a variable",
    "egen": "egen newvar = fcn(args) [, by(varlist)] : extended generate",
    "mixed": "mixed depvar [indepvars] || level: [varlist] [, options] : multilevel mixed-effects linear regression",
    "regress": "regress depvar [indepvars] [if] [in] [weight] [, options] : linear regression",
    "estat": "estat ic | icc | group | recovariance : postestimation statistics",
    "estimates": "estimates store name | restore name | table names : manage estimation results",
    "lrtest": "lrtest model1 model2 : likelihood-ratio test",
    "predict": "predict newvar [, xb fitted reffects residuals] : predictions after estimation",
    "exit": "exit : leave mlm",
}


def cmd_help(session, cmd) -> None:
    """``help [topic]``: the command's help page (mlmcli/help/pages), a topic list
    (functions, egen, estat, operators, limits, whatsnew), or the index of commands by family."""
    from mlmcli.commands import lookup
    from mlmcli.commands.program import help_topics as topics
    from mlmcli.help import find_page, page_names
    from mlmcli.help.render import render_page

    word = " ".join(cmd.args.split())
    width = session.linesize
    generated = {"functions": topics.functions_text, "function": topics.functions_text,
                 "egen_functions": topics.egen_text, "egen": topics.egen_text, "estat": topics.estat_text,
                 "operators": topics.operators_text}
    if not word:
        session.print(topics.index_text(width).rstrip("\n"))
        return
    if word == "limits":  # a topic, not a command
        from mlmcli.limits import HELP as LIMITS_HELP

        session.print(LIMITS_HELP)
        return
    if word == "whatsnew":
        session.print(topics.WHATSNEW.rstrip("\n"))
        return
    # help function is the functions topic, as in Stata; the plot type is help twoway function
    page = None if word in ("function", "functions") else find_page(word)
    if page is None and word not in generated:
        try:  # an abbreviation or alias of a command that has a page
            page = find_page(lookup(word.split()[0]).name)
        except StataError:
            page = None
    if page is None and word in generated:
        text = generated[word](width)
        if word == "estat":  # the subcommands, then what the beyond-Stata ones compute
            text += "\n" + _help_text(lookup("estat"))
        session.print(text.rstrip("\n"))
        return
    if page is not None:
        text = render_page(page, width)
        if word == "egen" or page.name == "egen":  # the page, then every egen function
            text += "\n" + topics.egen_text(width)
        session.print(text.rstrip("\n"))
        return
    function = topics.function_text(word[:-2] if word.endswith("()") else word, width)
    if function is not None and (word.endswith("()") or page is None):
        session.print(function.rstrip("\n"))  # help ustrcompare() / help dunnettprob
        return
    try:
        spec = lookup(word.split()[0])
    except StataError:
        user_page = _user_help_file(session, word)
        if user_page is not None:
            session.print(user_page)
            return
        from mlmcli.commands import command_names
        from mlmcli.suggest import hint

        raise StataError(f"help for {word} not found" + hint(word, list(page_names()) + command_names()
                                                            + list(generated)), 111) from None
    session.print(_help_text(spec))


def cmd_search(session, cmd) -> None:
    """``search word [word ...]``: the help pages whose text holds every word."""
    from mlmcli.help import search_pages

    words = [w.strip('"') for w in cmd.args.split() if w.strip('"')]
    if not words:
        raise StataError("nothing to search for", 198)
    hits = search_pages(words)
    if not hits:
        session.print(f"no help pages mention {' '.join(words)}")
        return
    for name, summary in hits:
        session.print(f"{name:<14} {summary}")
    session.print(f"({len(hits)} help page{'s' if len(hits) != 1 else ''}; type help followed by a name)")


def _user_help_file(session, word: str) -> str | None:
    """A user's word.sthlp (or word.hlp) along the ado-path, beside the ado-file that defines
    the command ([U] 17.2), as plain text; None when there is none."""
    from mlmcli.commands.program.ado_files import find_ado
    from mlmcli.help.smcl_text import smcl_to_text

    for extension in (".sthlp", ".hlp"):
        for path in find_ado(session, word, extension):
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
            except OSError:
                raise StataError(f"file {path} could not be opened", 603) from None
            from mlmcli.commands.program.files import decode_do_file
            return smcl_to_text(decode_do_file(raw))
    return None


def _help_text(spec) -> str:
    """The command module's own HELP entry (with formulas and references where the
    command goes beyond Stata), else the summary table above."""
    import importlib

    module = importlib.import_module(spec.target.split(":")[0])
    own = getattr(module, "HELP", None)
    if isinstance(own, dict) and spec.name in own:
        return own[spec.name]
    return HELP.get(spec.name, f"{spec.name}: see the Stata manual for its syntax")
