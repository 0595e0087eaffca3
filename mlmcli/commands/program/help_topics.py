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
              "    help operators   operators in expressions",
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
              "functions display columns; words and title case follow a simplified Unicode rule.  help name()",
              "shows a function's category, and how mlm computes these:"]
    lines += _wrap_words([f"{name}()" for name in sorted(FUNCTION_NOTES, key=str.lower)], width)
    return "\n".join(lines) + "\n"


def function_text(name: str, width: int) -> str | None:
    """``help name()`` for an expression function: its [FN] category and mlm's notes on it."""
    from mlmcli.expr.functions import categories

    heading = next((h for h, names in categories() if name in names), None)
    if heading is None:
        return None
    lines = [f"{name}() -- one of the {heading[0].lower() + heading[1:]} ([FN]; help functions lists them)", ""]
    note = FUNCTION_NOTES.get(name)
    for paragraph in (note.split("\n\n") if note else []):
        lines += textwrap.wrap(" ".join(paragraph.split()), width=width) + [""]
    if not note:
        lines.append("mlm computes it as Stata's [FN] manual describes.")
    return "\n".join(lines) + "\n"


_DUNNETT = """dunnettprob(k, df, x) is P(max |T_i| <= x) for k t statistics comparing k treatments with one
control in a balanced design (Dunnett's many-one t: one variance estimate with df degrees of freedom,
correlations 1/2); invdunnettprob(k, df, p) its inverse.  k counts the comparisons, as
pwmean/pwcompare's mcompare(dunnett) uses it; df missing is the normal limit.  k must be an integer
1 to 1e6 and df > 0, p in (0,1); x <= 0 gives 0; else missing.

mlm integrates numerically (Gauss-Hermite over the normal part, the trapezoid on log s for the chi
scale): about 1e-13 against the exact k = 1 case, the two-sided t.  tests/dunnett_reference checks
Dunnett's (1964) table of 5% critical values, scipy.stats.dunnett and scipy's multivariate t."""

_COLLATION = """ustrcompare(s1, s2[, loc]), ustrcompareex(s1, s2, loc, st, case, cslv, norm, num, alt, fr),
ustrsortkey(s[, loc]) and ustrsortkeyex(s, loc, st, case, cslv, norm, num, alt, fr) use the Unicode
Collation Algorithm (pyuca, DUCET of UCA 9.0.0) where Stata uses ICU: the root order, which is ICU's
order for locales without tailoring: en, de, fr, it, nl, pt, id, ms, ga, sw, zu (a locale left out
is c(locale_functions): en_US unless set locale_functions says another).
A locale with collation rules of its own (sv, da, nb, es, cs, pl, zh, ja, ... and @collation=
variants such as de@collation=phonebook, and fr_CA) is refused with r(198) instead of being
compared in an order that locale does not use.

The attributes of the ex functions (-1 the default each time): st strength 1-5, case 1 upper first /
2 lower first / 0 off, cslv case level, norm normalization (any value: the texts are always
normalized), num numeric ordering of digit runs, alt 1 shifted (spaces and punctuation ignored up to
the quaternary level), fr French backward accents; a value out of range gives missing (compare) or ""
(sort key).  tests/collation_reference holds ICU 72's own results for 1,326 pairs under these
attributes, which mlm matches.

ustrcompare() returns -1, 0 or 1.  A sort key is ASCII text that sorts (byte by byte, as sort does)
in the collator's order -- not ICU's bytes.  collatorlocale(loc, type) is "root" for a locale mlm
accepts ("" for one it refuses), collatorversion(loc) the UCA version, wordbreaklocale(loc, type)
"root": word breaks follow one rule for every locale."""

_ENCODINGS = """ustrto(s, enc, mode) converts Unicode text to the encoding enc and ustrfrom(s, enc, mode) text
in enc to Unicode, with Python's codecs (names such as latin1, ISO-8859-1, windows-1252, Shift_JIS,
GB18030, UTF-16LE; UTF-16 and UTF-32 without an order are little-endian without a byte-order mark;
an unknown name gives "").  mode: 1 substitute (ustrto: the substitution character, 0x1A for a
one-byte encoding as ICU's, ? for a multibyte one; ustrfrom: U+FFFD), 2 skip, 3 stop and return "",
4 escape (ustrto: \\uhhhh or \\Uhhhhhhhh; ustrfrom: %Xhh for each invalid byte); any other value is 1.

mlm's strings are Unicode text, so bytes that are not UTF-8 (ustrto()'s result) are carried as
Python's surrogate escapes: display shows them as ?, strlen() counts them as bytes, file write
writes the bytes, ustrfrom() reads them back; storing them in a variable is refused (r(198)).
char(n) for n 128-255 gives the Unicode character U+0080-U+00FF (Stata: the single byte), so
ustrfrom(char(233), "latin1", 1) is not Stata's "\u00e9"."""

_PROGRAMMING = {
    "s": "s(name) is sreturn's result name (text; \"\" when not set), in expressions and as `s(name)'.",
    "return": """return(name) is the result name the running r-class program has set so far with return
(outside one, r(name)); also `return(name)'.""",
    "replay": """replay() is 1 when the running program's arguments (local 0) are empty or start with a comma,
else 0.""",
    "_caller": """_caller() is the version the running program's caller ran under (version #: cmd, or version #
before the call); outside a program, the version in force.  mlm's own version is 13.""",
    "matrix": """matrix(exp) and scalar(exp) evaluate exp with its names taken as scalars (a matrix name alone is
r(509)), never variables.""",
}

_DENSITIES = """lnmvnormalden(M, V, X), lnwishartden(df, V, X) and lniwishartden(df, V, X) take matrix names: the
log density of the multivariate normal (mean vector M, covariance V) at the vector X, and of the
Wishart and inverse Wishart with df degrees of freedom and scale matrix V at X, as scipy.stats'
multivariate_normal, wishart and invwishart.  Vectors may be rows or columns; nonconformable
matrices are r(503); a V or X that is not symmetric positive definite, or df <= rows - 1, gives
missing."""

_MATRIX_VALUED = {
    "sweep": """sweep(M, k) is M swept on its kth row and column (b_kk = 1/a_kk, b_ik = -a_ik/a_kk,
b_kj = a_kj/a_kk, b_ij = a_ij - a_ik a_kj/a_kk: sweeping every pivot inverts M); the kth row and
column names trade places.  A zero pivot gives missing values.""",
    "matuniform": """matuniform(r, c) is an r x c matrix of uniform [0,1) draws, row by row, from the stream
runiform() draws from (set seed restarts it); the numbers are not Stata's (another generator).""",
}

FUNCTION_NOTES = {
    **_MATRIX_VALUED,
    "lnmvnormalden": _DENSITIES, "lnwishartden": _DENSITIES, "lniwishartden": _DENSITIES,
    "dunnettprob": _DUNNETT, "invdunnettprob": _DUNNETT,
    **{name: _COLLATION for name in ("ustrcompare", "ustrcompareex", "ustrsortkey", "ustrsortkeyex",
                                     "collatorlocale", "collatorversion", "wordbreaklocale")},
    "ustrto": _ENCODINGS, "ustrfrom": _ENCODINGS,
    **_PROGRAMMING, "scalar": _PROGRAMMING["matrix"],
}



OPERATORS = """\
Operators in expressions (help operators; [U] 13.2)

    Arithmetic              Logical           Relational (numeric and string)
    +   addition            &   and           >   greater than
    -   subtraction         |   or            <   less than
    *   multiplication      !   not           >=  > or equal
    /   division            ~   not           <=  < or equal
    ^   power                                 ==  equal
    -   negation                              !=  not equal
    +   string concatenation                  ~=  not equal
    *   string duplication

The order of evaluation (from first to last) is ! (or ~), ^, - (negation), /, *, - (subtraction),
+, != (or ~=), >, <, <=, >=, ==, &, and |.

String operators ([U] 13.2.2).  + between two strings concatenates them: "this" + "that" is
"thisthat".  * between a string and a number, in either order, duplicates the string that many
times: "ha"*5 and 5*"ha" are "hahahahaha", and "ha"*0 is "".  With variables it works row by row
(generate s3 = s*n).  * between two strings, and - / ^ with a string, are type mismatches (r(109)).

[U] describes whole, nonnegative counts only.  For the others mlm takes the rule meant to match
Mata's * on a string and a real ([M-2] op_arith; not checked against Stata itself): a count that is
not an integer is truncated toward zero ("ab"*2.9 is "abab"), and a negative or missing count
gives "".  A result longer than c(maxstrlvarlen) (2,000,000,000 bytes) is refused: expression too
long, r(130).  generate stores results longer than c(maxstrvarlen) (2045 bytes) as strL.
"""


def operators_text(width: int) -> str:
    return OPERATORS


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
