"""svyset's replication options ([SVY] svyset; svyset.ado's ParseGlobals, JKnifeVChars,
sdrChars and _svy_check_vce.ado):

    vce(linearized|brr|jackknife|sdr) mse brrweight(varlist) fay(#)
    jkrweight(varlist [, stratum(#...) fpc(#...) multiplier(#...) reset])
    sdrweight(varlist [, fpc(#)]) dof(#)

jkrweight()'s stratum(), fpc() and multiplier() live in the replicate-weight variables'
characteristics ``jk_stratum``, ``jk_fpc`` and ``jk_multiplier`` (written only when one of
them or ``reset`` is typed; a different value already there is r(459) without ``reset``).
vce(bootstrap), bsrweight() and bsn() are refused: mlm does not compute the survey bootstrap."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

REPLICATE_OPTIONS = [OptionSpec("mse"), OptionSpec("brrweight", 3, takes_arg=True), OptionSpec("fay", takes_arg=True),
                     OptionSpec("jkrweight", 3, takes_arg=True), OptionSpec("sdrweight", 3, takes_arg=True),
                     OptionSpec("dof", takes_arg=True)]
_VCE_WORDS = (("linearized", 3), ("robust", 1), ("jackknife", 4), ("jacknife", 4), ("jknife", 2), ("brr", 3),
              ("bstrap", 2), ("bootstrap", 4), ("sdr", 3))


def vce_type(text: str) -> str:
    """_svy_check_vce's unabVCEtype: the vcetype typed -> linearized, jackknife, brr, bootstrap, sdr."""
    word = text.strip()
    if not word or len(word.split()) != 1 or not word.replace("_", "a").isalnum():
        raise StataError("invalid vcetype", 198)
    w = word.lower()
    for full, minimum in _VCE_WORDS:
        if len(w) >= minimum and full.startswith(w) and word == w:
            return {"robust": "linearized", "jacknife": "jackknife", "jknife": "jackknife",
                    "bstrap": "bootstrap"}.get(full, full)
    raise StataError(f"option vce({word}) invalid", 198)


def bounded_number(text: str, name: str, low: float, high: float | None = None, low_open: bool = False) -> float:
    words = str(text).split()
    try:
        value = float(words[0]) if len(words) == 1 else None
    except ValueError:
        value = None
    if value is None:
        raise StataError(f"option {name}() invalid", 198)
    if value < low or (low_open and value == low) or (high is not None and value > high):
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    return value


def _numeric_varlist(ds, text: str, name: str) -> tuple[str, ...]:
    if not str(text).strip():
        raise StataError(f"option {name}() incorrectly specified", 198)
    names = ds.expand_varlist(str(text))
    for v in names:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;", 109)
    return tuple(names)


def parse_replicate_options(ds, opts: dict) -> tuple[dict, dict]:
    """(the SurveySettings fields, the variable characteristics to write) of the options typed."""
    fields: dict = {}
    chars: dict = {}
    vce_text = opts.get("vce")
    if vce_text is not None:
        body, inner, _ = split_options(str(vce_text))
        mse = resolve_options(inner, [OptionSpec("mse")]) if inner else {}
        fields["vce"] = vce_type(body)
        if mse.get("mse"):
            fields["mse"] = True
    if opts.get("mse"):
        if vce_text is None:
            raise StataError("invalid vcetype", 198)
        fields["mse"] = True
    if fields.get("mse") and fields["vce"] == "linearized":
        raise StataError("option mse is not allowed with vce(linearized)", 198)
    if fields.get("vce") == "bootstrap":
        raise StataError("svyset vce(bootstrap) is not supported by mlmcli (it computes the linearized, BRR, "
                         "jackknife and SDR variances)", 198)
    if opts.get("brrweight"):
        fields["brrweight"] = _numeric_varlist(ds, opts["brrweight"], "brrweight")
    if opts.get("fay") is not None:
        fay = bounded_number(opts["fay"], "fay", 0.0, 2.0)
        if fay == 1:
            raise StataError("option fay(1) is not allowed", 198)
        fields["fay"] = fay
    if opts.get("dof") is not None:
        fields["dof"] = bounded_number(opts["dof"], "dof", 0.0, low_open=True)
    if opts.get("jkrweight"):
        fields["jkrweight"], chars = _jackknife_weights(ds, str(opts["jkrweight"]))
    if opts.get("sdrweight"):
        body, inner, _ = split_options(str(opts["sdrweight"]))
        fpc = resolve_options(inner, [OptionSpec("fpc", 3, takes_arg=True)]) if inner else {}
        fields["sdrweight"] = _numeric_varlist(ds, body, "sdrweight")
        if fpc.get("fpc") is not None:
            fields["sdrfpc"] = bounded_number(fpc["fpc"], "fpc", 0.0)
    return fields, chars


def _jackknife_weights(ds, text: str) -> tuple[tuple[str, ...], dict]:
    """JKnifeVChars: the varlist and the jk_* characteristics stratum(), fpc(), multiplier() set."""
    body, inner, _ = split_options(text)
    sub = resolve_options(inner, [OptionSpec("stratum", 3, takes_arg=True), OptionSpec("fpc", takes_arg=True),
                                  OptionSpec("multiplier", 4, takes_arg=True), OptionSpec("reset")]) if inner else {}
    names = _numeric_varlist(ds, body, "jkrweight")
    lists = {}
    for key, check in (("stratum", lambda v: float(v).is_integer()), ("fpc", lambda v: v >= 0),
                       ("multiplier", lambda v: v > 0)):
        words = str(sub.get(key) or "").split()
        try:
            values = [float(w) for w in words]
        except ValueError:
            raise StataError("option jkrweight() incorrectly specified", 198) from None
        if not all(check(v) for v in values):
            raise StataError("option jkrweight() incorrectly specified", 198)
        if len(values) > 1 and len(values) != len(names):
            raise StataError("option jkrweight() incorrectly specified", 103 if len(values) < len(names) else 102)
        lists[key] = words
    chars: dict = {}
    if any(lists.values()) or sub.get("reset"):
        for i, var in enumerate(names):
            for key, words in lists.items():
                value = (words[i] if len(words) > 1 else words[0]) if words else ""
                old = str(ds.chars.get(f"{var}[jk_{key}]", ""))
                if not sub.get("reset") and old not in ("", value):
                    raise StataError(f"characteristic {var}[jk_{key}] already exists and is different from the "
                                     f"value supplied to option {key}()", 459)
                chars[f"{var}[jk_{key}]"] = value
    return names, chars
