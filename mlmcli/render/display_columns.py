"""A display line built as Stata's ``display`` does with ``_col(#)``: it pads forward only (a
column already passed adds nothing), as mlm's display directive does."""
from __future__ import annotations


class DisplayLine:
    def __init__(self) -> None:
        self.text = ""

    def col(self, n: int) -> "DisplayLine":
        if len(self.text) < n - 1:
            self.text += " " * (n - 1 - len(self.text))
        return self

    def add(self, s: str) -> "DisplayLine":
        self.text += s
        return self
