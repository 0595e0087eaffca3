"""margins' hook after ``streg`` (``StregModel.margins_prediction``): ``predict()``'s text read
as predict_streg reads it (the same statistics, abbreviations, ``time``/``lntime`` and
``unconditional``/``alpha1``), answered by ``survival.parametric_margins.StregResponse``.
"""
from __future__ import annotations

from mlmcli.errors import StataError


def streg_margins_prediction(model, options: str):
    import copy

    from mlmcli.commands.postestimation.streg_statistics import LABELS, STATS, unconditional_choice
    from mlmcli.margins.response import STOCHASTIC, LinearIndex
    from mlmcli.survival.parametric_margins import STOCHASTIC_STATISTICS, StregResponse
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    typed = read_options(options.replace(",", " "))
    if any(len(o.name) >= 2 and "scores".startswith(o.name) for o in typed):
        raise StataError(STOCHASTIC, 498)
    opts = resolve_options(typed, [OptionSpec(n, k) for n, k in STATS]
                           + [OptionSpec("time", 4), OptionSpec("lntime", 3), OptionSpec("nooffset", 5),
                              OptionSpec("unconditional", 6), OptionSpec("alpha1", 6), OptionSpec("partial", 4)])
    if opts.get("nooffset"):
        raise StataError("option nooffset not supported by mlmcli", 198)
    chosen = [n for n, _ in STATS if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "median"
    if stat in STOCHASTIC_STATISTICS or opts.get("partial"):
        raise StataError(STOCHASTIC, 498)
    if stat in ("median", "mean"):
        if opts.get("lntime") and opts.get("time"):
            raise StataError("only one of time and lntime may be specified", 198)
        stat = f"{stat} {'lntime' if opts.get('lntime') else 'time'}"
    elif opts.get("time") or opts.get("lntime"):
        raise StataError(f"option {'time' if opts.get('time') else 'lntime'} not allowed", 198)
    model = copy.copy(model)  # predict's unconditional/alpha1 set on a copy, not on e()'s model
    model.unconditional = unconditional_choice(model, opts)
    if stat == "hr" and model.aft:
        raise StataError("option hr not allowed after the accelerated failure-time form", 198)
    if stat.startswith("mean") and model.unconditional:
        raise StataError(f"option {stat} not supported by mlmcli with unconditional predictions", 198)
    if stat == "mean lntime" and model.dist.mean_log_time([0.0] + [0.0] * len(model.dist.aux), model.aft) is None:
        raise StataError(f"option mean lntime not supported by mlmcli after distribution({model.dist.name})", 198)
    if stat == "xb" and not model.offset_var:
        return LinearIndex(LABELS["xb"])
    # the ancillary equations' coefficients (ancillary(), anc2(), strata(): their columns' names)
    aux = model.designs[1:]
    ancillary = tuple(f"{eq}:{name}" for eq, d in zip(model.dist.aux, aux)
                      for name in (d.column_names if d is not None else ("_cons",)))
    frailty = bool(model.frailty and model.unconditional and stat not in ("xb", "hr"))
    if frailty:
        ancillary += ("ln_the:_cons",)
    return StregResponse(model, stat, LABELS[stat], ancillary, model.offset_var,
                         [d.recipes if d is not None else None for d in aux], frailty)


def streg_margins_variables(model) -> tuple[str, ...]:
    """_t and _t0 (hazard and surv are evaluated at each row's times), the offset variable and
    the covariates of the ancillary equations."""
    names = ["_t", "_t0"] + ([model.offset_var] if model.offset_var else [])
    for d in model.designs[1:]:
        for r in (d.recipes if d is not None else ()):
            names += list(r.continuous) + [v for v, _ in r.indicators]
    return tuple(dict.fromkeys(names))
