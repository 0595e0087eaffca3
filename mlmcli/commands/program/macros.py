"""Macros: ``local``, ``global`` (``=exp``, ``:extended function``, text, ``++``/``--``) and
``macro dir|list|drop``; ``macro_number`` (kept in macro_functions, imported from here by
its callers) writes a number as a macro holds it."""
from __future__ import annotations

import re

from mlmcli.commands.program.macro_functions import macro_number, matched_function
from mlmcli.commands.program.tokens import macro_shift, tokens
from mlmcli.errors import StataError, invalid_syntax


def cmd_local(session, cmd) -> None:
    _define_macro(session, session.locals, cmd.args, is_local=True)


def cmd_global(session, cmd) -> None:
    _define_macro(session, session.globals, cmd.args, is_local=False)


def cmd_c_local(session, cmd) -> None:
    """``c_local name [=exp | :function | "text" | text]`` ([P] c_local): a local macro of the
    caller of the running program or do-file (at the top level, the current one); what comes
    after the name is read in the running program, as ``local`` reads it."""
    table = session.caller_locals[-1] if session.caller_locals else session.locals
    if cmd.args.strip()[:2] in ("++", "--"):
        raise invalid_syntax()
    _define_macro(session, table, cmd.args, is_local=True)


def _define_macro(session, table: dict, args: str, is_local: bool) -> None:
    """``local name [=exp | :function | "text" | text]``, ``local ++name``, ``local --name``."""
    text = args.strip()
    if not text:
        raise invalid_syntax()
    if is_local and text[:2] in ("++", "--"):
        name = text[2:].strip()
        from mlmcli.syntax.varlist import NAME_RE

        if not NAME_RE.match(name):
            raise invalid_syntax()
        try:
            old = float(table.get(name, "0") or 0)
        except ValueError:
            raise StataError("type mismatch", 109) from None
        table[name] = macro_number(old + (1 if text[0] == "+" else -1))
        return
    # a local may be positional: `local 0 "`rest'"` before `syntax` ([P] syntax)
    m = re.match(r"([^\W\d]\w*|\d+(?=\s|$))\s*" if is_local else r"([^\W\d]\w*)\s*", text)
    if not m or (not is_local and len(m.group(1)) > 32) or len(m.group(1)) > 31 + (0 if is_local else 1):
        raise invalid_syntax()
    name, rest = m.group(1), text[m.end():]
    if not rest:
        table.pop(name, None)
        return
    if rest.startswith("="):
        from mlmcli.expr import evaluate_scalar

        value = evaluate_scalar(session, rest[1:])
        value = value if isinstance(value, str) else macro_number(value)
    elif rest.startswith(":"):
        value = extended_function(session, rest[1:].strip())
    else:
        value = _strip_outer_quotes(rest)
    from mlmcli.limits import MACRO_LENGTH, macro_too_long

    if len(value) > MACRO_LENGTH:  # e.g. `: subinstr` doubling a macro thirty times
        raise macro_too_long(len(value))
    table[name] = value


def _strip_outer_quotes(text: str) -> str:
    """``local x "text"``: a first and a last double quote (simple or compound) go, whatever
    lies between: ``local x " "09" "10" "`` holds `` "09" "10" `` ([P] macro; why compound
    quotes exist: ``local x "a" "b"`` holds ``a" "b``)."""
    t = text.rstrip()
    if t.startswith('`"') and t.endswith("\"'"):
        return t[2:-2]
    if len(t) >= 2 and t.startswith('"') and t.endswith('"'):
        return t[1:-1]
    return text


def extended_function(session, spec: str) -> str:
    """``local x : display …``, ``: word count s``, ``: word # of s``, ``: variable label v``,
    ``: value label v``, ``: type v``, ``: format v``, ``: list …``, ``: subinstr local …``,
    ``: length local m``, ``: colnames e(b)`` (and rownames, colfullnames, coleq),
    ``: label (var) #`` / ``: label lab #``, ``: char evarname[charname]`` / ``: char evarname[]``."""
    data = session.data
    if m := re.match(r"di(?:s|sp|spl|spla|splay)?\b\s*(.*)$", spec, re.S):
        from mlmcli.expr.display import render_display

        return render_display(session, m.group(1))[0]
    # a macro expanding to nothing leaves no text: `: word count `empty'` is 0, `: word 1 of` ""
    if m := re.match(r"word\s+count(?:\s+(.*))?$", spec, re.S):  # tokens: text in quotes is one
        return str(len(tokens(m.group(1) or "")))
    if m := re.match(r"word\s+(\d+)\s+of(?:\s+(.*))?$", spec, re.S):
        words = tokens(m.group(2) or "")
        k = int(m.group(1))
        return words[k - 1] if 1 <= k <= len(words) else ""
    if m := re.match(r"var(?:iable)?\s+l(?:abel)?\s+(\S+)$", spec):
        return data.var_labels.get(data.resolve(m.group(1)), "")
    if m := re.match(r"val(?:ue)?\s+l(?:abel)?\s+(\S+)$", spec):
        return data.value_label_of.get(data.resolve(m.group(1)), "")
    if m := re.match(r"t(?:ype)?\s+(\S+)$", spec):
        return data.types.get(data.resolve(m.group(1)), "float")
    if m := re.match(r"f(?:ormat)?\s+(\S+)$", spec):
        return data.format_of(data.resolve(m.group(1)))
    if m := re.match(r"char\s+(.*)$", spec, re.S):
        from mlmcli.commands.data.characteristics import char_macro_function

        return char_macro_function(session, m.group(1))
    if m := re.match(r"list\s+(.*)$", spec, re.S):
        return _macro_list(session, m.group(1).strip())
    if m := re.match(r"subinstr\s+(local|global)\s+(\w+)\s+(`\".*?\"'|\"[^\"]*\"|\S+)\s+(`\".*?\"'|\"[^\"]*\"|\S+)"
                     r"\s*(?:,\s*(.*))?$", spec, re.S):
        return _subinstr(session, m)
    if m := re.match(r"length\s+(local|global)\s+(\w+)$", spec):
        spec = "strlen " + spec[len("length"):].strip()  # Stata 13's name for strlen
    if m := re.match(r"(colnames|rownames|colfullnames|rowfullnames|coleq|roweq|rowsof|colsof|colnfreeparms|rownfreeparms)\s+([er])\((\w+)\)$", spec):
        return _matrix_names(session, m.group(1), m.group(2), m.group(3))
    if m := re.match(r"(colnames|rownames|colfullnames|rowfullnames|coleq|roweq|rowsof|colsof|colnfreeparms|rownfreeparms)\s+(\w+)$", spec):
        return _matrix_names(session, m.group(1), "", m.group(2))  # a matrix of `matrix define`
    value = matched_function(session, spec)
    if value is None:
        raise invalid_syntax()
    return value


def _subinstr(session, m) -> str:
    """``subinstr {local|global} name "from" "to" [, all count({local|global} name) word]``:
    without ``all`` only the first occurrence; ``word`` replaces whole space-delimited words
    only; ``count()`` stores the number of replacements made."""
    table = session.locals if m.group(1) == "local" else session.globals
    old_text, new_text = _strip_outer_quotes(m.group(3)), _strip_outer_quotes(m.group(4))
    value = table.get(m.group(2), "")
    options = m.group(5) or ""
    count_to = re.search(r"\bc(?:o|ou|oun|ount)?\s*\(\s*(local|global)\s+(\w+)\s*\)", options)
    rest = options[:count_to.start()] + options[count_to.end():] if count_to else options
    flags = rest.split()
    unknown = [w for w in flags if w not in ("all", "word", "w", "wo", "wor")]
    if unknown:
        raise StataError(f"option {unknown[0]} not allowed", 198)
    limit = None if "all" in flags else 1
    done = 0
    if old_text:
        if any(w.startswith("w") for w in flags):
            words = value.split(" ")
            for i, w in enumerate(words):
                if w == old_text and (limit is None or done < limit):
                    words[i], done = new_text, done + 1
            value = " ".join(words)
        else:
            done = value.count(old_text) if limit is None else min(1, value.count(old_text))
            value = value.replace(old_text, new_text, -1 if limit is None else 1)
    if count_to:
        (session.locals if count_to.group(1) == "local" else session.globals)[count_to.group(2)] = str(done)
    return value


_LIST_NAME = r"(?:(local|global)\s*\(\s*(\w+)\s*\)|(\w+))"  # name, local(name), global(name)


def _list_elements(text: str) -> list[tuple[str, str]]:
    """A list's elements: (as typed, adornment kept; the element itself).  Text in double or
    compound double quotes is one element ([P] macro lists)."""
    from mlmcli.commands.program.tokens import next_token, strip_quotes

    out, rest = [], text
    while True:
        token, rest, quoted = next_token(rest, " ")
        if not token and not quoted:
            if not rest.strip():
                return out
            continue
        out.append((token, strip_quotes(token) if quoted else token))


def _adorned(element: str) -> str:
    """An element adorned minimally (``clean``): bare, in double quotes when it holds a blank
    (or is empty), in compound quotes when it holds a double quote."""
    if '"' in element:
        return f'`"{element}"\''
    if not element or any(ch.isspace() for ch in element):
        return f'"{element}"'
    return element


def _macro_list(session, spec: str) -> str:
    """``: list`` functions on the elements of macros ([P] macro lists: uniq dups sort rsort
    retokenize clean sizeof posof, and the binary ``|`` ``&`` ``-`` ``==`` ``===`` ``in``).
    Names are local macros, or ``local(name)``/``global(name)``; elements compare without
    their adornment, and keep it in the result (``clean`` adorns them minimally)."""
    def elements(m, at: int) -> list[tuple[str, str]]:
        kind, inner, bare = m.group(at), m.group(at + 1), m.group(at + 2)
        table = session.globals if kind == "global" else session.locals
        return _list_elements(table.get(inner or bare, ""))

    def joined(items) -> str:
        return " ".join(typed for typed, _ in items)

    if m := re.match(r"(uniq|dups|sort|rsort|retokenize|retok|clean|sizeof)\s+" + _LIST_NAME + r"$", spec):
        op, items = m.group(1), elements(m, 2)
        if op in ("uniq", "dups"):
            seen: set[str] = set()
            kept, dups = [], []
            for item in items:
                (dups if item[1] in seen else kept).append(item)
                seen.add(item[1])
            return joined(kept if op == "uniq" else dups)
        if op in ("sort", "rsort"):
            return joined(sorted(items, key=lambda item: item[1], reverse=op == "rsort"))
        if op == "sizeof":
            return str(len(items))
        if op == "clean":
            return " ".join(_adorned(value) for _, value in items)
        return joined(items)
    if m := re.match(r"posof\s+(`\".*\"'|\"[^\"]*\"|\S+)\s+in\s+" + _LIST_NAME + r"$", spec, re.S):
        from mlmcli.commands.program.tokens import strip_quotes

        wanted, values = strip_quotes(m.group(1)), [value for _, value in elements(m, 2)]
        return str(values.index(wanted) + 1 if wanted in values else 0)
    if m := re.match(_LIST_NAME + r"\s*(\||&|-|===|==|\bin\b)\s*" + _LIST_NAME + r"$", spec):
        a, op, b = elements(m, 1), m.group(4), elements(m, 5)
        a_values, b_values = [value for _, value in a], [value for _, value in b]
        if op == "|":
            return joined(a + [item for item in b if item[1] not in a_values])
        if op == "&":
            return joined(item for item in a if item[1] in b_values)
        if op == "-":
            return joined(item for item in a if item[1] not in b_values)
        if op == "in":
            return "1" if all(value in b_values for value in a_values) else "0"
        if op == "==":
            return "1" if sorted(set(a_values)) == sorted(set(b_values)) else "0"
        return "1" if a_values == b_values else "0"
    raise invalid_syntax()


def _matrix_names(session, what: str, kind: str, name: str) -> str:
    """Row/column names of a stored matrix (``e(b)``, ``e(V)``, ``r(table)`` …)."""
    if kind == "e":
        from mlmcli.expr.matrices import stored_matrix

        mat = stored_matrix(session, "e", name) if session.e is not None else None
    else:
        mat = (session.r if kind == "r" else session.matrices).get(name)
    if mat is None or not hasattr(mat, "colnames"):
        raise StataError(f"matrix {f'{kind}({name})' if kind else name} not found", 111)
    names = list(mat.colnames if what.startswith("col") else mat.rownames)
    if what in ("rowsof", "colsof"):
        return str(len(names))
    if what in ("colnfreeparms", "rownfreeparms"):  # Stata 15: the parameters of equation "/"
        return str(sum(n.startswith("/:") for n in names))
    if what in ("colnames", "rownames"):
        return " ".join(n.rpartition(":")[2] for n in names)
    if what in ("coleq", "roweq"):
        return " ".join(n.rpartition(":")[0] or "_" for n in names)
    return " ".join(names)


def cmd_macro(session, cmd) -> None:
    """``macro list`` (globals, then locals with a leading ``_``) and ``macro drop names|_all``."""
    words = cmd.args.split()
    if not words or words[0] in ("list", "lis", "li", "l", "dir"):
        names = words[1:]
        rows = [(k, v) for k, v in session.globals.items() if not names or k in names]
        rows += [("_" + k, v) for k, v in session.locals.items() if not names or "_" + k in names]
        for key, value in rows:
            session.print(f"{key + ':':<16}{value}")
        return
    if words[0] == "shift":
        return macro_shift(session, words[1:])
    if words[0] == "drop":
        if len(words) < 2:
            raise invalid_syntax()
        for name in words[1:]:
            if name in ("_all", "*"):
                session.globals.clear()
            elif name.startswith("_"):
                session.locals.pop(name[1:], None)
            else:
                for key in [k for k in session.globals if _glob_match(k, name)]:
                    session.globals.pop(key)
        return
    raise invalid_syntax()


def _glob_match(name: str, pattern: str) -> bool:
    import fnmatch
    return fnmatch.fnmatchcase(name, pattern)
