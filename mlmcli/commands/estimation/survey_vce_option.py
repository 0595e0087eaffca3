"""``vce(jackknife, svy [subpop() mse nodots dof()])`` on an estimation command: jackknife.ado's
``svy`` option runs the command with the svyset design (``_svy_newrule``: the data must be
svyset, r(119)), as ``svy jackknife:`` does -- the design's or jkrweight()'s replicates, the
survey header and table.  Its suboptions are svy's (subpop(), mse, dof(), nodots); cluster()
with svy is jackknife.ado's r(198)."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

_SVY_SUBOPTIONS = [OptionSpec("svy", 3), OptionSpec("subpop", 3, takes_arg=True), OptionSpec("mse", 3),
                   OptionSpec("nodots", 6), OptionSpec("dof", takes_arg=True), OptionSpec("level", 1, takes_arg=True),
                   OptionSpec("cluster", 2, takes_arg=True)]


def svy_jackknife_requested(cmd) -> dict | None:
    """The suboptions of vce(jackknife, ... svy ...) typed on ``cmd``, else None."""
    for option in cmd.options:
        if len(option.name) >= 3 and "vce".startswith(option.name) and option.arg:
            head, _, rest = str(option.arg).partition(",")
            word = head.strip()
            if not (len(word) >= 4 and "jackknife".startswith(word)) or not rest.strip():
                return None
            typed = read_options(rest)
            if not any(len(o.name) >= 3 and "svy".startswith(o.name) for o in typed):
                return None
            unknown = [o for o in typed if not any(spec.matches(o.name) for spec in _SVY_SUBOPTIONS)]
            if unknown:
                shown = f"{unknown[0].name}()" if unknown[0].arg is not None else unknown[0].name
                raise StataError(f"option {shown} not allowed", 198)
            return resolve_options(typed, _SVY_SUBOPTIONS)
    return None


def run_svy_jackknife(session, cmd, name: str, sub: dict) -> None:
    """``cmd`` run as ``svy jackknife [, sub]: cmd`` without its vce() (through the command
    registry, as svy's own command), e(cmdline) the command as typed."""
    from mlmcli.ast import Command
    from mlmcli.commands import lookup

    if sub.get("cluster"):
        raise StataError("option cluster() is not allowed with svy", 198)
    text = without_vce(cmd.text or f"{name} {cmd.args}")
    prefix = [f"subpop({sub['subpop']})" if sub.get("subpop") is not None else "",
              "mse" if sub.get("mse") else "", "nodots" if sub.get("nodots") else "",
              f"dof({sub['dof']})" if sub.get("dof") is not None else "",
              f"level({sub['level']})" if sub.get("level") is not None else ""]
    prefix = " ".join(p for p in prefix if p)
    args = "jackknife" + (f", {prefix}" if prefix else "") + ": " + text
    lookup("svy").handler()(session, Command(name="svy", args=args, text="svy " + args))
    if session.e is not None:
        session.e.macros["cmdline"] = (cmd.text or f"{name} {cmd.args}").strip()


def without_vce(text: str) -> str:
    """The command's text without its vce(...) option (and a comma left with no options)."""
    import re

    m = re.search(r"(?i)\bvce?\s*\(", text[text.find(","):] if "," in text else "")
    if m is None:
        return text
    start = text.find(",") + m.start()
    depth, j = 0, start + m.end() - m.start() - 1
    while j < len(text):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            break
        j += 1
    out = (text[:start] + text[j + 1:]).rstrip()
    return out[:-1].rstrip() if out.endswith(",") else out
