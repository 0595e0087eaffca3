"""Tab completion at the REPL prompt: what may come at the cursor, from the text before it.

The notebook's rules (``mlmcli.kernel.completion``: commands in command position, local and
global macro names, file names where a file goes, stored estimates, variables elsewhere),
plus two the prompt adds: after the command's comma (outside parentheses) the options its
help page documents, and the prefix words ``quietly``/``capture``/``noisily``/``by``/
``bysort`` among the commands.
"""
from __future__ import annotations

import re

_PREFIX_WORDS = ("by", "bysort", "capture", "noisily", "quietly")
_PREFIXES = re.compile(r"^\s*((?:(?:quietly|qui|noisily|noi|n|capture|cap)\b\s*:?\s*)|"
                       r"(?:(?:by|bysort|bys)\b[^:]*:\s*))*")


def completions(session, before: str) -> list[tuple[str, int]]:
    """(candidate, start offset from the cursor) pairs for the text before the cursor."""
    from mlmcli.kernel.completion import complete

    current = re.search(r"\w*$", before).group()
    head = before[:len(before) - len(current)]
    comma, depth = _top_level_comma(head)
    if comma and depth == 0 and not re.search(r"[`$]\{?$", head):  # an option's name, not its argument
        return [(o, -len(current)) for o in option_names(_command_of(before)) if o.startswith(current)]
    candidates, start, _ = complete(session, before, len(before))
    if _PREFIXES.match(head).end() == len(head) and before.count('"') % 2 == 0:  # command position
        candidates = sorted({*candidates, *(w for w in _PREFIX_WORDS if w.startswith(current))})
    return [(c, start - len(before)) for c in candidates]


def _command_of(before: str) -> str | None:
    """The full name of the command being typed (after any prefixes), or None."""
    from mlmcli.commands import lookup
    from mlmcli.errors import StataError

    word = re.match(r"[^\W\d]\w*", before[_PREFIXES.match(before).end():])
    if not word:
        return None
    try:
        return lookup(word.group()).name
    except StataError:
        return None


def _top_level_comma(text: str) -> tuple[bool, int]:
    """Whether the options' comma has been typed, and the parenthesis depth at the end."""
    depth, comma, quoted = 0, False, False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            comma = True
    return comma and not quoted, depth


def option_names(command: str | None) -> list[str]:
    """The options the command's help page documents (none without a page)."""
    if command is None:
        return []
    from mlmcli.help import find_page

    page = find_page(command)
    return sorted(set(page.option_names())) if page is not None else []


def make_completer(session):
    """The prompt_toolkit completer over ``completions``."""
    from prompt_toolkit.completion import Completer, Completion

    class StataCompleter(Completer):
        def get_completions(self, document, complete_event):
            for word, start in completions(session, document.text_before_cursor):
                yield Completion(word, start_position=start)

    return StataCompleter()
