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

import re

from mlmcli.commands.postestimation.margins_setup import margins_fit
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {
    "margins": "margins [marginlist] [if] [in] [, dydx() eyex() dyex() eydx() at() atmeans asbalanced over() "
               "within() subpop() predict() expression() vce(delta|unconditional) nose post saving() level() contrast "
               "pwcompare mcompare() noatlegend vsquish cformat()] -- predictive margins, adjusted predictions and marginal effects "
               "with delta-method standard errors.",
}

def cmd_margins(session, cmd) -> None:
    """``margins``: see the module docstring."""
    from mlmcli.commands.postestimation.margins_syntax import MARGINS_OPTIONS, parse_marginlist
    from mlmcli.commands.postestimation.margins_tables import run_margins

    if _replays(session, cmd):
        return replay_typed(session, cmd)
    opts = resolve_options(cmd.options, MARGINS_OPTIONS)
    _drop_empty_effects(opts)
    # coeflegend: the _b[] names in place of the statistics (render/margins.py); force lifts the
    # checks of a prediction that is a function of stochastic quantities other than e(b),
    # checks mlm's predictions never fail, so with force the margins are the same
    for name in ("nochainrule",):
        if opts.get(name) is not None:
            raise StataError(f"option {name} not allowed", 198)
    if opts.get("emptycells") is not None and str(opts["emptycells"]).strip().lower() not in ("strict",):
        raise StataError(f"emptycells({opts['emptycells']}) not allowed", 198)
    if opts.get("vce") is not None:
        kind = str(opts["vce"]).strip().lower()
        if not kind or not ("delta".startswith(kind) or kind == "svy"
                            or (len(kind) >= 3 and "unconditional".startswith(kind))):
            raise StataError(f"vce({opts['vce']}) invalid", 198)
        if kind == "svy" and (session.e is None or session.e.macros.get("prefix") != "svy"):
            raise StataError("option vce(svy) is allowed only with survey estimation results", 322)
    if opts.get("predict") is None and opts.get("expression") is None:
        opts["predict"] = default_predictions(session)
    if opts.get("predict") is not None:
        from mlmcli.commands.postestimation.margins_predictions import typed_predictions

        typed = typed_predictions(opts["predict"])
        opts["predict"] = typed[0]
        if len(typed) > 1:  # a _predict dimension (margins_predictions)
            opts["predictions"] = typed
    if opts.get("expression") is not None and opts.get("predict") is not None:
        raise StataError("options predict() and expression() may not be combined", 198)
    e, _ = margins_fit(session)
    _check_predictions(e, opts)
    terms_text = cmd.args.strip()
    marginlist = parse_marginlist(terms_text, session.data.resolve, session.data) if terms_text else []
    if not re.search(r"\blincom\b", str(opts.get("contrast") or ""), re.I):
        from mlmcli.commands.postestimation.custom_contrasts import require_zero_sums

        require_zero_sums(marginlist)
    if opts.get("saving") is not None:
        from mlmcli.commands.postestimation.margins_saving import parse_saving

        opts["saving"] = parse_saving(opts["saving"])
    import numpy as np

    # at() values or data near the largest double (at(x1 = 1e300)): a prediction or variance that
    # overflows is missing, as in Stata's double arithmetic (margins.inference.estimates)
    with np.errstate(over="ignore", invalid="ignore"):
        run_margins(session, cmd, opts, marginlist, terms_text)
    if opts.get("plot") is not None:  # plot / plot(marginsplot options): marginsplot on these results
        from mlmcli.runner import Runner, current_runner

        extra = opts["plot"].strip() if isinstance(opts["plot"], str) else ""
        (current_runner(session) or Runner(session)).execute("marginsplot" + (f", {extra}" if extra else ""))


def _check_predictions(e, opts: dict) -> None:
    """_marg_work runs _check_e_margins on each predict() (none: predict's default) before
    anything is computed; expression() is checked by the predictions it calls."""
    from mlmcli.commands.postestimation.margins_notok import check_e_margins
    from mlmcli.syntax.options import read_options

    if opts.get("expression") is not None:
        return
    for text in opts.get("predictions") or [opts.get("predict") or ""]:
        check_e_margins(e.macros, read_options(str(text).replace(",", " ")))


# commands Stata 13 does not have: their margins runs under the version that has them (17 for
# xtmlogit), whose _marg_work reads e(marginsdefault)
_NEWER_THAN_13 = frozenset({"xtmlogit"})


def _drop_empty_effects(opts: dict) -> None:
    """``dydx( )`` with nothing inside is no dydx(): _marg_work.class (Stata 16) takes the four
    options as ``passthru`` -- two of them, even empty, are still "may not be combined" -- and
    ._parse_dydx reads them with ``syntax [, dydx(string) ...]``, so an empty one leaves no
    variables and margins reports predictions."""
    from mlmcli.commands.postestimation.margins_setup import effect_of

    effect_of(opts)  # the combination check first, as opts_exclusive runs before ._parse_dydx
    for name in ("dydx", "eyex", "dyex", "eydx"):
        if opts.get(name) is not None and not str(opts[name]).strip():
            opts[name] = None


def default_predictions(session) -> list[str] | None:
    """_marg_work's ``if "predict'" == "" & .vv >= 14 { local predict e(marginsdefault) }``:
    without predict() and expression(), the predict() options of e(marginsdefault) (every
    outcome's Pr after mlogit and xtmlogit) under version 14 or later, or after a command
    Stata 13 does not have; None when margins takes predict's default."""
    from mlmcli.syntax.options import read_options

    e = session.e
    text = (e.macros.get("marginsdefault") or "").strip() if e is not None else ""
    if not text:
        return None
    version = float(getattr(session, "version", 13.0) or 13.0)
    if version < 14 and e.macros.get("cmd", e.cmd) not in _NEWER_THAN_13:
        return None
    return [o.arg for o in read_options(text) if o.name == "predict" and o.arg is not None] or None


def replay(session, e) -> None:
    """``margins`` results posted to e(), printed again as ``margins`` typed alone prints them
    (estimates replay runs the command typed alone: its display defaults, c(level))."""
    if e.result is not None:
        _show(session, e, {})


def _rendered(result, linesize: int, vsquish: bool = False) -> str:
    """Posted margins, or the contrasts and pairwise comparisons ``margins ..., contrast|pwcompare
    post`` posts, as margins printed them."""
    from mlmcli.render.margins import render_contrast, render_margins, render_pwcompare
    from mlmcli.results.margins import ContrastResult, PairwiseResult

    render = (render_contrast if isinstance(result, ContrastResult) else
              render_pwcompare if isinstance(result, PairwiseResult) else render_margins)
    return render(result, linesize=linesize, vsquish=vsquish)


def _replays(session, cmd) -> bool:
    """margins.ado: ``if replay()`` (nothing but options typed) and e(cmd) or e(cmd2) is margins
    (``margins, post`` results), the posted table is shown again through _marg_report."""
    e = session.e
    return (not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None and cmd.weight is None
            and e is not None and "margins" in (e.macros.get("cmd", e.cmd), e.macros.get("cmd2")))


# _marg_report's own options; every other display option reaches _get_diopts / _check_eformopt
_REPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("vsquish", 7), OptionSpec("noatlegend", 10),
                   OptionSpec("nopredictlegend", 15), OptionSpec("mcompare", 5, takes_arg=True),
                   OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
                   OptionSpec("sformat", 7, takes_arg=True)]
_NOT_SUPPORTED = ("coeflegend", "baselevels", "allbaselevels", "noomitted", "noemptycells",
                  "nolstretch", "eform", "or", "irr", "hr", "rrr", "nofvlabel")


def replay_typed(session, cmd) -> None:
    """``margins [, level(#) vsquish noatlegend nopredictlegend cformat() pformat() sformat()]``
    after ``margins, post``: the posted table again (_marg_report), its intervals at level()
    (c(level) by default, b -/+ z or t(e(df_r)) se); nopredictlegend drops the ``k._predict``
    lines of several predict()s."""
    from mlmcli.syntax.options import OptionSpec as Spec

    for option in cmd.options:
        if not any(spec.matches(option.name) for spec in _REPLAY_OPTIONS):
            known = next((name for name in _NOT_SUPPORTED if Spec(name, min(len(name), 3)).matches(option.name)), None)
            if known:
                raise StataError(f"option {known} not supported by mlmcli when margins replays", 198)
    opts = resolve_options(cmd.options, _REPLAY_OPTIONS)
    if opts.get("mcompare") is not None:
        raise StataError("option mcompare() not supported by mlmcli when margins replays", 198)
    if session.e.result is None:
        raise StataError("last estimates not found", 301)
    _show(session, session.e, opts)


def _show(session, e, opts: dict) -> None:
    """The posted table with the replay's options (resolved ``_REPLAY_OPTIONS``)."""
    from dataclasses import replace

    from mlmcli.results.margins import MarginsResult
    from mlmcli.syntax.options import confidence_level

    result = e.result
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if level != result.level:
        if not isinstance(result, MarginsResult) or result.mctitle:  # adjusted or contrast intervals
            raise StataError(f"a replay at level({level:g}) of margins' contrasts, pairwise comparisons or "
                             f"mcompare() posted at level({result.level:g}) not supported by mlmcli", 198)
        result = replace(result, rows=_rows_at_level(result.rows, level, e.scalars.get("df_r")), level=level)
    # the display options are the replay's own (_marg_report), not the ones margins was typed with
    vsquish = bool(opts.get("vsquish"))
    header = result.header
    if isinstance(result, MarginsResult):  # the at() legend rebuilt (squished with one at() row)
        blocks = () if opts.get("noatlegend") else result.at_legend
        legend = tuple(line for line in header.legend if line not in result.predict_legend) \
            + (() if opts.get("nopredictlegend") else result.predict_legend)
        header = replace(header, legend=legend, at_blocks=blocks, squish_at=vsquish or len(result.at_legend) == 1)
    elif header is not None and opts.get("noatlegend"):
        header = replace(header, at_blocks=())
    elif header is not None and vsquish:
        header = replace(header, squish_at=True)
    from mlmcli.commands.estimation.common import margins_formats

    cformat, pformat, sformat = margins_formats(opts)
    result = replace(result, header=header, cformat=cformat, pformat=pformat, sformat=sformat)
    session.print(_rendered(result, session.linesize, vsquish))


def _rows_at_level(rows, level: float, df_r) -> tuple:
    """b -/+ q se at ``level``, q the normal's or t(df_r)'s quantile (margins' own critical value)."""
    import math
    from dataclasses import replace

    from mlmcli.margins.inference import critical_value

    q = critical_value(level, df_r)
    return tuple(replace(r, lo=r.b - q * r.se, hi=r.b + q * r.se) if math.isfinite(r.se) else r for r in rows)
