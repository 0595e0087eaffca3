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
        if name == "vce" and str(opts[name]).strip().lower() == "oim":
            continue
        typed = name if name in _BARE else f"{name}()"
        raise StataError(f"option {typed} not supported by mlmcli with {command}", 198)
    if cmd.weight is not None:
        raise StataError(f"weights not supported by mlmcli with {command}", 101)
