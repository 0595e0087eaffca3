"""``sts [graph|list|generate|test]``: the Kaplan-Meier survivor function of stset data
(``mlmcli.survival.kaplan_meier``); this module dispatches the subcommands and holds what they
share: the st sample, the frequency weights of stset and the by() groups with their labels.

``sts`` alone (or followed by if/in/options) is ``sts graph``, as in Stata."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

# subcommand -> (minimal abbreviation, target "module:function"); sts.ado's words
SUBCOMMANDS = {"graph": (2, "sts_graph:cmd_sts_graph"), "list": (1, "sts_list:cmd_sts_list"),
               "generate": (3, "sts_generate:cmd_sts_generate"), "test": (1, "sts_test:cmd_sts_test")}


def unsupported(spec) -> StataError:
    """mlm's refusal of an sts option (an OptionSpec) Stata has and mlm does not implement."""
    return StataError(f"option {spec.name}{'()' if spec.takes_arg and not spec.arg_optional else ''} "
                      "not supported by mlmcli", 198)


def refused_spec(name: str, refused):
    """The OptionSpec of ``refused`` that option ``name`` abbreviates, or None."""
    return next((s for s in refused if s.matches(name)), None)


def refuse_unimplemented(options, refused) -> None:
    """Stop at the first of ``options`` that is one of ``refused`` (``unsupported``'s r(198))."""
    for opt in options:
        spec = refused_spec(opt.name, refused)
        if spec is not None:
            raise unsupported(spec)


def cmd_sts(session, cmd) -> None:
    import importlib
    from dataclasses import replace

    from mlmcli.syntax.abbreviation import abbreviates

    word, _, rest = cmd.args.strip().partition(" ")
    target = "sts_graph:cmd_sts_graph"
    if word:
        for name, (minimum, where) in SUBCOMMANDS.items():
            if abbreviates(word, name, minimum):
                target = where
                break
        else:
            raise StataError(f"unknown subcommand {word}", 198) if not word.startswith(",") else StataError(
                "invalid syntax", 198)
    else:
        rest = ""
    module, function = target.split(":")
    handler = getattr(importlib.import_module(f"mlmcli.commands.survival.{module}"), function)
    handler(session, replace(cmd, args=rest.strip()))


def show_st(session, opts, description) -> None:
    """st_show: the st settings' lines unless ``noshow`` is typed or stset's own noshow
    (``_dta[st_show]``) is set."""
    from mlmcli.render.survival import render_st_show

    if not opts.get("noshow") and not session.data.chars.get("st_show"):
        session.print(render_st_show(description))


def st_weights(session, description) -> np.ndarray | None:
    """stset's frequency weights (None without weights); pweights and iweights are refused."""
    text = description.weight
    if not text:
        return None
    kind, _, var = text.strip("[]").partition("=")
    if kind.strip() != "fweight":
        raise StataError(f"sts with {kind.strip()}s not supported by mlmcli", 198)
    return session.data.numeric(var.strip())


def st_sample(session, cmd, by_vars=()) -> np.ndarray:
    """_st == 1, if/in, and no missing by() value."""
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.sample import mark_sample

    require_st(session.data)
    rows = np.asarray(mark_sample(session, cmd, list(by_vars), strok=True), bool)
    rows &= session.data.numeric("_st") == 1
    if not rows.any():
        raise StataError("no observations", 2000)
    return rows


def by_variables(session, text) -> list[str]:
    from mlmcli.syntax.varlist import counted_varlist

    if not text:
        return []
    return counted_varlist(session.data, text, 1, None)


def groups(session, by_vars: list[str], rows: np.ndarray) -> list[tuple[str, str, np.ndarray]]:
    """(legend label "g = low", list heading "low ", rows) for each by() group in sort order;
    one untitled group without by()."""
    from mlmcli.graphs.plotdata import value_text

    if not by_vars:
        return [("", "", rows)]
    data = session.data
    columns = [data.df[v].to_numpy() for v in by_vars]
    keys = sorted({tuple(c[i] for c in columns) for i in np.flatnonzero(rows)})
    out = []
    for key in keys:
        mask = rows.copy()
        for column, value in zip(columns, key):
            mask &= column == value
        texts = [value if isinstance(value, str) else value_text(data, v, float(value))
                 for v, value in zip(by_vars, key)]
        heading = "".join(list_heading_part(data, v, value) + " " for v, value in zip(by_vars, key))
        out.append((", ".join(f"{v} = {t}" for v, t in zip(by_vars, texts)), heading, mask))
    return out


def list_heading_part(data, name: str, value) -> str:
    """sts.ado's GetVal/sts_sh for one by() variable of sts list's group heading: a string's
    value, a labelled number's label, an unlabelled number as ``name=value`` (string()'s
    %9.0g); trimmed and cut to 20 characters (the ``name=`` prefix not counted)."""
    from mlmcli.render.numfmt import format_number

    if isinstance(value, str):
        return value.strip()[:20]
    if name in data.value_label_of:
        label = data.value_label_text(name, float(value))
        if label is None and float(value).is_integer():
            label = data.value_label_text(name, int(value))
        return (label if label is not None else format_number(float(value), "%9.0g")).strip()[:20]
    return f"{name}=" + format_number(float(value), "%9.0g").strip()[:20]


def st_columns(session, rows: np.ndarray):
    """(_t0, _t, _d) on ``rows``."""
    data = session.data
    return data.numeric("_t0")[rows], data.numeric("_t")[rows], data.numeric("_d")[rows]


def estimate(session, rows, weights, level: float = 95.0):
    from mlmcli.survival.kaplan_meier import kaplan_meier

    t0, t, d = st_columns(session, rows)
    return kaplan_meier(t0, t, d, None if weights is None else weights[rows], level)


def at_times(text: str):
    """Procat: one whole number >= 1 asks for that many times (Reat's grid: ("grid", #)); else
    the numlist, sorted."""
    from mlmcli.syntax.numlist import numlist

    values = sorted(float(v) for v in numlist(text))
    if len(values) == 1:
        if values[0] != int(values[0]) or values[0] < 1:
            raise StataError(f"at({text.strip()}) invalid", 198)
        return ("grid", int(values[0]))
    return values


def group_key(session, by_vars, mask) -> tuple:
    """The group's by() values (as stored)."""
    if not by_vars:
        return ()
    first = int(np.flatnonzero(mask)[0])
    return tuple(session.data.df[v].to_numpy()[first] for v in by_vars)


def compare_texts(session, by_vars, key) -> list[str]:
    """GetVal: a group's value label (or value) of each by() variable, trimmed."""
    from mlmcli.graphs.plotdata import value_text

    return [(value if isinstance(value, str) else value_text(session.data, v, float(value))).strip()
            for v, value in zip(by_vars, key)]
