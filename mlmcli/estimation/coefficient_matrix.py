"""r(table): the 9 x k matrix an estimation command's coefficient table leaves in r().

Stata 12+ (``_coef_table``; [R] regress, [R] logit "Stored results"; [P] ereturn display)
stores r(table) whenever an estimation command shows its coefficient table -- when it is
fitted (also under ``quietly``), replayed, ``estimates replay``ed, ``ereturn display``ed or
``ml display``ed.  Rows ``b se z|t pvalue ll ul df crit eform``; columns named as e(b)
(``eq:name``, ``1b.f``, ``o.x``).  ``_coef_table`` computes it from e(b), e(V) and e(df_r)
(not from the printed text), and so does this module: one function for every command,
whatever its result object, so the matrix and the printed table cannot drift apart per
command.  ``t`` and ``df`` = e(df_r) when the command posts one, else ``z`` and df missing;
``crit`` the critical value of the level's interval.  Under or/irr/hr/rrr/eform the
exponentiated equations hold exp(b), exp(b) * se (the delta method, as the table's
``Std. Err.``) and exp(ll), exp(ul), with ``eform`` = 1.  A base or omitted column (``b.`` /
``o.`` in its name) holds b = 0 (1 under eform) and missing se, z, pvalue, ll, ul; a
column fixed by constraints (zero variance) holds its b, se 0 and missing z, pvalue, ll, ul.

Which commands' tables are shown, at what level and in which metric is read from the
command as typed (``table_display``), in the runner's one hook after each estimation
command (``post_after_command``) and by ``estimates replay``, ``ereturn display`` and
``ml display`` (``post_coefficient_table``).  mixed and the me commands: r(table) holds
every column of e(b), the random-effects parameters in e(b)'s own (estimation) metric, as
Stata 13's table is built on e(b); their displayed variances/sd are not in it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from mlmcli.textscan import find_top, split_top

ROW_NAMES_T = ("b", "se", "t", "pvalue", "ll", "ul", "df", "crit", "eform")
ROW_NAMES_Z = ("b", "se", "z", "pvalue", "ll", "ul", "df", "crit", "eform")

# the options that show exponentiated coefficients ([R] estimation options: eform_option)
_EFORM_WORDS = ("or", "irr", "hr", "rrr", "eform", "tr", "shr", "exp")
# commands whose table is exponentiated unless told otherwise
_EFORM_BY_DEFAULT = {"logistic": None, "stcox": "nohr", "stcrreg": "noshr"}
# commands whose every equation is exponentiated by eform (outcome equations)
_ALL_EQUATIONS = frozenset({"mlogit", "mprobit"})
# prefixes whose options are followed by the command they run (after a colon)
_PREFIXES = frozenset({"bootstrap", "jackknife", "svy", "stepwise", "mfp"})
# command modules that fit or replay no coefficient table
_NO_TABLE_MODULES = frozenset({"anova", "manova", "xi", "fp_plot", "fracgen", "fracpred", "fp_predict",
                               "survey_tabulate", "ml",
                               "nestreg"})  # r-class: its r(wald)/r(lr) are all it returns


@dataclass(frozen=True)
class TableDisplay:
    """How a command as typed shows its table: at which level, exponentiated or not, at all."""

    level: float
    eform: bool
    shown: bool = True


def _omitted_name(name: str) -> bool:
    """``1b.rep78``, ``o.x``, ``2o.f#1b.g``: a base or omitted column (Stata's b./o. operators)."""
    bare = name.split(":", 1)[-1]
    for part in bare.split("#"):
        if "." in part:
            letters = "".join(ch for ch in part.split(".", 1)[0].lower() if ch.isalpha()).replace("bn", "")
            if "b" in letters or "o" in letters:
                return True
    return False


def _equation(name: str) -> str:
    return name.split(":", 1)[0] if ":" in name else ""


def _shown_rows(value, depth: int = 0):
    """The coefficient rows (objects with ``name`` and ``p``) a result object holds, at any of
    its fields, lists, dicts and (equation, rows) pairs a few levels down."""
    if depth > 3 or value is None or isinstance(value, (str, bytes, int, float)):
        return
    if hasattr(value, "name") and hasattr(value, "p") and hasattr(value, "stat"):
        yield value
        return
    if isinstance(value, dict):
        value = tuple(value.values())
    elif hasattr(value, "__dataclass_fields__"):
        value = tuple(getattr(value, f, None) for f in value.__dataclass_fields__)
    if isinstance(value, (tuple, list)):
        for item in value:
            yield from _shown_rows(item, depth + 1)


def untested_equations(result) -> frozenset[str]:
    """Ancillary parameters the table shows without z and P (``/cut1`` of Stata 13's ologit,
    ``/lnalpha`` ...): their e(b) equation names; r(table)'s z and pvalue are missing there."""
    out = set()
    for row in _shown_rows(result):
        name = str(getattr(row, "name", ""))
        if name.startswith("/") and len(name) > 1:
            try:
                if math.isnan(float(row.p)) and math.isnan(float(row.stat)) and not math.isnan(float(row.se)):
                    out.add(name[1:])
            except (TypeError, ValueError):
                continue
    return frozenset(out)


def coefficient_table(b_matrix, V_matrix, df_r: float | None, level: float, *,
                      eform: bool = False, all_equations: bool = False,
                      untested: frozenset[str] = frozenset(), variance_scale: bool = False,
                      column_df=None):
    """r(table) of e(b), e(V): ``eform`` exponentiates the first equation (every equation with
    ``all_equations``), as the table shows it; ``untested``: equations shown without z and P;
    ``variance_scale`` (the me commands' ``var(...)`` columns, variances in e(b)): their
    interval on the log scale, exp(ln b -+ crit se / b), and no z or P, as the table shows;
    ``column_df``: each column's t degrees of freedom (mixed's dfmethod(): e(df); missing: z)."""
    from mlmcli.distributions import norm, t
    from mlmcli.results.matrix import Matrix

    names = tuple(b_matrix.colnames)
    b = np.asarray(b_matrix.values, dtype=float).reshape(-1)
    k = len(b)
    V = None if V_matrix is None else np.asarray(V_matrix.values, dtype=float)
    Vd = np.diag(V).copy() if V is not None and V.shape == (k, k) else np.full(k, np.nan)  # no V: se missing
    se = np.sqrt(np.where(Vd >= 0, Vd, np.nan))
    df_ok = _has_df(df_r)
    prob = 0.5 + level / 200.0
    if column_df is not None:  # per coefficient (dfmethod()): t where a column has its df
        df = np.asarray(column_df, dtype=float).reshape(-1)
        has = np.isfinite(df) & (df > 0)
        safe = np.where(has, df, 1.0)
        crit = np.where(has, t.ppf(prob, safe), norm.ppf(prob))
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = b / se
            p = 2 * np.where(has, t.sf(np.abs(stat), safe), norm.sf(np.abs(stat)))
        df_ok, df_r = True, np.where(has, df, np.nan)
    else:
        crit = float(t.ppf(prob, df_r)) if df_ok else float(norm.ppf(prob))
        with np.errstate(divide="ignore", invalid="ignore"):
            stat = b / se
            p = 2 * (t.sf(np.abs(stat), df_r) if df_ok else norm.sf(np.abs(stat)))
    lo, hi = b - crit * se, b + crit * se
    variances = np.array([variance_scale and _equation(n).startswith("var(") for n in names], dtype=bool)
    if variances.any():
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a variance at 0: ul missing
            half = crit * se / b
            lo = np.where(variances, b * np.exp(-half), lo)
            hi = np.where(variances, b * np.exp(half), hi)
    no_test = variances | np.array([_equation(n) in untested for n in names], dtype=bool)
    stat[no_test] = np.nan
    p[no_test] = np.nan
    omitted = np.array([_omitted_name(n) for n in names], dtype=bool)
    fixed = ~omitted & (se == 0)  # constrained: its b is known, nothing to test
    b = np.where(omitted, 0.0, b)
    se = np.where(omitted, np.nan, se)
    for arr in (stat, p, lo, hi):
        arr[omitted | fixed | np.isnan(se)] = np.nan
    eq_first = _equation(names[0]) if names else ""
    exp_cols = np.zeros(k, dtype=bool)
    if eform:
        exp_cols = np.array([all_equations or _equation(n) == eq_first for n in names], dtype=bool)
        with np.errstate(over="ignore"):
            b_exp, lo, hi = np.exp(b), np.where(exp_cols, np.exp(lo), lo), np.where(exp_cols, np.exp(hi), hi)
        se = np.where(exp_cols, b_exp * se, se)
        b = np.where(exp_cols, b_exp, b)
    df = np.broadcast_to(np.asarray(df_r if df_ok else np.nan, dtype=float), (k,))
    values = np.vstack([b, se, stat, p, lo, hi, df, np.broadcast_to(crit, (k,)), exp_cols.astype(float)])
    values[~np.isfinite(values)] = np.nan  # Stata's missing: an overflowed exp() as a bound the table shows "."
    return Matrix(values, ROW_NAMES_T if df_ok else ROW_NAMES_Z, names)


def _has_df(df_r) -> bool:
    """Whether the table's tests are t tests on df_r degrees of freedom (else z)."""
    return df_r is not None and not (isinstance(df_r, float) and math.isnan(df_r)) and df_r > 0


def results_table(e, display: TableDisplay, colnames: tuple[str, ...] | None = None):
    """r(table) of the estimation results ``e`` shown as ``display`` says (its columns named
    ``colnames`` when given), computed when first read (results.matrix.DeferredMatrix) from
    what e() holds now; None when ``e`` has no e(b) (nothing tabulated)."""
    b = e.matrices.get("b")
    if b is None or not len(getattr(b, "colnames", ())):
        return None
    df_r = e.scalars.get("df_r")
    cmd_words = {str(e.cmd).split()[0] if e.cmd else "", e.macros.get("cmd", ""), e.macros.get("cmd2", "")}
    from mlmcli.estimation.results import ME_COMMANDS, QR_COMMANDS

    V, column_df = e.matrices.get("V"), None
    if e.matrices.get("df") is not None and e.macros.get("dfmethod"):  # mixed, dfmethod(): e(V_df), e(df)
        V = e.matrices["V_df"] if e.matrices.get("V_df") is not None else V
        column_df = np.asarray(e.matrices["df"].values, dtype=float).reshape(-1)
    from mlmcli.results.matrix import DeferredMatrix, Matrix

    # copies: a later ereturn/repost must not change a table already posted
    b, V = (None if m is None else Matrix(np.array(m.values, dtype=float), m.rownames, m.colnames) for m in (b, V))
    settings = dict(eform=display.eform, column_df=column_df, all_equations=bool(cmd_words & _ALL_EQUATIONS),
                    untested=untested_equations(e.result),
                    variance_scale=bool(cmd_words & set(ME_COMMANDS + QR_COMMANDS)))
    rows = ROW_NAMES_T if column_df is not None or _has_df(df_r) else ROW_NAMES_Z
    return DeferredMatrix(rownames=rows, colnames=colnames or tuple(b.colnames),
                          compute=lambda: coefficient_table(b, V, df_r, display.level, **settings))


def post_coefficient_table(session, e, display: TableDisplay, *, keep: dict | None = None) -> None:
    """r(table) into r() (with ``keep``, the r() the command itself returned, else r() cleared,
    as the e-class command's _coef_table leaves it)."""
    if e is None:
        return
    if not display.shown:  # notable: no table, so no r(table) (nor an older one left behind)
        session.set_r(dict(keep or {}))
        return
    colnames = None
    if getattr(e, "free_parameters", None) and e.free_parameters() and e.cmd != "tobit":  # Stata 15's stripe: r(table)'s columns are e(b)'s as the user reads them
        # (tobit's table shows Stata 13's /sigma, so its r(table) keeps sigma:_cons)
        colnames = tuple(e.stata_matrix("b").colnames)
    table = results_table(e, display, colnames)
    if table is None:
        return
    session.shown_table = ("estimation", e, display)
    r = dict(keep or {})
    r["table"] = table
    session.set_r(r)


# ----- how the command as typed shows its table -----

_WORD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(\((?:[^()]|\([^()]*\))*\))?")


def raw_option_words(args: str) -> list[tuple[str, str | None]]:
    """The options of a raw command's text (mixed, me*: ``y x || id: z, cov(un) , or``): every
    ``name`` / ``name(arg)`` after the first comma of each ``||`` part, outside parentheses."""
    out: list[tuple[str, str | None]] = []
    for part in split_top(args, "||"):
        comma = find_top(part, ",")
        if comma < 0:
            continue
        for m in _WORD.finditer(part[comma + 1:]):
            out.append((m.group(1), m.group(2)[1:-1] if m.group(2) else None))
    return out


def _matches(word: str, full: str, minimum: int) -> bool:
    return len(word) >= minimum and full.startswith(word)


def table_display(session, command: str, options: list[tuple[str, str | None]], e=None) -> TableDisplay:
    """Level, eform and whether the table is shown, from the options typed (level(#) or
    c(level); or/irr/hr/rrr/eform/tr/eform(str); logistic, stcox, stcrreg and streg's
    hazard metric exponentiated unless nohr/coef; notable: no table)."""
    level = float(getattr(session, "level", 95.0) or 95.0)
    eform = False
    shown = True
    words = list(options)  # names as typed: LEVEL(90) is not level(90)
    for name, arg in words:
        if _matches(name, "level", 1) and arg is not None:
            try:
                level = float(arg.strip())
            except ValueError:
                pass
        elif name in _EFORM_WORDS and (arg is None or name == "eform"):
            eform = True
        elif name == "notable":
            shown = False
    names = {n for n, _ in words}
    default_off = _EFORM_BY_DEFAULT.get(command, False)
    if default_off is not False and not (default_off and default_off in names) and "coef" not in names:
        eform = True
    if command == "streg" and e is not None and e.macros.get("frm2") == "hazard" and "nohr" not in names:
        eform = True
    return TableDisplay(level, eform, shown)


def command_options(cmd, raw: bool) -> list[tuple[str, str | None]]:
    """The options of ``cmd`` as (name, arg) pairs, for a raw command read from its text."""
    if raw:
        return raw_option_words(cmd.args or "")
    return [(o.name, o.arg) for o in cmd.options]


def _prefixed_command(prefix: str, inner: str) -> tuple[str, list[tuple[str, str | None]]]:
    """The command a prefix runs (as typed: logistic, stcox and stcrreg have no shorter
    abbreviation) and the options of both (the prefix's first)."""
    words = inner.split(None, 1)
    command = words[0].strip(",") if words else ""
    rest = words[1] if len(words) > 1 else ""
    return command, raw_option_words(prefix) + raw_option_words(rest)


def _replays(cmd, raw: bool) -> bool:
    """The command typed without a model (``regress``, ``mixed, level(90)``): a replay."""
    text = (cmd.args or "").strip()
    if raw:
        comma = find_top(text, ",")
        text = text[:comma].strip() if comma >= 0 else text
    return not text


def post_after_command(session, spec, cmd, module_name: str, e_before, r_before) -> None:
    """The runner's hook after an estimation command ran: a fit (new e()) or a replay of the
    active results shows the table, so r(table) is posted; r() the command returned itself
    is kept beside it."""
    if not module_name.startswith("mlmcli.commands.estimation."):
        return
    if module_name.rsplit(".", 1)[-1] in _NO_TABLE_MODULES:
        return
    e = session.e
    if e is None or e.result is None:
        return
    if e is e_before and not _replays(cmd, spec.raw):
        return
    command, options = spec.name, command_options(cmd, spec.raw)
    colon = find_top(cmd.args or "", ":") if spec.name in _PREFIXES else -1
    if colon >= 0:  # bootstrap, reps(9): logit y x, or -- the prefix's level(), the command's metric
        command, options = _prefixed_command(cmd.args[:colon], cmd.args[colon + 1:])
    display = table_display(session, command, options, e)
    keep = session.r if session.r is not r_before else None
    post_coefficient_table(session, e, display, keep=keep)
    shown = getattr(session, "shown_table", None)
    if shown is not None and shown[1] is e:  # the options it was shown with (mixed, stddeviations)
        session.shown_table = shown[:3] + (tuple(options),)
