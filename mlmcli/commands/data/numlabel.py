"""``numlabel [lblnames], add|remove [mask(str) force]`` ([D] numlabel): value labels
prefixed with their values (``1. yes``) or the prefixes taken away.

``mask()`` is the prefix with ``#`` standing for the value (default ``"#. "``).  ``add``
leaves a label that already begins with its prefix alone unless ``force``; ``remove``
takes the prefix away where it is.  Without names, every label set.  ``detail`` (which
only affects Stata's messages) is refused, as are names of sets that do not exist (r(111)).
"""
from __future__ import annotations

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _value_text(value: float) -> str:
    from mlmcli.commands.program.macros import macro_number
    return macro_number(value)


def cmd_numlabel(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("add"), OptionSpec("remove"),
                                         OptionSpec("mask", takes_arg=True), OptionSpec("force")])
    if bool(opts.get("add")) == bool(opts.get("remove")):
        raise StataError("must specify either add or remove option", 198)
    mask = unquote(str(opts["mask"])) if isinstance(opts.get("mask"), str) else "#. "
    if "#" not in mask:
        raise StataError("mask() must contain #", 198)
    ds = session.data
    names = cmd.args.split()
    if not names or names == ["_all"]:  # matalabel's label list: none or _all is every value label
        names = list(ds.value_labels)
    for name in names:
        if name not in ds.value_labels:
            raise StataError(f"value label {name} not found", 111)
    for name in names:
        labels = ds.value_labels[name]
        for value, text in list(labels.items()):
            prefix = mask.replace("#", _value_text(value))
            if opts.get("add"):
                if opts.get("force") or not text.startswith(prefix):
                    labels[value] = (prefix + text)[:32000]
            elif text.startswith(prefix):
                labels[value] = text[len(prefix):]
    ds.changed = True
