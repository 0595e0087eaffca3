"""``vce(bootstrap [, options])`` and ``vce(jackknife [, options])`` of tobit, intreg, cnreg and
areg ([R] tobit, [R] intreg, [R] areg: "vcetype may be ols|oim, robust, cluster clustvar,
bootstrap, or jackknife"; cnreg.ado 1.5.0: ``_vce_parserun cnreg, mark(CENsored OFFset)``).

Their ado files start with a plain ``_vce_parserun cmd, mark(...) : `0'`` (no bootopts/jkopts):
the line runs as the prefix on the command without its vce(),

    tobit y x, ll(0) vce(bootstrap, reps(50) seed(1))  ==  bootstrap _b, reps(50) seed(1): tobit y x, ll(0)

so the output (the "(running cmd on estimation sample)" note, the dots, the header with
``Replications``, the ``Observed``/``Bootstrap`` table) and e() are the prefix's, with the same
numbers for the same seed; only e(cmdline) is the command as typed (``ereturn local cmdline
`"tobit `0'"'``).  The prefix runs through replicate_prefix (its coefficient form,
replicate_coefficients), which also takes the command's cluster() as the prefix's
(_vce_parserun's mark(CLuster)).  ``robust`` beside vce(bootstrap|jackknife) is
_vce_parserun's "options vce() and robust may not be combined" r(198); under ``by:`` _vce_parserun's
"the by prefix may not be used with vce(boot) option" r(190) (syntax.by_vce, checked by the runner).

The commands are registered here (``cmd_tobit``, ``cmd_intreg``, ``cmd_cnreg``, ``cmd_areg``), ahead of
censored.py and areg.py, since the prefix's display imports censored.py (its replay).
"""
from __future__ import annotations

from mlmcli.errors import StataError

def _fit_unless_replicated(name: str, module: str):
    """The command ``name``: the prefix when its vce() asks for replicates, else ``module``'s fit
    (imported when run: the prefix's display imports censored.py)."""
    def command(session, cmd) -> None:
        if not run_through_prefix(session, cmd, name):
            from importlib import import_module

            getattr(import_module(f"mlmcli.commands.estimation.{module}"), f"cmd_{name}")(session, cmd)

    command.__name__ = f"cmd_{name}"
    return command


cmd_tobit = _fit_unless_replicated("tobit", "censored")
cmd_intreg = _fit_unless_replicated("intreg", "censored")
cmd_cnreg = _fit_unless_replicated("cnreg", "censored")
cmd_areg = _fit_unless_replicated("areg", "areg")
# mean, total, ratio, proportion (descriptive.py; replicate_display shows their tables)
cmd_mean = _fit_unless_replicated("mean", "descriptive")
cmd_total = _fit_unless_replicated("total", "descriptive")
cmd_ratio = _fit_unless_replicated("ratio", "descriptive")
cmd_proportion = _fit_unless_replicated("proportion", "descriptive")


def replicate_kind(cmd) -> str | None:
    """bootstrap|jackknife when the command's vce() asks for replicates, else None."""
    from mlmcli.syntax.vce_synonyms import replication_kind

    for option in cmd.options:
        if option.arg is not None and "vce".startswith(option.name) and len(option.name) == 3:
            head = option.arg.split(",")[0].split()
            if head and len(head) == 1:
                return replication_kind(head[0])
    return None


def run_through_prefix(session, cmd, name: str) -> bool:
    """Run ``cmd`` as the prefix when its vce() is bootstrap or jackknife (True), else False."""
    kind = replicate_kind(cmd)
    if kind is None:
        return False
    if any("robust".startswith(o.name) and len(o.name) >= 1 and o.arg is None for o in cmd.options):
        raise StataError("options vce() and robust may not be combined", 198)
    if getattr(session, "by_vars", None):  # the runner's check_by_vce refuses by first (syntax.by_vce)
        raise StataError(f"the by prefix may not be used with vce({kind}) option", 190)
    typed = _without_prefixes(cmd.text or name, len(cmd.prefixes))
    command, suboptions = _without_vce(typed)
    suboptions = _with_command_level(cmd, suboptions)
    from mlmcli.commands.estimation.replicate_prefix import run_prefix

    run_prefix(session, f"_b{', ' + suboptions if suboptions else ''}: {command}", kind)
    if session.e is not None:  # the ado's ereturn local cmdline "cmd `0'"
        session.e.macros["cmdline"] = typed.strip()
    return True


def _without_prefixes(text: str, count: int) -> str:
    """The command as typed after its quietly/noisily/capture (and by) prefixes."""
    import re

    for _ in range(count):
        text = re.sub(r"^\s*(?:bys\w*\s[^:]*:|by\s[^:]*:|qui\w*|noi\w*|cap\w*)\s*:?\s*", "", text, count=1,
                      flags=re.IGNORECASE)
    return text.strip()


def _with_command_level(cmd, suboptions: str) -> str:
    """The command's own level(#) is the prefix's (_vce_parserun's Check4Level: it wins over a
    level() typed inside vce())."""
    import re

    level = next((o.arg for o in cmd.options if o.arg is not None and len(o.name) >= 1
                  and "level".startswith(o.name)), None)
    if level is None:
        return suboptions
    kept = re.sub(r"(?<![\w])l(?:e(?:v(?:e(?:l)?)?)?)?\s*\([^()]*\)", "", suboptions, flags=re.IGNORECASE).strip()
    return f"{kept} level({level.strip()})".strip()


def _without_vce(text: str) -> tuple[str, str]:
    """(``text`` without its vce(...) option, the options typed after vce()'s comma)."""
    import re

    from mlmcli.textscan import find_top, matching_close

    comma = find_top(text, ",")
    for match in re.finditer(r"(?<![\w])vce\s*\(", text[comma + 1:] if comma >= 0 else "", re.IGNORECASE):
        start = comma + 1 + match.start()
        open_at = comma + 1 + match.end() - 1
        close = matching_close(text, open_at)
        if close < 0:
            continue
        inner = text[open_at + 1:close]
        inner_comma = find_top(inner, ",")
        suboptions = inner[inner_comma + 1:].strip() if inner_comma >= 0 else ""
        rest = (text[:start] + text[close + 1:]).rstrip()
        # _vce_parserun's NODOTS typed on the command is the prefix's (syntax.vce_synonyms)
        options, dropped = _without_top_nodots(rest[comma + 1:])
        if dropped:
            rest = rest[:comma + 1] + options
            suboptions = f"{suboptions} nodots".strip()
        rest = re.sub(r"\s*,\s*$", "", re.sub(r"[ \t]+", " ", rest))
        return rest, suboptions
    raise StataError("invalid vce() option", 198)


def _without_top_nodots(options: str) -> tuple[str, bool]:
    """``options`` without a ``nodots`` word outside parentheses and quotes, and whether one was."""
    import re

    depth, quoted, out, dropped = 0, False, [], False
    for piece in re.split(r"(\bnodots\b(?!\s*\()|[()\"])", options, flags=re.IGNORECASE):
        if piece == '"':
            quoted = not quoted
        elif piece in "()" and piece and not quoted:
            depth += 1 if piece == "(" else -1
        elif piece.lower() == "nodots" and depth == 0 and not quoted:
            dropped = True
            continue
        out.append(piece)
    return "".join(out), dropped
