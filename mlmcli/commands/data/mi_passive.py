"""``mi passive [, noupdate nopreserve]: [by varlist [(varlist)]:] generate|egen|replace ...``
([MI] mi passive; mi_cmd_passive.ado): the command run on m = 0, 1, ..., M in turn, each
announced ``m=#:``, with the by-variables sorted first; the new variable registered passive.

generate (any abbreviation), egen and replace only ("`x' invalid mi passive subcommand" r(198));
a storage type is allowed with generate/egen and must be numeric ("passive variables must be
numeric" r(198)); generate/egen need a new name (r(110)), replace a variable registered passive
("existing variable x not passive" r(111)).  The changed completed datasets are put back in the
data's style as mi xeq's are (``mlmcli.mi.restructure``); a failing m leaves the mi data as it was.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.mi import styles
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top

_NUMERIC_TYPES = ("byte", "int", "long", "float", "double")


def mi_passive(session, rest: str) -> None:
    from mlmcli.commands.data.mi import commit_mi_data
    from mlmcli.commands.data.mi_xeq import run_on_completed
    from mlmcli.mi.restructure import from_completed, registration_of

    ds = session.data
    styles.require_set(ds)
    colon = find_top(rest, ":", 0, "")
    if colon < 0:
        raise StataError("invalid syntax; colon missing\n    syntax is mi passive: ... or  mi passive, options: ...",
                         198)
    head, command = rest[:colon], rest[colon + 1:].strip()
    body, options, _ = split_options(head)
    if body.strip():
        raise StataError("invalid syntax", 198)
    resolve_options(options, [OptionSpec("noupdate", 4), OptionSpec("nopreserve", 6)])
    by_prefix, sort_vars, command = _parse_by(ds, command)
    verb, name = _parse_command(ds, command)
    full = f"{by_prefix}: {command}" if by_prefix else command

    def announce_and_run(m, runner) -> None:
        session.print(f"m={m}:")
        if sort_vars:
            runner.execute("sort " + " ".join(sort_vars))
        runner.execute(full)

    parts = run_on_completed(session, ds, range(styles.n_imputations(ds) + 1), announce_and_run)
    registration = registration_of(ds)
    if name not in registration["pvars"]:
        registration["pvars"] = registration["pvars"] + [name]
    commit_mi_data(session, from_completed(ds, parts, registration))


def _parse_by(ds, command: str) -> tuple[str, list[str], str]:
    """mi_passive_parse_by: ``by a b (c):`` -> ("by a b (c)", [a, b, c], the command after)."""
    m = re.match(r"\s*(?:by|bys|bysort)\b", command)
    if not m or not command.startswith("by"):
        return "", [], command
    colon = find_top(command, ":", 0, "")
    if colon < 0:
        raise StataError("by prefix not followed by colon", 198)
    spec = command[2:colon].strip()
    word = command.split(None, 1)[0].split(":")[0]
    if word != "by":  # mi_passive_parse_by looks for the word by alone
        raise StataError(f"{word} invalid mi passive subcommand\n    valid are generate, egen, and replace", 198)
    paren = spec.find("(")
    left, right = (spec[:paren], spec[paren:].strip().strip("()")) if paren >= 0 else (spec, "")
    names = ds.expand_varlist(left)
    inner = ds.expand_varlist(right) if right.strip() else []
    prefix = "by " + " ".join(names) + (f" ({' '.join(inner)})" if inner else "")
    return prefix, names + inner, command[colon + 1:].strip()


def _parse_command(ds, command: str) -> tuple[str, str]:
    """mi_passive_parse_cmd: the verb (generate, egen or replace) and the variable it makes."""
    m = re.match(r"\s*([A-Za-z_]\w*)", command)
    word = m.group(1) if m else ""
    if not word:
        raise StataError("invalid syntax", 198)
    if "generate".startswith(word):
        verb, new = "generate", True
    elif word in ("egen", "replace"):
        verb, new = word, word == "egen"
    else:
        raise StataError(f"{word} invalid mi passive subcommand\n    valid are generate, egen, and replace", 198)
    words = command[m.end():].replace("=", " = ").split()
    if words and (words[0] in _NUMERIC_TYPES or re.fullmatch(r"str(\d+|L)?", words[0])):
        if verb == "replace":
            raise StataError(f"mi replace {words[0]} ... invalid\n    storage type not allowed", 198)
        if words[0] not in _NUMERIC_TYPES:
            raise StataError("passive variables must be numeric", 198)
        words = words[1:]
    name = words[0] if words else ""
    if not re.fullmatch(r"[A-Za-z_]\w{0,31}", name):
        raise StataError(f"{name} invalid name" if name else "invalid syntax", 198)
    if new:
        if name in ds.varnames:
            raise StataError(f"variable {name} already defined", 110)
        return verb, name
    full = ds.resolve(name)
    if full not in styles.registered(ds, "pvars"):
        raise StataError(f"existing variable {full} not passive", 111)
    return verb, full
