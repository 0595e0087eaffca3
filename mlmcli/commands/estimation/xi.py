"""``xi``: indicator (dummy) variables for categorical terms, alone or as a prefix.

    xi [, prefix(string) noomit] term(s)
    xi [, prefix(string) noomit] : any_command ... i.x ... i.x*i.y ... i.x*z ... i.x|z ...

As Stata's xi.ado: ``i.x`` makes one byte variable per value of x (``_Ix_#``, # the
value when x takes nonnegative integers, else 1..k), labelled ``x==value``, and drops the
lowest category (or the ``x[omit]`` characteristic's; with ``_dta[omit]`` set, the most
frequent); ``i.x*i.y`` adds their products ``_IxXy_#_#``; ``i.x*z`` the products ``_IxXz_#`` with a continuous z (and z itself);
``i.x|z`` the products without the main effects.  The line ``i.x  _Ix_1-4  (naturally
coded; _Ix_1 omitted)`` reports each.  Every ``i.term`` of the command is replaced by the
variables made (``_Ix_*``) and the command runs.  Variables an earlier xi made (with the
same prefix) are dropped first.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

_DROP = "__xi__Vars__To__Drop__"
_PREFIXES = "__xi__Vars__Prefix__"
_TOKEN = re.compile(r"[^\s:,\"()\[\]=]+")


class _Xi:
    """One xi call: the prefix, noomit, the variables made and the report lines."""

    def __init__(self, session, prefix: str, noomit: bool):
        self.session, self.ds = session, session.data
        self.prefix, self.noomit = prefix, noomit
        self.lines: list[str] = []
        self.made: dict[str, str] = {}  # variable -> its expansion text (S_1)
        self.continuous: list[str] = []

    # -------------------------------------------------------------- bookkeeping
    def track(self, name: str) -> None:
        ds = self.ds
        ds.chars[_DROP] = (ds.chars.get(_DROP, "") + " " + name).strip()
        ds.chars[_PREFIXES] = (ds.chars.get(_PREFIXES, "") + " " + self.prefix).strip()

    def stub_for(self, base: str) -> str:
        name = (self.prefix + base)[:11] + "_"
        return self._unique(name)

    def _unique(self, name: str) -> str:
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        k = 0
        while any(c.startswith(name) for c in self.ds.df.columns):
            if k >= len(letters):
                raise StataError(f"{name} invalid name", 198)
            name = name[:-1] + letters[k]
            k += 1
        return name

    # -------------------------------------------------------------- i.x
    def factor(self, typed: str) -> str:
        """Dummies of i.<var>: returns the expansion (``_Ix_*`` or ``.`` when none remain)."""
        from mlmcli.render.abbrev import abbrev

        ds = self.ds
        var = ds.resolve(typed[2:])
        if var in self.made:
            return self.made[var]
        if ds.is_string(var):
            col = ds.df[var].to_numpy(dtype=object).astype(str)
            known = col != ""
            values = sorted(set(col[known].tolist()))
            numeric = False
        else:
            col = ds.numeric(var)
            known = ~np.isnan(col)
            values = sorted(set(col[known].tolist()))
            numeric = True
        if not values:  # xi.ado: the top code r(max) is missing, and "." is not below 1000
            raise StataError(f"too many groups for {var}", 499)
        useuser = numeric and all(v == int(v) and 0 <= v < 1e9 for v in values)
        stub = self.stub_for(var)
        omit = self._omitted(var, values, numeric, col[known])
        names = []
        for j, v in enumerate(values, start=1):
            code = _number(v) if useuser else str(j)
            name = stub + code
            dummy = np.where(known, (col == v).astype(float), np.nan)
            ds.set_variable(name, dummy, vtype="byte")
            ds.var_labels[name] = f"{var}=={_number(v) if numeric else v}"
            names.append((name, v, code))
        low, top = (names[0][2], names[-1][2])
        shown = typed[:2] + abbrev(var, 13)
        if not self.noomit and names:
            dropped = names[omit]
            if useuser:
                note = f"(naturally coded; {dropped[0]} omitted)"
            else:
                dval = _number(dropped[1]) if numeric else dropped[1]
                rlen = 41 - len(f"({dropped[0]} for =={dval} omitted)")
                note = f"({dropped[0]} for {abbrev(var, rlen)}=={dval} omitted)"
            self.lines.append(shown.ljust(18) + f"{stub}{low}-{top}".ljust(20) + note)
            ds.drop_variables([dropped[0]])
            names = [n for n in names if n[0] != dropped[0]]
        for name, _, _ in names:
            self.track(name)
        result = f"{stub}*" if names else "."
        self.made[var] = result
        return result

    def _omitted(self, var: str, values: list, numeric: bool, present) -> int:
        from mlmcli.characteristics import xi_omitted_index

        return xi_omitted_index(self.ds, var, values, numeric, present, self.lines)

    # -------------------------------------------------------------- interactions
    def interaction(self, typed: str, op: str) -> str:
        left, right = typed.split(op, 1)
        if right[:2].lower() != "i.":
            return self._continuous(typed, left, right, op)
        if op != "*":
            raise StataError("I.xxx|I.yyy not allowed", 198)
        from mlmcli.render.abbrev import abbrev

        res1, res2 = self.factor(left), self.factor(right)
        v1, v2 = self.ds.resolve(left[2:]), self.ds.resolve(right[2:])
        lenp2 = 10 - len(v1) if len(v1) < 5 else 5
        lenp1 = 10 - len(right) if len(right) < 5 else 5
        shown = left[:2] + abbrev(v1, lenp1) + op + right[:2] + abbrev(v2, lenp2)
        if "." in (res1, res2):
            self.lines.append(shown.ljust(38) + "(requires no interaction terms)")
            return " ".join(r for r in (res1, res2) if r != ".")
        stub = self._unique(f"{self.prefix}{self._c(res1)}X{self._c(res2)}_")
        ds = self.ds
        for a in self._dummies(res1):
            for b in self._dummies(res2):
                name = f"{stub}{a[len(res1) - 1:]}_{b[len(res2) - 1:]}"
                ds.set_variable(name, ds.numeric(a) * ds.numeric(b), vtype="byte")
                ds.var_labels[name] = f"{ds.var_labels.get(a, a)} & {ds.var_labels.get(b, b)}"
                self.track(name)
        self.lines.append(shown.ljust(18) + f"{stub}#_#".ljust(20) + "(coded as above)")
        return f"{res1} {res2} {stub}*"

    def _continuous(self, typed: str, left: str, right: str, op: str) -> str:
        from mlmcli.render.abbrev import abbrev

        ds = self.ds
        v1 = ds.resolve(left[2:])
        z = ds.resolve(right)
        if ds.is_string(z):
            raise StataError("type mismatch", 109)
        res1 = self.factor(left)
        lenp2 = 12 - len(v1) if len(v1) < 6 else 6
        lenp1 = 12 - len(z) if len(z) < 6 else 6
        shown = left[:2] + abbrev(v1, lenp1) + op + abbrev(z, lenp2)
        cont = "" if z in self.continuous else z + " "
        if z not in self.continuous:
            self.continuous.append(z)
        if res1 == ".":
            self.lines.append(shown.ljust(38) + "(requires no interaction terms)")
            return cont.strip() or "."
        dummies = self._dummies(res1)
        len1 = max(len(d) for d in dummies) - len(res1) + 1
        stub = self._unique(f"{self.prefix}{self._c(res1)}X{z[:max(3, 6 - len1)]}_")
        for a in dummies:
            name = stub + a[len(res1) - 1:]
            ds.set_variable(name, ds.numeric(a) * ds.numeric(z), vtype=ds.types.get(z, "float"))
            ds.var_labels[name] = f"({ds.var_labels.get(a, a)})*{z}"
            self.track(name)
        self.lines.append(shown.ljust(18) + f"{stub}#".ljust(20) + "(coded as above)")
        expansion = f"{cont}{stub}*"
        return f"{res1} {expansion}" if op == "*" else expansion

    def _c(self, res: str) -> str:
        p = len(self.prefix)
        return res[p:p + min(3, len(res) - 2 - p)]

    def _dummies(self, res: str) -> list[str]:
        stem = res[:-1]
        return [c for c in self.ds.df.columns if c.startswith(stem) and c[len(stem):].replace("_", "").isalnum()
                and c in self.ds.chars.get(_DROP, "").split()]

    # -------------------------------------------------------------- one term
    def term(self, typed: str) -> str:
        if "*" in typed:
            return self.interaction(typed, "*")
        if "|" in typed:
            return self.interaction(typed, "|")
        return self.factor(typed)


def _number(v) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(float(v), "%18.0g").strip()


def _drop_previous(ds, prefix: str) -> None:
    names = ds.chars.get(_DROP, "").split()
    prefixes = ds.chars.get(_PREFIXES, "").split()
    if len(names) != len(prefixes):
        prefixes = [prefix] * len(names)
    keep_n, keep_p, gone = [], [], []
    for n, p in zip(names, prefixes):
        if p == prefix:
            gone.append(n)
        else:
            keep_n.append(n)
            keep_p.append(p)
    existing = [n for n in gone if n in ds.df.columns]
    if existing:
        ds.drop_variables(existing)
    ds.chars[_DROP] = " ".join(keep_n)
    ds.chars[_PREFIXES] = " ".join(keep_p)


def _options(text: str) -> tuple[str, bool]:
    opts = resolve_options(read_options(text), [OptionSpec("prefix", 3, takes_arg=True), OptionSpec("noomit", 6)])
    prefix = str(opts.get("prefix") or "_I").strip()
    if len(prefix) >= 2 and prefix[0] == prefix[-1] == '"':  # syntax's string option: outer quotes off
        prefix = prefix[1:-1].strip() or "_I"
    if len(prefix) > 4:
        raise StataError("prefix() invalid; stub name too long ( >4 )", 198)
    return prefix, bool(opts.get("noomit"))


def _leading_options(text: str) -> tuple[str, bool, str]:
    """``xi, [noomit] prefix(x) [noomit] items``: xi.ado reads one option word after the comma
    (two when one is noomit) and the rest as items, whose words other than i. terms it skips
    (a published ``xi, noomit prefix("di") gen i.firm`` makes difirm_*)."""
    def next_word(rest: str) -> tuple[str, str]:
        m = re.match(r"\s*((?:[^\s(]+)(?:\([^)]*\))?)", rest)
        return (m.group(1), rest[m.end():]) if m else ("", rest)

    word, rest = next_word(text)
    noomit = word.lower() == "noomit"
    option = word
    if noomit:
        following, after = next_word(rest)
        name = following.split("(")[0].lower()
        option = ""
        if "(" in following and len(name) >= 3 and "prefix".startswith(name):
            option, rest = following, after
    else:
        following, after = next_word(rest)
        if following.lower() == "noomit":
            noomit, rest = True, after
    prefix, _ = _options(option) if option else ("_I", False)
    return prefix, noomit, rest


def quiet_factor_dummies(session, prefix: str, var: str) -> dict:
    """``qui xi, prefix(prefix) i.var`` (the streg ados' strata()): {dummy: its k} of the dummies it
    leaves, k the value (nonnegative integers) or the level's rank."""
    ds = session.data
    _drop_previous(ds, prefix)
    before = set(ds.chars.get(_DROP, "").split())
    result = _Xi(session, prefix, False).factor("i." + var)
    if result == ".":
        return {}
    stub = result[:-1]
    made = [n for n in ds.chars.get(_DROP, "").split() if n not in before and n in ds.df.columns]
    return {n: float(n[len(stub):]) for n in made if n.startswith(stub)}


def cmd_xi(session, cmd) -> None:
    text = cmd.args.strip()
    command = None
    head = text
    m = re.search(r":", text)
    if m is not None:
        head, command = text[:m.start()].strip(), text[m.end():].strip()
        if not command:
            raise StataError("invalid syntax", 198)
    if head.startswith(",") and command is None:  # xi, noomit prefix(x) i.var ...
        prefix, noomit, head = _leading_options(head[1:])
        head = head.strip()
    elif head.startswith(","):
        prefix, noomit = _options(head[1:])
    elif "," in head and command is None:
        terms_text, opt_text = head.split(",", 1)
        prefix, noomit = _options(opt_text)
        head = terms_text
    else:
        prefix, noomit = "_I", False
    if head and command is not None and not head.startswith(","):
        raise StataError("invalid syntax", 198)
    body = command if command is not None else head
    ds = session.data
    _drop_previous(ds, prefix)
    xi = _Xi(session, prefix, noomit)
    # each i. term, repeats included, replaces the first occurrence of its text in the command
    # (xi.ado's ``: subinstr local orig "term" "$S_1"``, without ``all`` or ``word``): i.x and
    # then i.x_more leave i.x_more for its own turn
    replacements = [(tok, xi.term(tok)) for tok in _TOKEN.findall(body) if tok[:2].lower() == "i."]
    for line in xi.lines:
        session.print(line)
    if command is None:
        return
    for tok, expansion in replacements:
        command = command.replace(tok, "" if expansion == "." else expansion, 1)
    from mlmcli.runner import current_runner

    runner = current_runner(session)
    if runner is None:
        raise StataError("xi: cannot run the command here", 198)
    runner.execute(command)
