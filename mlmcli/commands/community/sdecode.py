"""``sdecode varname [if] [in], {generate(newvar) | replace} [options]`` (Roger Newson's
community command, SSC ``sdecode``): decode a numeric variable to a string variable, its value
labels where it has them and formatted values elsewhere.  Written from sdecode.ado (20
September 2013; read, not copied):

    maxlength(#) format(%fmt | strvar) labonly missing ftrim xmlsub prefix(str) suffix(str)

As the ado-file does: labelled values (within if/in) become their labels (``decode``); unless
``labonly``, the other selected values become ``substr(string(x, format), 1, maxlength)``
(format() a format or a string variable of formats; default the variable's own display
format), missing values an empty string unless ``missing``; ``ftrim`` trims the formatted
values, ``xmlsub`` writes &, < and > as XML entities, ``prefix()``/``suffix()`` are added to
the selected observations; the result is compressed.  ``replace`` puts the string variable in
place of the numeric one, in its position, keeping its characteristics.  Without a value
label the new variable takes the old one's variable label.  Errors as the ado-file's:
``generate()`` with ``replace`` or neither (r(198)), an existing generate() name (r(110)), a
maxlength() outside 1..c(maxstrvarlen) (r(198)).  ``esub()`` (exponent rewriting) is refused
(r(198)); r() and e() are untouched.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"sdecode": "sdecode varname [if] [in], {generate(newvar) | replace} [maxlength(#) format() labonly "
                   "missing ftrim xmlsub prefix() suffix()]"}

OPTIONS = [OptionSpec("generate", 1, True), OptionSpec("replace", None), OptionSpec("maxlength", 4, True),
           OptionSpec("format", 4, True), OptionSpec("labonly", 4), OptionSpec("missing", 1),
           OptionSpec("ftrim", 3), OptionSpec("xmlsub", 3), OptionSpec("esub", 2, True),
           OptionSpec("prefix", 2, True), OptionSpec("suffix", 2, True)]

_TEMP = "__sdecode_out"
_FLAG = "__sdecode_tofmt"


def _text(opts, name: str) -> str:
    value = opts.get(name)
    return value if isinstance(value, str) else ""


def _unquoted(text: str) -> str:
    text = text.strip()
    if text.startswith('`"') and text.endswith("\"'"):
        return text[2:-2]
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1]
    return text


def cmd_sdecode(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("varlist required" if not names else "too many variables specified",
                         100 if not names else 103)
    var = names[0]
    if ds.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    generate = _text(opts, "generate").strip()
    if opts.get("replace") and generate:
        raise StataError("options generate() and replace are mutually exclusive", 198)
    if not opts.get("replace") and not generate:
        raise StataError("must specify either generate() or replace option", 198)
    if generate and generate in ds.varnames:
        raise StataError(f"variable {generate} already defined", 110)
    if "esub" in opts:
        raise StataError("sdecode: option esub() not available in mlm", 198)
    maxmax = 2045
    maxlength = maxmax
    if _text(opts, "maxlength").strip():
        try:
            maxlength = int(_text(opts, "maxlength").strip())
        except ValueError:
            raise StataError("option maxl() incorrectly specified", 198) from None
        if not 1 <= maxlength <= maxmax:
            raise StataError(f"maxlength() must be between 1 and {maxmax} in this form of Stata", 198)
    fmt = _text(opts, "format").strip() or ds.format_of(var)
    runner = current_runner(session) or Runner(session)
    before = ds.copy()
    try:
        _decode(session, runner, cmd, var, fmt, maxlength, opts)
        _finish(session, var, generate, bool(opts.get("replace")))
    except BaseException:
        session.data = before
        raise


def _decode(session, runner, cmd, var, fmt, maxlength, opts) -> None:
    ds = session.data
    from mlmcli.commands.data.common import mark

    touse = "__sdecode_touse"
    ds.set_variable(touse, mark(session, cmd).astype(float), "byte")  # marksample, novarlist
    qualifier = f"if {touse}"
    if ds.value_label_of.get(var):
        runner.execute(f"quietly decode {var} {qualifier}, generate({_TEMP}) maxlength({maxlength})")
    else:
        runner.execute(f'quietly generate str1 {_TEMP} = ""')
        label = ds.var_labels.get(var, "")
        if label:
            session.data.var_labels[_TEMP] = label
    if not opts.get("labonly"):
        runner.execute(f"quietly generate byte {_FLAG} = {touse} & missing({_TEMP})")
        as_format = fmt if fmt in session.data.varnames and session.data.is_string(fmt) else f'"{fmt}"'
        runner.execute(f"quietly replace {_TEMP} = substr(string({var}, {as_format}), 1, {maxlength}) if {_FLAG}")
        if not opts.get("missing"):
            runner.execute(f'quietly replace {_TEMP} = "" if {_FLAG} & missing({var})')
        if opts.get("ftrim"):
            runner.execute(f"quietly replace {_TEMP} = trim({_TEMP}) if {_FLAG}")
        if opts.get("xmlsub"):
            for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
                runner.execute(f'quietly replace {_TEMP} = subinstr({_TEMP}, "{old}", "{new}", .) if {touse}')
        session.data.drop_variables([_FLAG])
    runner.execute(f"quietly compress {_TEMP}")
    for side in ("prefix", "suffix"):
        text = _unquoted(_text(opts, side))
        if text:
            joined = f'`"{text}"\' + {_TEMP}' if side == "prefix" else f'{_TEMP} + `"{text}"\''
            runner.execute(f"quietly replace {_TEMP} = {joined} if {touse}")
    session.data.drop_variables([touse])


def _finish(session, var: str, generate: str, replace: bool) -> None:
    ds = session.data
    if not replace:
        ds.rename_variable(_TEMP, generate)
        return
    position = ds.varnames.index(var)
    chars = {k: v for k, v in ds.chars.items() if k.startswith(var + "[")}
    values, vtype = ds.column(_TEMP), ds.types[_TEMP]
    label = ds.var_labels.get(_TEMP)
    ds.drop_variables([_TEMP, var])
    ds.set_variable(var, values, vtype, position=position)
    if label:
        ds.var_labels[var] = label
    ds.chars.update(chars)  # char rename: the characteristics stay with the name
