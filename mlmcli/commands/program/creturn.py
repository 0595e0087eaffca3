"""``creturn list``: the c() values mlm has, in Stata's sections and layout ([P] creturn).

The layout follows a published Stata 13.1 log: a section title, a blank line, then groups of
``c(name) = value`` rows between rules indented 4 (linesize - 5 dashes); names right-aligned
so that `=` sits in column 25; strings quoted, one longer than 19 characters cut to 17 and ``..``; a
comment (``(version)``) after a value field 27 wide.  Only the c() names mlm knows are listed
(mlm has fewer than Stata: its list is shorter, a decision made without a way to list them
all), in Stata's order as far as the log shows it; the sections the log does not show
(limits, current dataset, other) use the same layout.
"""
from __future__ import annotations

from types import SimpleNamespace

from mlmcli.errors import invalid_syntax

# (section, groups of (name, comment)); names mlm does not know are left out
_SECTIONS = (
    ("System values", (
        (("current_date", ""), ("current_time", "")),
        (("stata_version", ""), ("version", "(version)")),
        (("born_date", ""), ("flavor", ""), ("SE", ""), ("MP", ""),
         ("processors", "(Stata/MP, set processors)"), ("processors_lic", ""), ("processors_mach", ""),
         ("processors_max", ""), ("mode", ""), ("console", "")),
        (("os", ""), ("osdtl", ""), ("hostname", ""), ("machine_type", ""), ("byteorder", ""),
         ("username", "")),
    )),
    ("Directories and paths", (
        (("tmpdir", ""), ("pwd", ""), ("dirsep", "")),
    )),
    ("System limits", (
        (("maxvar", "(set maxvar)"), ("matsize", "(set matsize)"), ("namelen", "")),
    )),
    ("Numerical and string limits", (
        (("maxbyte", ""), ("maxint", ""), ("maxlong", ""), ("maxfloat", ""), ("maxdouble", "")),
        (("minbyte", ""), ("minint", ""), ("minlong", ""), ("minfloat", ""), ("mindouble", "")),
        (("epsfloat", ""), ("epsdouble", ""), ("smallestdouble", "")),
        (("maxstrvarlen", ""), ("maxstrlvarlen", ""), ("maxvlabellen", "")),
    )),
    ("Current dataset", (
        (("N", ""), ("k", ""), ("width", ""), ("changed", ""), ("filename", ""), ("filedate", "")),
    )),
    ("Output settings", (
        (("more", "(set more)"), ("rmsg", "(set rmsg)"), ("dp", "(set dp)"), ("linesize", "(set linesize)"),
         ("pagesize", "(set pagesize)"), ("level", "(set level)"), ("showbaselevels", "(set showbaselevels)"),
         ("showemptycells", "(set showemptycells)"), ("showomitted", "(set showomitted)"),
         ("fvlabel", "(set fvlabel)"), ("fvwrap", "(set fvwrap)"), ("fvwrapon", "(set fvwrapon)"),
         ("cformat", "(set cformat)"), ("sformat", "(set sformat)"), ("pformat", "(set pformat)")),
    )),
    ("Trace (programming debugging) settings", (
        (("trace", "(set trace)"), ("tracedepth", "(set tracedepth)"), ("tracesep", "(set tracesep)"),
         ("traceindent", "(set traceindent)"), ("traceexpand", "(set traceexpand)"),
         ("tracenumber", "(set tracenumber)"), ("tracehilite", "(set tracehilite)")),
    )),
    ("Other settings", (
        (("type", "(set type)"), ("maxiter", "(set maxiter)"), ("scheme", "(set scheme)"),
         ("varabbrev", "(set varabbrev)"), ("emptycells", "(set emptycells)")),
    )),
    ("Other", (
        (("pi", ""), ("alpha", ""), ("ALPHA", ""), ("Mons", ""), ("Months", ""), ("Wdays", ""),
         ("Weekdays", ""), ("rc", "")),
    )),
)


def cmd_creturn(session, cmd) -> None:
    words = cmd.args.split()
    if len(words) != 1 or not "list".startswith(words[0].lower()):
        raise invalid_syntax()
    from mlmcli.expr.system_values import known_c_names

    known = known_c_names()
    context = SimpleNamespace(session=session, nobs=session.data.nobs)
    out = session.out
    rule = "    " + "-" * max(session.linesize - 5, 10)
    for title, groups in _SECTIONS:
        rows = [[(n, c) for n, c in group if n in known] for group in groups]
        rows = [group for group in rows if group]
        if not rows:
            continue
        out.line("")
        out.line(title)
        out.line("")
        for group in rows:
            out.line(rule)
            for name, comment in group:
                out.line(_row(name, _value_text(context, name), comment))
        out.line(rule)


def _value_text(context, name: str) -> str:
    from mlmcli.expr.system_values import c_value
    from mlmcli.missing import text as missing_text

    value = c_value(context, name)
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 19 else f'"{value[:17]}.."'
    if value != value:
        return missing_text(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%18.0g").strip()


def _row(name: str, value: str, comment: str) -> str:
    head = f"{f'c({name})':>23} = "
    return head + (f"{value:<27}{comment}" if comment else value)
