"""What a command line is, independently of mlm's own parser: its prefixes, its command
word (Stata's abbreviations resolved) and the "form" the measurement tables count.

A form is the command word, plus the subcommand for commands whose meaning is in the
second word (``estat icc``, ``estimates store``, ``label define``, ``ssc install``,
``egen mean()``); a leading command-prefix that is itself a command (``xi:``,
``eststo:``, ``svy:``, ``mi estimate:``, ``bootstrap:``) is the form, since that is
what must be supported before the line can run.
"""
from __future__ import annotations

import re

# Stata's documented minimal abbreviations for commands mlm may not know yet.
ABBREVIATIONS = {
    "g": "generate", "ge": "generate", "gen": "generate", "gene": "generate",
    "su": "summarize", "sum": "summarize", "summ": "summarize",
    "ta": "tabulate", "tab": "tabulate", "tabu": "tabulate",
    "l": "list", "li": "list", "d": "describe", "de": "describe", "des": "describe", "desc": "describe",
    "di": "display", "dis": "display", "disp": "display",
    "reg": "regress", "regr": "regress", "est": "estimates", "esti": "estimates", "estimate": "estimates",
    "mat": "matrix", "matr": "matrix", "la": "label", "lab": "label", "labe": "label",
    "gr": "graph", "tw": "twoway", "sc": "scatter", "hist": "histogram", "histo": "histogram",
    "kdens": "kdensity", "corr": "correlate", "cor": "correlate", "ren": "rename", "rena": "rename",
    "so": "sort", "mer": "merge", "app": "append", "appe": "append", "rec": "recode", "reco": "recode",
    "cou": "count", "coun": "count", "insh": "insheet", "ins": "insheet", "xtdes": "xtdescribe",
    "xtdesc": "xtdescribe", "form": "format", "forv": "forvalues", "forva": "forvalues",
    "forval": "forvalues", "foreach": "foreach", "u": "use", "sa": "save", "e": "exit",
    "keep": "keep", "dro": "drop", "q": "query", "h": "help", "tabul": "tabulate",
    "pred": "predict", "predic": "predict", "loc": "local", "glo": "global", "gl": "global",
    "sca": "scalar", "scal": "scalar", "ma": "macro", "xtmelog": "xtmelogit", "xtmix": "xtmixed",
    "lo": "local", "conf": "confirm", "tabstat": "tabstat", "codeb": "codebook",
    "enc": "encode", "dec": "decode", "destr": "destring", "tostr": "tostring", "outs": "outsheet",
    "ttes": "ttest", "logi": "logit", "prob": "probit", "poiss": "poisson", "log": "log",
    "estat": "estat", "margin": "margins", "cap": "capture", "qui": "quietly", "noi": "noisily",
}
PREFIX_WORDS = {
    "qui": "quietly", "quietly": "quietly", "quiet": "quietly", "quie": "quietly", "quietl": "quietly",
    "cap": "capture", "capt": "capture", "captu": "capture", "captur": "capture", "capture": "capture",
    "noi": "noisily", "nois": "noisily", "noisi": "noisily", "noisil": "noisily", "noisily": "noisily",
}
# Prefix commands (`word [args]:`) that are commands of their own in Stata.
COMMAND_PREFIXES = ("xi", "eststo", "svy", "mi", "bootstrap", "bs", "jackknife", "jknife", "nestreg",
                    "stepwise", "sw", "rolling", "simulate", "permute", "collect", "frame", "timer",
                    "version", "statsby", "fp", "mfp", "bayes")
SUBCOMMAND_WORDS = {"estat", "estimates", "matrix", "label", "graph", "ssc", "net", "import", "export",
                    "log", "set", "macro", "ereturn", "return", "duplicates", "egen", "file", "program",
                    "mata", "putexcel", "collect", "etable", "svyset", "mi", "xtset", "char", "notes",
                    "sysdir", "adopath", "window", "preserve", "restore", "frame", "scalar", "char",
                    "tsset", "timer", "constraint", "reshape", "misstable", "contrast"}
MATRIX_SUBS = {"list", "define", "def", "dir", "drop", "rownames", "colnames", "roweq", "coleq",
               "input", "accum", "rename", "symeigen", "eigenvalues", "score"}
_BY_RE = re.compile(r"^(by|bys|byso|bysor|bysort)\s+[^:]*:\s*")
_WORD_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)")


def strip_prefixes(text: str) -> tuple[list[str], str]:
    """(prefix names, the rest) for quietly/capture/noisily and by/bysort prefixes."""
    prefixes: list[str] = []
    rest = text.strip()
    if re.match(r"^\.[ \t]+\S", rest):  # a ". " prompt pasted with the command: the command counts
        rest = rest[1:].strip()
    while rest:
        m = _BY_RE.match(rest)
        if m:
            prefixes.append("by")
            rest = rest[m.end():].strip()
            continue
        m = _WORD_RE.match(rest)
        if not m:
            break
        word = m.group(1)
        after = rest[m.end():]
        if word in PREFIX_WORDS and (not after or after[0] in " \t:{"):
            prefixes.append(PREFIX_WORDS[word])
            rest = after.lstrip(" \t:").strip()
            continue
        break
    return prefixes, rest


def command_prefix(rest: str) -> str | None:
    """A command-prefix such as ``xi:`` / ``eststo m1:`` / ``mi estimate, opts:`` at the start."""
    m = _WORD_RE.match(rest)
    if not m or m.group(1) not in COMMAND_PREFIXES:
        return None
    word = m.group(1)
    colon = _top_level_colon(rest)
    if colon is None:
        return None
    if word in ("version",) and not re.match(r"^version\s+[\d.]+\s*(,[^:]*)?:", rest):
        return None
    return word


def _top_level_colon(text: str) -> int | None:
    depth, quote = 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quote = not quote
        elif quote:
            continue
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ":" and depth == 0:
            if text[i + 1:i + 2] == ":":  # `::` is not a prefix colon
                return None
            return i
    return None


def resolve_word(word: str) -> str:
    """Stata's full command name for a typed word (mlm's table first, then Stata's)."""
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    try:
        from mlmcli.commands import lookup

        return lookup(word).name
    except Exception:
        return word


def form_of(text: str) -> str:
    """The table key for a logical command line (see module docstring)."""
    _prefixes, rest = strip_prefixes(text)
    if not rest:
        return "(empty)"
    if rest.startswith("#"):
        return rest.split()[0]
    cp = command_prefix(rest)
    if cp is not None and cp not in ("version", "statsby", "bayes"):
        if cp == "mi":
            sub = rest.split()[1].rstrip(",:") if len(rest.split()) > 1 else ""
            return f"mi {sub}:"
        return f"{cp}:"
    if cp == "version":
        return form_of(rest[_top_level_colon(rest) + 1:])
    m = _WORD_RE.match(rest)
    if not m:
        return rest.split()[0][:20]
    word = resolve_word(m.group(1))
    tail = rest[m.end():].strip()
    if word in SUBCOMMAND_WORDS and tail:
        sub = re.split(r"[\s,(]", tail, maxsplit=1)[0]
        if word == "egen":
            fm = re.search(r"=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(", tail)
            return f"egen {fm.group(1)}()" if fm else "egen"
        if word == "matrix" and sub not in MATRIX_SUBS:
            return "matrix name = exp"
        if word == "set" and sub:
            return f"set {sub}"
        if word in ("preserve", "restore", "reshape", "xtset", "tsset", "scalar", "program", "mata",
                    "constraint", "char"):
            return word if word not in ("reshape",) else f"reshape {sub}"
        if sub and re.match(r"^[A-Za-z_]", sub):
            sub = {"sto": "store", "stor": "store", "res": "restore", "rest": "restore",
                   "tab": "table", "tabl": "table", "def": "define", "de": "define", "defi": "define",
                   "var": "variable", "vari": "variable", "variab": "variable", "l": "list",
                   "li": "list", "val": "values", "valu": "values", "recov": "recovariance",
                   "recovar": "recovariance", "ic": "ic", "gr": "group", "sum": "summarize",
                   "summ": "summarize", "di": "dir", "clo": "close", "replay": "replay"}.get(sub, sub)
            return f"{word} {sub}"
    return word


def command_word(text: str) -> str:
    """Just the resolved command word (no subcommand)."""
    return form_of(text).split()[0]
