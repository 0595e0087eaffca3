"""Help pages: one data file per command in ``mlmcli/help/pages/<name>.hlp``, read into a
``HelpPage`` (pure data) and laid out by ``mlmcli.help.render``.

Page files are plain text in sections; a line ``@section [argument]`` opens a section:

    @title mixed xtmixed                             (page name, then aliases: other commands or
                                                      abbreviations the page documents)
    Multilevel mixed-effects linear regression      (the one-line summary)
    @manual [ME]                                     (the Stata manual the command is from)
    @syntax                                          (lines kept as typed)
    @options Model                                   (one table per Stata option group:
    noconstant | suppress the constant term           option | description)
    @description / @remarks / @methods / @differences (paragraphs, blank-line separated)
    @examples                                        (". command" lines run by the test suite;
                                                      "  1.  line" continues a block; other
                                                      lines are comments shown as typed)
    @stored                                          (e(N) | number of observations)
    @seealso                                         (names of related help pages)

A page for a subcommand or a plot type is named with an underscore for the space
(``estat_icc.hlp`` is ``help estat icc``; ``twoway_area.hlp`` is ``help twoway area``, and
with the alias ``area`` also ``help area``).  Several commands Stata documents on one page
share one file through aliases (``estout.hlp``: ``@title estout eststo esttab estadd``;
``estimates_store.hlp``: ``@title estimates_store estimates_restore ...``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PAGES = Path(__file__).with_name("pages")
_BLOCK_LINE = re.compile(r"^\s+\d+\.\s+(.*)$")


@dataclass(frozen=True)
class HelpPage:
    name: str
    summary: str
    manual: str = ""
    syntax: tuple[str, ...] = ()
    options: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (group, ((option, text), ...))
    sections: tuple[tuple[str, str], ...] = ()  # (heading, text) in page order
    examples: tuple[str, ...] = ()
    stored: tuple[tuple[str, str], ...] = ()
    seealso: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())

    @property
    def topic(self) -> str:
        """The name as typed after help (``twoway area`` for the page twoway_area)."""
        return self.name.replace("_", " ")

    def documents(self, line: str) -> bool:
        """Whether a command line runs a command this page documents (its topic or an alias)."""
        words = line.replace(",", " , ").split()
        return any("_".join(words[:name.count("_") + 1]) == name for name in (self.name, *self.aliases))

    def example_commands(self) -> list[str]:
        """The runnable commands of the Examples section, without their ``. `` prompt; a block
        (``program define`` ... ``end``) continues on numbered lines as Stata echoes them
        (``  1.     args who``) and is one command here, its lines joined by newlines."""
        commands: list[str] = []
        for line in self.examples:
            if line.startswith(". "):
                commands.append(line[2:])
            elif commands and _BLOCK_LINE.match(line):
                commands[-1] += "\n" + _BLOCK_LINE.match(line).group(1)
        return commands

    def option_names(self) -> list[str]:
        """The option words the page documents (``level(#)`` -> ``level``)."""
        names = []
        for _, rows in self.options:
            for opt, _ in rows:
                for alt in opt.split("/"):
                    word = alt.strip().split("(")[0].split()[0] if alt.strip() else ""
                    if word:
                        names.append(word)
        return names


_HEADINGS = {"description": "Description", "remarks": "Remarks", "methods": "Methods and formulas",
             "differences": "Differences from Stata"}


def parse_page(name: str, text: str) -> HelpPage:
    """A page file's text -> HelpPage (format in the module docstring)."""
    blocks: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("@"):
            head, _, arg = line[1:].partition(" ")
            blocks.append((head.strip(), arg.strip(), []))
        elif blocks:
            blocks[-1][2].append(line.rstrip())
    fields: dict = {"name": name, "summary": "", "syntax": (), "options": [], "sections": [], "examples": (),
                    "stored": (), "seealso": (), "aliases": ()}
    for head, arg, lines in blocks:
        body = _trim(lines)
        if head == "title":
            fields["summary"] = " ".join(body)
            fields["aliases"] = tuple(arg.split()[1:])
        elif head == "manual":
            fields["manual"] = arg
        elif head == "syntax":
            fields["syntax"] = tuple(body)
        elif head == "options":
            fields["options"].append((arg, tuple(_pairs(body))))
        elif head in _HEADINGS:
            fields["sections"].append((_HEADINGS[head], "\n".join(body)))
        elif head == "examples":
            fields["examples"] = tuple(body)
        elif head == "stored":
            fields["stored"] = tuple(_pairs(body))
        elif head == "seealso":
            fields["seealso"] = tuple(" ".join(body).split())
        else:
            raise ValueError(f"help page {name}: unknown section @{head}")
    fields["options"] = tuple(fields["options"])
    fields["sections"] = tuple(fields["sections"])
    return HelpPage(**fields)


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    """``left | right`` rows; a line without ``|`` continues the previous row's text.  The
    separator is `` | `` where a row has one, so that a left side may hold Stata's ``{a|b}``."""
    rows: list[tuple[str, str]] = []
    for line in lines:
        if "|" in line:
            left, _, right = line.partition(" | " if " | " in line else "|")
            rows.append((left.strip(), right.strip()))
        elif line.strip() and rows:
            rows[-1] = (rows[-1][0], rows[-1][1] + " " + line.strip())
    return rows


@lru_cache(maxsize=None)
def page_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in PAGES.glob("*.hlp")))


@lru_cache(maxsize=None)
def _alias_table() -> dict[str, str]:
    table = {}
    for name in page_names():
        for alias in load_page(name).aliases:
            table[alias] = name
    return table


@lru_cache(maxsize=256)
def load_page(name: str) -> HelpPage:
    return parse_page(name, (PAGES / f"{name}.hlp").read_text(encoding="utf-8"))


def covered_names() -> set[str]:
    """The names that lead to a page: page names and their aliases."""
    return set(page_names()) | set(_alias_table())


def find_page(topic: str) -> HelpPage | None:
    """The page for a topic as typed: a page's name or one of its aliases; for several words
    (``estat icc``, ``tw area``, ``graph twoway area``) the page of the subcommand, the first
    word resolved through the aliases and ``graph twoway`` read as ``twoway`` (the command
    layer resolves abbreviations through the registry first)."""
    words = topic.split()
    if not words:
        return None
    if len(words) > 1:
        words[0] = _alias_table().get(words[0], words[0])
        if words[0] == "graph" and _alias_table().get(words[1], words[1]) == "twoway":
            words = words[1:]
            words[0] = "twoway"
    key = "_".join(words)
    if key in page_names():
        return load_page(key)
    if key in _alias_table():
        return load_page(_alias_table()[key])
    return None


def search_pages(words: list[str]) -> list[tuple[str, str]]:
    """(name, summary) of every page whose text holds all ``words`` (case-insensitive)."""
    hits = []
    for name in page_names():
        text = (PAGES / f"{name}.hlp").read_text(encoding="utf-8").lower()
        if all(w.lower() in text for w in words):
            hits.append((load_page(name).topic, load_page(name).summary))
    return hits
