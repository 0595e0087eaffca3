"""What ``Tab`` offers in a notebook cell, and what ``Shift-Tab`` (inspect) shows.

``complete(session, code, cursor)`` looks at the command being typed (the cursor's
line, joined with earlier lines that end in ``///``) and offers, by context:

- after a backtick: local macro names (closed with ``'``); after ``$`` or ``${``:
  global macro names;
- inside a double-quoted string, or after a word that takes a file name (``use``,
  ``save``, ``do``, ``using``, ``cd``, ``saving(`` …): file and folder names from the
  current folder (``use`` offers ``.dta`` files, ``do``/``run``/``include`` ``.do``
  files, each with the folders);
- at the start of a command (also after ``quietly``/``capture``/``noisily`` and a
  prefix's ``:``): command names of the registry and the session's programs;
- after ``estimates restore|replay|table|stats|drop|describe`` and ``lrtest``: the
  names of stored estimates;
- elsewhere: the dataset's variable names.

``inspect(session, code, cursor)`` gives the help text of the command under the
cursor (as ``help cmd`` prints it), or a variable's type, format and labels.
"""
from __future__ import annotations

import io
import os
import re

PREFIX_WORDS = {"quietly", "qui", "quiet", "noisily", "noi", "n", "capture", "cap", "capt"}
FILE_WORDS = {"use", "u", "us", "save", "sa", "sav", "saveold", "do", "run", "ru", "include", "using",
              "cd", "erase", "rm", "type", "copy", "export", "delimited", "delim", "delimit"}
EXTENSIONS = {"use": (".dta",), "u": (".dta",), "us": (".dta",),
              "do": (".do", ".ado"), "run": (".do", ".ado"), "ru": (".do", ".ado"), "include": (".do", ".ado")}
ESTIMATES_VERBS = {"restore", "replay", "table", "stats", "drop", "describe", "dir", "store"}
_TOKEN_BREAK = re.compile(r"[\s(),:\[\]=+\-*/<>!&|#.^~]")


def complete(session, code: str, cursor: int) -> tuple[list[str], int, int]:
    """(candidates, start, end): the candidates replace ``code[start:end]``."""
    before = current_command(code[:cursor])
    # macros
    if m := re.search(r"`(\w*)$", before):
        names = sorted(n for n in session.locals if n.startswith(m.group(1)))
        closed = code[cursor:cursor + 1] == "'"
        return [n if closed else n + "'" for n in names], cursor - len(m.group(1)), cursor
    if m := re.search(r"\$(\{?)(\w*)$", before):
        closer = "}" if m.group(1) and code[cursor:cursor + 1] != "}" else ""
        names = sorted(n for n in session.globals if n.startswith(m.group(2)))
        return [n + closer for n in names], cursor - len(m.group(2)), cursor
    # file names
    if before.count('"') % 2 == 1:
        token = before[before.rindex('"') + 1:]
        return file_names(token), cursor - len(token), cursor
    token = re.split(r"[\s(,]", before)[-1]
    head = before[:len(before) - len(token)]
    words = head.replace(",", " ").split()
    if re.search(r"\bsaving\(\s*$", head) or (words and words[-1].lower() in FILE_WORDS):
        extensions = EXTENSIONS.get(words[-1].lower(), ()) if words else ()
        return file_names(token, extensions), cursor - len(token), cursor
    # names
    current = _TOKEN_BREAK.split(before)[-1]
    head = before[:len(before) - len(current)].rstrip()
    return (sorted(n for n in _name_pool(session, head) if n.startswith(current)),
            cursor - len(current), cursor)


def current_command(before: str) -> str:
    """The text of the command the cursor is in: its line, with the lines ``///`` continues."""
    lines = before.split("\n")
    k = len(lines) - 1
    while k > 0 and re.search(r"(^|\s)///", lines[k - 1]):
        k -= 1
    return " ".join(re.sub(r"(^|\s)///.*$", " ", line) for line in lines[k:-1]) + lines[-1]


def _name_pool(session, head: str) -> list[str]:
    words = head.split()
    # a prefix's colon starts a command; a random-effects level's (`|| school:`) does not
    if not words or (head.endswith(":") and "||" not in head) or head.endswith("{") or words[-1] in PREFIX_WORDS:
        from mlmcli.commands import command_names

        return command_names() + list(session.programs)
    command = words[0]
    for k, word in enumerate(words[:-1]):
        if word.endswith(":") or word in PREFIX_WORDS:
            command = words[k + 1]
    if command == "lrtest" or (command.startswith("est") and len(words) >= 2 and words[-1] in ESTIMATES_VERBS):
        return list(session.estimates)
    return list(session.data.varnames) if session.data is not None else []


def file_names(token: str, extensions: tuple[str, ...] = ()) -> list[str]:
    """Files and folders whose path starts with ``token`` (folders end in ``/``); with
    ``extensions``, only files that have one of them (and folders)."""
    folder, stem = os.path.split(token)
    try:
        entries = sorted(os.listdir(os.path.expanduser(folder) or "."))
    except OSError:
        return []
    out = []
    for name in entries:
        if not name.startswith(stem) or (name.startswith(".") and not stem.startswith(".")):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(os.path.expanduser(path)):
            out.append(path + "/")
        elif not extensions or name.lower().endswith(extensions):
            out.append(path)
    return out


def word_at(code: str, cursor: int) -> tuple[str, bool]:
    """(the word under or before the cursor, whether it stands in command position)."""
    before, after = code[:cursor], code[cursor:]
    left = re.search(r"[^\W\d]\w*$", before)
    right = re.match(r"\w*", after)
    word = (left.group(0) if left else "") + (right.group(0) if right and left else "")
    if not word:
        return "", False
    head = current_command(before[:len(before) - len(left.group(0))]).rstrip()
    words = head.split()
    return word, not words or head.endswith(":") or words[-1] in PREFIX_WORDS


def inspect(session, code: str, cursor: int) -> str | None:
    """The help text of the command under the cursor, a variable's description, or None."""
    word, command_position = word_at(code, cursor)
    if not word:
        return None
    if command_position:
        return help_text(word)
    data = session.data
    if data is not None and word in data.varnames:
        parts = [word, data.types.get(word, "string" if data.is_string(word) else "double"),
                 data.format_of(word)]
        if data.value_label_of.get(word):
            parts.append(f"value label {data.value_label_of[word]}")
        if data.var_labels.get(word):
            parts.append(data.var_labels[word])
        return "  ".join(parts)
    return help_text(word)


def help_text(word: str) -> str | None:
    """What ``help word`` prints, from a scratch session (the user's session is untouched)."""
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    scratch = Session(out=Output(io.StringIO()))
    if Runner(scratch).run_text(f"help {word}", echo=False):
        return None
    return scratch.out.stream.getvalue().rstrip("\n")
