"""What asclogit, rologit and mprobit share: the refusal, by name, of the options and weights
mlm has not landed for them."""
from __future__ import annotations

from mlmcli.errors import StataError

_BARE = ("robust", "or", "collinear")  # options typed without parentheses


def refuse_unlanded(opts: dict, cmd, command: str, names) -> None:
    """``option x() not supported by mlmcli with command`` r(198) for any of ``names`` typed
    (vce(oim) is the default, so allowed), then weights r(101)."""
    for name in names:
        if opts.get(name) is None:
            continue
        if name == "vce" and str(opts[name]).strip() == "oim":
            continue
        typed = name if name in _BARE else f"{name}()"
        raise StataError(f"option {typed} not supported by mlmcli with {command}", 198)
    if cmd.weight is not None:
        raise StataError(f"weights not supported by mlmcli with {command}", 101)


def replay_typed(session, cmd, command: str, display_specs, display) -> None:
    """The command typed alone: the active results (of ``command``, else r(301)) shown again by
    ``display(session, e, opts, log=False)`` with the display options typed now."""
    from mlmcli.commands.estimation.common import display_option_specs
    from mlmcli.estimation.active import replay_results
    from mlmcli.syntax.options import resolve_options

    e = replay_results(session, (command,))
    display(session, e, resolve_options(cmd.options, list(display_specs) + display_option_specs()), log=False)


def typed_outcome_index(typed, ds, depvar: str, outcomes, default: int) -> int:
    """mprobit's AlternativeIndex and slogit's CategoryIndex: baseoutcome() as a value, else as a
    value label -> its index; ``default`` when nothing was typed; anything else r(459)."""
    if typed is None:
        return default
    text = str(typed).strip()
    for k, v in enumerate(outcomes):
        if text == f"{v:g}":
            return k
    for k, v in enumerate(outcomes):
        if ds.value_label_text(depvar, int(v) if float(v).is_integer() else v) == text:
            return k
    raise StataError(f"baseoutcome({text}) is not an outcome of {depvar}; use tabulate for a list of values", 459)
