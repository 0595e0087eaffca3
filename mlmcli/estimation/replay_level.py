"""The confidence level of an estimation command's replay.

level() is a display option ([R] estimation options; [U] 20.8): a command typed without a
model shows the stored results at ``c(level)`` (``set level``, 95 by default) unless level(#)
is typed on the replay -- the fit's own level() is not kept.  Every command's replay already
honours a typed level(), so the rule is applied in one place: a replay of results fitted at
another level is run as if ``level(c(level))`` had been typed.
"""
from __future__ import annotations

import dataclasses

from mlmcli import ast

# the estimation commands, whose replay shows c(level) unless level() is typed;
# not the prefixes (their replays are their own), xi, or anova (no intervals)
_ESTIMATION_MODULES = ("mlmcli.commands.estimation.", "mlmcli.commands.community.gllamm")
_NOT_REPLAYED_AT_LEVEL = frozenset({"mlmcli.commands.estimation.replicate_prefix", "mlmcli.commands.estimation.xi",
                                    "mlmcli.commands.estimation.anova"})


def replayed_at_level(module_name: str) -> bool:
    """Whether the command of ``module_name`` replays at c(level) (the rule below)."""
    return module_name.startswith(_ESTIMATION_MODULES) and module_name not in _NOT_REPLAYED_AT_LEVEL


def _fitted_level(e) -> float | None:
    level = getattr(e.result, "level", None)
    if level is None:
        level = e.scalars.get("level")
    try:
        return None if level is None else float(level)
    except (TypeError, ValueError):
        return None


def _typed_level(options) -> bool:
    from mlmcli.syntax.options import OptionSpec

    return any(OptionSpec("level", 1, takes_arg=True).matches(o.name) for o in options)


def _level_text(level: float) -> str:
    return f"{level:g}"


def at_replay_level(session, cmd: ast.Command, raw: bool) -> ast.Command:
    """``cmd`` with ``level(c(level))`` added when it replays (no model typed) results whose
    level differs from c(level) and no level() is typed; else ``cmd`` itself."""
    e = getattr(session, "e", None)
    if e is None or e.result is None:
        return cmd
    fitted = _fitted_level(e)
    current = float(getattr(session, "level", 95.0) or 95.0)
    if fitted is None or fitted == current:
        return cmd
    option = f"level({_level_text(current)})"
    if raw:  # mixed, me*, sem ...: everything after the command word is in args
        text = cmd.args.strip()
        if text and not text.startswith(","):
            return cmd
        from mlmcli.errors import StataError
        from mlmcli.syntax.options import split_options

        try:
            typed = split_options(text)[1]
        except StataError:  # the command's own parse reports it
            return cmd
        if _typed_level(typed):
            return cmd
        base = text.rstrip()
        while base.endswith(",") and base != ",":  # a final comma ([U] 11): level() joins the option list
            base = base[:-1].rstrip()
        args = (base + " " + option) if base else ", " + option
        return dataclasses.replace(cmd, args=args, text=f"{cmd.text.rstrip()}{'' if text else ','} {option}")
    if cmd.args.strip() or cmd.if_exp is not None or cmd.in_range is not None or cmd.weight is not None:
        return cmd
    if _typed_level(cmd.options):
        return cmd
    return dataclasses.replace(cmd, options=cmd.options + (ast.Option("level", _level_text(current)),),
                               has_comma=True, text=f"{cmd.text.rstrip()}{'' if cmd.has_comma else ','} {option}")


def replays_at_other_level(session, e) -> bool:
    """Whether ``e`` was fitted at a level other than c(level) (its replay then shows c(level))."""
    fitted = _fitted_level(e)
    return fitted is not None and fitted != float(getattr(session, "level", 95.0) or 95.0)


def rows_at_level(rows, level: float, df_r: float | None = None) -> tuple:
    """Coefficient rows with their intervals at ``level``: b -/+ q se, q the t(df_r) quantile
    (the normal's when df_r is None); rows without a standard error are kept as they are."""
    import math

    from mlmcli import distributions as stats

    p = 0.5 + level / 200.0
    q = float(stats.norm.ppf(p)) if df_r is None else float(stats.t.ppf(p, df_r))
    out = []
    for row in rows:
        se = getattr(row, "se", float("nan"))
        if se is None or not math.isfinite(se):
            out.append(row)
            continue
        out.append(dataclasses.replace(row, ci_lo=row.coef - q * se, ci_hi=row.coef + q * se))
    return tuple(out)


def typed_replay_level(session, opts: dict, e) -> float | None:
    """The replay's level(): typed (c(level) added by ``at_replay_level``), None when it is the fit's."""
    from mlmcli.syntax.options import confidence_level

    if opts.get("level") is None:
        return None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return None if level == _fitted_level(e) else level
