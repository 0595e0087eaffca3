"""``margins`` after any model whose fit implements the margins hook
(``estimation.interface.MarginsFit``: ``regress``, ``mixed``/``xtmixed`` now; the GLM and
GLMM commands as their fits add the hook).

    margins [marginlist] [if] [in] [weight] [, response_options options]

This module reads the command, gathers the sample (e(sample) in the current row order,
if/in), the model's variables on it, the weights and the fit's prediction, and hands them
to the engine (``mlmcli.margins``); ``margins_tables`` turns the numbers into the result
the renderer prints and into r()/e().  Contrast operators in the marginlist and the
``contrast``/``pwcompare`` options are handled by ``contrast`` and ``pwcompare``.
"""
from __future__ import annotations

from mlmcli.commands.postestimation.margins_setup import margins_fit
from mlmcli.errors import StataError
from mlmcli.syntax.options import resolve_options

HELP = {
    "margins": "margins [marginlist] [if] [in] [, dydx() eyex() dyex() eydx() at() atmeans asbalanced over() "
               "within() predict() expression() vce(delta|unconditional) nose post level() contrast pwcompare mcompare() "
               "noatlegend vsquish cformat()] -- predictive margins, adjusted predictions and marginal effects "
               "with delta-method standard errors.",
}

def cmd_margins(session, cmd) -> None:
    """``margins``: see the module docstring."""
    from mlmcli.commands.postestimation.margins_syntax import MARGINS_OPTIONS, parse_marginlist
    from mlmcli.commands.postestimation.margins_tables import run_margins

    opts = resolve_options(cmd.options, MARGINS_OPTIONS)
    for name in ("subpop", "coeflegend", "force", "nochainrule"):
        if opts.get(name) is not None:
            raise StataError(f"option {name} not allowed", 198)
    if opts.get("emptycells") is not None and str(opts["emptycells"]).strip().lower() not in ("strict",):
        raise StataError(f"emptycells({opts['emptycells']}) not allowed", 198)
    if opts.get("vce") is not None:
        kind = str(opts["vce"]).strip().lower()
        if not kind or not ("delta".startswith(kind) or (len(kind) >= 3 and "unconditional".startswith(kind))):
            raise StataError(f"vce({opts['vce']}) invalid", 198)
    if opts.get("expression") is not None and opts.get("predict") is not None:
        raise StataError("options predict() and expression() may not be combined", 198)
    margins_fit(session)
    terms_text = cmd.args.strip()
    marginlist = parse_marginlist(terms_text, session.data.resolve) if terms_text else []
    run_margins(session, cmd, opts, marginlist, terms_text)


def replay(session, e) -> None:
    """``margins`` results posted to e(): print them again."""
    from mlmcli.render.margins import render_margins

    if e.result is not None:
        session.print(render_margins(e.result, linesize=session.linesize))
