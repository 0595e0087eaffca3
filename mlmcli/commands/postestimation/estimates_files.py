"""``estimates save|use|describe|esample|notes|change|for``: estimation results in files
(``mlmcli.estimation.storage`` documents the file), their sample, notes and title, and a
command run on several stored result sets."""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.estimation import active as estimates
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options


def _rest(cmd) -> str:
    """The text after the subcommand word."""
    parts = cmd.args.split(None, 1)
    return parts[1].strip() if len(parts) > 1 else ""


def ster_path(text: str) -> str:
    """A file name as typed, with ``.ster`` added when it has no extension."""
    from mlmcli.commands.data.common import plain_path

    if not text.strip():
        raise StataError("invalid file specification", 198)
    return plain_path(text, ".ster")


def save(session, cmd, words) -> None:
    """``estimates save filename [, replace append]``: the active results to a file;
    ``append`` adds them to the result sets the file holds (Stata 11 on: estwrite's help)."""
    from mlmcli.estimation import storage

    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("append")])
    if opts.get("append") and opts.get("replace"):
        raise StataError("options replace and append may not be combined", 198)
    e = estimates.active_with_cmd(session)  # estimates.ado's EstSave: e(cmd) required
    path = ster_path(_rest(cmd))
    storage.save(e, path, replace=bool(opts.get("replace")), append=bool(opts.get("append")))
    session.print(f"file {path} saved")


def use(session, cmd, words) -> None:
    """``estimates use filename``: results from a file become the active results."""
    from mlmcli.estimation import storage

    opts = resolve_options(cmd.options, [OptionSpec("number", 1, takes_arg=True)])
    number = integer_option(opts, "number", 1, minimum=1)
    from mlmcli.commands.postestimation.stored_mixed_model import with_fixed_design

    session.e = with_fixed_design(session, storage.load(ster_path(_rest(cmd)), number))


def describe(session, cmd, words) -> None:
    """``estimates describe [name]`` / ``estimates describe using filename``: the command
    line that produced the results (r(title), r(cmdline))."""
    from mlmcli.commands.data.common import one_using_file, split_using

    opts = resolve_options(cmd.options, [OptionSpec("number", 1, takes_arg=True)])
    rest = _rest(cmd)
    name_part, file_text = split_using(rest)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    saved = ""
    number = 1
    if "number" in opts:  # [R] estimates describe: number(#) picks the #th set of a file
        if file_text is None:
            raise StataError("option number() not allowed", 198)
        number = integer_option(opts, "number", 1, minimum=1)
    if file_text is not None:
        from mlmcli.estimation import storage

        if name_part.strip():
            raise invalid_syntax()
        meta, _ = storage.read_meta(ster_path(file_text), number)
        title = meta.get("macros", {}).get("estimates_title", "")
        cmdline = meta.get("macros", {}).get("cmdline", "")
        saved = meta.get("saved", "")
    else:
        names = rest.split()  # estimates.ado's Describe: syntax [name]
        if len(names) > 1:
            raise invalid_syntax()
        names = estimates.est_expand(session, names)  # "." needs e(cmd); no name: the active e(), unchecked
        e = estimates.lookup(session, names[0]) if names and names[0] != "." else session.e
        macros = e.macros if e is not None else {}
        title, cmdline = macros.get("estimates_title", ""), macros.get("cmdline", "")
    # DescribeActive: Estimation results "title", produced by / . cmdline (empty when not set)
    head = "  Estimation results" + (f' "{title}"' if title else "")
    head += f" saved on {saved}" if saved else ""
    head += ", produced by" if title or saved else " produced by"
    session.print("")
    session.print(head)
    session.print("")
    session.print(f"      . {cmdline}".rstrip())
    r = {"cmdline": cmdline}
    if title:
        r["title"] = title
    if saved:
        r["datetime"] = saved
    session.set_r(r)


def _esample_status(session) -> None:
    """``estimates esample`` without the colon: who set e(sample) (estimates_sample.ado's
    CheckEsample), in r(who)."""
    import numpy as np

    e = estimates.active(session)
    if e.macros.get("_estimates_sample") == "user":
        session.print("e(sample) set by user")
        who = "user"
    elif e.sample is not None and np.asarray(e.sample).any():
        session.print("e(sample) set by estimation command")
        who = "cmd"
    else:
        session.print("e(sample) not set (0 assumed)")
        who = "zero'd"
    session.set_r({"who": who})


def esample(session, cmd, words) -> None:
    """``estimates esample: [varlist] [if] [in] [weight] [, replace stringvars(varlist)
    zeroweight]``: set e(sample) of the active results to the observations selected, less
    those missing in varlist or stringvars() (empty strings) or with a zero weight."""
    import numpy as np

    from mlmcli.commands.program.mark import complete_rows, sample_marker

    rest = _rest(cmd)
    if not cmd.args.split(None, 1)[0].endswith(":") and not rest.startswith(":"):
        if rest or cmd.options or cmd.if_exp is not None or cmd.in_range is not None:
            raise StataError("estimates esample requires a colon: estimates esample: [varlist] [if] [in]", 198)
        _esample_status(session)
        return
    rest = rest[1:] if rest.startswith(":") else rest
    opts = resolve_options(cmd.options, [OptionSpec("replace", 7), OptionSpec("zeroweight", 4),
                                         OptionSpec("stringvars", 3, takes_arg=True)])
    e = estimates.active(session)
    if e.sample is not None and np.asarray(e.sample).any() and not opts.get("replace"):
        raise StataError("no; e(sample) already set", 322)  # estimates_sample.ado's SetEsample
    varlist = session.data.expand_varlist(rest, allow_empty=True) if rest.strip() else []
    # estimates_sample.ado's SetEsample: marksample (zero weights out unless zeroweight; a
    # string variable of the varlist marks every row out), then markout stringvars(), strok
    rows = sample_marker(session, cmd, bool(opts.get("zeroweight")), False)
    rows &= complete_rows(session, " ".join(varlist), False, False)
    if opts.get("stringvars"):
        stringvars = session.data.expand_varlist(str(opts["stringvars"]).strip())
        rows &= complete_rows(session, " ".join(stringvars), True, False)
    import dataclasses
    macros = {**e.macros, "_estimates_sample": "user"}  # SetEsample's e(_estimates_sample)
    session.e = dataclasses.replace(e, sample=np.asarray(rows, dtype=bool).copy(), sample_stamp=None,
                                    lazy_sample=None, sample_declared=True, macros=macros)
    session.e.stamp_sample(session.data)  # e(sample) follows its rows
    from mlmcli.commands.postestimation.stored_mixed_model import with_rebuilt_model
    session.e = with_rebuilt_model(session, session.e)  # mixed from a file: its random effects at e(b)
    if session.e.macros.get("_estimates_name") in session.estimates:
        session.estimates[session.e.macros["_estimates_name"]] = session.e


def notes(session, cmd, words) -> None:
    """``estimates notes: text`` adds a note to the active results; ``estimates notes
    [list]`` lists them; ``estimates notes drop #`` (estimates_notes.ado: e(cmd) required, error 301)."""
    e = estimates.active_with_cmd(session)
    rest = _rest(cmd)
    first = cmd.args.split(None, 1)[0]
    existing = [v for k, v in sorted(e.macros.items(), key=lambda kv: _note_number(kv[0])) if _note_number(k)]
    if first.endswith(":") or rest.startswith(":"):
        text = rest[1:].strip() if rest.startswith(":") else rest
        session.e = estimates.with_macros(e, **{f"_estimates_note{len(existing) + 1}": text})
        return
    words = rest.split()
    if words[:1] in ([], ["list"], ["l"]):
        for k, text in enumerate(existing, 1):
            session.print(f"{k:>3}.  {text}")
        return
    if words[0] == "drop" and len(words) >= 2:
        drop = set()
        for w in words[1:]:
            if w == "in":
                continue
            try:
                drop.add(int(w))
            except ValueError:
                raise invalid_syntax() from None
        kept = [t for k, t in enumerate(existing, 1) if k not in drop]
        changes = {f"_estimates_note{k}": None for k in range(1, len(existing) + 1)}
        changes.update({f"_estimates_note{k}": t for k, t in enumerate(kept, 1)})
        session.e = estimates.with_macros(e, **changes)
        return
    raise invalid_syntax()


def _note_number(key: str) -> int:
    prefix = "_estimates_note"
    return int(key[len(prefix):]) if key.startswith(prefix) and key[len(prefix):].isdecimal() else 0


def change(session, cmd, words) -> None:
    """``estimates change name, title(text)``."""
    opts = resolve_options(cmd.options, [OptionSpec("title", 5, takes_arg=True)])
    names = estimates.est_expand(session, words, ".")  # estimates.ado's Change: max(1) default(.)
    if len(names) > 1:
        raise StataError("too many names specified", 198)
    name = names[0]
    e = estimates.lookup(session, name)
    title = opts.get("title")
    if isinstance(title, str):
        e = estimates.with_macros(e, estimates_title=title.strip().strip('"') or None)
    if name == ".":
        session.e = e
    else:
        session.estimates[name] = e
        if estimates.active_name(session) == name:
            session.e = e


def for_each(session, cmd, words) -> None:
    """``estimates for namelist [, noheader nostop]: command``: run the command with each
    result set active in turn; the active results are put back afterwards."""
    from mlmcli.runner import current_runner
    from mlmcli.syntax.options import read_options
    from mlmcli.textscan import find_top

    text = cmd.args.strip()
    colon = find_top(text, ":")
    if colon < 0:
        raise invalid_syntax()
    head, command = text[:colon].split(None, 1), text[colon + 1:].strip()
    head_names, _, head_opts = (head[1] if len(head) > 1 else "").partition(",")
    opts = resolve_options(read_options(head_opts), [OptionSpec("noheader", 5), OptionSpec("nostop", 6)])
    names = head_names.split()
    if not names:
        raise StataError("name-list expected", 198)
    if not command:
        raise invalid_syntax()
    names = estimates.est_expand(session, names)  # "." needs e(cmd)
    runner = current_runner(session)
    if runner is None:
        from mlmcli.runner import Runner
        runner = Runner(session)
    if names in (["."], [estimates.active_name(session)]):  # estimates.ado's For: the active results alone,
        runner.execute(command)                             # the command run as typed, no header
        return
    saved = session.e
    try:
        for name in names:
            session.e = saved if name == "." else estimates.lookup(session, name)  # ".": the results held
            if not opts.get("noheader"):
                session.print("")
                session.print("-" * session.linesize)
                title = session.e.macros.get("estimates_title", "")  # estimates.ado's Header
                session.print("active results" if name == "." else f"Model {name}" + (f" ({title})" if title else ""))
                session.print("-" * session.linesize)
            try:
                runner.execute(command)
            except StataError:
                if not opts.get("nostop"):
                    raise
    finally:
        session.e = saved


