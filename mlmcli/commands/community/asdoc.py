"""``asdoc`` (Attaullah Shah's SSC command, asdoc.ado 2.3.4.1) in the forms real do-files use:

    asdoc command [varlist] [if] [in] [, asdoc_options command_options]
    asdoc, row(text, text, ...) | accum(value, value, ...) | text(text)  [, asdoc_options]

asdoc runs the command as typed (its usual output), then writes a table of its results to a
Word-readable RTF document, ``save(filename)`` (default ``Myfile.doc``; ``.doc`` added to a name
without an extension).  A new file is written; an existing one takes the table at its end
(asdoc's "option append was assumed") unless ``replace``; ``replace`` with ``append`` is refused.
Options asdoc does not know go to the command.  The tables (asdoc_tables.py):

- ``sum``: Variables Obs Mean Std.Dev. Min Max (``detail``: and p1 p99 Skew. Kurt.), each from
  summarize over the same if/in (no varlist: every numeric variable); ``stat()`` makes it tabstat's;
- ``tabstat``: a row a variable, a column a statistic of its ``stat()``/``statistics()``;
- ``cor``/``pwcorr``: the lower triangle of r(C);
- an estimation command (any of mlm's: regress, logit, xtreg, mixed, the me commands ...): the
  detailed table (Coef. St.Err. t-value p-value [95% Conf Interval] Sig., ``noci``/``nostars``
  leave out the interval and stars) with the model rows (mean and SD of the dependent variable,
  R-squared, Number of obs, F or chi-square test, AIC and BIC by estat ic); with ``nest`` the
  nested table: one column a model, the next ``nest`` call on the same file adding a column
  (``replace``/``reset`` start a new one), ``cnames()`` a column's title;
- ``tab`` of one variable, ``tab1`` of each: value (label), Freq., Percent, Cum., Total;
- ``list``: list's output, then a row an observation (if/in), a column a variable (numbers in
  dec() decimals, labels unless nolabel);
- ``ttest``: one row, a one-sample test against 0 (obs Mean St_Err t_value p_value) or by()'s
  two-group test (obs1 obs2 Mean1 Mean2 dif St_Err t_value p_value), each figure rounded as
  asdoc's asttom rounds it (t to 0.05, means to 0.0005) before the decimals;
- ``row()``: one table row (the first with ``title()``, default "Table 1"; the next row() calls
  on the same file add rows), numbers in ``dec()`` decimals; ``accum()`` collects values in the
  global macro ``accum`` for the next row() (``row(..., $accum)``), which clears it;
  ``text()`` a paragraph.

``abb(#)`` abbreviates the variable names heading the rows of sum, tabstat and cor tables to #
characters (abbrev()); ``abb(.)`` or none leaves them whole (asdoc's own default abbreviates
long names at 10 or 20 characters, mlm's does not).  ``dec(#)`` (default 3) rounds, trailing zeros dropped unless ``tzok``; ``label`` shows variable
labels; ``title()``; ``fs(#)`` the font size in points and ``font()`` the font (default
Garamond).  The RTF layout is mlm's own (asdoc writes its documents from compiled Mata,
lasdoc.mlib, whose layout could not be read): the cells are asdoc's, their borders and widths
are not.  Refused (r(198)): asdoc's other options, and its other commands (two-way tab, tab2,
table, des ...); ttest against another number than 0 or of two variables.  ``asdoc`` alone, or
options without a command, text() or row(), prints "No command found" and returns 0, as
asdoc.ado does (it displays the message and exits).
"""
from __future__ import annotations

import os

from mlmcli.commands.community.asdoc_tables import (TABSTAT_STATS, AsdocStop, check_tabstat_stats,
                                                     correlation_table, detailed_table,
                                                     nested_column, nested_table, number_text, summary_table,
                                                     tabstat_table, ttest_table, frequency_table)
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import read_options
from mlmcli.textscan import find_top

HELP = {"asdoc": "asdoc command ... [, save(file) replace append title() dec(#) nest label fs(#) font()] : "
                 "run a command and write its table to a Word (RTF) file (community command)"}

_BUILT_FLAGS = {"nest", "nested", "append", "replace", "label", "tzok", "nostars", "noci", "reset"}
_BUILT_ARGS = {"save", "title", "dec", "fs", "font", "row", "accum", "text", "cnames", "stat", "stats",
               "statistics", "by", "abb"}
# asdoc's getoptions lists: its own options (never passed to the command); those not above are refused
_OTHER_ASDOC = {"hid", "cmd", "noheader", "pbreak", "non", "nonum", "isreg", "newtable", "stars", "nor2",
                "rowappend", "wide", "bracket", "end", "notse", "btp", "show", "eform", "or", "frs", "keep",
                "drop", "add", "rnames", "mat", "matrix", "fcolor", "rep", "t", "se", "align",
                "addend", "cs", "fhr", "fhc", "cellwidth", "subopt", "setstars", "cite"}
_SUM = {"sum", "summarize", "summ", "summar", "summari", "su"}
_COR = {"cor", "corr", "corre", "correl", "correla", "correlat", "correlate"}
_NESTED = "asdoc_nested"  # session.settings: path -> {"columns", "base", "written"}
_ROWS = "asdoc_rows"  # session.settings: path -> {"rows", "title", "base", "written"}


def _split(text: str) -> tuple[str, list, list]:
    """(the command, asdoc's options, the command's options).  asdoc reads every word after the
    first comma as an option, a further comma only a separator (``, replace, save(x.doc)``)."""
    i = find_top(text, ",")
    if i < 0:
        return text.strip(), [], []
    body, rest = text[:i], text[i + 1:]
    parts = []
    while (j := find_top(rest, ",")) >= 0:
        parts.append(rest[:j])
        rest = rest[j + 1:]
    parts.append(rest)
    own, passed = [], []
    for opt in read_options(" ".join(parts)):
        name = opt.name
        if name in _BUILT_FLAGS or name in _BUILT_ARGS:
            own.append(opt)
        elif name in _OTHER_ASDOC:
            raise StataError(f"asdoc: option {name} is not available in mlm", 198)
        else:
            passed.append(opt)
    return body.strip(), own, passed


def _options(own) -> dict:
    opts: dict = {}
    for opt in own:
        if opt.name in _BUILT_FLAGS:
            if opt.arg is not None:
                raise StataError(f"option {opt.name}() not allowed", 198)
            opts[opt.name] = True
        else:
            if opt.arg is None:  # asdoc's getoptions: ``row`` without (text) is an empty row(), none given
                continue
            text = opt.arg.strip()
            if opt.name in ("title", "text", "cnames", "font", "save"):
                from mlmcli.commands.data.common import unquote
                text = unquote(text)
            opts["stat" if opt.name in ("stats", "statistics") else opt.name] = text
    return opts


def _option_text(passed) -> str:
    return " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in passed)


def _int(opts: dict, name: str, default: int, low: int, high: int) -> int:
    text = opts.get(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if value != value or value != int(value) or not low <= value <= high:
        raise StataError(f"Error in the option {name}(): {name}() expects an integer", 198)
    return int(value)


def _abbreviated(table, opts: dict):
    """``abb(#)``: the variable names heading the rows abbreviated to # characters as abbrev()
    does (asdoc's help, 1.12); ``abb(.)`` and no abb(): the names whole.  Labels (``label``)
    are left whole."""
    import dataclasses

    from mlmcli.render.abbrev import abbrev as stata_abbrev

    text = opts.get("abb")
    if text is None or text.strip() == "." or opts.get("label"):
        return table
    width = _int(opts, "abb", 0, 1, 2045)
    return dataclasses.replace(table, rtitles=tuple(stata_abbrev(str(t), width) for t in table.rtitles))


def _path(opts: dict) -> str:
    from mlmcli.commands.data.common import unquote

    path = unquote(opts.get("save") or "Myfile.doc")
    return path if "." in os.path.basename(path) else path + ".doc"


def _write(session, path: str, table, opts: dict, state_key: str | None = None, state: dict | None = None) -> None:
    """The table's RTF to ``path``: a new file, ``replace``, or at the end of the file (asdoc's
    assumed append; a table this session keeps growing -- nested columns, rows -- is rewritten
    after the text it followed)."""
    from mlmcli.commands.community.table_file import write_table_file
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.render.formatted_table import render_formatted_rtf

    font = opts.get("font") or "Garamond"
    size = _int(opts, "fs", 10, 1, 200)
    lines = render_formatted_rtf(table, font=font, half_points=2 * size)
    if state is not None and state.get("continuing"):
        base = state.get("base")
        if base is None:
            write_table_file(path, lines, replace=True, append=False, mode="rtf")
        else:
            write_bytes_atomic(path, base.encode("utf-8"), replace=True)
            write_table_file(path, lines, replace=False, append=True, mode="rtf")
    else:
        exists = os.path.exists(path)
        if exists and not opts.get("replace") and not opts.get("append"):
            session.print(f"(File {path} already exists, option append was assumed)")
        if state is not None:
            with_base = exists and not opts.get("replace")
            state["base"] = open(path, encoding="utf-8", errors="replace").read() if with_base else None
        write_table_file(path, lines, replace=bool(opts.get("replace")), append=exists and not opts.get("replace"),
                         mode="rtf")
    if state is not None:
        state["written"] = open(path, encoding="utf-8", errors="replace").read()
        session.settings.setdefault(state_key, {})[os.path.abspath(path)] = state
    session.print(f"Click to Open File:  {path}")


def _continued(session, key: str, path: str, opts: dict) -> dict | None:
    """The table this session last wrote to ``path`` under ``key``, when the file still ends
    with it and neither replace nor reset starts a new one."""
    state = session.settings.get(key, {}).get(os.path.abspath(path))
    if state is None or opts.get("replace") or opts.get("reset") or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as fh:
        return state if fh.read() == state.get("written") else None


def _cells(text: str, dec: int) -> list[str]:
    """row()'s cells: comma-separated, numbers in %9.<dec>f (asdoc's row with dec())."""
    out = []
    for cell in text.split(","):
        cell = cell.strip()
        try:
            out.append(number_text(float(cell), dec, True))
        except ValueError:
            out.append(cell)
    return out


def _accum(session, text: str, dec: int) -> None:
    values = [c for c in _cells(text, dec)]
    old = session.globals.get("accum", "")
    session.globals["accum"] = " , ".join(([old] if old else []) + values)


def _row(session, opts: dict, dec: int) -> None:
    from mlmcli.results.formatted_table import FormattedTable

    path = _path(opts)
    cells = _cells(opts["row"], dec)
    state = _continued(session, _ROWS, path, opts)
    if state is None:
        state = {"rows": [], "title": opts.get("title") or "Table 1"}
    else:
        state["continuing"] = True
    state["rows"].append(cells)
    width = max(len(r) for r in state["rows"])
    rows = [tuple(r) + ("",) * (width - len(r)) for r in state["rows"]]
    table = FormattedTable(body=tuple(r[1:] for r in rows[1:]), rtitles=tuple(r[0] for r in rows[1:]),
                           ctitles=(rows[0],), title=(state["title"],))
    _write(session, path, table, opts, _ROWS, state)
    state.pop("continuing", None)
    session.globals.pop("accum", None)  # asdoc's row clears $accum


def _text(session, opts: dict) -> None:
    from mlmcli.results.formatted_table import FormattedTable

    table = FormattedTable(body=(), rtitles=(), title=(opts["text"],))
    _write(session, _path(opts), table, opts)


def cmd_asdoc(session, cmd) -> None:
    """asdoc.ado shows some errors and exits with return code 0 (``AsdocStop``): so does mlm."""
    try:
        _asdoc(session, cmd)
    except AsdocStop as stop:
        session.print("\n".join(stop.lines))


def _dec(opts: dict) -> int:
    """dec(): asdoc.ado's ``confirm integer number`` failing is its two lines and exit 0; an
    integer outside 0..15 mlm refuses r(198) (no %.#f format holds it)."""
    text = opts.get("dec")
    try:
        integer = text is None or float(text) == int(float(text))
    except (ValueError, OverflowError):
        integer = False
    if not integer:
        raise AsdocStop("Error in the option dec()", f"you have entered dec({text}) where dec() expects integers")
    return _int(opts, "dec", 3, 0, 15)


def _asdoc(session, cmd) -> None:
    from mlmcli.commands import lookup
    from mlmcli.runner import Runner, current_runner

    if not cmd.args.strip():  # asdoc.ado: says so, shows its help and exits without an error
        session.print("No command found")
        return
    body, own, passed = _split(cmd.args)
    opts = _options(own)
    # asdoc.ado's order: accum() with replace, dec() (a command given), then append/rowappend
    # with replace -- each shown as an error, then exit with return code 0
    if opts.get("accum") is not None and opts.get("replace"):
        raise AsdocStop("Option replace cannot be combined with option accum")
    nest = opts.get("nest") or opts.get("nested")
    dec = _dec(opts) if body and not nest and opts.get("accum") is None else _int(opts, "dec", 3, 0, 15)
    if opts.get("accum") is not None:
        _accum(session, opts["accum"], dec)
        return
    if opts.get("replace") and opts.get("append") and (body or {"row", "text"} & opts.keys()):
        raise AsdocStop("Option append and replace cannot be used together")
    if not body:
        if opts.get("row") is not None:
            return _row(session, opts, dec)
        if opts.get("text") is not None:
            return _text(session, opts)
        # asdoc.ado displays the message as an error and exits -- with return code 0
        session.print("No command found\nThe program requires a valid Stata command or option text(string)")
        return
    runner = current_runner(session) or Runner(session)
    word, _, rest = body.partition(" ")
    spec = lookup(word)
    if spec is None:
        raise StataError(f"command {word} is unrecognized", 199)
    if opts.get("by") is not None and spec.name != "ttest":
        raise StataError("asdoc: option by() is not available in mlm but with ttest", 198)
    common = dict(dec=dec, tzok=bool(opts.get("tzok")), label=bool(opts.get("label")))
    title = opts.get("title")
    if word in _SUM or spec.name == "tabstat":
        _summary(session, runner, spec.name, rest, passed, opts, common, title)
    elif word in _COR or spec.name == "pwcorr":
        _correlation(session, runner, spec.name, rest, passed, opts, common, title)
    elif spec.name in ("tabulate", "tab1"):
        _tabulate(session, runner, spec.name, rest, passed, opts, common, title)
    elif spec.name == "ttest":
        _ttest(session, runner, rest, passed, opts, common, title)
    elif spec.name == "list":
        _listing(session, runner, rest, passed, opts, common, title)
    elif spec.target.startswith("mlmcli.commands.estimation."):
        _estimation(session, runner, body, passed, opts, common, title)
    else:
        raise StataError(f"asdoc: asdoc {word} is not available in mlm (sum, tabstat, cor, pwcorr, ttest, "
                         "one-way tab, tab1, list and estimation commands are)", 198)


def _varlist_and_qualifiers(session, rest: str) -> tuple[list[str], str]:
    from mlmcli.commands.data.common import split_if_in

    names, qualifiers = split_if_in(rest)
    ds = session.data
    if names.strip():
        return ds.expand_varlist(names), qualifiers
    return [v for v in ds.varnames if not ds.is_string(v)], qualifiers


def _summary(session, runner, name, rest, passed, opts, common, title) -> None:
    varlist, qualifiers = _varlist_and_qualifiers(session, rest)
    stats = opts.get("stat")
    detail = False
    for o in passed:
        if name == "summarize" and abbreviates(o.name, "detail", 1) and o.arg is None:
            detail = True
        elif name == "tabstat" and o.arg is not None and (abbreviates(o.name, "statistics", 1)):
            stats = stats or o.arg
        elif name != "tabstat":
            raise StataError(f"asdoc sum: option {o.name} not allowed", 198)
    if name == "tabstat" or stats is not None:  # asdoc's sum with stat() is its tabstat
        others = [o for o in passed if not (name == "tabstat" and abbreviates(o.name, "statistics", 1))]
        words = (stats or "mean").replace(",", " ")
        check_tabstat_stats(words.split())
        runner.execute(f"tabstat {' '.join(varlist)} {qualifiers}, statistics({words}) {_option_text(others)}")
    else:
        runner.execute(f"{name} {' '.join(varlist)} {qualifiers}" + (", detail" if detail else ""))
    kept = dict(session.r)
    try:
        path = _path(opts)
        if stats is not None or name == "tabstat":
            words = (stats or "mean").replace(",", " ").split()
            table = tabstat_table(runner, session, varlist, qualifiers, words, title=title, **common)
        else:
            table = summary_table(runner, session, varlist, qualifiers, detail=detail, title=title, **common)
    finally:
        session.set_r(kept)
    _write(session, path, _abbreviated(table, opts), opts)


_PWCORR_NOT_BUILT = ("obs", "sig", "star", "print", "bonferroni", "sidak", "listwise", "casewise")


def _correlation(session, runner, name, rest, passed, opts, common, title) -> None:
    if name == "pwcorr":
        for o in passed:
            for word, least in zip(_PWCORR_NOT_BUILT, (1, 1, 2, 1, 1, 1, 1, 1)):
                if abbreviates(o.name, word, least):
                    raise StataError(f"asdoc pwcorr: option {o.name} is not available in mlm", 198)
    runner.execute(f"{name} {rest}{', ' + _option_text(passed) if passed else ''}")
    C = session.r.get("C")
    names = [str(n) for n in C.rownames] if C is not None else []
    table = correlation_table(session, names, title=title or ("Pairwise correlations" if name == "pwcorr"
                                                             else "Matrix of correlations"), **common)
    _write(session, _path(opts), _abbreviated(table, opts), opts)


def _tabulate(session, runner, name, rest, passed, opts, common, title) -> None:
    """asdoc tab of one variable, tab1 of each: the frequency table; ``nolabel`` the only
    tabulate option taken (others, two-way tables and weights are refused)."""
    from mlmcli.commands.data.common import reject_weight, split_if_in

    reject_weight(rest)
    names, qualifiers = split_if_in(rest)
    nolabel = False
    for o in passed:
        if abbreviates(o.name, "nolabel", 5) and o.arg is None:
            nolabel = True
        else:
            raise StataError(f"asdoc {name}: option {o.name} is not available in mlm", 198)
    varlist = session.data.expand_varlist(names)
    if name == "tabulate" and len(varlist) != 1:
        raise StataError("asdoc tab: mlm writes the one-way table (tab1 for several variables)", 198)
    runner.execute(f"{name} {rest}{', nolabel' if nolabel else ''}")
    kept = dict(session.r)
    tables = [frequency_table(session, var, qualifiers, nolabel=nolabel, title=title, **common) for var in varlist]
    session.set_r(kept)
    path = _path(opts)
    for k, table in enumerate(tables):  # tab1: each table after the one before, as asdoc appends them
        _write(session, path, table, opts if k == 0 else {**opts, "replace": False, "append": True})


def _listing(session, runner, rest, passed, opts, common, title) -> None:
    """asdoc list: list as typed, then its observations and variables as a table
    (``listing_table``); of list's options only ``nolabel`` changes the table."""
    from mlmcli.commands.community.asdoc_tables import listing_table

    from mlmcli.commands.data.common import split_if_in

    names, qualifiers = split_if_in(rest)  # list alone: every variable, strings too
    varlist = session.data.expand_varlist(names) if names.strip() else list(session.data.varnames)
    runner.execute(f"list {rest}{', ' + _option_text(passed) if passed else ''}")
    nolabel = any(abbreviates(o.name, "nolabel", 3) and o.arg is None for o in passed)
    table = listing_table(session, varlist, qualifiers, nolabel=nolabel, title=title, **common)
    _write(session, _path(opts), table, opts)


def _ttest(session, runner, rest, passed, opts, common, title) -> None:
    """asdoc ttest: a one-sample test against 0 (``var == 0``) or a two-group test (``by()``,
    ``unequal``); its table tests the mean against 0 whatever number is typed (asttom's regression
    on a constant), so another number, and two-variable tests, are refused."""
    from mlmcli.commands.data.common import split_if_in

    test, qualifiers = split_if_in(rest)
    by = opts.get("by")  # asdoc's own option, handed to the t test
    unequal = any(abbreviates(o.name, "unequal", 3) or abbreviates(o.name, "welch", 1) for o in passed)
    var, _, value = test.partition("==")
    if by is None:
        try:
            zero = float(value.strip() or "x") == 0
        except ValueError:
            zero = False
        if not zero:
            raise StataError("asdoc ttest: mlm writes the one-sample test against 0 (var == 0) and the two-group "
                             "test (by()); asdoc's table tests the mean against 0 whatever is typed", 198)
    elif value.strip():
        raise StataError("may not combine = and option by()", 198)
    var = session.data.resolve(var.strip())
    runner.execute(f"ttest {rest}, {'by(' + by + ') ' if by else ''}{_option_text(passed)}")
    table = ttest_table(session, var, by, unequal, title=title, **common)
    _write(session, _path(opts), table, opts)


def _estimation(session, runner, body, passed, opts, common, title) -> None:
    from mlmcli.estimation import active as estimates

    nest = bool(opts.get("nest") or opts.get("nested"))
    if opts.get("stat") is not None:  # asdoc's e() rows under a model
        raise StataError("asdoc: stat() after an estimation command is not available in mlm", 198)
    if opts.get("cnames") is not None and not nest:
        raise StataError("asdoc: cnames() is not available in mlm without nest", 198)
    runner.execute(body + (", " + _option_text(passed) if passed else ""))
    e = estimates.active(session)
    path = _path(opts)
    if nest:
        state = _continued(session, _NESTED, path, opts)
        if state is None:
            state = {"columns": [], "title": title}
        else:
            state["continuing"] = True
        state["columns"].append(nested_column(session, e, opts.get("cnames")))
        table = nested_table(session, state["columns"], title=state["title"] or title,
                             stars_shown=not opts.get("nostars"), **common)
        _write(session, path, table, opts, _NESTED, state)
        state.pop("continuing", None)
        return
    kept = dict(session.r)
    table = detailed_table(runner, session, e, title=title, stars_shown=not opts.get("nostars"),
                           ci_shown=not opts.get("noci"), **common)
    session.set_r(kept)
    _write(session, path, table, opts)
