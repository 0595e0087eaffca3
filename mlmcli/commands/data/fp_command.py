"""``fp``: Stata 13's fractional-polynomial command (fp.ado): its subcommands dispatched --
``fp generate`` (``commands.data.fp_generate``), the prefix ``fp <term>: est_cmd``
(``commands.estimation.fp_prefix``), ``fp predict``, ``fp plot`` and fp's replay
(``commands.estimation.fp_replay``); ``fp postest`` is refused by name."""
from __future__ import annotations

import re

from mlmcli.errors import StataError


def cmd_fp(session, cmd) -> None:
    text = cmd.args.strip()
    word = re.split(r"[\s<,]", text, maxsplit=1)[0] if text else ""
    if word and "generate".startswith(word) and len(word) >= 3:
        from mlmcli.commands.data.fp_generate import fp_generate

        fp_generate(session, text[len(word):], f"fp generate {text[len(word):].strip()}")
        return
    if text.startswith("<"):
        from mlmcli.commands.estimation.fp_prefix import fp_prefix

        fp_prefix(session, text)
        return
    if not word or text.startswith(","):
        from mlmcli.commands.estimation.fp_replay import fp_replay

        fp_replay(session, text)
        return
    if word == "predict":
        from mlmcli.commands.estimation.fp_predict import fp_predict

        fp_predict(session, text[len(word):])
        return
    if word == "plot":
        from mlmcli.commands.estimation.fp_plot import fp_plot

        fp_plot(session, text[len(word):])
        return
    if word == "postest":
        raise StataError(f"fp {word} is not implemented in mlm", 199)
    raise StataError(f"fp {word}:  unknown fp subcommand {word}", 198)
