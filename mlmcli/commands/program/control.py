"""Programming commands: display, macros, scalars, set, exit, version, assert, help.

(do/run/include, log, cd, temporary names: ``files.py``.)
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import ExitRequest, StataError, invalid_syntax



# ----- display -----

def cmd_display(session, cmd) -> None:
    """``display [directives]`` (see ``mlmcli.expr.display``)."""
    from mlmcli.expr.display import render_display

    text, cont = render_display(session, cmd.args)
    session.out.write(text if cont else text + "\n")


# ----- macros -----

def cmd_local(session, cmd) -> None:
    _define_macro(session, session.locals, cmd.args, is_local=True)


def cmd_global(session, cmd) -> None:
    _define_macro(session, session.globals, cmd.args, is_local=False)


def _define_macro(session, table: dict, args: str, is_local: bool) -> None:
    """``local name [=exp | :function | "text" | text]``, ``local ++name``, ``local --name``."""
    text = args.strip()
    if not text:
        raise invalid_syntax()
    if is_local and text[:2] in ("++", "--"):
        name = text[2:].strip()
        from mlmcli.syntax.varlist import NAME_RE

        if not NAME_RE.match(name):
            raise invalid_syntax()
        try:
            old = float(table.get(name, "0") or 0)
        except ValueError:
            raise StataError("type mismatch", 109) from None
        table[name] = macro_number(old + (1 if text[0] == "+" else -1))
        return
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*", text)
    if not m or (not is_local and len(m.group(1)) > 32) or len(m.group(1)) > 31 + (0 if is_local else 1):
        raise invalid_syntax()
    name, rest = m.group(1), text[m.end():]
    if not rest:
        table.pop(name, None)
        return
    if rest.startswith("="):
        from mlmcli.expr import evaluate_scalar

        value = evaluate_scalar(session, rest[1:])
        value = value if isinstance(value, str) else macro_number(value)
    elif rest.startswith(":"):
        value = _extended_function(session, rest[1:].strip())
    else:
        value = _strip_outer_quotes(rest)
    from mlmcli.limits import MACRO_LENGTH, macro_too_long

    if len(value) > MACRO_LENGTH:  # e.g. `: subinstr` doubling a macro thirty times
        raise macro_too_long(len(value))
    table[name] = value


def macro_number(value: float) -> str:
    """A number as a macro holds it (Stata keeps up to 17 significant digits)."""
    from mlmcli.render.numfmt import format_number

    if value != value:
        from mlmcli.missing import text

        return text(value)  # `.a` stays `.a`
    return format_number(value, "%18.0g").strip()


def _strip_outer_quotes(text: str) -> str:
    t = text.rstrip()
    if t.startswith('`"') and t.endswith("\"'"):
        return t[2:-2]
    if len(t) >= 2 and t.startswith('"') and t.endswith('"') and '"' not in t[1:-1]:
        return t[1:-1]
    return text


def _extended_function(session, spec: str) -> str:
    """``local x : display …``, ``: word count s``, ``: word # of s``, ``: variable label v``,
    ``: value label v``, ``: type v``, ``: format v``, ``: list …``, ``: subinstr local …``,
    ``: length local m``, ``: colnames e(b)`` (and rownames, colfullnames, coleq),
    ``: label (var) #`` / ``: label lab #``."""
    data = session.data
    if m := re.match(r"di(?:s|sp|spl|spla|splay)?\b\s*(.*)$", spec, re.S):
        from mlmcli.expr.display import render_display

        return render_display(session, m.group(1))[0]
    if m := re.match(r"word\s+count\s+(.*)$", spec, re.S):
        return str(len(_strip_outer_quotes(m.group(1)).split()))
    if m := re.match(r"word\s+(\d+)\s+of\s+(.*)$", spec, re.S):
        words = _strip_outer_quotes(m.group(2)).split()
        k = int(m.group(1))
        return words[k - 1] if 1 <= k <= len(words) else ""
    if m := re.match(r"var(?:iable)?\s+l(?:abel)?\s+(\S+)$", spec):
        return data.var_labels.get(data.resolve(m.group(1)), "")
    if m := re.match(r"val(?:ue)?\s+l(?:abel)?\s+(\S+)$", spec):
        return data.value_label_of.get(data.resolve(m.group(1)), "")
    if m := re.match(r"t(?:ype)?\s+(\S+)$", spec):
        return data.types.get(data.resolve(m.group(1)), "float")
    if m := re.match(r"f(?:ormat)?\s+(\S+)$", spec):
        return data.format_of(data.resolve(m.group(1)))
    if m := re.match(r"list\s+(.*)$", spec, re.S):
        return _macro_list(session, m.group(1).strip())
    if m := re.match(r"subinstr\s+(local|global)\s+(\w+)\s+(\"[^\"]*\"|\S+)\s+(\"[^\"]*\"|\S+)\s*(?:,\s*(.*))?$",
                     spec, re.S):
        table = session.locals if m.group(1) == "local" else session.globals
        old_text, new_text = _strip_outer_quotes(m.group(3)), _strip_outer_quotes(m.group(4))
        value = table.get(m.group(2), "")
        if not old_text:
            return value
        return value.replace(old_text, new_text) if "all" in (m.group(5) or "").split() \
            else value.replace(old_text, new_text, 1)
    if m := re.match(r"(?:length|strlen)\s+(local|global)\s+(\w+)$", spec):
        table = session.locals if m.group(1) == "local" else session.globals
        return str(len(table.get(m.group(2), "")))
    if m := re.match(r"(colnames|rownames|colfullnames|rowfullnames|coleq|roweq)\s+([er])\((\w+)\)$", spec):
        return _matrix_names(session, m.group(1), m.group(2), m.group(3))
    if m := re.match(r"(colnames|rownames|colfullnames|rowfullnames|coleq|roweq|rowsof|colsof)\s+(\w+)$", spec):
        return _matrix_names(session, m.group(1), "", m.group(2))  # a matrix of `matrix define`
    if m := re.match(r"label\s+(\(?)(\w+)\)?\s+(\S+)$", spec):
        name = data.value_label_of.get(data.resolve(m.group(2))) if m.group(1) else m.group(2)
        value = float(m.group(3))
        text = data.value_labels.get(name or "", {}).get(value)
        return text if text is not None else macro_number(value)
    raise invalid_syntax()


def _macro_list(session, spec: str) -> str:
    """``: list`` functions on the words of local macros (uniq dups sort retokenize clean
    sizeof posof, and the binary ``|`` ``&`` ``-`` ``==`` ``===``)."""
    def words(name: str) -> list[str]:
        return session.locals.get(name, "").split()
    if m := re.match(r"(uniq|dups|sort|retokenize|retok|clean|sizeof)\s+(\w+)$", spec):
        op, items = m.group(1), words(m.group(2))
        if op == "uniq":
            return " ".join(dict.fromkeys(items))
        if op == "dups":
            seen: set[str] = set()
            dups = [w for w in items if w in seen or seen.add(w)]
            return " ".join(dups)
        if op == "sort":
            return " ".join(sorted(items))
        if op == "sizeof":
            return str(len(items))
        return " ".join(items)
    if m := re.match(r"posof\s+\"([^\"]*)\"\s+in\s+(\w+)$", spec):
        items = words(m.group(2))
        return str(items.index(m.group(1)) + 1 if m.group(1) in items else 0)
    if m := re.match(r"(\w+)\s*(\||&|-|===|==)\s*(\w+)$", spec):
        a, op, b = words(m.group(1)), m.group(2), words(m.group(3))
        if op == "|":
            return " ".join(a + [w for w in b if w not in a])
        if op == "&":
            return " ".join(w for w in a if w in b)
        if op == "-":
            return " ".join(w for w in a if w not in b)
        if op == "==":
            return "1" if sorted(set(a)) == sorted(set(b)) else "0"
        return "1" if a == b else "0"
    raise invalid_syntax()


def _matrix_names(session, what: str, kind: str, name: str) -> str:
    """Row/column names of a stored matrix (``e(b)``, ``e(V)``, ``r(table)`` …)."""
    source = session.e.matrices if kind == "e" and session.e is not None else (
        session.r if kind == "r" else (session.matrices if not kind else {}))
    mat = source.get(name)
    if mat is None or not hasattr(mat, "colnames"):
        raise StataError(f"matrix {f'{kind}({name})' if kind else name} not found", 111)
    names = list(mat.colnames if what.startswith("col") else mat.rownames)
    if what in ("rowsof", "colsof"):
        return str(len(names))
    if what in ("colnames", "rownames"):
        return " ".join(n.rpartition(":")[2] for n in names)
    if what in ("coleq", "roweq"):
        return " ".join(n.rpartition(":")[0] or "_" for n in names)
    return " ".join(names)


def cmd_macro(session, cmd) -> None:
    """``macro list`` (globals, then locals with a leading ``_``) and ``macro drop names|_all``."""
    words = cmd.args.split()
    if not words or words[0] in ("list", "lis", "li", "l", "dir"):
        names = words[1:]
        rows = [(k, v) for k, v in session.globals.items() if not names or k in names]
        rows += [("_" + k, v) for k, v in session.locals.items() if not names or "_" + k in names]
        for key, value in rows:
            session.print(f"{key + ':':<16}{value}")
        return
    if words[0] == "drop":
        if len(words) < 2:
            raise invalid_syntax()
        for name in words[1:]:
            if name in ("_all", "*"):
                session.globals.clear()
            elif name.startswith("_"):
                session.locals.pop(name[1:], None)
            else:
                for key in [k for k in session.globals if _glob_match(k, name)]:
                    session.globals.pop(key)
        return
    raise invalid_syntax()


def _glob_match(name: str, pattern: str) -> bool:
    import fnmatch
    return fnmatch.fnmatchcase(name, pattern)


# ----- scalars -----

def cmd_scalar(session, cmd) -> None:
    """``scalar [define] name = exp``; ``scalar list|dir [names]``; ``scalar drop names|_all``."""
    text = cmd.args.strip()
    words = text.split()
    if not words:
        raise invalid_syntax()
    if words[0] in ("list", "dir", "l", "li", "lis"):
        _scalar_list(session, words[1:])
        return
    if words[0] == "drop":
        _drop_named(session.scalars, words[1:], "scalar")
        return
    m = re.match(r"(?:de(?:f|fi|fin|fine)?\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$", text, re.S)
    if not m or len(m.group(1)) > 32:
        raise invalid_syntax()
    from mlmcli.expr import evaluate_scalar

    session.scalars[m.group(1)] = evaluate_scalar(session, m.group(2))


def _drop_named(table: dict, names: list[str], what: str) -> None:
    """``scalar drop``/``program drop``: each name in turn, ``_all`` empties the table."""
    for name in names:
        if name == "_all":
            table.clear()
        elif name in table:
            del table[name]
        else:
            raise StataError(f"{what} {name} not found", 111)


def _scalar_list(session, names: list[str]) -> None:
    from mlmcli.render.numfmt import format_number

    names = [n for n in names if n != "_all"]
    for name in names:
        if name not in session.scalars:
            raise StataError(f"scalar {name} not found", 111)
    for name in names or list(session.scalars):
        value = session.scalars[name]
        shown = value if isinstance(value, str) else format_number(value, "%10.0g")
        session.print(f"{name:>13} = {shown}")


# ----- set -----

def cmd_set(session, cmd) -> None:
    """``set obs #``, ``set seed #``, ``set linesize #``; the other settings in settings.py."""
    words = cmd.args.replace("=", " ").split()
    if not words:
        raise invalid_syntax()
    setting, values = words[0], words[1:]
    if setting == "obs":
        _set_obs(session, values)
    elif setting == "seed":
        if len(values) != 1:
            raise invalid_syntax()
        try:
            session.seed = int(float(values[0]))
        except (ValueError, OverflowError):
            raise invalid_syntax() from None
        session._rng = None  # the same seed again restarts the same stream
    elif setting in ("linesize", "li", "lin", "line", "lines", "linesi", "linesiz"):
        n = _int_word(values)
        if not 40 <= n <= 255:
            raise StataError("linesize must be between 40 and 255", 198)
        session.linesize = n
    elif setting in ("lazymax", "lazymemory", "dask"):  # lazy data (commands/data/lazy.py)
        from mlmcli.commands.data.lazy import set_lazy_option
        set_lazy_option(session, setting, values)
    else:  # every other setting: honoured, accepted or refused (commands/program/settings.py)
        from mlmcli.commands.program.settings import apply_setting
        apply_setting(session, setting, values)


def _int_word(values: list[str]) -> int:
    if len(values) != 1:
        raise invalid_syntax()
    try:
        return int(values[0].replace(",", ""))
    except ValueError:
        raise invalid_syntax() from None


def _set_obs(session, values: list[str]) -> None:
    """Grow the dataset to N observations with missing values; Stata 13 prints
    ``obs was 0, now 100``."""
    import pandas as pd

    n = _int_word(values)
    data = session.data
    old = data.nobs
    if n < 0:
        raise invalid_syntax()
    if n < old:
        raise StataError(f"obs must be >= current number of observations ({old:,})", 198)
    if n == old:
        session.print(f"obs was {old}, now {n}")
        return
    from mlmcli.limits import MAX_OBS, memory_error, require_memory

    if n > MAX_OBS:
        raise memory_error()
    # the rows of the variables there are, and room for the first new one (8 bytes a row)
    require_memory((n - old) * (8 + sum(8 if not data.is_string(v) else 16 for v in data.varnames)))
    if data.df.shape[1] == 0:
        data.df = pd.DataFrame(index=pd.RangeIndex(n))
    else:
        frame = data.df.reindex(pd.RangeIndex(n))
        for name in frame.columns:
            if data.is_string(name):
                frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
        data.append_rows(frame)  # e(sample) stays on the existing rows
    data.changed = True
    session.print(f"obs was {old}, now {n}")


# ----- exit, version -----

def cmd_exit(session, cmd) -> None:
    """``exit [#] [, clear STATA]``: leave the do-file (or the interpreter at top level).

    Typed at the interactive prompt with unsaved changes, Stata refuses unless ``clear``.
    """
    main, _, options = cmd.args.partition(",")
    words = main.split()
    at_prompt = session.interactive and not getattr(session, "_do_depth", 0)
    if at_prompt and "clear" not in options.split() and session.data.changed:
        raise StataError("no; data in memory would be lost", 4)
    rc = 0
    if words:
        from mlmcli.expr import evaluate_scalar

        value = evaluate_scalar(session, words[0])
        if isinstance(value, str) or value != value:
            raise invalid_syntax()
        rc = int(value)
    raise ExitRequest(rc)


def cmd_version(session, cmd) -> None:
    """``version #[: command]``: sets the version commands run under (``session.version``,
    read by commands whose defaults changed between releases, e.g. ``xtmixed``'s REML
    default before 12); with a colon, only that command runs under it.  ``version``
    alone shows it."""
    head, sep, rest = cmd.args.partition(":")
    if not head.strip() and not sep:
        session.print(f"version {_version_text(getattr(session, 'version', 13.0))}")
        return
    try:
        number = float(head.strip() or "13")
    except ValueError:
        raise invalid_syntax() from None
    if sep and rest.strip():
        from mlmcli.runner import current_runner

        runner = current_runner(session)
        if runner is None:
            from mlmcli.runner import Runner
            runner = Runner(session)
        before = getattr(session, "version", 13.0)
        session.version = number
        try:
            runner.execute(rest.strip())
        finally:
            session.version = before
        return
    session.version = number


def _version_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# ----- assert -----

def cmd_assert(session, cmd) -> None:
    """``assert exp [if] [in] [, rc0 fast]``: error 9 when the expression is false somewhere."""
    from mlmcli.expr import evaluate
    from mlmcli.syntax.options import OptionSpec, resolve_options
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, [OptionSpec("rc0"), OptionSpec("fast"), OptionSpec("null")])
    if not cmd.args.strip():
        raise invalid_syntax()
    mask = mark_sample(session, cmd)
    value = evaluate(session, cmd.args)
    if value.dtype == object:
        raise StataError("type mismatch", 109)
    bad = int(np.count_nonzero((value == 0) & mask))
    if bad:
        if "fast" not in opts:
            total = int(mask.sum())
            noun = "contradiction" if bad == 1 else "contradictions"
            obs = "observation" if total == 1 else "observations"
            session.print(f"{bad:,} {noun} in {total:,} {obs}")
        if "rc0" not in opts:
            raise StataError("assertion is false", 9)


# ----- program drop/dir/list, args -----

def cmd_program(session, cmd) -> None:
    """``program drop name|_all``, ``program dir``, ``program list [name]``.

    (``program define`` … ``end`` blocks are collected by the preprocessor.)
    """
    words = cmd.args.split()
    if not words:
        raise invalid_syntax()
    sub, names = words[0], words[1:]
    if sub == "drop":
        if not names:
            raise invalid_syntax()
        _drop_named(session.programs, names, "program")
    elif sub == "dir":
        for name in sorted(session.programs):
            session.print(f"  ado {len(session.programs[name]):>7} {name}")
    elif sub in ("list", "l", "li", "lis"):
        for name in names or sorted(session.programs):
            if name not in session.programs:
                raise StataError(f"program {name} not found", 111)
            session.print("")
            session.print(f"{name}:")
            for k, item in enumerate(session.programs[name], 1):
                for line in item.echo or [item.text]:
                    session.print(f"  {k}.  {line.strip()}")
    else:
        raise invalid_syntax()


def cmd_args(session, cmd) -> None:
    """``args a b c``: name the program's positional arguments (`` `1' `` -> `` `a' `` …)."""
    names = cmd.args.split()
    from mlmcli.syntax.varlist import NAME_RE

    if not names or not all(NAME_RE.match(n) for n in names):
        raise invalid_syntax()
    for k, name in enumerate(names, 1):
        session.locals[name] = session.locals.get(str(k), "")


# ----- help -----

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
    (functions, egen, estat, limits, whatsnew), or the index of commands by family."""
    from mlmcli.commands import lookup
    from mlmcli.commands.program import help_topics as topics
    from mlmcli.help import find_page, page_names
    from mlmcli.help.render import render_page

    word = " ".join(cmd.args.split())
    width = session.linesize
    generated = {"functions": topics.functions_text, "function": topics.functions_text,
                 "egen_functions": topics.egen_text, "egen": topics.egen_text, "estat": topics.estat_text}
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
    try:
        spec = lookup(word.split()[0])
    except StataError:
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


def _help_text(spec) -> str:
    """The command module's own HELP entry (with formulas and references where the
    command goes beyond Stata), else the summary table above."""
    import importlib

    module = importlib.import_module(spec.target.split(":")[0])
    own = getattr(module, "HELP", None)
    if isinstance(own, dict) and spec.name in own:
        return own[spec.name]
    return HELP.get(spec.name, f"{spec.name}: see the Stata manual for its syntax")
