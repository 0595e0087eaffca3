"""A help page laid out as text for a given width (Stata's viewer look, plain characters)."""
from __future__ import annotations

import textwrap

from mlmcli.help import HelpPage

INDENT = "    "


def render_page(page: HelpPage, width: int = 80) -> str:
    width = max(width, 40)
    out: list[str] = []
    title = f"{page.manual} {page.topic}" if page.manual else page.topic
    out += ["Title", "", _wrap(f"{title} -- {page.summary}", width, INDENT, INDENT + "  "), ""]
    if page.syntax:
        out += ["Syntax", ""] + [INDENT + line for line in page.syntax] + [""]
    if page.options:
        out += ["Options", ""]
        column = min(max(len(opt) for _, rows in page.options for opt, _ in rows) + 2, width // 3)
        for group, rows in page.options:
            if group:
                out.append(INDENT + group)
            for opt, text in rows:
                lead = INDENT + "  " + opt.ljust(column)
                if len(opt) > column:  # a long option on its own line(s), its text below
                    out.append(_wrap(opt, width, INDENT + "  ", INDENT + "    "))
                    lead = INDENT + "  " + " " * column
                out.append(_wrap(text, width, lead, INDENT + "  " + " " * column))
            out.append("")
    for heading, text in page.sections:
        out += [heading, ""] + [_wrap(par, width, INDENT, INDENT) + "\n" for par in _paragraphs(text)]
    if page.examples:
        out += ["Examples", ""] + [INDENT + line if line else "" for line in page.examples] + [""]
    if page.stored:
        out += ["Stored results", ""]
        column = max(len(name) for name, _ in page.stored) + 2
        for name, text in page.stored:
            out.append(_wrap(text, width, INDENT + name.ljust(column), INDENT + " " * column))
        out.append("")
    if page.seealso:
        out += ["Also see", "", _wrap("help " + ", help ".join(page.seealso), width, INDENT, INDENT), ""]
    return "\n".join(out).rstrip() + "\n"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)
