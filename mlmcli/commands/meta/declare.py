"""``meta set``, ``meta esize``, ``meta update``, ``meta query`` and ``meta clear`` ([META] meta
set, meta esize, meta update): declare the data as meta data, computing the standard errors from
confidence limits (meta set es cil ciu) or the effect sizes from summary data (meta esize), and
show the settings."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.meta import settings as store
from mlmcli.commands.meta.model_options import MODEL_SPECS, model_and_method
from mlmcli.errors import StataError
from mlmcli.meta.effect_sizes import BINARY, CONTINUOUS, LABELS
from mlmcli.results.meta import MetaSettings
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_COMMON = [OptionSpec("studylabel", 6, True), OptionSpec("studysize", 6, True), OptionSpec("eslabel", 7, True),
           OptionSpec("level", 1, True), OptionSpec("nometashow", 10), OptionSpec("metashow", 8), *MODEL_SPECS]
_SET = _COMMON + [OptionSpec("civarlevel", 10, True), OptionSpec("civartolerance", 14, True)]
_ESIZE = _COMMON + [OptionSpec("esize", 5, True), OptionSpec("zerocells", 9, True)]


def _varlist(session, text: str) -> list[str]:
    return session.data.expand_varlist(text) if text.strip() else []


def _variable(session, text, option: str) -> str:
    names = _varlist(session, str(text))
    if len(names) != 1:
        raise StataError(f"option {option}() invalid", 198)
    return names[0]


def _numeric(session, name: str) -> np.ndarray:
    if session.data.is_string(name):
        raise StataError(f"variable {name} is a string variable", 109)  # meta set: numeric variables
    return session.data.numeric(name)


def _mask(session, cmd) -> np.ndarray:
    from mlmcli.sample import mark_sample

    return mark_sample(session, cmd)


def print_settings(session, s: MetaSettings) -> None:
    from mlmcli.render.meta import render_settings

    session.print("\n" + render_settings(s))


def _declare(session, s: MetaSettings, es, se, mask, size=None, show: bool = True) -> None:
    ds = session.data
    es = np.where(mask, es, np.nan)
    se = np.where(mask, se, np.nan)
    K = int(np.sum(~np.isnan(es) & ~np.isnan(se)))
    if K == 0:
        raise StataError("no observations", 2000)
    labels = store.study_labels(ds, s.studylabel, ds.nobs)
    s = MetaSettings(**{**s.__dict__, "K": K})
    store.write_system_variables(ds, es, se, s.level, labels, size)
    store.save(ds, s)
    if show:
        print_settings(session, s)


def meta_set(session, cmd, words: list[str]) -> None:
    opts = resolve_options(cmd.options, _SET)
    names = _varlist(session, " ".join(words))
    if len(names) not in (2, 3):
        raise StataError("too few variables specified" if len(names) < 2 else "too many variables specified",
                         102 if len(names) < 2 else 103)
    model = model_and_method(opts) or ("random", "reml")
    level = confidence_level(opts, getattr(session, "level", 95.0))
    mask = _mask(session, cmd)
    es = _numeric(session, names[0])
    if len(names) == 2:
        if "civarlevel" in opts or "civartolerance" in opts:
            raise StataError(f"option {'civarlevel' if 'civarlevel' in opts else 'civartolerance'}() "
                             "allowed only with confidence intervals", 198)
        se = _numeric(session, names[1]).copy()
        if np.any(se[mask & ~np.isnan(se)] <= 0):
            raise StataError(f"variable {names[1]} must be positive", 411)
        datatype, sevar, cil, ciu = "generic", names[1], "", ""
        civarlevel = 95.0
    else:
        from mlmcli.distributions import norm
        civarlevel = confidence_level({"level": opts["civarlevel"]} if "civarlevel" in opts else {}, 95.0)
        tol = float(opts.get("civartolerance", 1e-6))
        lo, hi = _numeric(session, names[1]), _numeric(session, names[2])
        use = mask & ~np.isnan(es) & ~np.isnan(lo) & ~np.isnan(hi)
        if np.any(lo[use] >= hi[use]):
            raise StataError(f"variable {names[1]} must be less than variable {names[2]}", 459)
        upper, lower = hi - es, es - lo
        reldif = np.abs(upper - lower) / (np.abs(lower) + 1)
        if np.any(reldif[use] > tol):
            raise StataError(f"CI limits in {names[1]} and {names[2]} are not symmetric about the effect sizes "
                             f"in {names[0]};\nspecify civartolerance() to relax the symmetry check", 459)
        se = (hi - lo) / (2 * float(norm.isf((100 - civarlevel) / 200)))
        datatype, sevar, cil, ciu = "generic_ci", "_meta_se", names[1], names[2]
    studylabel = _variable(session, opts["studylabel"], "studylabel") if "studylabel" in opts else ""
    studysize = _variable(session, opts["studysize"], "studysize") if "studysize" in opts else ""
    s = MetaSettings(datatype=datatype, estype="generic", eslabel=opts.get("eslabel", "Effect Size").strip('" '),
                     esvar=names[0], sevar=sevar, model=model[0], method=model[1], level=level,
                     studylabel=studylabel, studysize=studysize, cil=cil, ciu=ciu, civarlevel=civarlevel,
                     declared_with="set", variables=tuple(names), typed_options=_typed(cmd))
    size = _numeric(session, studysize) if studysize else None
    _declare(session, s, es, se, mask, size, show="nometashow" not in opts)


def _esize_kind(text, binary: bool) -> tuple[str, dict]:
    from mlmcli.syntax.abbreviation import abbreviates
    from mlmcli.syntax.options import split_options

    if text is None:
        return ("lnoratio" if binary else "hedgesg"), {}
    head, subs, _ = split_options(str(text))
    word = head.strip().lower()
    choices = ((("lnoratio", 5), ("lnrratio", 5), ("rdiff", 2), ("lnorpeto", 7)) if binary else
               (("hedgesg", 6), ("cohend", 5), ("glassdelta", 5), ("mdiff", 2)))
    kind = next((n for n, m in choices if abbreviates(word, n, m)), None)
    if kind is None:
        raise StataError(f"option esize() invalid;\neffect size {head.strip()} not allowed", 198)
    allowed = {"hedgesg": ("exact", "holkinse"), "cohend": ("holkinse",), "glassdelta": ("treatment",),
               "mdiff": ("unequal",)}.get(kind, ())
    sub = {}
    for o in subs:
        name = o.name
        if name not in allowed or o.arg is not None:
            raise StataError(f"option esize() invalid;\nsuboption {o.name} not allowed", 198)
        sub[name] = "1"
    return kind, sub


def _zerocells(text) -> tuple[float, str, str]:
    """zerocells(#[, only0 | allif0]) -> (value, which, the setting's text)."""
    if text is None:
        return 0.5, "only0", "0.5, only0"
    from mlmcli.syntax.options import split_options

    head, subs, _ = split_options(str(text))
    if head.strip().lower() == "tacc":
        raise StataError("option zerocells(tacc) is not implemented in mlm", 198)
    try:
        value = float(head)
    except ValueError:
        raise StataError("option zerocells() invalid", 198) from None
    which = "only0"
    for o in subs:
        if o.name not in ("only0", "allif0"):
            raise StataError("option zerocells() invalid", 198)
        which = o.name
    return value, which, f"{value:g}, {which}"


def meta_esize(session, cmd, words: list[str]) -> None:
    from mlmcli.meta.effect_sizes import binary, continuous

    opts = resolve_options(cmd.options, _ESIZE)
    names = _varlist(session, " ".join(words))
    if len(names) not in (4, 6):
        raise StataError("invalid number of variables: specify 4 (binary) or 6 (continuous) variables", 198)
    is_binary = len(names) == 4
    kind, sub = _esize_kind(opts.get("esize"), is_binary)
    cols = [_numeric(session, v) for v in names]
    mask = _mask(session, cmd)
    use = mask & np.all([~np.isnan(c) for c in cols], axis=0)
    options: list[tuple[str, str]] = sorted(sub.items())
    if is_binary:
        if kind == "lnorpeto" and "zerocells" in opts:
            raise StataError("option zerocells() not allowed with esize(lnorpeto)", 198)
        value, which, text = _zerocells(opts.get("zerocells"))
        if kind == "rdiff" and "zerocells" not in opts:
            value, text = 0.0, "None"
        if any(np.any(c[use] < 0) for c in cols):
            raise StataError("cell counts must be nonnegative", 459)
        es, se, zero = binary(kind, *cols, zero_value=value, zero_which=which)
        if kind != "lnorpeto" and np.any(zero & use):
            options.append(("zerocells", text))  # shown only when a study has a zero cell
        size = cols[0] + cols[1] + cols[2] + cols[3]
    else:
        if "zerocells" in opts:
            raise StataError("option zerocells() allowed only with binary data", 198)
        n1, m1, s1, n2, m2, s2 = cols
        if np.any(n1[use] <= 1) or np.any(n2[use] <= 1):
            raise StataError("sample sizes must be greater than 1", 459)
        es, se = continuous(kind, n1, m1, s1, n2, m2, s2, exact="exact" in sub, holkinse="holkinse" in sub,
                            unequal="unequal" in sub,
                            glass_group="treatment" if "treatment" in sub else "control")
        size = n1 + n2
    typed = model_and_method(opts, binary=is_binary)
    model = typed or ("random", "reml")
    if typed and typed[0] != "random" and typed[1] == "mhaenszel" and kind not in ("lnoratio", "lnrratio", "rdiff"):
        raise StataError("method mhaenszel allowed only with binary data", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    studylabel = _variable(session, opts["studylabel"], "studylabel") if "studylabel" in opts else ""
    if "studysize" in opts:
        raise StataError("option studysize() not allowed with meta esize; the study size is computed", 198)
    s = MetaSettings(datatype="binary" if is_binary else "continuous", estype=kind,
                     eslabel=opts.get("eslabel", LABELS[kind]).strip('" '), esvar="_meta_es", sevar="_meta_se",
                     model=model[0], method=model[1], level=level, studylabel=studylabel,
                     studysize="_meta_studysize", summary_vars=tuple(names), esize_options=tuple(options),
                     declared_with="esize", variables=tuple(names), typed_options=_typed(cmd))
    _declare(session, s, np.where(use, es, np.nan), np.where(use, se, np.nan), mask, size,
             show="nometashow" not in opts)


def _typed(cmd) -> tuple:
    """The declaration's options as typed, but the ones that only show things."""
    return tuple((o.name, o.arg) for o in cmd.options if o.name not in ("nometashow", "metashow"))


# the options an update replaces: a typed model option replaces any earlier one
_REPLACES = {"random": ("random", "common", "fixed"), "common": ("random", "common", "fixed"),
             "fixed": ("random", "common", "fixed")}


def meta_update(session, cmd, words: list[str]) -> None:
    """``meta update [, options]``: the declaring command (meta set or meta esize) run again on its
    variables with its options updated by the typed ones, shown as Stata shows it (``-> meta esize
    ..., options``)."""
    import dataclasses

    from mlmcli.ast import Option
    from mlmcli.syntax.abbreviation import abbreviates

    if words or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    s = store.load(session.data)
    if not s.declared_with:
        raise StataError("meta update: the declaration's command is not known; declare the data again", 459)
    specs = _ESIZE if s.declared_with == "esize" else _SET
    resolve_options(cmd.options, specs)  # unknown options: Stata's message before anything changes

    def canonical(name: str) -> str:
        return next((sp.name for sp in specs if sp.matches(name)), name)

    new = [(o.name, o.arg) for o in cmd.options if canonical(o.name) not in ("nometashow", "metashow")]
    replaced = set()
    for name, _ in new:
        replaced |= set(_REPLACES.get(canonical(name), (canonical(name),)))
    kept = [(n, a) for n, a in s.typed_options if canonical(n) not in replaced]
    merged = new + kept
    text = " ".join(n if a is None else f"{n}({a})" for n, a in merged)
    show = not any(abbreviates(o.name, "nometashow", 10) for o in cmd.options)
    if show:
        session.print(f"-> meta {s.declared_with} {' '.join(s.variables)} , {text}".rstrip(" ,"))
    # run quietly: the settings show once, under their own title
    inner = dataclasses.replace(cmd, options=tuple(Option(n, a) for n, a in merged) + (Option("nometashow"),))
    (meta_esize if s.declared_with == "esize" else meta_set)(session, inner, list(s.variables))
    if show:
        session.print("\n" + _settings_text(store.load(session.data), f"Meta-analysis setting information from "
                                                                      f"meta {s.declared_with}"))


def _settings_text(s: MetaSettings, title: str) -> str:
    from mlmcli.render.meta import render_settings

    return render_settings(s, title)


def meta_query(session, cmd, words: list[str]) -> None:
    """``meta query``: the declaring command, then the settings "from meta set|esize"."""
    if words or cmd.options:
        raise StataError("invalid syntax", 198)
    if not store.declared(session.data):
        session.print("(data not meta set; use meta set or meta esize to declare as meta data)")
        return
    s = store.load(session.data)
    if s.declared_with:
        text = " ".join(n if a is None else f"{n}({a})" for n, a in s.typed_options)
        session.print(f"-> meta {s.declared_with} {' '.join(s.variables)}" + (f" , {text}" if text else ""))
    session.print("\n" + _settings_text(s, f"Meta-analysis setting information from meta "
                                            f"{s.declared_with or ('esize' if s.summary_vars else 'set')}"))


def meta_clear(session, cmd, words: list[str]) -> None:
    if words or cmd.options:
        raise StataError("invalid syntax", 198)
    store.clear(session.data)
