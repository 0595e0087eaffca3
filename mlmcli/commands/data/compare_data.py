"""``compare varname1 varname2`` ([D] compare) and ``cf varlist using filename`` ([D] cf):
two variables, or the data in memory and a file, compared observation by observation.
Layouts and return codes follow compare.ado and cf.ado (Stata >= 10 behaviour of cf:
``all`` lists the matching variables too, ``verbose`` the mismatching observations)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import load_using, mark, split_using
from mlmcli.errors import StataError
from mlmcli.missing import order_key
from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import counted_varlist


def _values(ds, name: str, rows=None):
    """A variable's values (object text, or float64 with missing codes kept) and its missing mask."""
    if ds.is_string(name):
        v = ds.df[name].to_numpy(dtype=object)
        v = v if rows is None else v[rows]
        return v, np.array([x == "" for x in v], dtype=bool)
    v = ds.numeric(name)
    v = v if rows is None else v[rows]
    return v, np.isnan(v)


# ----------------------------------------------------------------------------- compare
def _moments(diff: np.ndarray) -> str:
    return "".join(f"{' ' * gap}{format_number(v, '%9.0g')}"
                   for gap, v in ((5, diff.min()), (4, diff.mean()), (3, diff.max())))


def cmd_compare(session, cmd) -> None:
    resolve_options(cmd.options, [])
    ds = session.data
    first, second = counted_varlist(ds, cmd.args, 2, 2)
    rows = mark(session, cmd, strok=True)
    a, miss_a = _values(ds, first, rows)
    b, miss_b = _values(ds, second, rows)
    strings = ds.is_string(first), ds.is_string(second)
    numeric = not any(strings)
    n1, n2 = abbrev(first, 9), abbrev(second, 9)
    lines = [""]
    if numeric:
        lines += [" " * 40 + "---------- difference ----------",
                  f"{'count':>33}{'minimum':>14}{'average':>13}{'maximum':>12}", "-" * 72]
    else:
        lines += [f"{'count':>33}", "-" * 33]
    joint = ~miss_a & ~miss_b
    count = lambda mask: f"{int(mask.sum()):>33}"  # noqa: E731 -- %9.0f at column 25
    if joint.any() and strings[0] == strings[1]:
        if numeric:
            # a float difference, as compare.ado's generate float (double where float overflows)
            with np.errstate(over="ignore", invalid="ignore"):
                diff = (a - b).astype(np.float32).astype(float)
            exact = a - b
            diff = np.where(np.isfinite(diff) | ~np.isfinite(exact), diff, exact)
            for label, mask in ((f"{n1}<{n2}", joint & (order_key(a) < order_key(b))),
                                (f"{n1}={n2}", joint & (a == b)),
                                (f"{n1}>{n2}", joint & (order_key(a) > order_key(b)))):
                if mask.any():
                    shown = diff[mask]
                    extra = "" if "=" in label else _moments(shown[np.isfinite(shown)])
                    lines.append(f"{label:<24}{count(mask)[24:]}{extra}")
        else:
            for label, mask in ((f"{n1}<{n2}", joint & (a < b)), (f"{n1}={n2}", joint & (a == b)),
                                (f"{n1}>{n2}", joint & (a > b))):
                if mask.any():
                    lines.append(f"{label:<24}{count(mask)[24:]}")
        lines.append(" " * 23 + "-" * 10)
    if joint.any():
        extra = _moments(diff[joint][np.isfinite(diff[joint])]) if numeric and strings[0] == strings[1] else ""
        lines.append(f"{'jointly defined':<24}{count(joint)[24:]}{extra}")
    for label, mask in ((f"{n1} missing only", miss_a & ~miss_b), (f"{n2} missing only", ~miss_a & miss_b),
                        ("jointly missing", miss_a & miss_b)):
        if mask.any():
            lines.append(f"{label:<24}{count(mask)[24:]}")
    lines += [" " * 23 + "-" * 10, f"{'total':<24}{count(rows)[24:]}"]
    session.print("\n".join(lines))


# ----------------------------------------------------------------------------- cf
def _shown(value) -> str:
    if isinstance(value, str):
        return value
    return format_number(value, "%10.0g").strip()


def _differs(master, using, string: bool) -> np.ndarray:
    if string:
        return np.array([x != y for x, y in zip(master, using)], dtype=bool)
    return order_key(master) != order_key(using)


def cmd_cf(session, cmd) -> None:
    """``cf varlist using filename [, all verbose]``: each variable's mismatches; r(9) when
    anything differs (a variable missing from the file, another type, other values)."""
    opts = resolve_options(cmd.options, [OptionSpec("verbose", 1), OptionSpec("all", 3)])
    text, using = split_using(cmd.args)
    if not using:
        raise StataError("using required", 100)
    ds = session.data
    names = ds.expand_varlist(text)
    other = load_using(using, session)
    if other.nobs != ds.nobs:
        session.print(f"master has {ds.nobs} obs., using {other.nobs}")
        raise StataError("", 9)
    lines: list[str] = []
    mismatches, differ = 0, False
    for name in names:
        head = f"{abbrev(name, 16) + ':  ':>19}"
        if name not in other.varnames:
            lines.append(head + "does not exist in using")
            differ = True
            continue
        tm, tu = ds.types.get(name, "float"), other.types.get(name, "float")
        string = ds.is_string(name)
        if string != other.is_string(name):
            lines.append(f"{head}{tm} in master but {tu} in using")
            differ = True
            continue
        master, _ = _values(ds, name)
        theirs, _ = _values(other, name)
        differs = _differs(master, theirs, string)
        k = int(differs.sum())
        if k == 0:
            if opts.get("all"):
                lines.append(head + "match")
            continue
        mismatches, differ = mismatches + k, True
        lines.append(f"{head}{k} mismatch{'es' if k > 1 else ''}")
        if opts.get("verbose"):
            width = len(str(ds.nobs))
            lines += [f"{'':19}obs {j + 1:>{width}}. {_shown(master[j])} in master; {_shown(theirs[j])} in using"
                      for j in np.flatnonzero(differs)]
    if lines:
        session.print("\n".join(lines))
    session.set_r({"Nsum": str(mismatches)})
    if differ:
        raise StataError("", 9)
