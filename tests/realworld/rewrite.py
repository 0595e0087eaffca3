"""Rewrite rules that let a real do-file run here: its data and its folders are not ours.

Applied to each command after macro expansion (so ``use "`dir'/x.dta"`` is seen whole):

1. Loading data -- ``use FILE``, ``use VARS using FILE``, ``webuse NAME``, ``sysuse NAME``,
   ``import excel|delimited|spss|sas [using] FILE``, ``insheet ... using FILE``,
   ``infile/infix ... using FILE``: when FILE is named in the file's ``* data:`` header,
   the command becomes ``use "<local .dta>", clear`` (``use`` keeps its own options and
   varlist).  The original text is recorded; ``measure.py`` judges the line by running the
   original in an empty session (see ``measure.probe_load``).
2. ``[mi] merge/append/joinby/cross ... using FILE`` and ``describe using FILE``: a mapped FILE is
   replaced by the local path.
3. A file the do-file made itself (``save``, ``saving()``, ``statsby``, ``tempfile``) is left
   alone: it exists in the working folder; named with the author's folders in ``use``,
   ``merge/append ... using``, ``import``/``insheet``, ``graph combine`` (``grc1leg``) or ``erase``, it becomes its last component
   (where rule 4 saved it).
4. Output paths -- ``log using``, ``save``, ``saveold``, ``export``, ``outsheet``,
   ``graph export|save``, ``estimates save``, ``esttab/estout/outreg2 using``, ``putexcel set``,
   ``putdocx|putpdf save``,
   both files of ``filefilter`` and ``translate``, ``saving()`` options: a path with folders becomes its last
   component, so the file lands in the per-file working folder.
5. ``mkdir``/``mkdirp`` of a path with folders makes its last component in the working folder.
   ``cd PATH`` goes to the per-file working folder instead.
6. ``do|run|include FILE`` of a file that does not exist (the author's other do-files)
   is not run; the line is recorded as external.
"""
from __future__ import annotations

import os
import re
import tempfile

LOAD_WORDS = ("use", "u", "us", "webuse", "sysuse", "bcuse", "import", "insheet", "infile", "infix")  # [D] use: u[se]
COMBINE_WORDS = ("merge", "append", "joinby", "cross", "mer", "merg", "app", "appe", "appen")
DESCRIBE_WORDS = ("d", "de", "des", "desc", "descr", "descri", "describ", "describe")  # [D] describe: d[escribe]
OUTPUT_WORDS = ("log", "save", "sa", "sav", "saveold", "export", "outsheet", "graph", "gr", "estimates",
                "est", "esttab", "estout", "outreg2", "outreg", "putexcel", "cmdlog", "translate", "filefilter",
                "eststo", "asdoc", "tabout", "logout", "xml_tab", "estwrite", "graph2tex", "putdocx", "putpdf",
                "grc1leg")
_PREFIX_RE = re.compile(r"^((?:\.[ \t]+)?(?:(?:qui|quie|quiet|quietl|quietly|cap|capt|captu|captur|capture|noi|nois|"
                        r"noisi|noisil|noisily)\b\s*:?\s*)*)")
_FILE_TOKEN = re.compile(r'`"(?:[^"]|"(?!\'))*"\'|"[^"]*"|[^\s,]+')


def strip_quotes(token: str) -> str:
    token = token.strip()
    if token.startswith('`"') and token.endswith('"\''):
        return token[2:-2]
    if token.startswith('"') and token.endswith('"'):
        return token[1:-1]
    return token


def file_keys(ref: str) -> list[str]:
    """Lookup keys for a file reference: whole, last path component, without extension."""
    ref = strip_quotes(ref).strip()
    base = re.split(r"[\\/]", ref)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return [k.lower() for k in dict.fromkeys([ref, base, stem]) if k]


def basename(ref: str) -> str:
    ref = strip_quotes(ref)
    return re.split(r"[\\/]", ref.rstrip("\\/"))[-1] or ref


class Rewriter:
    """``rewrite(text)`` for one do-file; ``events`` lists what was rewritten since ``reset``."""

    def __init__(self, datamap: dict[str, str], workdir: str):
        self.datamap = {k.lower(): v for k, v in datamap.items()}
        self.workdir = workdir
        self.events: list[tuple[str, str, str]] = []  # (kind, original, rewritten)

    def reset(self) -> None:
        self.events = []

    def lookup(self, ref: str) -> str | None:
        """The local path a file reference maps to (None: not mapped, or made by the do-file)."""
        plain = strip_quotes(ref)
        if not plain:
            return None
        for candidate in (plain, plain + ".dta", basename(plain), basename(plain) + ".dta"):
            if not re.match(r"^[a-z]+://", candidate) and os.path.isfile(os.path.join(self.workdir, candidate)):
                return None
            if os.path.isabs(candidate) and os.path.isfile(candidate):
                return None
        for key in file_keys(plain):
            if key in self.datamap:
                return self.datamap[key]
        return None

    def rewrite(self, text: str) -> str:
        m = _PREFIX_RE.match(text)
        prefix, rest = text[:m.end()], text[m.end():]
        by = re.match(r"^(by|bys|byso|bysor|bysort)\s+[^:]*:\s*", rest)
        if by:
            prefix, rest = prefix + rest[:by.end()], rest[by.end():]
        one_line_if = re.match(r"^if\s+[^\s{]+\s+(?=[A-Za-z])", rest)  # `if _rc mkdir ...`: a one-token condition
        if one_line_if:
            return prefix + rest[:one_line_if.end()] + self.rewrite(rest[one_line_if.end():])
        glued = re.match(r'^([A-Za-z]+)"', rest)  # use"file": Stata ends the command word at the quote
        if glued and (glued.group(1) in LOAD_WORDS or glued.group(1) in ("do", "run", "include", "ru")):
            rest = rest[:glued.end(1)] + " " + rest[glued.end(1):]
        words = rest.split()
        if not words:
            return text
        word = words[0].rstrip(",")
        if word in LOAD_WORDS:
            new = self._load(rest, word)
        elif (word in COMBINE_WORDS or (word in DESCRIBE_WORDS and re.search(r"\busing\s", rest))
              or (word == "mi" and len(words) > 1 and words[1] in COMBINE_WORDS)):  # mi merge|append
            new = self._combine(rest)
        elif word == "cd" and len(words) > 1:
            new = f'cd "{self.workdir}"'
        elif word in ("do", "run", "include", "ru") and len(words) > 1:
            target = strip_quotes(rest.split(None, 1)[1].split(",")[0].strip())
            exists = any(os.path.isfile(p) for p in (target, target + ".do", os.path.join(self.workdir, target),
                                                     os.path.join(self.workdir, target + ".do")))
            if exists:
                return text
            self.events.append(("external", text, ""))
            return ""
        elif word in ("erase", "rm") and len(words) > 1:  # rule 3: a file saved here, by its folders
            m = re.match(r"^\S+\s+(" + _FILE_TOKEN.pattern + ")", rest)
            if not m or not self._made_here(m.group(1)):
                return text
            new = rest[:m.start(1)] + f'"{basename(m.group(1))}"' + rest[m.end(1):]
        elif word in ("mkdir", "mkdirp") and len(words) > 1:  # a folder of the author's: in the working folder
            m = re.match(r"^\S+\s+(" + _FILE_TOKEN.pattern + ")", rest)
            plain = strip_quotes(m.group(1)) if m else ""
            if not re.search(r"[\\/]", plain):
                return text
            new = rest[:m.start(1)] + f'"{basename(plain)}"' + rest[m.end(1):]
        elif word in OUTPUT_WORDS or "saving(" in rest:
            new = self._output_paths(rest)
        else:
            return text
        if new != rest:
            if not self.events or self.events[-1][1] != text:
                kind = "load" if word in LOAD_WORDS else "path"
                self.events.append((kind, text, prefix + new))
        return prefix + new

    # ----- rules -----
    def _load(self, rest: str, word: str) -> str:
        words = rest.split()
        if word in ("u", "us", "use"):
            m = re.search(r"\busing\s+(" + _FILE_TOKEN.pattern + ")", rest)
            span = m.span(1) if m else None
            if span is None:
                m2 = re.match(r"^(?:u|us|use)\s+(" + _FILE_TOKEN.pattern + ")", rest)
                if not m2:
                    return rest
                span = m2.span(1)
            token = rest[span[0]:span[1]]
            path = self.lookup(token)
            if path is None and self._made_here(token):  # rule 3: a file the do-file saved, by its folders
                path = basename(token)
            if path is None:
                return rest
            return rest[:span[0]] + f'"{path}"' + rest[span[1]:]
        if word in ("webuse", "sysuse", "bcuse"):  # bcuse: Wooldridge's datasets from fmwww.bc.edu
            if len(words) < 2 or words[1] in ("set", "query", "dir", "describe"):
                return rest
            path = self.lookup(words[1].rstrip(","))
            return f'use "{path}", clear' if path else rest
        m = re.search(r"\busing\s+(" + _FILE_TOKEN.pattern + ")", rest)
        if m is None and word == "import" and len(words) > 2:
            m = re.match(r"^import\s+\w+\s+(" + _FILE_TOKEN.pattern + ")", rest)
        if m is None:
            return rest
        path = self.lookup(m.group(1))
        if path is None and self._made_here(m.group(1)):  # rule 3: a sheet or text file the do-file wrote
            return rest[:m.start(1)] + f'"{basename(m.group(1))}"' + rest[m.end(1):]
        return f'use "{path}", clear' if path else rest

    def _combine(self, rest: str) -> str:
        m = re.search(r"\busing\s+", rest)
        if m is None:
            return rest
        head, tail = rest[:m.end()], rest[m.end():]
        opts = ""
        comma = _top_comma(tail)
        if comma is not None:
            tail, opts = tail[:comma], tail[comma:]
        out = []
        for token in _FILE_TOKEN.findall(tail):
            path = self.lookup(token)
            if path is None and self._made_here(token):  # rule 3 with the author's folders
                path = basename(token)
            out.append(f'"{path}"' if path else token)
        return head + " ".join(out) + opts

    def _made_here(self, token: str) -> bool:
        """A path with folders whose file the do-file saved (rule 4 put it in the working folder;
        ``graph save`` adds .gph to a name without an extension)."""
        plain = strip_quotes(token)
        if re.match(r"^[a-z]+://", plain) or not re.search(r"[\\/]", plain):
            return False
        return any(os.path.isfile(os.path.join(self.workdir, name))
                   for name in (basename(plain), basename(plain) + ".dta", basename(plain) + ".gph"))

    def _output_paths(self, rest: str) -> str:
        def fix(token: str) -> str:
            plain = strip_quotes(token)
            if re.match(r"^[a-z]+://", plain) or not re.search(r"[\\/]", plain):
                return token
            if os.path.dirname(plain) == tempfile.gettempdir():  # a `tempfile`: rule 3, left alone
                return token
            return f'"{basename(plain)}"'

        def fix_saving(m: re.Match) -> str:
            inner = m.group(2)
            first = _FILE_TOKEN.match(inner.strip())
            if not first:
                return m.group(0)
            return m.group(1) + fix(first.group(0)) + inner.strip()[first.end():] + ")"

        out = re.sub(r"(saving\()\s*([^)]*)\)", fix_saving, rest)
        m = re.search(r"\busing\s+(" + _FILE_TOKEN.pattern + ")", out)
        if m:
            return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):]
        words = out.split(None, 2)
        if words and words[0] in ("save", "sa", "sav", "saveold") and len(words) > 1:
            m = re.match(r"^\S+\s+(" + _FILE_TOKEN.pattern + ")", out)
            if m:
                return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):]
        if len(words) > 2 and words[0] in ("graph", "gr") and words[1] in ("export", "save", "use"):
            m = re.match(r"^\S+\s+\S+\s+(" + _FILE_TOKEN.pattern + ")", out)
            if m:
                return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):]
        combine = len(words) > 2 and words[0] in ("graph", "gr") and words[1] == "combine"
        if combine or (len(words) > 1 and words[0] == "grc1leg"):  # rule 3: saved graphs (grc1leg: graph combine's)
            head = re.match(r"^\S+\s+\S+\s+" if combine else r"^\S+\s+", out).end()
            comma = _top_comma(out[head:])
            names, opts = (out[head:], "") if comma is None else (out[head:head + comma], out[head + comma:])
            names = " ".join(f'"{basename(t)}"' if self._made_here(t) else t for t in _FILE_TOKEN.findall(names))
            return out[:head] + names + opts
        if len(words) > 2 and words[0] in ("filefilter", "translate"):  # filefilter|translate oldfile newfile, ...
            m = re.match(r"^\S+\s+(" + _FILE_TOKEN.pattern + r")\s+(" + _FILE_TOKEN.pattern + ")", out)
            if m:
                return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):m.start(2)] + fix(m.group(2)) + out[m.end(2):]
        if len(words) > 2 and (words[0], words[1]) in (("putexcel", "set"), ("putdocx", "save"), ("putpdf", "save")):
            m = re.match(r"^\S+\s+\S+\s+(" + _FILE_TOKEN.pattern + ")", out)
            if m:
                return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):]
        if len(words) > 2 and words[0] in ("estimates", "est") and words[1] in ("save", "use"):
            m = re.match(r"^\S+\s+\S+\s+(" + _FILE_TOKEN.pattern + ")", out)
            if m:
                return out[:m.start(1)] + fix(m.group(1)) + out[m.end(1):]
        return out


def _top_comma(text: str) -> int | None:
    quote = False
    for i, ch in enumerate(text):
        if ch == '"':
            quote = not quote
        elif ch == "," and not quote:
            return i
    return None
