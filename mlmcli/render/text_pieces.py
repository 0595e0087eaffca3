"""The pieces of ``local x : piece n l of "text" [, nobreak]``: words packed greedily into
pieces of at most ``l`` characters; a word longer than a piece is cut, or kept whole with
``nobreak``.  estout's ``wrap`` splits long row labels the same way."""
from __future__ import annotations


def pieces(text: str, length: int, *, nobreak: bool = False) -> list[str]:
    out: list[str] = []
    current = ""
    for word in text.split():
        while not nobreak and len(word) > length:  # a word longer than a piece is cut
            if current:
                out.append(current)
                current = ""
            out.append(word[:length])
            word = word[length:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= length:
            current += " " + word
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out
