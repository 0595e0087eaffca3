"""Help topics that are lists made from the running program: the index of commands by
family, expression functions, egen functions, estat subcommands, what is new."""
from __future__ import annotations

import textwrap

FAMILIES = (  # registry target prefix -> heading
    ("data.", "Data management"), ("statistics.", "Statistics"), ("estimation.", "Estimation"),
    ("postestimation.", "Postestimation"), ("graphs.", "Graphs"), ("program.", "Programming"),
    ("community.", "Community-contributed commands built in"),
)

WHATSNEW = """\
What's new in mlm (round 2)

    mixed         residuals() structures, dfmethod()/dftable()/small, every option honoured or
                  refused; faster profiled (RE)ML engine with analytic gradients
    margins       margins, marginsplot, contrast, pwcompare after mixed and regress
    data          web data (use http://, webuse), recode rules, dates, table, codebook, destring,
                  duplicates, expand/fillin, egen functions, postfile, infile/infix, matrices,
                  estimates save/use, esttab/estout
    panel         xtreg (fe, be, re, mle), hausman, xttest0, areg, anova, oneway, loneway, ttest,
                  correlate, clogit, xtlogit/xtpoisson fe, xi
    files         Excel, SPSS, SAS, Parquet in and out; saveold; SMCL logs, translate, cmdlog
    big data      use file.parquet, lazy and import delimited, lazy (DuckDB); set dask
    notebooks     a Jupyter kernel: mlm --install-kernel
    help          help pages with examples, help topics, search, "did you mean" suggestions
"""


def _wrap_words(words: list[str], width: int, indent: str = "    ") -> list[str]:
    return textwrap.wrap("  ".join(words), width=width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def index_text(width: int) -> str:
    from mlmcli.commands import COMMANDS
    from mlmcli.help import covered_names

    documented = {spec.name for spec in COMMANDS} & covered_names()  # pages of subcommands not counted
    lines = ["mlm: Stata-syntax multilevel models.  Type help followed by a command or a topic.", ""]
    by_family: dict[str, list[str]] = {}
    for spec in COMMANDS:
        where = spec.target.removeprefix("mlmcli.commands.")
        family = next((h for prefix, h in FAMILIES if where.startswith(prefix)), "Other")
        by_family.setdefault(family, []).append(spec.name)
    for _, heading in FAMILIES + (("", "Other"),):
        names = sorted(set(by_family.get(heading, [])))
        if names:
            lines += [heading] + _wrap_words(names, width) + [""]
    lines += ["Topics", "    help functions   expression functions     help egen      egen functions",
              "    help estat       postestimation statistics help limits    mlm's limits",
              "    help whatsnew    what changed                search word    look through the help pages",
              "", f"({len(documented)} commands have full help pages; the others show their syntax line.)"]
    return "\n".join(lines) + "\n"


def functions_text(width: int) -> str:
    from mlmcli.expr.functions import categories

    lines = ["Expression functions (help functions)", ""]
    for heading, names in categories():
        words = [f"{name}()" for name in sorted(set(names), key=lambda n: (n.lower(), n))]
        lines += [heading] + _wrap_words(words, width) + [""]
    lines += ["Stata's [FN] manual describes each.  As in Stata 14, strlen(), substr(), strpos() and str# widths",
              "count bytes of UTF-8, the u functions (ustrlen(), usubstr(), ...) Unicode characters and the ud",
              "functions display columns.  mlm has no ICU: ustrcompare(), ustrsortkey(), ustrfrom(), ustrto()",
              "and the collator functions are not there; words and title case follow a simplified Unicode rule.",
              "dunnettprob() and invdunnettprob() are not there."]
    return "\n".join(lines) + "\n"


def egen_text(width: int) -> str:
    from mlmcli import egen_functions, egen_rowwise

    lines = ["egen functions (help egen)", "",
             "    egen [type] newvar = fcn(arguments) [if] [in] [, options]", ""]
    for heading, table in (("Over observations (by() groups)", egen_functions.FUNCTIONS),
                           ("Across variables, text and sequences", egen_rowwise.FUNCTIONS)):
        rows = sorted(table.items())
        words = [f"{name}({'exp' if kind == 'exp' else 'varlist' if kind == 'varlist' else ''})"
                 for name, (_, kind) in rows]
        lines += [heading] + _wrap_words(words, width) + [""]
    return "\n".join(lines) + "\n"


def estat_text(width: int) -> str:
    from mlmcli.commands.postestimation.estat import ESTAT_SUBCOMMANDS

    names = [e.name for e in ESTAT_SUBCOMMANDS.entries if e.target is not None]
    lines = ["estat: postestimation statistics (help estat)", "", "    estat subcommand [, options]", ""]
    lines += ["Subcommands"] + _wrap_words(sorted(names), width) + [""]
    lines.append("Which subcommands apply depends on the last estimation command (Stata's rules).")
    return "\n".join(lines) + "\n"
