"""``noisily`` and ``trace`` of the generic prefix path: ``bootstrap [exp_list], noisily: cmd``
and ``jackknife [exp_list], noisily: cmd`` for a command without its own replicate code in mlm
(replicate_coefficients.py, replicate_explist.py), and the ``vce(bootstrap|jackknife, noisily)``
of the commands whose vce() runs through that prefix (cnreg, tobit, intreg:
vce_through_prefix.py).

Printed as bootstrap.ado/_loop_bs.ado and jackknife.ado/_loop_jknife.ado print them (the same
layout as the shared runner's, ``replicate_noisily``): the heading "kind: First call to cmd
with data as is:", a blank line, the echo ". cmd ..." and the command's output on the data as
they are; a blank line and "Bootstrap replications (#)" / "Jackknife replications (#)"; then for
each replicate the echo and the command's output (``capture noisily quietly noisily cmd``), after
a failed run its message and "an error occurred when kind executed cmd, posting missing values",
after a run that omits a coefficient the full sample estimated (``o.x``: _check_omit) "collinearity
in replicate sample is not the same as the full sample, posting missing values", after reject() "rejected results from cmd, posting missing values".  ``trace`` adds after each
echo the traced line (``program_trace.traced_command``; mlm's commands are built in).

Unlike the shared runner, here the printed run IS the replicate's run: the command runs once per
replicate, shown instead of quiet, so noisily changes no number.  The first call echoes the
command as the prefix runs it (with its if/in); the replicates echo the line they run, which is
the command without if/in after an e-class command (the rows are e(sample)'s already).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.commands.estimation.replicate_noisily import COLLINEAR, FAILED, REJECTED


class PrefixPrinter:
    """Prints the generic prefix's first call and each replicate's run (module docstring)."""

    def __init__(self, session, settings: dict, kind: str, name: str):
        self.session, self.kind, self.name = session, kind, name
        self.trace = bool(settings.get("trace"))

    def _echo(self, command: str, noisily: bool) -> None:
        show = self.session.out.noisily_line if noisily else self.session.print
        show(f". {echoed(command)}")
        if self.trace:
            from mlmcli.program_trace import traced_command

            for line in traced_command(self.session, echoed(command)):
                self.session.out.noisily_line(line)

    def first_call(self, command: str) -> None:
        """The heading and echo (plain ``di``: quietly silences them); the run follows, shown."""
        self.session.print(f"{self.kind}: First call to {self.name} with data as is:")
        self.session.print()
        self._echo(command, noisily=False)

    def title(self, count: int) -> None:
        self.session.print()
        self.session.print(f"{self.kind.capitalize()} replications ({count})")

    def replicate(self, command: str) -> None:
        """The echo before a replicate's run (``noisily di``: shown under quietly too)."""
        self._echo(command, noisily=True)

    def failed(self, err: StataError) -> None:
        """``capture noisily`` shows the run's message, then the loop's."""
        if err.message:
            self.session.out.noisily_line(err.message)
        self.message(FAILED)

    def rejected(self) -> None:
        self.message(REJECTED)

    def collinear(self) -> None:
        """_check_omit: a coefficient the full sample estimated is omitted in the replicate."""
        self.message(COLLINEAR)

    def message(self, text: str) -> None:
        from mlmcli.render.lrtest import wrap_paragraph

        for line in wrap_paragraph(text.format(kind=self.kind, name=self.name), self.session.linesize, hanging=0):
            self.session.out.noisily_line(line)


def prefix_printer(session, settings: dict, kind: str, command: str) -> PrefixPrinter | None:
    """The printer when noisily or trace was typed on the prefix, else None."""
    if not settings.get("noisily"):
        return None
    from mlmcli.commands import full_command_name

    word = command.split(None, 1)[0].rstrip(":,") if command.split() else ""
    name = full_command_name(word)
    return PrefixPrinter(session, settings, kind, name)


_LEVEL = re.compile(r"\s*\b(?:l|le|lev|leve|level)\s*\([^)]*\)", re.IGNORECASE)  # Level(cilevel)


def command_level(command: str) -> tuple[str, str | None]:
    """(the command without its level() option, the level typed there or None): _prefix_command's
    ParseCommand takes level() out of the command and makes it the prefix's."""
    from mlmcli.textscan import find_top

    comma = find_top(command, ",")
    if comma < 0:
        return command, None
    found = _LEVEL.findall(command[comma + 1:])
    if not found:
        return command, None
    typed = found[-1].split("(", 1)[1].rsplit(")", 1)[0].strip()
    options = _LEVEL.sub("", command[comma + 1:]).strip()
    return command[:comma].rstrip() + (", " + options if options else ""), typed


def echoed(command: str) -> str:
    """The command as the prefix runs it, spaces tidied (``:list retok``), without level()
    (_prefix_command's ParseCommand takes it out of the options)."""
    from mlmcli.textscan import find_top

    text = " ".join(command.split())
    comma = find_top(text, ",")
    if comma < 0:
        return text
    options = _LEVEL.sub("", text[comma + 1:]).strip()
    return text[:comma].rstrip() + (", " + options if options else "")
