"""``labelbook [lblname-list] [using filename] [, alpha detail length(#) list(#) problems]``
([D] labelbook): each value label's description and definition, and the potential problems
of a dataset's value labels.  The facts and the layout follow labelbook.ado (Stata 13:
labels longer than c(maxstrvarlen) = 2045 are analysed truncated; one label language)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from mlmcli.commands.data.common import load_using
from mlmcli.errors import StataError
from mlmcli.missing import from_order_key, text as missing_text
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

MAX_STRING = 2045  # c(maxstrvarlen) in Stata 13


@dataclass(frozen=True)
class LabelFacts:
    name: str
    entries: tuple[tuple[float, str], ...]  # (value, label) in the order shown
    variables: tuple[str, ...]
    truncated: bool
    low: float
    high: float
    shortest: int
    longest: int
    missing: int  # .a ... .z labelled
    gaps: bool
    unique: bool
    unique_truncated: bool
    unique_short: bool
    null: bool
    blanks: bool
    numeric: bool


def _unique(texts) -> bool:
    return len(set(texts)) == len(texts)


def _is_number(text: str) -> bool:
    """real(label) is not missing: the label reads as a number."""
    try:
        return "_" not in text and math.isfinite(float(text.strip()))
    except ValueError:
        return False


def label_facts(name: str, mapping: dict, variables, short: int, alpha: bool) -> LabelFacts:
    items = [(from_order_key(k), v) for k, v in mapping.items()]
    items.sort(key=lambda it: (it[1], _key(it[0])) if alpha else (_key(it[0]), it[1]))
    values = [v for v, _ in items]
    labels = [t[:MAX_STRING] for _, t in items]
    finite = [v for v in values if v == v]
    truncated = any(len(t) > MAX_STRING for _, t in items)
    low, high = (min(finite), max(finite)) if finite else (float("nan"), float("nan"))
    gaps = bool(finite) and (high - low + 1) - len(finite) > 0
    return LabelFacts(
        name=name, entries=tuple(items), variables=tuple(variables), truncated=truncated,
        low=low, high=high, shortest=min(len(t) for t in labels), longest=max(len(t) for t in labels),
        missing=len(values) - len(finite), gaps=gaps,
        unique=_unique(labels) or truncated, unique_truncated=_unique(labels) or not truncated,
        unique_short=_unique([t[:short] for t in labels]),
        null=any(t.strip() == "" for t in labels), blanks=any(t.strip() != t for t in labels),
        numeric=any(_is_number(t) for t in labels))


def _key(value: float) -> float:
    from mlmcli.missing import order_key

    return order_key(value)


def _number(value: float) -> str:
    return missing_text(value) if value != value else format_number(value, "%10.0g").strip()


def hanging_lines(lead: str, text: str, linesize: int, hanging: int, right: int) -> list[str]:
    """SMCL ``{p 0 hanging right}`` after a lead kept as typed (blanks and all): the words of
    ``text`` fill the lines, the later ones indented by ``hanging``."""
    width = max(linesize - right, hanging + 10)
    lines, line, fresh = [], lead, True
    for word in text.split(" "):
        if not fresh and word and len(line) + 1 + len(word) > width:
            lines.append(line.rstrip())
            line = " " * hanging + word
        else:
            line = f"{line}{word}" if fresh else f"{line} {word}"
        fresh = False
    return lines + [line.rstrip()]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _at(line: str, col: int, text: str) -> str:
    """``_col(col)`` then text: blanks up to the column (none when the line is already past it)."""
    return line.ljust(col - 1) + text


def render_detail(f: LabelFacts, short: int, show_list: bool, linesize: int) -> list[str]:
    rule = "-" * (linesize - 1)
    lines = ["", rule, f"value label {f.name} "]
    if f.truncated:
        lines.append(f"(note: label has values longer than {MAX_STRING}; values truncated for analysis below)")
    lines += [rule, "", _at(_at("", 7, "values"), 49, "labels"),
              _at(_at("", 8, f"range:  [{_number(f.low)},{_number(f.high)}]"), 42,
                  f"string length:  [{f.shortest},{f.longest}]")]
    if f.truncated:
        lines.append(_at(_at("", 12, f"N:  {len(f.entries)}"), 38 - len(str(MAX_STRING)),
                         f"unique at length {MAX_STRING}:  {_yes(f.unique_truncated)}"))
    else:
        lines.append(_at(_at("", 12, f"N:  {len(f.entries)}"), 34, f"unique at full length:  {_yes(f.unique)}"))
    lines += [_at(_at("", 9, f"gaps:  {_yes(f.gaps)}"), 36, f"{f'unique at length {short}:':>20}  {_yes(f.unique_short)}"),
              _at(_at("", 3, f"missing .*:  {f.missing}"), 44, f"null string:  {_yes(f.null)}"),
              _at("", 32, f"leading/trailing blanks:  {_yes(f.blanks)}"),
              _at("", 37, f"numeric -> numeric:  {_yes(f.numeric)}")]
    if show_list:
        lines.append("  definition")
        for value, label in f.entries:
            shown = _number(value)
            if label.strip() == "":
                lines.append(f"{shown:>12}")
                continue
            # {p 0 15 2}: the value right-aligned in 12 columns, the label after three blanks
            lines += hanging_lines(f"{shown:>12}   ", label, linesize, 15, 2)
    lines += ["", f"   variables:  {' '.join(f.variables)}".rstrip(), ""]
    return lines


_PROBLEMS = (("numeric", "numeric -> numeric"), ("gaps", "gaps in mapped values"),
             ("blanks", "leading or trailing blanks"), ("null", "numeric -> null str"),
             ("nuniq", "duplicate labels"), ("ntruniq", f"duplicate lab. at length {MAX_STRING}"),
             ("nuniq_sh", None), ("notused", "not used by variables"))


def problem_lists(facts: list[LabelFacts]) -> dict[str, list[str]]:
    return {"numeric": [f.name for f in facts if f.numeric], "gaps": [f.name for f in facts if f.gaps],
            "blanks": [f.name for f in facts if f.blanks], "null": [f.name for f in facts if f.null],
            "nuniq": [f.name for f in facts if not f.unique],
            "ntruniq": [f.name for f in facts if not f.unique_truncated],
            "nuniq_sh": [f.name for f in facts if not f.unique_short],
            "notused": sorted(f.name for f in facts if not f.variables)}


def render_problems(problems: dict[str, list[str]], short: int, dataset: str, linesize: int) -> list[str]:
    texts = {k: " ".join(v) for k, v in problems.items()}
    widest = max(len(t) for t in texts.values())
    if widest == 0:
        return ["", f"no potential problems in dataset {dataset}"]
    rule = "-" * min(max(35 + widest, 50), linesize)
    lines = ["", f"   Potential problems in dataset   {dataset}", "",
             " " * 15 + "potential problem   value labels", rule]
    for key, title in _PROBLEMS:
        if texts[key]:
            title = title or f"duplicate lab. at length {short}"
            lines += hanging_lines(f"{title:>32}   ", texts[key], linesize, 35, 0)
    return lines + [rule]


def cmd_labelbook(session, cmd) -> None:
    from mlmcli.commands.data.common import split_using

    opts = resolve_options(cmd.options, [OptionSpec("alpha", 1), OptionSpec("detail", 1),
                                         OptionSpec("length", 2, True), OptionSpec("list", 2, True),
                                         OptionSpec("problems", 1)])
    short = integer_option(opts, "length", 12)
    if not 1 <= short <= MAX_STRING:
        raise StataError(f"length() should be in range [1,{MAX_STRING}]", 198)
    listed = integer_option(opts, "list", 32000)
    if listed < 0:
        raise StataError("list() should be positive", 198)
    text, using = split_using(cmd.args)
    ds = load_using(using, session) if using else session.data
    names = text.split() or sorted(ds.value_labels)
    for name in names:
        if name not in ds.value_labels:
            raise StataError(f"value label {name} not found", 111)
    names = sorted(set(names))
    attached = {n: [v for v in ds.varnames if ds.value_label_of.get(v) == n] for n in names}
    facts = [label_facts(n, ds.value_labels[n], attached[n], short, bool(opts.get("alpha")))
             for n in names if ds.value_labels[n]]
    if any(0 < listed < len(f.entries) for f in facts):  # labelbook.ado draws them at random
        raise StataError("list() smaller than a label's number of values is not supported (labelbook "
                         "shows a random selection); use list(0) or a larger list()", 198)
    lines: list[str] = []
    if not opts.get("problems") or opts.get("detail"):
        for f in facts:
            lines += render_detail(f, short, listed > 0, session.linesize)
    problems = problem_lists(facts)
    if opts.get("problems"):
        dataset = (using and ds.filename) or (session.data.filename if not using else "") or "[unnamed]"
        lines += render_problems(problems, short, dataset, session.linesize)
    if lines:
        session.print("\n".join(lines))
    session.set_r({"names": " ".join(f.name for f in facts), "gaps": " ".join(problems["gaps"]),
                   "numeric": " ".join(problems["numeric"]), "blanks": " ".join(problems["blanks"]),
                   "null": " ".join(problems["null"]), "nuniq": " ".join(problems["nuniq"]),
                   "ntruniq": " ".join(problems["ntruniq"]), "nuniq_sh": " ".join(problems["nuniq_sh"]),
                   "notused": " ".join(problems["notused"])})
