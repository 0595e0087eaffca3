"""``estimates``: store, restore, replay, list, drop and compare estimation results.

``estimates store|restore|replay|dir|drop|clear|table|stats|query|title`` with Stata's
syntax, messages and r() results, over the estimation layer (``mlmcli.estimation``:
``active``, ``criteria``, ``tables``).  ``ereturn list``, ``return list`` and ``matrix
list`` are in ``listings``; ``lrtest`` in ``lrtest``; ``test``/``lincom`` in ``hypotheses``.
"""
from __future__ import annotations

import importlib
import re

from mlmcli.errors import StataError
from mlmcli.estimation import active as estimates
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, integer_option, positive_number_option, resolve_options

HELP = {
    "estimates": "estimates store name | restore name | replay [names] | dir [names] | drop names | clear"
                 " | table [names] [, b se t p star stats(N ll aic bic)] | stats [names] | query",
}


def cmd_estimates(session, cmd) -> None:
    """``estimates subcommand ...`` (``estimates`` alone replays the active results).
    Registered raw: ``estimates for names[, options]: command`` keeps its command's text;
    every other subcommand is read as a standard command."""
    from mlmcli.parser import parse_tail

    words = cmd.args.split()
    if cmd.args.lstrip().startswith(","):  # estimates.ado's gettoken parse(" ,:"): the comma is the key
        raise StataError("subcommand estimates , is unrecognized", 198)
    if words and words[0].rstrip(":") in ("for", "fo") and len(words[0].rstrip(":")) >= 3:
        from mlmcli.commands.postestimation.estimates_files import for_each
        return for_each(session, cmd, words[1:])
    # estimates.ado's subcommands that run est_expand or an r-class program (restore, replay,
    # dir, stats, describe, drop ...) leave r() empty or theirs; store (eclass), title and
    # query touch no r(), so an estimation's r(table) survives `estimates store`
    first = cmd.args.split(None, 1)[0].rstrip(":").lower() if cmd.args.split() else ""
    if not _keeps_r(first):
        session.set_r({})
    titled = re.match(r"\s*(\w+)\s*:(.*)\Z", cmd.args, re.S)
    if titled and len(titled.group(1)) >= 5 and "title".startswith(titled.group(1).lower()):
        # estimates title: text -- the text runs to the end of the line, commas included
        session.e = estimates.with_macros(estimates.active_with_cmd(session), estimates_title=titled.group(2).strip())
        return
    cmd = parse_tail(cmd)
    words = cmd.args.split()
    if not words:  # estimates.ado: typed alone, replays results that have e(cmd), else nothing
        if estimates.has_cmd(session.e):
            _replay(session, cmd, ["."])
        return
    ESTIMATES_SUBCOMMANDS.handler(words[0].rstrip(":"))(session, cmd, words[1:])


def _keeps_r(word: str) -> bool:
    """``estimates sto[re]``, ``title`` and ``q[uery]`` (estimates.ado's abbreviations)."""
    return (len(word) >= 3 and "store".startswith(word)) or word == "title" or bool(word) and "query".startswith(word)


def _title(session, cmd, words) -> None:
    """``estimates title`` shows e(estimates_title); ``estimates title: text`` sets it
    (estimates.ado's Title: both need e(cmd))."""
    e = estimates.active_with_cmd(session)
    parts = cmd.args.split(None, 1)
    text = parts[1] if len(parts) > 1 else ""
    if parts and parts[0].endswith(":"):  # estimates title: text (the colon on the subcommand)
        text = ":" + text
    if text.startswith(":"):
        session.e = estimates.with_macros(e, estimates_title=text[1:].strip())
    elif text:
        raise StataError("invalid syntax", 198)
    elif e.macros.get("estimates_title"):
        session.print(e.macros["estimates_title"])


def _store(session, cmd, names) -> None:
    # estimates.ado's Store: results without e(cmd) (ereturn post alone) are not stored
    estimates.active_with_cmd(session, "last estimation results not found, nothing to store")
    opts = resolve_options(cmd.options, [OptionSpec("title", 5, takes_arg=True), OptionSpec("nocopy", 6)])
    if len(names) != 1:
        raise StataError("invalid syntax" if names else "name required", 198)
    title = opts.get("title")
    estimates.store(session, names[0], title.strip().strip('"') if isinstance(title, str) else None)
    esample_variable(session, names[0])


def esample_variable(session, name: str) -> None:
    """Stata's ``estimates store name`` keeps e(sample) in a byte variable ``_est_name``
    ([R] estimates store: "the estimation sample is stored as variable _est_name", labelled
    "esample() from estimates store"), replacing one of that name.  Results whose sample
    cannot be placed on the current rows (lazy data, changed data) get none."""
    import numpy as np

    ds = session.data
    e = session.e
    if getattr(ds, "lazy", False) or e is None or e.sample is None:
        return
    from mlmcli.estimation.rows import sample_in_current_order

    current = sample_in_current_order(session, e)
    if current is None:
        if len(e.sample) != ds.nobs:
            return
        current = e.sample
    sample = np.asarray(current, bool)
    var = f"_est_{name}"
    if len(var) > 32:
        return
    ds.set_variable(var, sample.astype(np.int8).astype(float), vtype="byte")
    ds.var_labels[var] = "esample() from estimates store"


def drop_esample_variables(session, names) -> None:
    ds = session.data
    gone = [f"_est_{n}" for n in names if f"_est_{n}" in getattr(ds, "varnames", [])]
    if gone and not getattr(ds, "lazy", False):
        ds.drop_variables(gone)


def _restore(session, cmd, names) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("noheader", 3), OptionSpec("drop", 4)])
    if not names:
        raise StataError("invalid syntax", 198)
    names = estimates.est_expand(session, names)  # est_expand, min(1) max(1)
    if len(names) > 1:
        raise StataError("too many names specified", 198)
    name = names[0]
    # estimates.ado's Restore: "." and the name the active results are stored under leave them as they are
    if name not in (".", estimates.active_name(session)):
        e = estimates.lookup(session, name)
        if opts.get("drop"):  # _est unhold, ClearFields: no longer stored, no name
            del session.estimates[name]
            e = estimates.with_macros(e, _estimates_name=None)
        session.e = e
    if not opts.get("noheader"):
        session.print(f"(results {name} are active now)")


def _replay(session, cmd, names) -> None:
    # Stata's estimates.ado Replay (``syntax [anything] [, noHeader *]``): noheader drops only the
    # box naming the model (its Header); every other option is handed to the command's replay
    # (Replay_u: ``e(cmd2)`` or ``e(cmd)`` typed with ``, options``), which allows or refuses it.
    own = OptionSpec("noheader", 3)
    header = not any(own.matches(o.name) and o.arg is None for o in cmd.options)
    passed = tuple(o for o in cmd.options if not (own.matches(o.name) and o.arg is None))
    names = estimates.est_expand(session, names, ".")  # before any header: "." needs e(cmd)
    for name in names:
        e = estimates.lookup(session, name)
        if header:
            session.print()
            session.print("-" * session.linesize)
            label = estimates.active_name(session) if name == "." else name
            title = e.macros.get("estimates_title", "")
            session.print((f"Model {label}" + (f" ({title})" if title else "")) if label else "active results")
            session.print("-" * session.linesize)
        if passed:
            _replay_typed(session, e, passed)
        else:
            replay_results(session, e)
        _post_replayed_table(session, e, passed)


def _post_replayed_table(session, e, options: tuple) -> None:
    """The replayed table's r(table), at the level and in the metric the options typed show."""
    from mlmcli.commands import lookup
    from mlmcli.estimation.coefficient_matrix import post_coefficient_table, table_display

    word = replay_command_word(e).split()[0]
    try:
        command = lookup(word).name
    except StataError:
        command = word
    post_coefficient_table(session, e, table_display(session, command, [(o.name, o.arg) for o in options], e))


def replay_results(session, e) -> None:
    """Print ``e`` again through its estimation command's ``replay(session, e)``
    (every estimation command module defines one)."""
    from mlmcli.commands import lookup

    if e.macros.get("prefix") == "svy":  # svy's results (mean, total and ratio have no command of their own)
        from mlmcli.commands.estimation.survey_replay import replay_svy

        return replay_svy(session, e)
    if not e.cmd.split():  # posted by ereturn post (repest): no command to replay them
        raise StataError("last estimates not found", 301)
    try:
        module = importlib.import_module(lookup(e.cmd.split()[0]).target.split(":")[0])  # "mi estimate": mi
    except StataError:
        module = None
    replay = getattr(module, "replay", None)
    if e.result is None:
        raise StataError(f"cannot replay {e.cmd} results", 321)
    if replay is None:  # Stata's estimates replay: the command typed alone on the results
        return _replay_typed(session, e)
    from mlmcli.estimation.replay_level import replayed_at_level, replays_at_other_level

    if module is not None and replayed_at_level(module.__name__) and replays_at_other_level(session, e):
        return _replay_typed(session, e)
    replay(session, e)


def _replay_typed(session, e, options: tuple = ()) -> None:
    """Stata's estimates replay runs the command typed alone on the results, with the options
    typed on estimates replay (estimates.ado's Replay_u), so the table is at c(level) unless
    level() is typed (the fit's level() is not kept): the command's own replay of ``e``, through
    the rule every typed replay follows (``replay_level.at_replay_level``)."""
    from mlmcli.commands import lookup
    from mlmcli.estimation.replay_level import at_replay_level
    from mlmcli.parser import parse_command

    if e.result is None:
        raise StataError(f"cannot replay {e.cmd} results", 321)
    word = replay_command_word(e)
    spec = lookup(word.split()[0])
    module_name, func = spec.target.split(":")
    handler = getattr(importlib.import_module(module_name), func)
    text = word + (", " + " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in options)
                   if options else "")
    active, session.e = session.e, e
    try:
        handler(session, at_replay_level(session, parse_command(text), spec.raw))
    finally:
        session.e = active


def replay_command_word(e) -> str:
    """The command estimates.ado's Replay_u types to replay ``e``: e(cmd2), else e(cmd) -- the
    command word as mlm registers it (xtreg for xtreg, pa's xtgee results; streg for weibull);
    mlm's own command text when neither names a command (``mi estimate``)."""
    from mlmcli.commands import lookup

    if " " in e.cmd:  # mi estimate: replayed by typing both words
        return e.cmd
    for word in (e.macros.get("cmd2"), e.macros.get("cmd")):
        if word:
            try:
                lookup(word)
            except StataError:
                continue
            return word
    return e.cmd.split()[0]


def _dir(session, cmd, names) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("width", 1, takes_arg=True)])
    show_dir(session, names, integer_option(opts, "width", None))


def show_dir(session, names, width: int | None = None) -> None:
    """``estimates dir [names]``: name, command, depvar, number of parameters (colsof e(b)), title."""
    names = estimates.est_expand(session, names, "_all")
    text = dir_text(session, names, width)
    if text is None:
        return
    session.print(text)
    session.set_r({"names": " ".join(names)})


def dir_text(session, names, width: int | None = None) -> str | None:
    """The ``estimates dir`` table of the stored results ``names`` (None when there are none)."""
    rows = []
    for name in names:
        e = estimates.lookup(session, name)
        b = e.matrices.get("b")
        npar = len(b.colnames) if b is not None else 0
        dep = e.macros.get("depvar", "").split()
        depn = "no depvar" if not dep else (dep[0] if len(dep) == 1 else "mult. depvar")
        # the command column: e(cmd2) when set, else e(cmd) (estimates.ado's Dir)
        rows.append((name, e.macros.get("cmd2") or e.macros.get("cmd") or e.cmd, depn, npar, e.macros.get("estimates_title", "")))
    if not rows:
        return None
    longest = max([8] + [len(r[4]) for r in rows])
    piece = max(width, 60) - 48 if width is not None else min(session.linesize - 47, longest)
    from mlmcli.render.estimates_table import render_estimates_dir
    from mlmcli.results.postestimation import EstimatesDirResult, EstimatesDirRow
    return render_estimates_dir(EstimatesDirResult(tuple(EstimatesDirRow(*r) for r in rows), piece))


def _drop(session, cmd, names) -> None:
    resolve_options(cmd.options, [])
    if not names:
        raise StataError("name required", 198)
    for name in estimates.est_expand(session, names):
        if name != ".":
            estimates.drop(session, name)
            drop_esample_variables(session, [name])


def _clear(session, cmd, names) -> None:
    resolve_options(cmd.options, [])
    if names:
        raise StataError("invalid syntax", 198)
    drop_esample_variables(session, list(session.estimates))
    session.estimates.clear()


def _query(session, cmd, names) -> None:
    e = session.e
    if not estimates.has_cmd(e):  # estimates.ado's Query reads e(cmd)
        session.print("(no estimation results)")
        return
    name = estimates.active_name(session)
    produced_by = e.macros.get("cmd2") or e.macros.get("cmd") or e.cmd  # e(cmd2), else e(cmd)
    if name:
        session.print(f"(active results produced by {produced_by}; also stored as {name})")
    else:
        session.print(f"(active results produced by {produced_by}; not yet stored)")


def _stats(session, cmd, names) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("n", 1, takes_arg=True)])
    show_stats(session, names, positive_number_option(opts, "n"))


def show_stats(session, names, n: float | None = None) -> None:
    """``estimates stats [namelist] [, n(#)]``: the estat ic table for several models."""
    from mlmcli.estimation.criteria import ic_row, ic_table
    from mlmcli.render.estat_tables import render_estat_ic

    names = estimates.est_expand(session, names, ".")
    if not names:  # _all with nothing stored: Stats exits
        return
    rows = []
    for name in names:
        e = estimates.lookup(session, name)
        if not ({"rank", "k"} & set(e.scalars)) and "V" not in e.matrices:  # estimates.ado's GetRankV
            session.print(f"({name} does not contain matrix e(V); rank = 0 assumed)")
        rows.append(ic_row(e, name if name != "." else (estimates.active_name(session) or "."), n, missing_ok=True))
    result, r = ic_table(rows)
    session.print(render_estat_ic(result))
    session.set_r(r)


TABLE_OPTIONS = [
    OptionSpec("b", 1, takes_arg=True, arg_optional=True), OptionSpec("se", 2, takes_arg=True, arg_optional=True),
    OptionSpec("t", 1, takes_arg=True, arg_optional=True), OptionSpec("p", 1, takes_arg=True, arg_optional=True),
    OptionSpec("star", 4, takes_arg=True, arg_optional=True), OptionSpec("stats", 4, takes_arg=True),
    OptionSpec("stfmt", 3, takes_arg=True), OptionSpec("keep", 4, takes_arg=True), OptionSpec("drop", 4, takes_arg=True),
    OptionSpec("varwidth", 3, takes_arg=True), OptionSpec("modelwidth", 5, takes_arg=True),
    OptionSpec("equations", 2, takes_arg=True), OptionSpec("varlabel", 4), OptionSpec("newpanel", 3),
    OptionSpec("title", 2, takes_arg=True), OptionSpec("eform", 2), OptionSpec("style", 3, takes_arg=True),
    # est_table's Display hands the rest to _get_diopts: the rows' display options
    OptionSpec("baselevels", 10), OptionSpec("allbaselevels", 13), OptionSpec("noomitted", 9),
]


def _table(session, cmd, names) -> None:
    """``estimates table [namelist] [, b[(fmt)] se[(fmt)] t[(fmt)] p[(fmt)] star[(#1 #2 #3)] stats(list)
    stfmt(fmt) keep() drop() equations() varwidth(#) modelwidth(#) varlabel newpanel title() eform]``."""
    from mlmcli.commands.estimation.common import (factor_display_defaults, label_option_specs, label_options,
                                                 shows_level_values)

    opts = resolve_options(cmd.options, TABLE_OPTIONS + label_option_specs())
    wrap = label_options(opts)  # _get_diopts' checks, fvwrap()/fvwrapon() or set fvwrap/fvwrapon
    shown = factor_display_defaults(opts)  # _get_diopts: the options, else set showbaselevels|showomitted
    if opts.get("star") and (opts.get("se") or opts.get("t") or opts.get("p")):
        raise StataError("option star may not be combined with se, t, or p", 198)
    levels = (0.05, 0.01, 0.001)
    if isinstance(opts.get("star"), str):
        try:
            levels = tuple(float(x) for x in opts["star"].split())
        except ValueError:
            raise StataError("star() invalid", 198) from None
        if len(levels) != 3:
            raise StataError("star() invalid", 198)
    names = list(dict.fromkeys(estimates.est_expand(session, names, ".")))  # est_table: list uniq
    if not names:  # _all with nothing stored: est_table exits
        return
    models = [(n if n != "." else "active", estimates.lookup(session, n)) for n in names]
    from mlmcli.estimation.tables import estimates_table
    from mlmcli.render.estimates_table import render_estimates_table
    from mlmcli.commands.estimation.level_labels import level_texts_now

    labels = dict(session.data.var_labels) if opts.get("varlabel") else None
    level_text = None if shows_level_values(opts) else level_texts_now(session.data)
    title = opts.get("title")
    result = estimates_table(
        models, show=tuple(k for k in ("b", "se", "t", "p") if k == "b" or opts.get(k)),
        star=bool(opts.get("star")), star_levels=levels, keep=(opts.get("keep") or "").split(),
        drop=(opts.get("drop") or "").split(), stats=(opts.get("stats") or "").replace(",", " ").split(),
        formats={f"{key}_format": format_option(opts.get(opt))
                 for key, opt in (("b", "b"), ("se", "se"), ("t", "t"), ("p", "p"), ("stats", "stfmt"))},
        equations=(opts.get("equations") or "").strip(), eform=bool(opts.get("eform")), labels=labels,
        level_text=level_text, noomitted=shown["noomitted"], baselevels=shown["baselevels"], **wrap,
        title=title.strip().strip('"') if isinstance(title, str) else None,
        varwidth=integer_option(opts, "varwidth", 12, minimum=5),
        modelwidth=integer_option(opts, "modelwidth", None, minimum=5), newpanel=bool(opts.get("newpanel")))
    session.print(render_estimates_table(_styled(result, opts.get("style"))))
    session.set_r(table_returns(result, names))
    session.shown_table = ("estimates table", result, session.e)  # putdocx's etable exports it


def table_returns(result, names: list[str]) -> dict:
    """est_table's r(): r(names) as typed and expanded, r(coef) -- a row per coefficient shown,
    two columns per model (``name:b``, ``name:var``; ``active:`` for the active results) -- and,
    with stats(), r(stats) (a row per statistic, a column per model).  Stata marks a coefficient a
    model lacks .z and an omitted/base one .o/.b; mlm's matrices hold one missing value, '.'."""
    import math

    import numpy as np

    from mlmcli.results.matrix import Matrix

    columns = [f"{m}:{part}" for m in result.models for part in ("b", "var")]
    rownames, values = [], []
    for block in result.equations:
        for row in block.rows:
            rownames.append(f"{block.name}:{row.name}" if block.name else row.name)
            line = []
            for cell in row.cells:
                if cell is None or cell.omitted or cell.base:
                    line += [math.nan, math.nan]
                elif result.eform:  # r(coef) holds e(b) and vecdiag(e(V)), whatever is displayed
                    line += [math.log(cell.b), (cell.se / cell.b) ** 2]
                else:
                    line += [cell.b, cell.se ** 2]
            values.append(line)
    r = {"names": " ".join(names)}
    if rownames:
        r["coef"] = Matrix(np.array(values, float), tuple(rownames), tuple(columns))
    if result.stats:
        r["stats"] = Matrix(np.array([[math.nan if v is None else v for v in vals] for _, vals in result.stats], float),
                            tuple(s for s, _ in result.stats), tuple(result.models))
    return r


def _styled(result, style):
    """est_table's ChkStyle: style(oneline) (the default) or style(columns), any abbreviation;
    nolines is not implemented here (decided: refused with r(198), as an unknown style)."""
    import dataclasses

    word = style.strip() if isinstance(style, str) else ""
    if not word or "oneline".startswith(word):
        return result
    if "columns".startswith(word):
        return dataclasses.replace(result, columns=True)
    raise StataError(f"option style({word}) invalid" if not "nolines".startswith(word)
                     else "option style(nolines) is not implemented in mlmcli", 198)


def format_option(value) -> str | None:
    """A typed ``%fmt`` (None when absent); an invalid one is Stata's r(120)."""
    from mlmcli.render.numfmt import is_valid_format

    if not (isinstance(value, str) and value.strip()):
        return None
    if not is_valid_format(value.strip()):
        raise StataError("invalid %format", 120)
    return value.strip()


# name, minimal abbreviation, handler(session, cmd, words after the subcommand), in Stata's
# order of matching (estimates.ado): ``r``/``re``/``rep`` are replay, ``res`` restore; ``drop``
# and ``clear`` must be typed in full
_FILES = "mlmcli.commands.postestimation.estimates_files:"
ESTIMATES_SUBCOMMANDS = NameTable([
    ("query", 1, _query), ("store", 3, _store), ("restore", 3, _restore),
    ("change", 6, _FILES + "change"), ("for", 3, _FILES + "for_each"), ("dir", 3, _dir), ("stats", 4, _stats),
    ("table", 3, _table), ("replay", 1, _replay), ("drop", 4, _drop), ("notes", 4, _FILES + "notes"),
    ("title", 5, _title), ("clear", 5, _clear), ("describe", 3, _FILES + "describe"), ("save", 4, _FILES + "save"),
    ("use", 3, _FILES + "use"), ("esample", 3, _FILES + "esample"),
], unknown=lambda word: StataError(f"subcommand estimates {word} is unrecognized", 198),
   not_implemented=lambda name: StataError(f"estimates {name} is not implemented in mlmcli", 199))
