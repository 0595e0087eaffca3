"""``outreg2`` (Roy Wada's community command) in the forms real do-files use:

    outreg2 [varlist] using filename [, replace append se bdec(#) dec(#) ctitle(text) label keep(varlist)
        drop(varlist) nocons word tex stats(coef [se|tstat|pval]) sideway alpha(#, #...) symbol(s, s...)]

The active estimates become one column of a table in outreg2's content conventions:
coefficients (``bdec(#)`` decimals, default 3) with stars ``*** p<0.01, ** p<0.05, * p<0.1``,
standard errors in parentheses below, ``_cons`` labelled ``Constant``, the rows
``Observations`` and (after regress) ``R-squared``, the column headed ``(1)`` and the
dependent variable (or ``ctitle()``).  ``append`` (or neither ``replace`` nor ``append`` on a
file that exists) adds a column to the table this session
last wrote to the same file (one not written by outreg2 in this session is refused: the
file itself is never parsed).  The file's format follows its extension, as outreg2's
``word``/``tex`` options: ``.doc``/``.rtf`` (or ``word``) an RTF document, ``.tex`` (or
``tex``) a LaTeX tabular, anything else tab-separated text; the table is built and
rendered by esttab's machinery (``mlmcli.estimation.estout``, ``mlmcli.render.estout``).
``stats()`` picks the statistics (``coef``, then one of ``se`` ``tstat`` ``pval`` in
parentheses; ``stats(coef)`` the coefficients alone), ``sideway`` puts the second statistic
beside the coefficient instead of below it, ``dec(#)`` sets every decimal count (``bdec()``
wins for the coefficients), ``alpha()``/``symbol()`` replace the significance levels and their
symbols (paired in order; more than three levels need ``symbol()``), the note listing them from
the smallest.  Refused (r(198)): ``excel``, other ``stats()`` and every other outreg2 option.
"""
from __future__ import annotations

import os

from mlmcli.commands.data.common import split_using, unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options

HELP = {"outreg2": "outreg2 [varlist] using file [, replace append se bdec(#) ctitle() label keep() drop() "
                   "nocons word tex] : regression table written to a file (community command)"}

_OPTS = [OptionSpec("replace", 3), OptionSpec("append", 3), OptionSpec("se", 2), OptionSpec("bdec", 4, takes_arg=True),
         OptionSpec("ctitle", 2, takes_arg=True), OptionSpec("label", 3), OptionSpec("keep", 4, takes_arg=True),
         OptionSpec("drop", 4, takes_arg=True), OptionSpec("nocons", 6), OptionSpec("word", 4),
         OptionSpec("tex", 3), OptionSpec("excel", 5), OptionSpec("dec", 3, takes_arg=True),
         OptionSpec("stats", 5, takes_arg=True), OptionSpec("sideway", 4), OptionSpec("alpha", 5, takes_arg=True),
         OptionSpec("symbol", 6, takes_arg=True)]
_STATS = {"coef": "b", "se": "se", "tstat": "t", "pval": "p"}
_NOTES = {"se": "Standard errors in parentheses", "t": "t-statistics in parentheses", "p": "pval in parentheses"}


def _stats(opts: dict) -> list[str]:
    """The statistics stats() asks for (default coef se), as estout names them."""
    words = str(opts.get("stats") or "coef se").replace(",", " ").split()
    for w in words:
        if w not in _STATS:
            raise StataError(f"outreg2: stats({w}) is not available in mlm (coef, se, tstat, pval)", 198)
    if words[0] != "coef" or len(words) > 2 or (len(words) == 2 and words[1] == "coef"):
        raise StataError("outreg2: mlm writes stats(coef) or stats(coef se|tstat|pval)", 198)
    return [_STATS[w] for w in words]


def _star_levels(opts: dict):
    """((symbol, text, level) ... ) from the largest level, as build_table takes them."""
    if not opts.get("alpha") and not opts.get("symbol"):
        return (("*", "0.1", 0.1), ("**", "0.05", 0.05), ("***", "0.01", 0.01))
    texts = [w.strip() for w in str(opts.get("alpha") or "0.01, 0.05, 0.10").split(",") if w.strip()]
    try:
        levels = [float(t) for t in texts]
    except ValueError:
        raise StataError("outreg2: alpha() takes numbers between 0 and 1", 198) from None
    if any(not 0 < lv < 1 for lv in levels):
        raise StataError("outreg2: alpha() takes numbers between 0 and 1", 198)
    if opts.get("symbol"):
        symbols = [w.strip() for w in str(opts["symbol"]).split(",") if w.strip()]
    elif len(levels) <= 3:
        symbols = ["***", "**", "*"][:len(levels)]
    else:
        raise StataError("outreg2: more than three alpha() levels need symbol()", 198)
    if len(symbols) != len(levels):
        raise StataError("outreg2: symbol() needs one symbol for each alpha() level", 198)
    pairs = sorted(zip(levels, symbols, texts), reverse=True)
    return tuple((sym, text, lv) for lv, sym, text in pairs)
_TABLES = "outreg2_tables"  # session.settings key: path -> [(title, EstimationResults)]


def _mode(path: str, opts: dict) -> str:
    ext = os.path.splitext(path)[1].lower()
    if opts.get("word") or ext in (".doc", ".rtf", ".docx"):
        if ext == ".docx":
            raise StataError("outreg2: .docx is not written by mlm; use .doc or .rtf (an RTF document)", 198)
        return "rtf"
    if opts.get("tex") or ext == ".tex":
        return "tex"
    return "tab"


def cmd_outreg2(session, cmd) -> None:
    from mlmcli.commands.community.estout_options import write_table_file, quoted_words
    from mlmcli.estimation import active as estimates
    from mlmcli.estimation.estout import EstoutSpec, build_table
    from mlmcli.render.estout import render_estout
    from mlmcli.results.estout import CellElement

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, _OPTS)
    if opts.get("excel"):
        raise StataError("outreg2, excel is not available in mlm (use a .txt, .doc/.rtf or .tex file)", 198)
    if opts.get("replace") and opts.get("append"):
        raise StataError("options replace and append may not be combined", 198)
    varlist, file_text = split_using(body)
    if file_text is None:
        raise StataError("using required", 100)
    path = unquote(file_text)
    if not os.path.splitext(path)[1]:
        path += ".txt"
    mode = _mode(path, opts)
    e = estimates.lookup(session, ".")
    key = os.path.abspath(path)
    tables = session.settings.setdefault(_TABLES, {})
    # neither replace nor append on a file that exists: a column added, as append (the usage of
    # published do-files -- a loop of outreg2 without either option after erasing the file, a
    # textbook's replace then plain outreg2 lines; outreg2.ado itself not read)
    appending = os.path.exists(path) and (opts.get("append") or not opts.get("replace"))
    if appending:
        if key not in tables:
            raise StataError(f"outreg2: {path} was not written by outreg2 in this session; mlm appends only "
                             "to tables it wrote", 198)
        columns = tables[key] + [(None, e)]
    else:
        columns = [(None, e)]
    digits = integer_option(opts, "bdec", integer_option(opts, "dec", 3, minimum=0), minimum=0)
    aux_digits = integer_option(opts, "dec", 3, minimum=0)
    keep = quoted_words(opts.get("keep")) + varlist.split()
    drop = quoted_words(opts.get("drop")) + (["_cons"] if opts.get("nocons") else [])
    wanted = _stats(opts)
    main = CellElement("b", f"%20.{digits}f", "", True)
    aux = [CellElement(w, f"%20.{aux_digits}f", "()", False) for w in wanted[1:]]
    cells = ((main, *aux),) if opts.get("sideway") else ((main,), *((a,) for a in aux))
    title = unquote(opts["ctitle"].strip()) if opts.get("ctitle") else None
    columns[-1] = (title, e)  # each column keeps the ctitle() it was written with
    mlabels = tuple(t if t is not None else (c.macros.get("depvar", "").split() or [""])[0] for t, c in columns)
    stats = [("N", "Observations", "%18.0g")]
    if any("r2" in c.scalars and c.cmd == "regress" for _, c in columns):
        stats.append(("r2", "R-squared", f"%9.{aux_digits}f"))
    spec = EstoutSpec(cells=cells, keep=keep, drop=drop, label=bool(opts.get("label")),
                      coeflabels={"_cons": "Constant"}, stats=stats, eqlabels=[])
    levels = _star_levels(opts)
    table = build_table(session, [(str(k), c) for k, (_, c) in enumerate(columns)], spec, cells=spec.cells,
                        numbers=tuple(f"({k})" for k in range(1, len(columns) + 1)), mlabels=mlabels,
                        star_levels=levels, notes=tuple(_NOTES[a.name] for a in aux), star_legend=True, title="",
                        gaps=False, lines=mode != "tab", varwidth=20 if opts.get("label") else 12, modelwidth=12,
                        abbreviate=False, extra={"indicate": []})
    # outreg2 lists the levels from the smallest: *** p<0.01, ** p<0.05, * p<0.1
    ascending = ", ".join(f"{sym} p<{text}" for sym, text, _ in levels)
    descending = ", ".join(f"{sym} p<{text}" for sym, text, _ in reversed(levels))
    lines = [ln.replace(ascending, descending) for ln in render_estout(table, mode)]
    write_table_file(path, lines, replace=True, append=False, mode=mode)
    tables[key] = columns
    session.print(path)
