"""``matlist matrix_exp [, format(%fmt) title(string) rowtitle(string) nohalf]`` ([P] matlist):
a matrix (a name, e(b), r(table) or an expression such as ``(b', V)``) as matlist lays it
out (``mlmcli.render.matlist``: the layout xtmixed_corr.ado's matlist calls print in Stata's
logs): row names in 12 columns, each column two spaces plus the value in the wider of the
format (default %9.0g) and its name; a symmetric matrix shows its lower triangle unless nohalf.
The options that change that layout (lines(), border(), twidth(), left(), right(), cspec(),
rspec(), names(), showcoleq() ...) and matrices with equation names are refused: mlm has no
Stata log of those layouts.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_OPTIONS = [OptionSpec("format", 3, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
            OptionSpec("rowtitle", 8, takes_arg=True), OptionSpec("nohalf", 6)]
_REFUSED = ("lines", "border", "twidth", "left", "right", "rightindent", "cspec", "rspec", "tindent", "names",
            "nonames", "showcoleq", "roweqonly", "coleqonly", "colorcoleq", "keepcoleq", "aligncolnames", "noblank",
            "nodotz", "underscore", "linesize")


def cmd_matlist(session, cmd) -> None:
    from mlmcli.commands.postestimation.estimates import format_option
    from mlmcli.expr import matrix_algebra as M
    from mlmcli.expr.matrix_expression import evaluate_matrix
    from mlmcli.render.matlist import render_matlist
    from mlmcli.results.postestimation import MatrixDisplay

    body, options, _ = split_options(cmd.args)
    if not body.strip():
        raise invalid_syntax()
    for option in options:
        word = option.name
        if any(name.startswith(word) and len(word) >= 3 for name in _REFUSED) and \
                not any(spec.name.startswith(word) for spec in _OPTIONS):
            raise StataError(f"matlist, {word}() is not implemented in mlm", 198)
    opts = resolve_options(options, _OPTIONS)
    mat = _matrix(session, body.strip(), M, evaluate_matrix)
    rows, cols = tuple(mat.rownames), tuple(mat.colnames)
    if any(":" in name for name in rows + cols):
        raise StataError("matlist of a matrix with equation names is not implemented in mlm", 198)
    values = np.atleast_2d(np.asarray(mat.values, float))
    from mlmcli.commands.program.matrix import is_symmetric

    text = lambda key: opts[key].strip().strip('"') if isinstance(opts.get(key), str) else ""  # noqa: E731
    display = MatrixDisplay(text("title"), text("rowtitle"), rows, cols, tuple(map(tuple, values.tolist())),
                            lower=is_symmetric(values) and not opts.get("nohalf"),
                            fmt=format_option(opts.get("format")) or "%9.0g")
    session.print(render_matlist(display, linesize=session.linesize))


def _matrix(session, text: str, M, evaluate_matrix):
    """A matrix name (``A``, ``e(b)``, ``r(table)``) or a matrix expression."""
    from mlmcli.commands.program.matrix import lookup_any

    try:
        return lookup_any(session, text)
    except StataError:
        return M.finish(evaluate_matrix(session, text))
