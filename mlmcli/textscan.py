"""Scanning command text at the top level: outside quoted strings and brackets.

Stata's quoted strings are ``"..."`` and compound ``\\`"..."'`` (compound quotes
nest; a plain ``"`` inside them does not end them).  Brackets are ``( )``,
``[ ]`` and ``{ }`` unless a caller names fewer.  Scanning is lenient: an
unclosed quote runs to the end of the text and a stray closing bracket is
ignored; ``balance_error`` says what is unbalanced, for the callers that must
report it.  Pure string work: no data, no Session.
"""
from __future__ import annotations

from collections.abc import Iterator

from mlmcli.errors import StataError

OPENERS = "([{"
_CLOSER = {"(": ")", "[": "]", "{": "}"}


def quote_end(text: str, i: int) -> int:
    """Index just past the quoted string that opens at ``text[i]``, or -1 if it is not closed."""
    if text.startswith('`"', i):
        depth, j, n = 0, i, len(text)
        while j < n:
            if text.startswith('`"', j):
                depth += 1
                j += 2
            elif text.startswith("\"'", j):
                depth -= 1
                j += 2
                if depth == 0:
                    return j
            else:
                j += 1
        return -1
    end = text.find('"', i + 1)
    return -1 if end < 0 else end + 1


def is_quote_start(text: str, i: int) -> bool:
    return text[i] == '"' or text.startswith('`"', i)


def outside_quotes(text: str, start: int = 0) -> Iterator[int]:
    """Index of each character of ``text[start:]`` outside quoted strings; an unclosed
    quote yields -1 and ends the scan."""
    i, n = start, len(text)
    while i < n:
        if is_quote_start(text, i):
            i = quote_end(text, i)
            if i < 0:
                yield -1
                return
            continue
        yield i
        i += 1


def rewrite_outside_strings(text: str, rewrite) -> tuple[str, list[int]]:
    """``text`` rewritten where ``rewrite(text, i)`` matches at an offset outside strings, and
    for each offset of the new text (and its end) the offset of ``text`` it came from (where a
    token boundary found in the new text lies in the text as typed).  ``rewrite`` returns None
    (the character stays) or (replacement, end, offsets): what stands for ``text[i:end]`` and
    the offset each of its characters maps to.  A string here is ``"..."`` or ``\\`"..."'`` up to
    the first ``"'`` (the expression rewriters' rule: not nested), copied as it is; an unclosed
    one runs to the end."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"' or (ch == "`" and text[i + 1:i + 2] == '"'):
            close = text.find('"', i + 1) if ch == '"' else text.find("\"'", i + 2)
            end = len(text) if close < 0 else close + (1 if ch == '"' else 2)
            out.append(text[i:end])
            where.extend(range(i, end))
            i = end
            continue
        hit = rewrite(text, i)
        if hit is not None:
            replacement, i, offsets = hit
            out.append(replacement)
            where.extend(offsets)
            continue
        out.append(ch)
        where.append(i)
        i += 1
    where.append(len(text))
    return "".join(out), where


def _depths(text: str, start: int, brackets: str) -> Iterator[tuple[int, int]]:
    """(index, depth) of each character outside quotes.  A bracket stands at the depth
    it is typed at (``(`` and its ``)`` both outside the group); a stray closer is an
    ordinary character."""
    closers = "".join(_CLOSER[b] for b in brackets)
    depth = 0
    for i in outside_quotes(text, start):
        if i < 0:
            return
        ch = text[i]
        if ch in brackets:
            yield i, depth
            depth += 1
            continue
        if ch in closers and depth > 0:
            depth -= 1
        yield i, depth


def find_top(text: str, sub: str, start: int = 0, brackets: str = OPENERS) -> int:
    """First index of ``sub`` at ``start`` or after, outside quotes and brackets, or -1."""
    for i, depth in _depths(text, start, brackets):
        if depth == 0 and text.startswith(sub, i):
            return i
    return -1


def split_top(text: str, sep: str, brackets: str = OPENERS) -> list[str]:
    """``text`` split at every ``sep`` outside quotes and brackets."""
    parts, start = [], 0
    while True:
        k = find_top(text, sep, start, brackets)
        if k < 0:
            parts.append(text[start:])
            return parts
        parts.append(text[start:k])
        start = k + len(sep)


def split_words(text: str, brackets: str = OPENERS) -> list[str]:
    """Words of ``text``: split at white space outside quotes and brackets (``i.a#c.(b c)``
    and ``"a b"`` stay one word each); empty words are dropped."""
    closers = "".join(_CLOSER[b] for b in brackets)
    words, start, depth, nxt = [], None, 0, 0
    for i in outside_quotes(text):
        if i < 0:  # an unclosed quote runs to the end
            break
        if start is None and i > nxt:  # the scan stepped over a quoted string
            start = nxt
        nxt = i + 1
        ch = text[i]
        if depth == 0 and ch.isspace():
            if start is not None:
                words.append(text[start:i])
            start = None
            continue
        if start is None:
            start = i
        if ch in brackets:
            depth += 1
        elif ch in closers and depth > 0:
            depth -= 1
    if start is None and nxt < len(text):
        start = nxt
    if start is not None:
        words.append(text[start:])
    return words


def top_level_blanks(text: str, brackets: str = OPENERS) -> list[int]:
    """Offsets of the white space of ``text`` outside quotes and brackets (where ``split_words``
    splits), in one pass."""
    return [i for i, depth in _depths(text, 0, brackets) if depth == 0 and text[i].isspace()]


def matching_close(text: str, i: int, brackets: str = OPENERS) -> int:
    """Index of the bracket that closes the one opening at ``text[i]``, or -1."""
    for j, depth in _depths(text, i, brackets):
        if j > i and depth == 0:
            return j
    return -1


def has_unclosed_quote(text: str) -> bool:
    return any(i < 0 for i in outside_quotes(text))


def balance_error(text: str, brackets: str = "([") -> StataError | None:
    """Stata's message for unbalanced quotes or parentheses in ``text``, or None.

    ``too few quotes`` and ``parentheses unbalanced`` are both r(132); the ``brackets``
    (by default ``(`` and ``[``) count as one kind of bracket.
    """
    closers = "".join(_CLOSER[b] for b in brackets)
    depth = 0
    for i in outside_quotes(text):
        if i < 0:
            return StataError("too few quotes", 132)
        if text[i] in brackets:
            depth += 1
        elif text[i] in closers:
            depth -= 1
            if depth < 0:
                return StataError("parentheses unbalanced", 132)
    return StataError("parentheses unbalanced", 132) if depth else None


__all__ = ["OPENERS", "balance_error", "find_top", "has_unclosed_quote", "is_quote_start",
           "matching_close", "outside_quotes", "quote_end", "split_top",
           "split_words"]
