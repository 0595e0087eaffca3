"""svy's results shown again: ``svy`` alone, the command alone (``regress`` after
``svy: regress``) and ``estimates replay``, at level() when typed."""
from __future__ import annotations

import numpy as np

from mlmcli.estimation.results import ME_COMMANDS  # svy with an me command replays its own table
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

# the eform option of each svy model and its column title (svy: logit, or)
EFORM = {"logit": ("or", "Odds Ratio"), "logistic": ("", "Odds Ratio"), "poisson": ("irr", "IRR"),
         "ologit": ("or", "Odds Ratio"), "cloglog": ("eform", "exp(b)"), "nbreg": ("irr", "IRR")}

# the display options svy's coefficient table honours from the command (_get_diopts)
FACTOR_DISPLAY = [OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7), OptionSpec("noomitted", 6),
                  OptionSpec("noemptycells", 7)]


def factor_rows_shown(result, opts: dict):
    """svy's coefficient table under set showbaselevels|showomitted|showemptycells (svy's
    display goes through _get_diopts as every table): the result without the hidden rows and
    whether base rows show."""
    import dataclasses as dc

    from mlmcli.commands.estimation.common import factor_display_defaults, rows_shown

    shown = factor_display_defaults(opts)
    if result.coef_rows:
        result = dc.replace(result, coef_rows=rows_shown(result.coef_rows, shown))
    return result, shown["baselevels"]


def replay_svy(session, e, options=()) -> None:
    """svy's results shown again (``svy`` alone, the command alone, ``estimates replay``), at
    level() when typed (the intervals recomputed on the design df)."""
    from mlmcli.render.survey import render_survey_estimates

    from mlmcli.commands.estimation.common import format_option_specs

    if e.cmd == "mlogit":  # svy: mlogit's header and multinomial table
        from mlmcli.commands.estimation.survey_mlogit import render_mlogit

        resolve_options(options, [])
        return session.print(render_mlogit(e, session.linesize))
    if e.macros.get("cmdname") in ME_COMMANDS + ("metobit", "meintreg"):  # svy with an me command: its own table
        from mlmcli.commands.estimation.survey_me_replay import replay_me

        return replay_me(session, e, options)
    if e.cmd in ("heckprob", "heckman"):  # svy: their two equations and ancillary parameters
        from mlmcli.commands.estimation.survey_selection_replay import replay

        return replay(session, e, options)
    if e.cmd == "tabulate":  # svy: tabulate's table under its display options
        from mlmcli.commands.estimation.survey_tabulate import replay_tabulate

        return replay_tabulate(session, e, options)
    eform_option, eform_label = EFORM.get(e.cmd, ("-", ""))
    has_eform = eform_option not in ("-", "")  # logistic shows odds ratios without an option
    specs = ([OptionSpec("level", 1, takes_arg=True), *format_option_specs()]
             + ([OptionSpec(eform_option)] if has_eform else []))  # _prefix_display's _get_diopts
    opts = resolve_options(options, specs + FACTOR_DISPLAY)
    result = e.result
    if opts.get("level") is not None:
        result = _at_level(e, result, confidence_level(opts, result.level))
    if has_eform and opts.get(eform_option) and not getattr(result, "eform", True):
        result = _exponentiated(result, eform_label)  # svy: logit, or -- svy.ado's Display with or
    from mlmcli.commands.estimation.common import display_formats_with_notes

    result, baselevels = factor_rows_shown(result, opts)
    session.print(render_survey_estimates(result, linesize=session.linesize, baselevels=baselevels,
                                          formats=display_formats_with_notes(session, opts)))


def _exponentiated(result, label: str):
    """The coefficient table as exp(b) (Stata 13's eform tables leave out _cons)."""
    import dataclasses as dc

    rows = tuple(r if r.base or r.omitted else dc.replace(
        r, coef=float(np.exp(r.coef)), se=float(np.exp(r.coef) * r.se), ci_lo=float(np.exp(r.ci_lo)),
        ci_hi=float(np.exp(r.ci_hi))) for r in result.coef_rows if r.name != "_cons")
    return dc.replace(result, coef_rows=rows, coef_label=label, eform=True)


def _at_level(e, result, level: float):
    """The table's intervals at another level (t on e(df_r))."""
    import dataclasses as dc

    from mlmcli import distributions as stats

    df = e.scalars.get("df_r", float("nan"))
    q = stats.t.ppf(0.5 + level / 200.0, df)

    def interval(row, eform: bool):
        if getattr(row, "base", False) or getattr(row, "omitted", False):
            return row
        if eform:
            b = float(np.log(row.coef))
            se = row.se / row.coef
            return dc.replace(row, ci_lo=float(np.exp(b - q * se)), ci_hi=float(np.exp(b + q * se)))
        return dc.replace(row, ci_lo=row.coef - q * row.se, ci_hi=row.coef + q * row.se)

    ancillary = tuple(interval(r, False) for r in result.ancillary)
    derived = result.derived
    if derived and ancillary:  # nbreg's alpha: exp of /lnalpha's interval
        ln = ancillary[-1]
        derived = tuple(dc.replace(r, ci_lo=float(np.exp(ln.ci_lo)), ci_hi=float(np.exp(ln.ci_hi))) for r in derived)
    return dc.replace(result, level=level, rows=tuple(interval(r, False) for r in result.rows),
                      coef_rows=tuple(interval(r, result.eform) for r in result.coef_rows), ancillary=ancillary,
                      derived=derived)
