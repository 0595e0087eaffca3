"""``outreg2`` (Roy Wada's community command) in the forms real do-files use:

    outreg2 [varlist] using filename [, replace append se bdec(#) ctitle(text) label keep(varlist)
        drop(varlist) nocons word tex]

The active estimates become one column of a table in outreg2's content conventions:
coefficients (``bdec(#)`` decimals, default 3) with stars ``*** p<0.01, ** p<0.05, * p<0.1``,
standard errors in parentheses below, ``_cons`` labelled ``Constant``, the rows
``Observations`` and (after regress) ``R-squared``, the column headed ``(1)`` and the
dependent variable (or ``ctitle()``).  ``append`` adds a column to the table this session
last wrote to the same file (one not written by outreg2 in this session is refused: the
file itself is never parsed).  The file's format follows its extension, as outreg2's
``word``/``tex`` options: ``.doc``/``.rtf`` (or ``word``) an RTF document, ``.tex`` (or
``tex``) a LaTeX tabular, anything else tab-separated text; the table is built and
rendered by esttab's machinery (``mlmcli.estimation.estout``, ``mlmcli.render.estout``).
Refused (r(198)): ``excel`` and every other outreg2 option.
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
         OptionSpec("tex", 3), OptionSpec("excel", 5)]
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
    if opts.get("append") and os.path.exists(path):
        if key not in tables:
            raise StataError(f"outreg2: {path} was not written by outreg2 in this session; mlm appends only "
                             "to tables it wrote", 198)
        columns = tables[key] + [e]
    else:
        if os.path.exists(path) and not opts.get("replace") and not opts.get("append"):
            raise StataError(f"file {path} already exists", 602)
        columns = [e]
    digits = integer_option(opts, "bdec", 3, minimum=0)
    keep = quoted_words(opts.get("keep")) + varlist.split()
    drop = quoted_words(opts.get("drop")) + (["_cons"] if opts.get("nocons") else [])
    main = CellElement("b", f"%20.{digits}f", "", True)
    aux = CellElement("se", f"%20.{digits}f", "()", False)
    titles = [unquote(opts["ctitle"].strip())] if opts.get("ctitle") else []
    mlabels = tuple(titles[0] if (titles and k == len(columns) - 1) else
                    (c.macros.get("depvar", "").split() or [""])[0] for k, c in enumerate(columns))
    stats = [("N", "Observations", "%18.0g")]
    if any("r2" in c.scalars and c.cmd == "regress" for c in columns):
        stats.append(("r2", "R-squared", f"%9.{digits}f"))
    spec = EstoutSpec(cells=((main,), (aux,)), keep=keep, drop=drop, label=bool(opts.get("label")),
                      coeflabels={"_cons": "Constant"}, stats=stats, eqlabels=[])
    table = build_table(session, [(str(k), c) for k, c in enumerate(columns)], spec, cells=spec.cells,
                        numbers=tuple(f"({k})" for k in range(1, len(columns) + 1)), mlabels=mlabels,
                        star_levels=(("*", "0.1", 0.1), ("**", "0.05", 0.05), ("***", "0.01", 0.01)),
                        notes=("Standard errors in parentheses",), star_legend=True, title="", gaps=False,
                        lines=mode != "tab", varwidth=20 if opts.get("label") else 12, modelwidth=12,
                        abbreviate=False, extra={"indicate": []})
    # outreg2 lists the levels from the smallest: *** p<0.01, ** p<0.05, * p<0.1
    lines = [ln.replace("* p<0.1, ** p<0.05, *** p<0.01", "*** p<0.01, ** p<0.05, * p<0.1")
             for ln in render_estout(table, mode)]
    write_table_file(path, lines, replace=True, append=False, mode=mode)
    tables[key] = columns
    session.print(path)
