"""``outreg2`` (Roy Wada's community command) in the forms real do-files use:

    outreg2 [varlist] [[estlist]] using filename [, replace append se bdec(#) sdec(#) dec(#) rdec(#)
        cdec(#) ctitle(text) label level(#) noaster
        keep(varlist) drop(varlist) nocons word tex excel stats(coef [se tstat pval ci]) tstat pvalue ci sideway
        alpha(#, #...) symbol(s, s...) addstat(name, exp, ...) e(scalars|all) adec(#) addtext(name, text, ...)
        eform onecol long wide eqkeep(eqlist) eqdrop(eqlist) title(text, ...) addnote(text, ...) sum(log)]

The active estimates (or each stored result named in ``[estlist]``, in order) become one column
of a table in outreg2's content conventions:
coefficients (``bdec(#)`` decimals, default outreg2's ``auto(3)``: three significant digits) with stars ``*** p<0.01, ** p<0.05, * p<0.1``,
standard errors in parentheses below, ``_cons`` labelled ``Constant`` (kept by a varlist or keep()
unless nocons), the rows ``Observations`` (%12.0fc), ``R-squared`` when e(r2) is set (``rdec(#)``
decimals; ``nor2`` none) and ``Number of <e(ivar)>`` from e(N_g) (``noni`` none), then the
``addstat()`` rows (outreg2_rows: three significant digits, or ``adec(#)``), the ``e()`` rows
(each e() scalar named, ``e(all)`` every one but N) and the ``addtext()`` rows, the column headed ``(1)`` and the dependent variable (or ``ctitle()``;
under ``label`` the dependent variable's label).  The .txt is laid out as outreg2 writes it
(outreg2_layout): ``VARIABLES`` above the names, an empty row above and below the coefficients,
every row as wide as the table, and ``label`` a ``LABELS`` column beside the names.
``append`` (or no ``replace`` on a file that exists) adds a column to the table this session
last wrote to the same file (one not written by outreg2 in this session is refused: the
file itself is never parsed); ``replace`` with ``append`` replaces, with outreg2's note.
The table is always tab-separated text in a ``.txt`` file; as outreg2's, a ``.doc``/``.rtf``
name is also an RTF document, ``.tex`` a LaTeX tabular, ``.xls .xlsx .xml .xlm .csv`` outreg2's
Excel 2003 SpreadsheetML (outreg2_excel), the table going to the same name ending ``.txt``,
and ``word``/``tex``/``excel`` add <name>.rtf/.tex/.xml beside it;
the table is built and rendered by esttab's machinery (``mlmcli.estimation.estout``,
``mlmcli.render.estout``).  ``stats()`` picks the statistics (``coef``, then any of ``se``
``tstat`` ``pval`` ``ci``, each once; the 2nd, 4th ... in parentheses, as makeFile's parity rule;
``ci`` is ``lo - hi`` at ``level()``, default c(level), decimals ``cdec()``); the options ``tstat``,
``pvalue`` and ``ci`` are ``stats(coef tstat|pval|ci)``, ``sideway`` puts
the statistics beside the coefficient, each its own column, only ``se`` in parentheses,
``noaster`` leaves out the stars and their note, ``asterisk(se)`` (any of the statistics shown)
puts them after those statistics instead of the coefficient, ``dec(#)`` sets every decimal
count (``bdec()`` wins for the coefficients), ``alpha()``/``symbol()`` replace the significance
levels and their symbols (paired in order; more than three levels need ``symbol()``), the note
listing them from the smallest; ``eform`` shows exp(b) and exp(b)*se (outreg2's coefEform and
seEform), the stars still from b/se, each column as the call that wrote it asked; ``onecol`` labels each
equation of a multi-equation model by a row above its rows (``long`` the same; forced after ologit and
oprobit); without it (or with ``wide``) each equation is a column of its own, headed by its name,
the model's statistic rows under each (outreg2_equations, with ``eqkeep()``/``eqdrop()``);
``sum(log)`` writes the variables' summary statistics instead (``outreg2_summary``);
``title()`` lines go above the table, ``addnote()`` lines below its notes (a new table only).  Refused (r(198)): ``seeout`` (Stata's data browser),
``ctitle()`` with several rows, other ``stats()`` and every other outreg2 option.
"""
from __future__ import annotations

import dataclasses
import math
import os
import re

from mlmcli.commands.community.outreg2_equations import (EQUATION_COLUMN, equation_lists, equation_names,
                                                            model_columns, one_column, row_order, stripped_names)
from mlmcli.commands.community.outreg2_excel import EXCEL_EXTENSIONS, spreadsheetml
from mlmcli.commands.community.outreg2_layout import depvar_heading, text_rows, variable_labels
from mlmcli.commands.community.outreg2_rows import added_rows, groups_row, table_rows, text_list
from mlmcli.commands.community.outreg2_summary import summary_kind, summary_results
from mlmcli.commands.data.common import one_using_file, split_using, unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options

HELP = {"outreg2": "outreg2 [varlist] using file [, replace append se bdec(#) rdec(#) ctitle() label keep() drop() "
                   "nocons word tex excel addstat() adec(#) addtext()] : regression table written to a file "
                   "(community command)"}

_OPTS = [OptionSpec("replace", 3), OptionSpec("append", 3), OptionSpec("se", 2), OptionSpec("bdec", 2, takes_arg=True),
         OptionSpec("ctitle", 2, takes_arg=True), OptionSpec("label", 3), OptionSpec("keep", 4, takes_arg=True),
         OptionSpec("drop", 4, takes_arg=True), OptionSpec("nocons", 6), OptionSpec("word", 4),
         OptionSpec("tex", 3, takes_arg=True, arg_optional=True), OptionSpec("excel", 5), OptionSpec("dec", 3, takes_arg=True),
         OptionSpec("stats", 2, takes_arg=True), OptionSpec("sideway", 4), OptionSpec("alpha", 5, takes_arg=True),
         OptionSpec("symbol", 6, takes_arg=True), OptionSpec("addstat", 4, takes_arg=True),
         OptionSpec("addtext", 4, takes_arg=True), OptionSpec("rdec", 2, takes_arg=True),
         OptionSpec("adec", 2, takes_arg=True), OptionSpec("sdec", 2, takes_arg=True), OptionSpec("seeout", 3),
         OptionSpec("tdec", 1, takes_arg=True), OptionSpec("pdec", 2, takes_arg=True),
         OptionSpec("auto", 4, takes_arg=True), OptionSpec("eform", 2), OptionSpec("2aster", 6),
         OptionSpec("nonotes", 5), OptionSpec("noaster", 4), OptionSpec("level", 1, takes_arg=True),
         OptionSpec("cdec", 2, takes_arg=True), OptionSpec("ci", 2), OptionSpec("tstat", 5),
         OptionSpec("pvalue", 1), OptionSpec("bracket", 2), OptionSpec("noparen", 4),
         OptionSpec("e", 1, takes_arg=True), OptionSpec("onecol", 1), OptionSpec("title", 2, takes_arg=True),
         OptionSpec("addnote", 4, takes_arg=True), OptionSpec("wide", 4), OptionSpec("long", 4),
         OptionSpec("eqkeep", 6, takes_arg=True), OptionSpec("eqdrop", 6, takes_arg=True),
         OptionSpec("sum", 3, takes_arg=True, arg_optional=True), OptionSpec("asterisk", 5, takes_arg=True),
         OptionSpec("noni", 4), OptionSpec("nor2", 4)]
_STATS = {"coef": "b", "se": "se", "tstat": "t", "pval": "p", "ci": "ci"}


def _stats(opts: dict) -> list[str]:
    """The statistics stats() asks for (default coef se), in outreg2's names.  outreg2's
    two-column options ``tstat``, ``pvalue`` and ``ci`` put that statistic below the
    coefficient instead of the standard error (its statsList ``coef tstat`` ...); one of them
    only, and not with stats() (outreg2's messages, r(198))."""
    two_column = [name for name in ("tstat", "pvalue", "ci") if opts.get(name)]
    if two_column and opts.get("stats"):
        shown = {"pvalue": "p:value", "tstat": "tstat", "ci": "ci"}[two_column[0]]
        raise StataError(f"cannot specify both st:ats( ) and {shown} options", 198)
    if len(two_column) > 1:
        raise StataError("choose only one of tstat, pvalue, ci, or beta", 198)
    default = {"tstat": "coef tstat", "pvalue": "coef pval", "ci": "coef ci"}.get(
        two_column[0] if two_column else "", "coef se")
    words = str(opts.get("stats") or default).replace(",", " ").split()
    for w in words:
        if w not in _STATS:
            raise StataError(f"outreg2: stats({w}) is not available in mlm (coef, se, tstat, pval, ci)", 198)
    if words[0] != "coef" or "coef" in words[1:] or len(set(words)) != len(words):
        raise StataError("outreg2: mlm writes stats(coef) or stats(coef followed by se, tstat, pval or ci, "
                         "each once)", 198)
    return words


def _parenthesized(words: list[str], sideway: bool) -> list[str]:
    """The statistics outreg2's makeFile puts in parentheses when parenthesis() is not typed:
    the 2nd, 4th ... of a column; under sideway each statistic is a column of its own (one
    statistic), so only the default ``se``."""
    if sideway:
        return [w for w in words[1:] if w == "se"]
    return [w for k, w in enumerate(words) if k % 2 == 1]


def _enclosed(words: list[str], sideway: bool, opts: dict) -> tuple[list[str], tuple[str, str]]:
    """The statistics in parentheses and the enclosing pair: ``noparen`` none; ``bracket``
    every statistic beside the coefficient in square brackets (makeFile wraps each non-coef
    string in [ ] when parenthesis() is not typed; noparen skips that block, so it wins); else
    the parity rule in parentheses."""
    if opts.get("noparen"):
        return [], ("(", ")")
    if opts.get("bracket"):
        return list(words[1:]), ("[", "]")
    return _parenthesized(words, sideway), ("(", ")")


def _note(words: list[str], sideway: bool, eform: bool, first=None) -> str | None:
    """makeFile's note on the statistics in parentheses, from its statsList and parenList
    (eform renames coef se ci to coefEform seEform ciEform): statsList "coef pval" is
    p-values, "coef se" or parenList "se" Standard errors, parenList "tstat" t-statistics
    (z-statistics when the model has no e(df_r)), any other parenList its own words; none
    when statsList is "coef" (sideway's first column holds coef alone, its parenList the
    default se).  The note is the table's first call's: "Robust " + lower(text) when that
    model's e(vcetype) is Robust."""
    def named(w):
        return w + "Eform" if eform and w in ("coef", "se", "ci") else w
    stats_list = [named("coef")] if sideway else [named(w) for w in words]
    parens = [named(w) for w in (["se"] if sideway else _parenthesized(words, False))]
    if stats_list == ["coef"] or not parens:
        return None
    if stats_list == ["coef", "pval"]:
        text = "p-values"
    elif stats_list == ["coef", "se"] or parens == ["se"]:
        text = "Standard errors"
    elif parens == ["tstat"]:
        text = "z-statistics" if first is not None and "df_r" not in first.scalars else "t-statistics"
    else:
        text = " ".join(parens)
    if first is not None and first.macros.get("vcetype") == "Robust":
        text = "Robust " + text.lower()
    return f"{text} in parentheses"


def _finite(value) -> bool:
    try:
        return value is not None and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _level(session, opts: dict) -> int:
    """outreg2's ``Level(integer $S_level)``: 10 to 99, else ``level() invalid``."""
    level = integer_option(opts, "level", None)
    if level is None:
        level = int(round(float(getattr(session, "level", 95) or 95)))  # $S_level: set level
    if not 10 <= level <= 99:
        raise StataError("level() invalid", 198)
    return level


def _check_tex_options(tex) -> None:
    """outreg2's ``tex(texopts)`` (_texout_parse: FRagment NOPRetty PRetty Landscape): fragment
    (the tabular alone) and nopretty (the default) are written; pretty and landscape (the
    document's fonts and page) are refused."""
    if tex is None or tex is True:
        return
    from mlmcli.syntax.abbreviation import abbreviates
    for word in str(tex).split():
        low = word.lower()
        if abbreviates(low, "fragment", 2) or abbreviates(low, "nopretty", 4):
            continue
        if abbreviates(low, "pretty", 2) or abbreviates(low, "landscape", 1):
            raise StataError(f"outreg2: tex({word}) is not available in mlm; tex and tex(fragment) are", 198)
        raise StataError(f"option {word} not allowed", 198)


def _tex_fragment(tex) -> bool:
    from mlmcli.syntax.abbreviation import abbreviates
    return isinstance(tex, str) and any(abbreviates(w.lower(), "fragment", 2) for w in tex.split())


def _starred(opts: dict, wanted: list[str]) -> set[str]:
    """The statistics the stars follow: the coefficient, or those asterisk() lists (outreg2's
    makeFile attaches asterString to each statistic named there -- se puts them after the
    standard error's parentheses; names it does not show are passed over, as it no longer
    checks them)."""
    if opts.get("asterisk") is None:
        return {"coef"}
    if opts.get("noaster"):
        raise StataError("cannot choose both noaster and asterisk( )", 198)
    return {w for w in str(opts["asterisk"]).replace(",", " ").split() if w in wanted}


def _star_levels(opts: dict):
    """((symbol, text, level) ... ) from the largest level, as build_table takes them;
    none under noaster (outreg2 then reads neither alpha() nor its note)."""
    if opts.get("noaster"):
        if opts.get("symbol"):
            raise StataError("cannot choose both noaster and symbol( )", 198)
        return ()
    if not opts.get("alpha") and not opts.get("symbol"):
        if opts.get("2aster"):  # outreg2's 2aster: alpha .01 .05 with ** and *
            return (("*", "0.05", 0.05), ("**", "0.01", 0.01))
        return (("*", "0.1", 0.1), ("**", "0.05", 0.05), ("***", "0.01", 0.01))
    # outreg2's default levels are the numbers .01 .05 .10 (noted "0.1"); typed ones keep their
    # text, a leading "." given its zero ("fix the leading zero")
    texts = [w.strip() for w in str(opts.get("alpha") or "0.01, 0.05, 0.1").split(",") if w.strip()]
    texts = ["0" + t if t.startswith(".") else t for t in texts]
    try:
        levels = [float(t) for t in texts]
    except ValueError:
        raise StataError("outreg2: alpha() takes numbers between 0 and 1", 198) from None
    if any(not 0 < lv < 1 for lv in levels):
        raise StataError("outreg2: alpha() takes numbers between 0 and 1", 198)
    if opts.get("symbol"):
        symbols = [w.strip() for w in str(opts["symbol"]).split(",") if w.strip()]
    elif len(levels) == 2 or (opts.get("2aster") and len(levels) <= 3):
        symbols = ["**", "*"][:len(levels)]  # outreg2 2.2.5: two levels (or 2aster) take ** and *
    elif len(levels) <= 3:
        symbols = ["***", "**", "*"][:len(levels)]
    else:
        raise StataError("outreg2: more than three alpha() levels need symbol()", 198)
    if len(symbols) != len(levels):
        raise StataError("outreg2: symbol() needs one symbol for each alpha() level", 198)
    pairs = sorted(zip(levels, symbols, texts), reverse=True)
    return tuple((sym, text, lv) for lv, sym, text in pairs)
def _cell_formats(opts: dict) -> dict[str, str]:
    """Each statistic's format, as outreg2's coeftxt2 picks it: a decimal option typed gives %f,
    else autodigits2's ``auto(#)`` significant digits (default 3).  b: bdec(), else dec();
    se: sdec(), else dec(), else tdec(), else bdec() (coeftxt2 writes the SEs in tdec's, else
    bdec's decimals); t: tdec(), else dec(); p: pdec(), else tdec(), else dec(); R-squared
    rdec(), else tdec(), else dec(), else 3 decimals (outreg2's rdec = dec2 = tdec or 3)."""
    auto = f"autodigits{integer_option(opts, 'auto', 3, minimum=1, maximum=11)}"
    typed = {k: integer_option(opts, k, None, minimum=0, maximum=11)
             for k in ("bdec", "sdec", "tdec", "pdec", "rdec", "dec", "cdec")}

    def first(*names, default=None):
        for name in names:
            if typed[name] is not None:
                return f"%20.{typed[name]}f"
        return default
    return {"b": first("bdec", "dec", default=auto), "se": first("sdec", "dec", "tdec", "bdec", default=auto),
            "t": first("tdec", "dec", default=auto), "p": first("pdec", "tdec", "dec", default=auto),
            "r2": first("rdec", "tdec", "dec", default="%9.3f"),
            # ci: makeFile's cdec (cdec(), else dec(), else 3 once bdec() turns autodigits off)
            "ci": first("cdec", "dec", default="%20.3f" if typed["bdec"] is not None else auto)}


_TABLES = "outreg2_tables"  # session.settings key: path -> [(title, EstimationResults, added rows)]
_OTHER_FILES = "outreg2_other_files"  # the .rtf/.tex/Excel files this session wrote (rewritten freely)
_TITLES = "outreg2_titles"  # path -> the title() lines of that table
_ADDNOTES = "outreg2_addnotes"  # path -> the addnote() lines of that table


def _outputs(path: str, opts: dict) -> tuple[str, list[tuple[str, str]]]:
    """(the tab-separated table file, [(file, "rtf" | "tex" | "xml")]) as outreg2 names them:
    a .doc/.rtf name is the RTF document, .tex the LaTeX file, .xls .xlsx .xml .xlm .csv the
    Excel file, the table then going to the same name with .txt; ``word``, ``tex``, ``excel``
    add <name>.rtf, .tex, .xml; no extension gets .txt."""
    stem, ext = os.path.splitext(path)
    kinds: dict[str, str] = {}
    if ext.lower() == ".docx":
        raise StataError("outreg2: .docx is not written by mlm; use .doc or .rtf (an RTF document)", 198)
    if ext.lower() in (".doc", ".rtf"):
        kinds["rtf"] = path
    elif ext.lower() == ".tex":
        kinds["tex"] = path
    elif ext.lower() in EXCEL_EXTENSIONS:
        kinds["xml"] = path
    base = stem if ext else path
    for option, kind, end in (("word", "rtf", ".rtf"), ("tex", "tex", ".tex"), ("excel", "xml", ".xml")):
        if opts.get(option):
            kinds.setdefault(kind, base + end)
    table = base + ".txt" if kinds.get("rtf") == path or kinds.get("tex") == path or kinds.get("xml") == path \
        else (path if ext else path + ".txt")
    return table, [(file, kind) for kind, file in kinds.items()]


def _titles_and_notes(session, key: str, opts: dict, appending: bool) -> tuple[list[str], tuple[str, ...]]:
    """The table's title() lines (above it) and addnote() lines (below its notes).  outreg2: titles
    "can be added at any time" (the last title() holds; title(" ") erases them); addnote() is
    written with a new table only ("warning: addnote ignored in appended columns")."""
    titles = session.settings.setdefault(_TITLES, {})
    notes = session.settings.setdefault(_ADDNOTES, {})
    if not appending:
        titles.pop(key, None)
        notes.pop(key, None)
    if opts.get("title") is not None:
        lines = text_list(str(opts["title"]))
        if any(line.strip() for line in lines):
            titles[key] = lines
        else:
            titles.pop(key, None)
    if opts.get("addnote") is not None:
        if appending:
            session.print("warning: addnote ignored in appended columns")
        else:
            notes[key] = text_list(str(opts["addnote"]))
    return titles.get(key, []), tuple(notes.get(key, ()))


def _estlist(varlist: str) -> tuple[str, list[str] | None]:
    """outreg2's ``[estlist]``: the stored results named in brackets (each a column, in order;
    wildcards as estimates' names take them), and the varlist without them."""
    m = re.search(r"\[([^\]]*)\]", varlist)
    if m is None:
        return varlist, None
    names = m.group(1).split()
    if not names:
        raise StataError("outreg2: [] names no stored estimates", 198)
    return (varlist[:m.start()] + " " + varlist[m.end():]).strip(), names


def _keep_over_varlist(session, varlist: str, opts: dict) -> str:
    """outreg2.ado 2.2.5's "varlist, keep, drop" step: keep() with drop() r(198); keep() with a
    varlist keeps keep() alone, with its note.  A name matching no coefficient is no error
    there (makeFile marks the rows whose name equals one; the others are dropped)."""
    keep, drop = (opts.get(o) for o in ("keep", "drop"))
    if isinstance(keep, str) and keep.strip() and varlist.strip():
        session.print("keep( ) supersedes varlist when both specified")
        varlist = ""
    if isinstance(keep, str) and keep.strip() and isinstance(drop, str) and drop.strip():
        raise StataError("cannot specify both keep( ) and drop( )", 198)
    return varlist


def cmd_outreg2(session, cmd) -> None:
    from mlmcli.commands.community.estout_stats import quoted_words
    from mlmcli.commands.community.table_file import write_table_file
    from mlmcli.estimation import active as estimates
    from mlmcli.estimation.estout import EstoutSpec, build_table
    from mlmcli.render.estout import render_estout
    from mlmcli.results.estout import CellElement

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, _OPTS)
    if opts.get("seeout"):
        # outreg2's seeout loads the table into Stata's data browser, which mlm does not have
        raise StataError("outreg2, seeout opens the table in Stata's data browser, which mlm does not have; "
                         "type the file (type filename) to see it", 198)
    if opts.get("ctitle") and "," in unquote(opts["ctitle"].strip()):
        raise StataError("outreg2: ctitle() with several title rows (a comma) is not available in mlm", 198)
    _check_tex_options(opts.get("tex"))
    varlist, file_text = split_using(body)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    if file_text is None:
        raise StataError("using required", 100)
    varlist, names = _estlist(varlist)
    varlist = _keep_over_varlist(session, varlist, opts)
    path, others = _outputs(unquote(file_text), opts)
    summary = summary_kind(opts)
    if summary is not None:  # sum(log): the variables' statistics, as outreg2 writes them
        if names is not None:
            raise StataError("outreg2: sum(log) does not take stored estimates", 198)
        opts = {**opts, "stats": "coef", "noaster": True, "nonotes": True}
        results = [summary_results(session)]
    else:
        results = [estimates.lookup(session, name) for name in estimates.expand_names(session, names)] \
            if names is not None else [estimates.lookup(session, ".")]
    key = os.path.abspath(path)
    tables = session.settings.setdefault(_TABLES, {})
    for other, _ in others:  # outreg2 rewrites these; mlm only its own or with replace
        if os.path.exists(other) and not opts.get("replace") \
                and os.path.abspath(other) not in session.settings.get(_OTHER_FILES, set()):
            raise StataError(f"file {other} already exists", 602)
    if opts.get("replace") and opts.get("append"):
        session.print("replaced when both replace and append chosen")  # outreg2's note; no error
    # neither replace nor append: append (outreg2 2.3.2's _outreg2 sets append when both are absent)
    appending = os.path.exists(path) and not opts.get("replace")
    if appending:
        if key not in tables:
            raise StataError(f"outreg2: {path} was not written by outreg2 in this session; mlm appends only "
                             "to tables it wrote", 198)
        columns = list(tables[key])
    else:
        columns = []
    titles, notes_after = _titles_and_notes(session, key, opts, appending)
    formats = _cell_formats(opts)
    keep = quoted_words(opts.get("keep")) + varlist.split()
    if keep and not opts.get("nocons") and "_cons" not in keep:
        keep.append("_cons")  # _outreg2: "add the constant unless nocons is chosen" to varlist/keep()
    drop = quoted_words(opts.get("drop")) + (["_cons"] if opts.get("nocons") else [])
    wanted = _stats(opts)
    sideway = bool(opts.get("sideway"))
    in_parens, (left, right) = _enclosed(wanted, sideway, opts)
    starred = _starred(opts, wanted)
    main = CellElement("b", formats["b"], "", "coef" in starred)
    # ci: makeFile's "lo - hi" (ci_low + " - " + ci_high), in parentheses as any statistic
    aux = [CellElement(_STATS[w], formats[_STATS[w]],
                       ((left, " - ", right) if w in in_parens else ("", " - ", "")) if w == "ci"
                       else (left + right if w in in_parens else ""), w in starred) for w in wanted[1:]]
    cells = ((main, *aux),) if sideway else ((main,), *((a,) for a in aux))
    title = unquote(opts["ctitle"].strip()) if opts.get("ctitle") else None
    equation_lists(opts)  # eqkeep() with eqdrop(): r(198) before anything is written
    if opts.get("long") and opts.get("onecol"):
        session.print("long implies onecol (no need to specify both)")
    wide_columns = []
    for e in results:  # each column keeps the ctitle(), rows and eform it was written with
        rows = groups_row(e, opts) + added_rows(session, opts, e)
        # label without ctitle(): the outcome's variable label heads the column
        own = title if title is not None or not opts.get("label") else depvar_heading(session, e)
        # wide: a column per equation, headed by its name, each with the model's rows
        for heading, view in model_columns(e, opts, keep, drop):
            columns.append((own if heading is None else heading, view, rows, bool(opts.get("eform"))))
            if heading is not None:
                wide_columns.append(view)
    if keep and wide_columns:  # their rows were chosen by keep() on eq:name already
        keep = keep + [n for n in stripped_names(wide_columns) if n not in keep]
    labelled = any(one_column(opts, e) for e in results)  # onecol/long: an equation's name above its rows
    mlabels = tuple(t if t is not None else (c.macros.get("depvar", "").split() or [""])[0] for t, c, _, _ in columns)
    # makeFile: string(N, "%12.0fc"); R-squared when e(r2) is not missing (xtreg's within R2 too), unless nor2
    stats = [] if summary is not None else [("N", "Observations", "%18.0fc", None, False)]  # sum(log): noobs
    if not opts.get("nor2") and any(_finite(c.scalars.get("r2")) for _, c, _, _ in columns):
        stats.append(("r2", "R-squared", formats["r2"], None, False))
    # eform: exp(b) and exp(b)*se, the stars from b/se (outreg2's coefEform, seEform)
    spec = EstoutSpec(cells=cells, keep=keep, drop=drop, label=bool(opts.get("label")),
                      coeflabels={"_cons": "Constant"}, stats=stats,
                      eqlabels=None if labelled else [], eform=bool(opts.get("eform")),
                      eform_models=tuple(ef for _, _, _, ef in columns),
                      level=_level(session, opts),
                      order=row_order([c for _, c, _, _ in columns]) if any(
                          EQUATION_COLUMN in c.macros for _, c, _, _ in columns) else [])
    levels = _star_levels(opts)
    # bracket / noparen: makeFile writes the note only from parenList, which they leave empty
    note = None if opts.get("bracket") or opts.get("noparen") else _note(wanted, sideway, bool(opts.get("eform")),
                                                                         columns[0][1] if columns else None)
    def built(spec):
        table = build_table(session, [(str(k), c) for k, (_, c, _, _) in enumerate(columns)], spec,
                            cells=spec.cells, numbers=tuple(f"({k})" for k in range(1, len(columns) + 1)),
                            mlabels=mlabels, star_levels=levels,
                            notes=() if opts.get("nonotes") or note is None else (note,),
                            star_legend=not opts.get("nonotes") and bool(levels), title="\n".join(titles),
                            gaps=False, lines=False, varwidth=20 if opts.get("label") else 12, modelwidth=12,
                            abbreviate=False, extra={"indicate": [], "notes_after_legend": notes_after})
        return dataclasses.replace(table, stats=table.stats + table_rows([rows for _, _, rows, _ in columns]))
    # label: the .rtf/.tex/Excel files show the labels in place of the names (_outreg2's "label
    # replacement" for its other files); the .txt keeps the names beside a LABELS column
    table = built(spec)
    text_table = built(dataclasses.replace(spec, label=False)) if opts.get("label") else table
    # outreg2 lists the levels from the smallest: *** p<0.01, ** p<0.05, * p<0.1
    ascending = ", ".join(f"{sym} p<{text}" for sym, text, _ in levels)
    descending = ", ".join(f"{sym} p<{text}" for sym, text, _ in reversed(levels))
    lines = [ln.replace(ascending, descending) for ln in render_estout(table, "tab")]
    n_notes = len(table.notes) + len(notes_after) + (1 if table.star_legend else 0)
    # onecol: cleanFile's EQUATION column (a one-equation model's equation is its depvar)
    eqs = equation_names([c for _, c, _, _ in columns]) if labelled else None
    single = None if not labelled or len(eqs) > 1 else eqs[0] if eqs else (mlabels[0] if mlabels else None)
    written = text_rows([ln.replace(ascending, descending) for ln in render_estout(text_table, "tab")],
                        titles=len(titles), stats=len(table.stats), notes=n_notes,
                        labels=variable_labels(session) if opts.get("label") else False,
                        equations=eqs, single=single)
    write_table_file(path, written, replace=True, append=False, mode="tab")
    tables[key] = columns
    session.print(path)
    for other, kind in others:
        if kind == "xml":
            from mlmcli.fileformats.safe_write import write_bytes_atomic
            # _xmlout reads the cleaned table: outreg2's rows, the labels in place of the names
            cleaned = text_rows(lines, titles=len(titles), stats=len(table.stats), notes=n_notes)
            write_bytes_atomic(other, spreadsheetml(cleaned, head_rows=2 + len(titles)).encode("utf-8"), replace=True)
        else:  # _texout / out2rtf2: the cleaned rows (labels in place of the names), VARIABLES, empty rows
            from mlmcli.commands.community.outreg2_tex import rtf_text, tex_lines
            cleaned = text_rows(lines, titles=len(titles), stats=len(table.stats), notes=n_notes,
                                equations=eqs, single=single)
            if kind == "tex":
                write_table_file(other, tex_lines(cleaned, len(titles), _tex_fragment(opts.get("tex"))),
                                 replace=True, append=False, mode=kind)
            else:
                from mlmcli.fileformats.safe_write import write_bytes_atomic
                write_bytes_atomic(other, rtf_text(cleaned, len(titles)).encode("utf-8"), replace=True)
        session.settings.setdefault(_OTHER_FILES, set()).add(os.path.abspath(other))
        session.print(other)
