"""``svyset, clear``: removes the data's survey settings (the ``_dta[_svy_*]``
characteristics), printing nothing, as svyset.ado's ``Clear`` then ``Get`` do.  mlm has no
survey estimation (no ``svy:`` prefix), so declaring a design is refused (r(199)); a do-file
that clears the settings before fitting unweighted models ("svyset, clear") runs."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"svyset": "svyset, clear : remove the survey settings (declaring a survey design is not available in mlm)"}


def cmd_svyset(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    if body.strip():
        raise StataError("svyset with a survey design is not available in mlm (it has no svy: estimation); "
                         "only svyset, clear", 199)
    opts = resolve_options(options, [OptionSpec("clear")])
    if "clear" not in opts:
        raise StataError("svyset without options (showing the settings) is not available in mlm; "
                         "only svyset, clear", 199)
    ds = session.data
    for key in [k for k in ds.chars if k.startswith("_svy_")]:
        del ds.chars[key]
