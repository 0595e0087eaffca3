"""``mixed`` (and ``xtmixed``): ``MixedCommand`` -> ``MixedSpec`` -> fit -> e() and display.

The syntax is read in ``mixed_syntax`` (options) and ``mixed_residuals`` (residuals()), the
engine's input is built in ``mixed_design``, small-sample inference in ``mixed_small``,
e() in ``mixed_ereturn``; this module fits, prints and replays.

``xtmixed``: Stata's archived ``xtmixed`` help (Stata 12, kept by Stata 13 as "the
original help file") gives its option set and defaults: ``mle`` "the default" (Stata 12's
what's new, 4c: "xtmixed now uses maximum likelihood (ML) as the default method of
estimation"; ``xtmixed.ado``: ``if "`mle'`reml'" == "" & $XTM_ver >= 12 -> mle``, so under
``version`` < 12 -- Stata 9-11, whose published logs print ``log restricted-likelihood``
without a ``reml`` option -- the default is REML), standard deviations and correlations
shown unless ``variance`` (Stata 13's what's new: mixed "now present[s] results by default
in the variance metric rather than the standard deviation metric"), no ``stddeviations``,
``dfmethod()``, ``dftable()`` or ``small``.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import evaluate_weight  # noqa: F401  (margins_setup imports it here)
from mlmcli.commands.estimation.mixed_design import build as build_model  # noqa: F401
from mlmcli.commands.estimation.me_display import filter_fixed_rows
from mlmcli.commands.estimation.mixed_ereturn import estimation_results
from mlmcli.commands.estimation.mixed_syntax import (DISPLAY_OPTIONS, XTMIXED_ONLY_NOT, MixedCommand,
                                                      display_options, em_iterations, parse_mixed,
                                                      refuse_unsupported)
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError


def build_spec(session, mc: MixedCommand):
    """The engine's input (``MixedSpec``), the fixed design and the sample mask."""
    b = build_model(session, mc)
    return b.spec, b.design, b.sample


# ====================================================================== display

def metric_of(opts: dict, xt: bool) -> str:
    if opts.get("estmetric"):
        return "est"
    if opts.get("stddeviations") or (xt and not opts.get("variance")):
        return "sd"
    return "variance"


def replay(session, e, *, noheader: bool = False) -> None:
    """Print stored ``mixed`` results again (``estimates replay``)."""
    display_mixed(session, e, {"noheader": noheader} if noheader else {})


def _fixed_rows(result, opts: dict, small: bool):
    """The coefficient rows to print: t rows under dfmethod() displays, without omitted or
    empty cells when asked, value labels replaced by the levels under ``nofvlabel``."""
    rows = result.small.rows if small and result.small is not None else result.fixed
    return filter_fixed_rows(rows, opts, getattr(result, "empty_cells", ()))


def display_mixed(session, e, opts: dict, *, xt: bool | None = None, estimation: bool = False) -> None:
    """Print the header and tables (``render_mixed``) of stored results ``e`` with display
    options ``opts`` (the text starts with the blank line).  After ``dfmethod()`` the fit
    itself shows the small-sample table; a replay shows it only with ``small`` or
    ``dftable()`` (help mixed: "Replay large-sample results . mixed")."""
    from mlmcli.render.mixed_display import render_mixed

    result = e.result
    xt = (e.cmd == "xtmixed") if xt is None else xt
    dftable = opts.get("dftable")
    if opts.get("small") and dftable is None:
        dftable = "default"  # help mixed: small is dftable(default) upon replay
    small = result.small is not None and (dftable is not None or estimation)
    if dftable is not None:
        from mlmcli.commands.estimation.mixed_small import parse_dftable
        what = "dftable()" if opts.get("dftable") is not None else "small"
        if result.small is None:
            raise StataError(f"option {what} requires that option dfmethod() is specified with "
                             "mixed during estimation", 198)
        if opts.get("nofetable"):
            raise StataError(f"option nofetable may not be combined with option {what}", 198)
        if opts.get("coeflegend"):
            raise StataError(f"option coeflegend may not be combined with option {what}", 198)
        dftable = parse_dftable(dftable if opts.get("dftable") is not None else "default")
    elif small:
        dftable = "default"
    metric = metric_of(opts, xt)
    if metric == "est" and (opts.get("nofetable") or opts.get("noretable") or opts.get("variance")
                            or opts.get("stddeviations")):
        var_opt = "stddeviations" if opts.get("stddeviations") else "variance"
        raise StataError(f"option estmetric not allowed with options nofetable, noretable, and {var_opt}", 198)
    from mlmcli.commands.estimation.common import display_formats_with_notes, factor_display_defaults, label_options

    labels = label_options(opts)  # fvwrap(), fvwrapon(): _get_diopts' checks
    text = render_mixed(
        result, metric=metric, linesize=session.linesize,
        fixed=_fixed_rows(result, opts, bool(dftable)),
        noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
        nofetable=bool(opts.get("nofetable")), noretable=bool(opts.get("noretable")),
        nolrtest=bool(opts.get("nolrtest")),
        baselevels=factor_display_defaults(opts)["baselevels"],
        **display_formats_with_notes(session, opts), dftable=dftable,
        coeflegend=bool(opts.get("coeflegend")), vsquish=bool(opts.get("vsquish")),
        nolstretch=bool(opts.get("nolstretch")), depvar_eq=e.macros.get("depvar"), **labels,
    )
    session.print(text)


def _replay(session, text: str, xt: bool) -> None:
    """``mixed [, display_options]`` with no model: show the last fit again."""
    e = replay_results(session, ("mixed", "xtmixed"))
    opts = display_options(text)
    bad = [k for k in opts if k not in DISPLAY_OPTIONS and k not in ("nolog", "log")]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    if xt:
        _refuse_xtmixed(opts)
    if "level" in opts and e.model is not None:
        from mlmcli.commands.estimation.mixed_design import confidence
        level = confidence(session, opts)
        if level != e.result.level:
            from mlmcli.commands.estimation.replicate_results import replicate_result_at_level

            redone = replicate_result_at_level(e, level)  # after the bootstrap/jackknife prefixes
            e = _at_level(e, level) if redone is None else dataclasses.replace(e, result=redone)
    display_mixed(session, e, opts, xt=xt or e.cmd == "xtmixed")


def _at_level(e, level: float):
    """The stored results with every CI recomputed at ``level`` (display only)."""
    from mlmcli.results.mixed import keep_empty_levels

    from mlmcli.commands.estimation.mixed_small import DFMethod, small_sample

    fit = e.model
    fit2 = dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, level=level))
    result = fit2.result()
    result = dataclasses.replace(result, iteration_log=e.result.iteration_log, notes=e.result.notes,
                                 random=keep_empty_levels(result.random, e.result.random), groups=e.result.groups,
                                 linear=e.result.linear)
    if e.result.small is not None:
        info = "oim" if e.result.small.oim else "eim"
        small, *_ = small_sample(fit2, DFMethod(e.result.small.method, info), level)
        result = dataclasses.replace(result, small=small)
    return dataclasses.replace(e, result=result)


def _refuse_xtmixed(opts: dict) -> None:
    """The options xtmixed's help does not list (Stata 14's, and stddeviations)."""
    for name in XTMIXED_ONLY_NOT:
        if name in opts:
            arg = "()" if name in ("dfmethod", "dftable") else ""
            raise StataError(f"option {name}{arg} not allowed", 198)


def _xtmixed_defaults(session, mc: MixedCommand) -> None:
    """xtmixed's default method: ML from version 12 on, REML under ``version`` < 12."""
    _refuse_xtmixed(mc.options)
    version = float(getattr(session, "version", 13.0) or 13.0)
    has_pw = (mc.weight is not None and mc.weight.kind == "pweight") or any(e.pweight for e in mc.equations)
    if version < 12 and "mle" not in mc.options and "reml" not in mc.options and not has_pw \
            and mc.weight is None and "vce" not in mc.options:
        mc.options["reml"] = True


def _with_empty_levels(result, build):
    """Insert the ``(empty)`` blocks and group rows of empty equations of a plain fit."""
    if not build.empty_levels or result.residual_blocks is not None:
        return result
    from mlmcli.results.mixed import RandomLevel

    random = {}
    for metric, blocks in result.random.items():
        blocks = list(blocks)
        for pos, level, _ in sorted(build.empty_levels):
            blocks.insert(pos, RandomLevel(level, "", (), empty=True))
        random[metric] = tuple(blocks)
    groups = list(result.groups)
    names = [g.levelvar for g in groups]
    for pos, level, gs in sorted(build.empty_levels):
        if level not in names:
            groups.insert(min(pos, len(groups)), gs)
            names.insert(min(pos, len(names)), level)
    return dataclasses.replace(result, random=random, groups=tuple(groups))


def cmd_mixed(session, cmd) -> None:
    """``mixed`` / ``xtmixed``: parse, build the spec, fit, print, store e()."""
    text = cmd.args.strip()
    xt = cmd.name.startswith("xtm")
    if not text or text.startswith(","):
        return _replay(session, text, xt)
    mc = parse_mixed(text, sample_anywhere=True)
    refuse_unsupported(mc.options)
    from mlmcli.commands.estimation.common import display_formats, label_options
    label_options(mc.options)  # _get_diopts' fvwrap()/fvwrapon() checks, before the fit
    display_formats(mc.options)  # and its confirm numeric format of cformat() & co.: r(7) before the fit
    if xt:
        _xtmixed_defaults(session, mc)
    for name in ("small", "dftable"):
        if name in mc.options and "dfmethod" not in mc.options:
            what = "small" if name == "small" else "dftable()"
            if name == "small":
                raise StataError("option small is allowed only upon replay", 198)
            raise StataError(f"option {what} requires that option dfmethod() is specified with "
                             "mixed during estimation", 198)
    dfm = None
    if mc.options.get("dfmethod") is not None:
        from mlmcli.commands.estimation.mixed_small import parse_dfmethod
        dfm = parse_dfmethod(str(mc.options["dfmethod"]))
    if mc.options.get("nostderr") and mc.options.get("residuals") is not None:
        from mlmcli.commands.estimation.mixed_residuals import parse_residuals
        ro = parse_residuals(mc.options["residuals"])
        if ro.kind != "independent" or ro.by:
            raise StataError("nostderr allowed only with the default identity residual-variance structure", 198)
    built = None
    if getattr(session.data, "lazy", False):  # lazy data: the engine's input from group sums
        from mlmcli.commands.estimation.mixed_lazy import lazy_spec
        lazy = lazy_spec(session, mc)
        if lazy is not None:
            from mlmcli.commands.estimation.mixed_design import MixedBuild
            built = MixedBuild(*lazy, notes=list(lazy[1].notes))
    if built is None:
        built = build_model(session, mc)
    spec, design, sample = built.spec, built.design, built.sample
    lazy_sample = None
    if sample is not None and not isinstance(sample, np.ndarray):  # lazy data: e(sample) on demand
        lazy_sample, sample = sample, None
    for note in built.notes:
        session.print(note)
    extra = None
    if dfm is not None:
        from mlmcli.commands.estimation.mixed_small import check_model
        check_model(dfm, spec, _weighted(spec), spec.vce != "oim")
    from mlmcli.fit_progress import iteration_progress
    from mlmcli.mixed.estimate import fit_mixed
    from mlmcli.render.iteration_log import crit_label
    from mlmcli.render.mixed_display import render_iteration_log

    criterion = crit_label(spec.method, spec.vce != "oim" or _pweighted(spec))
    with np.errstate(all="ignore"), iteration_progress(session, cmd.name, criterion) as on_iteration:
        # boundary fits: numpy's warnings are not Stata output
        fit = fit_mixed(spec, on_iteration)
        result = fit.result()
    linear = not spec.terms
    result = dataclasses.replace(_with_empty_levels(result, built), linear=linear,
                                 empty_cells=_empty_cells(design))
    if mc.options.get("nostderr"):
        result = _without_re_se(result)
    if linear:
        result = dataclasses.replace(result, lr_test=None)
    if dfm is not None:
        from mlmcli.commands.estimation.mixed_small import small_sample
        with np.errstate(all="ignore"):
            small, sc, mac, mats, _ = small_sample(fit, dfm, result.level)
        result = dataclasses.replace(result, small=small)
        extra = (sc, mac, mats)
    if not mc.options.get("nolog") and not linear:
        em_start = _weighted(spec) or (spec.residuals is not None and not spec.residuals.plain)
        session.print(render_iteration_log(result, em=em_iterations(mc.options) != 0, em_start=em_start))
    cmdline = f"{cmd.name} {text}".strip()
    e = estimation_results(session, mc, cmdline, spec, design, sample, fit, result,
                           cmd="xtmixed" if xt else "mixed", empty_levels=built.empty_levels, extra=extra)
    if mc.options.get("nostderr"):
        e = _zero_re_variance(e)
    e.lazy_sample = lazy_sample
    e.stamp_sample(session.data)  # e(sample) follows its rows through sort/keep/drop
    session.e = e
    opts = {k: v for k, v in mc.options.items() if k in DISPLAY_OPTIONS}
    display_mixed(session, e, opts, xt=xt, estimation=True)
    if not result.converged:
        # iterate(#) reached is not an error in Stata: "When the number of iterations equals
        # iterate(), the optimizer stops and presents the current results" ([R] maximize);
        # e(converged) = 0 is posted (StataCorp on Statalist, 2007-12: xtmixed ..., iter(3)
        # inside a simulate wrapper, then e(converged) read).
        session.print("Warning: convergence not achieved")


def _pweighted(spec) -> bool:
    return spec.pweight is not None or any(t.pweight is not None for t in spec.terms)


def _weighted(spec) -> bool:
    return spec.fweight is not None or spec.pweight is not None or any(
        t.fweight is not None or t.pweight is not None for t in spec.terms)


def _empty_cells(design) -> tuple[str, ...]:
    return tuple(lab.name for lab in design.labels if getattr(lab, "empty", False))


def _without_re_se(result):
    """``nostderr``: the variance components without standard errors or intervals (Stata
    computes none; help mixed)."""
    nan = float("nan")

    def strip(row):
        return dataclasses.replace(row, se=nan, ci_lo=nan, ci_hi=nan, z=nan, p=nan)
    random = {m: tuple(dataclasses.replace(b, rows=tuple(strip(r) for r in b.rows)) for b in blocks)
              for m, blocks in result.random.items()}
    residual = {m: strip(r) for m, r in result.residual.items()}
    return dataclasses.replace(result, random=random, residual=residual)


def _zero_re_variance(e):
    """``nostderr``: e(V)'s variance-component block is 0, as xtmixed.ado posts it."""
    V = e.matrices["V"]
    k_f = int(e.scalars["k_f"])
    values = np.array(V.values, float)
    values[k_f:, :] = 0.0
    values[:, k_f:] = 0.0
    mats = dict(e.matrices)
    mats["V"] = dataclasses.replace(V, values=values)
    return dataclasses.replace(e, matrices=mats)
