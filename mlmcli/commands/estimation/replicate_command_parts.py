"""What ``_prefix_command`` does with the pieces of ``bootstrap ... : cmd`` / ``jackknife ... : cmd``
before the prefixes run (Stata 12/13's _prefix_command.ado, bootstrap.ado, jackknife.ado):

- ``[if]`` and ``[in]`` typed on the prefix (``bootstrap _b if z > 0, reps(20): regress y x``)
  are the command's: they move onto it.  Both typing one is "bootstrap and regress may not
  both specify an if condition" (``in``) r(198).  jackknife's weights likewise move onto the
  command ("weights of jackknife conflict with weights of regress" r(198) when both differ);
  bootstrap's fail, as bootstrap.ado's ``syntax [, NONOPTION]``: "weights not allowed" r(101).
- ``cluster(v)`` or ``vce(cluster v)`` typed on the command (CheckCluster: ``_vce_parse,
  argopt(CLuster) old``) is the prefix's ``cluster(v)``: the prefix resamples (leaves out) the
  clusters of v; a different cluster() on the prefix is "option cluster() of bootstrap conflicts
  with option cluster() of regress" r(198).  ``robust`` and the other vce()s stay on the command,
  which runs with them in every replicate; only its e(b) is kept, so they change no number.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

_IGNORED = ("capture", "noisily", "quietly")


def split_prefix(text: str) -> tuple[str, str]:
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0:
        return text, ""
    return text[:colon].strip(), text[colon + 1:].strip()


def command_name(command: str) -> str:
    """The command's full name (capture/noisily/quietly skipped), or its first word."""
    from mlmcli.commands import full_command_name

    words = command.split()
    while words and len(words[0]) >= 3 and any(p.startswith(words[0].lower().rstrip(":")) for p in _IGNORED):
        words = words[1:]
    word = words[0].rstrip(":,") if words else ""
    return full_command_name(word)


def _first_equation(command: str) -> tuple[str, str]:
    """(the command up to its first top-level ``||``, the rest): mixed's fixed-effects part."""
    from mlmcli.textscan import find_top

    cut = find_top(command, "||")
    return (command, "") if cut < 0 else (command[:cut].rstrip(), " " + command[cut:])


def _insert(command: str, words: str) -> str:
    """``words`` after the command's varlist: before its first equation's top-level comma."""
    from mlmcli.textscan import find_top

    first, rest = _first_equation(command)
    comma = find_top(first, ",")
    if comma < 0:
        return f"{first} {words}{rest}"
    return f"{first[:comma].rstrip()} {words}{first[comma:]}{rest}"


def _typed_tail(main: str):
    """The if/in/weight typed after the command's name (capture/noisily/quietly skipped), read
    by the general form (mixed-style commands are parsed raw as a whole), or None."""
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    comma = find_top(main, ",")
    text = (main if comma < 0 else main[:comma]).strip()
    while True:
        word = text.split(None, 1)[0] if text.split() else ""
        if not (len(word) >= 3 and any(p.startswith(word.lower().rstrip(":")) for p in _IGNORED)):
            break
        text = text[len(word):].lstrip().lstrip(":").lstrip()
    try:
        return parse_arguments(text[len(word):], word)
    except StataError:
        return None


def merge_prefix_qualifiers(text: str, kind: str) -> str:
    """``text`` (the prefix's arguments) with the prefix's if/in (jackknife: weights) on the command."""
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    head, command = split_prefix(text)
    if not command:
        return text
    typed = parse_arguments(head, kind)
    moved_weight = kind == "jackknife" and typed.weight is not None
    if typed.if_exp is None and typed.in_range is None and not moved_weight:
        if typed.weight is not None:  # bootstrap.ado: the weights fail its syntax [, NONOPTION]
            raise StataError("weights not allowed", 101)
        return text
    name = command_name(command)
    own = _typed_tail(_first_equation(command)[0])
    words = []
    if moved_weight:
        theirs = getattr(own, "weight", None)
        mine = f"[{typed.weight.kind}={typed.weight.exp}]"
        if theirs is not None and (theirs.kind, theirs.exp.strip()) != (typed.weight.kind, typed.weight.exp.strip()):
            raise StataError(f"weights of {kind} conflict with weights of {name}", 198)
        if theirs is None:
            words.append(mine)
    if typed.if_exp is not None:
        if getattr(own, "if_exp", None) is not None:
            raise StataError(f"{kind} and {name} may not both specify an if condition", 198)
        words.append(f"if {typed.if_exp}")
    if typed.in_range is not None:
        if getattr(own, "in_range", None) is not None:
            raise StataError(f"{kind} and {name} may not both specify an in condition", 198)
        last = f"/{typed.in_range.last}" if typed.in_range.last not in (None, "") else ""
        words.append(f"in {typed.in_range.first}{last}")
    if typed.weight is not None and not moved_weight:  # bootstrap.ado: syntax [, NONOPTION]
        raise StataError("weights not allowed", 101)
    comma = find_top(head, ",")
    new_head = str(typed.args or "").strip() + (" " + head[comma:] if comma >= 0 else "")
    return f"{new_head.strip()}: {_insert(command, ' '.join(words))}"


# vce()s whose replicate runs keep the same e(b): dropped from a command that becomes its own
# vce(kind) (replicate_prefix.vce_form), left on a command the prefix runs as typed
_NEUTRAL_VCE = re.compile(r"^(r|ro|rob|robu|robus|robust|oim|opg|eim|ols|conventional|unbiased|hc2|hc3|"
                          r"model|modelbased)$", re.IGNORECASE)
_CLUSTER_VCE = re.compile(r"^\s*cl(?:u(?:s(?:t(?:e(?:r)?)?)?)?)?\s+(\S+)\s*$", re.IGNORECASE)
_RAW_OPTION = re.compile(r"(?:,|\s)(vce\s*\(([^()]*)\)|rob(?:u(?:s(?:t)?)?)?\b|cl(?:u(?:s(?:t(?:e(?:r)?)?)?)?)?\s*\(([^()]*)\))",
                         re.IGNORECASE)


def command_variance(command: str, kind: str) -> tuple[str | None, list[tuple[int, int]], bool]:
    """(the cluster variable the command's cluster()/vce(cluster v) names, the spans of its
    variance options in ``command``, whether any is a vce() the prefix cannot run inside a
    replicate (bootstrap/jackknife: nested replication))."""
    from mlmcli.textscan import find_top

    first, _ = _first_equation(command)
    start = find_top(first, ",")
    if start < 0 and "||" not in command:
        return None, [], False
    cluster, spans, nested = None, [], False
    for match in _RAW_OPTION.finditer(command, max(start, 0)):
        if "," not in command[:match.start() + 1]:
            continue
        word = match.group(1)
        low = word.lower()
        if low.startswith("vce"):
            arg = (match.group(2) or "").strip()
            found = _CLUSTER_VCE.match(arg)
            if found:
                cluster = _agree(cluster, found.group(1), kind)
            elif not _NEUTRAL_VCE.match(arg):
                nested = True
        elif low.startswith("cl"):
            names = (match.group(3) or "").split()
            if len(names) != 1:
                raise StataError("cluster(): one variable allowed" if names else "invalid syntax", 198)
            cluster = _agree(cluster, names[0], kind)
        spans.append(match.span(1))
    return cluster, spans, nested


def _agree(cluster, new, kind):
    if cluster is not None and cluster != new:  # _vce_parse: cluster() and vce(cluster) differ
        raise StataError("options vce() and cluster() may not be combined", 198)
    return new


def without_spans(command: str, spans) -> str:
    """``command`` with the option spans removed (and a comma left with nothing after it)."""
    out = command
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + out[end:]
    out = re.sub(r"\s+", " ", out).strip()
    return re.sub(r"\s*,\s*$", "", out)


def with_prefix_cluster(head: str, cluster: str, kind: str, name: str) -> str:
    """The prefix's arguments with cluster(v) among its options (the command's cluster)."""
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
    from mlmcli.textscan import find_top

    comma = find_top(head, ",")
    if comma >= 0:
        found = resolve_options(read_options(head[comma + 1:]), [OptionSpec("cluster", 2, takes_arg=True)],
                                allow_unknown=True)
        mine = str(found.get("cluster") or "").strip()
        if mine:
            if mine.split() != [cluster]:
                raise StataError(f"option cluster() of {kind} conflicts with option cluster() of {name}", 198)
            return head
        return f"{head} cluster({cluster})"
    return f"{head}, cluster({cluster})"


def without_if_in(command: str) -> str:
    """The command without its [if] and [in]: the replicates run on the estimation sample's
    rows already (bootstrap.ado's "command without [if] [in]", jackknife.ado's ``if touse``),
    where an ``in`` range would no longer point at the same rows."""
    from mlmcli.textscan import find_top

    first, rest = _first_equation(command)
    comma = find_top(first, ",")
    main, tail = (first, "") if comma < 0 else (first[:comma], first[comma:])
    parsed = _typed_tail(main)
    if parsed is None:
        return command
    if parsed.if_exp is not None:
        found = re.search(r"(?<![\w.])if\s+" + re.escape(parsed.if_exp.strip()), main)
        if found is None:
            return command
        main = main[:found.start()] + main[found.end():]
    if parsed.in_range is not None:
        found = re.search(r"(?<![\w.])in\s+[^\s\[,]+", main)
        if found is None:
            return command
        main = main[:found.start()] + main[found.end():]
    main = re.sub(r"\s+", " ", main).strip()
    return f"{main}{tail}{rest}"


def if_in_rows(session, command: str):
    """The rows the command's [if] [in] select in the data in memory (None: it has neither):
    after an r-class command bootstrap.ado keeps them (``keep if touse``) and runs the command
    without them."""
    from mlmcli.expr import evaluate_condition
    from mlmcli.sample import in_range_mask

    parsed = _typed_tail(_first_equation(command)[0])
    if parsed is None or (parsed.if_exp is None and parsed.in_range is None):
        return None
    mask = np.asarray(in_range_mask(session, parsed.in_range), bool)
    if parsed.if_exp is not None:
        mask = mask & np.asarray(evaluate_condition(session, parsed.if_exp), bool)
    return mask
